package dev.ppo.tf;

import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The train step as one graph: loss, gradients, global-norm clipping, Adam, and the packed
 * statistics, all run by a single {@code Session.run}.
 *
 * <p>The loss and its diagnostics are {@link PpoLoss}'s single definition, built over graph operands
 * through {@link TfAlgebra}; this class supplies the operands (log-probabilities, entropy and KL
 * from the {@link PolicyHead}, V from the critic) and adds the gradients, clipping and Adam.
 */
final class TrainGraph {

    /** Order of {@link #stats}: every {@link PpoLoss.Term} by ordinal, then the gradient norm. */
    static final int GRAD_NORM = PpoLoss.Term.values().length, STATS = GRAD_NORM + 1;

    final Placeholder<TFloat32> actions;
    final Placeholder<TFloat32> oldLogProbs;
    final Placeholder<TFloat32> oldDistribution;
    final Placeholder<TFloat32> advantages;
    final Placeholder<TFloat32> returns;
    final Placeholder<TFloat32> oldValues;
    final Placeholder<TFloat32> actorLearningRate;
    final Placeholder<TFloat32> criticLearningRate;
    final Placeholder<TFloat32> clipRange;
    /** The objective's parameters, by name. */
    final Map<String, Placeholder<TFloat32>> parameters;
    /** The minimized loss, a scalar. */
    final Operand<TFloat32> loss;
    /** The packed statistics {@code [STATS]}, computed before the update. */
    final Operand<TFloat32> stats;
    /** Runs the update (Adam on every trained variable, then the step counter). */
    final Op update;

    TrainGraph(Ops tf, ModelSpec spec, PolicyHead head, ActorCritic net, VariableStore store) {
        actions = vector(tf, "actions", head.actionSize());
        oldLogProbs = vector(tf, "old_log_probs", 0);
        oldDistribution = vector(tf, "old_distribution", head.distributionWidth());
        advantages = vector(tf, "advantages", 0);
        returns = vector(tf, "returns", 0);
        oldValues = vector(tf, "old_values", 0);
        actorLearningRate = scalar(tf, "actor_lr");
        criticLearningRate = scalar(tf, "critic_lr");
        clipRange = scalar(tf, "clip_range");

        Operand<TFloat32> logProb = head.logProb(net.policyOutput(), actions);
        Operand<TFloat32> kl = head.kl(oldDistribution, net.policyOutput());
        Operand<TFloat32> entropy = head.meanEntropy(net.policyOutput());

        TfAlgebra alg = new TfAlgebra(tf);
        Map<PpoLoss.Term, Operand<TFloat32>> terms = PpoLoss.build(alg, spec.objective(), new PpoLoss.Inputs<>(
                        new PolicyTerms<>(logProb, oldLogProbs, advantages, kl), entropy, net.value(), oldValues, returns,
                        clipRange),
                new PpoLoss.Coefficients(spec.valueCoef(), spec.entropyCoef(), spec.valueClip()));
        Operand<TFloat32> surrogate = terms.get(PpoLoss.Term.POLICY_OBJECTIVE);
        if (surrogate.shape().numDimensions() != 0) {
            throw new IllegalArgumentException("objective " + spec.objective().getClass().getName()
                    + " returned a surrogate of shape " + surrogate.shape() + "; it must be a scalar (use alg.mean)");
        }
        parameters = alg.parameters();
        loss = terms.get(PpoLoss.Term.LOSS);

        List<Variable> trained = store.trainable();
        List<Operand<TFloat32>> grads = gradients(tf, loss, trained);
        Operand<TFloat32> gradNorm = globalNorm(tf, grads);
        if (spec.maxGradNorm() > 0) {
            grads = clipByGlobalNorm(tf, grads, gradNorm, (float) spec.maxGradNorm());
        }

        List<Operand<TFloat32>> packed = new ArrayList<>();
        for (PpoLoss.Term t : PpoLoss.Term.values()) {
            packed.add(terms.get(t));
        }
        packed.add(gradNorm);
        stats = tf.withName("train_stats").stack(packed);

        List<Operand<TFloat32>> rates = new ArrayList<>();
        for (Variable v : trained) {
            rates.add(v.group() == Group.CRITIC ? criticLearningRate : actorLearningRate);
        }
        AdamOptimizer adam = new AdamOptimizer(tf, store, trained, 0.9, 0.999, spec.adamEpsilon());
        // Every read of the variables in this run (loss, gradients, statistics) happens before
        // the first update: the statistics depend on the loss and on all gradients via the norm.
        List<Op> before = new ArrayList<>();
        before.add(stats);
        before.addAll(grads);
        update = adam.update(grads, rates, before);
    }

    private static List<Operand<TFloat32>> gradients(Ops tf, Operand<TFloat32> loss, List<Variable> vars) {
        List<Operand<TFloat32>> xs = vars.stream().map(Variable::value).toList();
        Gradients g = tf.gradients(loss, xs);
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (int i = 0; i < vars.size(); i++) {
            Operand<TFloat32> dy = g.dy(i);
            if (dy == null) {
                throw new IllegalStateException("the loss does not depend on variable " + vars.get(i).name());
            }
            out.add(dy);
        }
        return out;
    }

    /** √(Σ_i Σ g_i²) over every gradient. */
    static Operand<TFloat32> globalNorm(Ops tf, List<Operand<TFloat32>> grads) {
        List<Operand<TFloat32>> squares = new ArrayList<>();
        for (Operand<TFloat32> g : grads) {
            squares.add(tf.sum(tf.math.square(g), allAxes(tf, g)));
        }
        return tf.math.sqrt(tf.math.addN(squares));
    }

    /** g·maxNorm/max(norm, maxNorm): unchanged when the norm is within bounds. */
    static List<Operand<TFloat32>> clipByGlobalNorm(Ops tf, List<Operand<TFloat32>> grads, Operand<TFloat32> norm,
                                                    float maxNorm) {
        Operand<TFloat32> max = tf.constant(maxNorm);
        Operand<TFloat32> scale = tf.math.div(max, tf.math.maximum(norm, max));
        return grads.stream().map(g -> (Operand<TFloat32>) tf.math.mul(g, scale)).toList();
    }

    private static Operand<org.tensorflow.types.TInt32> allAxes(Ops tf, Operand<TFloat32> x) {
        int rank = x.shape().numDimensions();
        if (rank < 0) {
            return tf.range(tf.constant(0), tf.rank(x), tf.constant(1));
        }
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = i;
        }
        return tf.constant(axes);
    }

    /** A float placeholder {@code [batch]} (width 0) or {@code [batch, width]}. */
    private static Placeholder<TFloat32> vector(Ops tf, String name, int width) {
        Shape shape = width == 0 ? Shape.of(-1) : Shape.of(-1, width);
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(shape));
    }

    private static Placeholder<TFloat32> scalar(Ops tf, String name) {
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    }
}
