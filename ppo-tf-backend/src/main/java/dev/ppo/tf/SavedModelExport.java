package dev.ppo.tf;

import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.PolicyExport;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.space.Box;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Writes the acting policy as a TensorFlow SavedModel (tag {@code serve}) with one signature,
 * {@code serving_default}: input {@code observations} {@code [batch, observationSize]} float32 (raw
 * rows, after the env's wrappers), outputs {@code actions} (int64 {@code [batch]} indices, or float32
 * {@code [batch, d]} Gaussian means, unclipped, or Beta means on the bounds), {@code value} {@code [batch]} and
 * {@code distribution} (logits, means then log-stds, or a Beta policy's α then β).
 *
 * <p>The weights are constants of the graph: TF Java's saver writes only ref variables, while
 * training uses resource variables, so a variables checkpoint would come out empty.
 */
final class SavedModelExport {

    private SavedModelExport() {
    }

    static void write(ModelSpec spec, List<VariableState> weights, PolicyExport export, Path dir) throws IOException {
        Map<String, float[]> values = new HashMap<>();
        for (VariableState v : weights) {
            values.put(v.name(), v.values());
        }
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> observations = tf.withName("observations")
                    .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, spec.observationSize())));
            Operand<TFloat32> x = observations;
            if (export.normalizes()) {
                float clip = (float) export.clip();
                x = tf.clipByValue(tf.math.div(tf.math.sub(x, tf.constant(export.observationMean())),
                        tf.constant(export.observationStd())), tf.constant(-clip), tf.constant(clip));
            }
            ActorCritic net = ActorCritic.build(tf, VariableStore.frozen(tf, values), spec.network(), x,
                    spec.observationShape(), PolicyHead.headSize(spec), PolicyHead.logStdSize(spec),
                    (float) spec.initLogStd(), VariableStore.Group.FIXED, spec.seed());
            PolicyHead head = PolicyHead.create(tf, spec, net);
            Signature signature = Signature.builder()
                    .key(Signature.DEFAULT_KEY)
                    .input("observations", observations)
                    .output("actions", named(tf, "actions", head.mode(net.policyOutput())))
                    .output("value", named(tf, "value", net.value()))
                    .output("distribution", named(tf, "distribution", head.distribution(net.policyOutput())))
                    .build();
            SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(signature, session)).export();
        }
    }

    private static <T extends TType> Operand<T> named(Ops tf, String name, Operand<T> x) {
        return tf.withName(name).identity(x);
    }
}
