package dev.ppo.tf;

import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** Device names and the check that a GPU is really usable before a graph is pinned to it. */
final class TfDevices {

    /** Where the whole model is placed when {@code device = gpu}. */
    static final DeviceSpec GPU0 = DeviceSpec.newBuilder()
            .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build();

    private TfDevices() {
    }

    /**
     * Runs one op pinned to {@code /GPU:0} with soft placement off, in a session configured like
     * the model's (so this probe does not set process-wide thread pools the model would not use).
     *
     * @return empty when it ran on the GPU, else TensorFlow's reason (no GPU device registered: the
     *         CPU native jar, missing CUDA/cuDNN libraries, no visible device)
     */
    static Optional<String> gpuUnavailableReason(TfOptions options) {
        ConfigProto strict = options.configProto().toBuilder().setAllowSoftPlacement(false).build();
        try (Graph g = new Graph(); Session s = new Session(g, false, strict)) {
            Ops tf = Ops.create(g).withDevice(GPU0);
            Operand<TFloat32> probe = tf.math.add(tf.constant(1f), tf.constant(1f));
            try (Result r = s.runner().fetch(probe).run()) {
                return Optional.empty();
            }
        } catch (RuntimeException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            return Optional.of(msg.lines().findFirst().orElse(msg));
        }
    }
}
