package dev.ppo.tf;

import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma &amp; Ba) with learning rates fed on every step, so schedules need no graph rebuild.
 * (tensorflow-framework's Adam bakes the rate into the graph as a constant.)
 *
 * <p>State, all exported with the model: slots {@code <var>/adam_m} and {@code <var>/adam_v} per
 * trained variable, and {@code adam/step}, the number of updates applied (a float scalar), from
 * which β1^t and β2^t are computed in the graph. The update is PyTorch's (and so CleanRL's and
 * SB3's): {@code θ −= lr/(1−β1^t) · m/(√v/√(1−β2^t) + ε)}, ε added to the bias-corrected √v̂. It
 * runs as TensorFlow's fused {@code ApplyAdam}, {@code θ −= lr·√(1−β2^t)/(1−β1^t) · m/(√v + ε')},
 * fed {@code ε' = ε·√(1−β2^t)}, which is the same update. (Plain ApplyAdam with ε' = ε moves a
 * parameter with a small gradient up to 30% less in the first steps; {@code check-backend} caught it.)
 */
final class AdamOptimizer {

    private final Ops tf;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private final List<Variable> variables;
    private final List<Variable> m = new ArrayList<>();
    private final List<Variable> v = new ArrayList<>();
    private final Variable step;

    /** Creates the slots of {@code variables} (zeros) and the step counter in {@code store}. */
    AdamOptimizer(Ops tf, VariableStore store, List<Variable> variables, double beta1, double beta2,
                  double epsilon) {
        this.tf = tf;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
        this.variables = List.copyOf(variables);
        for (Variable var : variables) {
            m.add(store.filled(var.name() + "/adam_m", var.shape(), 0f, Group.OPTIMIZER));
            v.add(store.filled(var.name() + "/adam_v", var.shape(), 0f, Group.OPTIMIZER));
        }
        step = store.filled("adam/step", new long[0], 0f, Group.OPTIMIZER);
    }

    /**
     * The op applying one Adam update to every variable.
     *
     * @param gradients     one per variable, in the constructor's order
     * @param learningRates one per variable (a fed scalar)
     * @param after         ops that must finish before any variable changes (everything that reads
     *                      the variables in the same run: the loss, its gradients, the statistics)
     * @return the op to run; it increments {@code adam/step} after all updates
     */
    Op update(List<Operand<TFloat32>> gradients, List<Operand<TFloat32>> learningRates, List<Op> after) {
        Ops ordered = tf.withControlDependencies(after);
        Operand<TFloat32> t = ordered.math.add(step.value(), tf.constant(1f));
        Operand<TFloat32> beta1Power = ordered.math.pow(tf.constant(beta1), t);
        Operand<TFloat32> beta2Power = ordered.math.pow(tf.constant(beta2), t);
        // ε scaled so that ApplyAdam adds it to √v̂ rather than √v (see the class comment)
        Operand<TFloat32> epsilonHat = ordered.math.mul(tf.constant(epsilon),
                ordered.math.sqrt(ordered.math.sub(tf.constant(1f), beta2Power)));
        List<Op> applies = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            applies.add(ordered.train.resourceApplyAdam(variables.get(i).handle(), m.get(i).handle(),
                    v.get(i).handle(), beta1Power, beta2Power, learningRates.get(i), tf.constant(beta1),
                    tf.constant(beta2), epsilonHat, gradients.get(i)));
        }
        // The step counter moves only after every update has read β^t.
        return tf.withControlDependencies(applies).assignAddVariableOp(step.handle(), tf.constant(1f));
    }
}
