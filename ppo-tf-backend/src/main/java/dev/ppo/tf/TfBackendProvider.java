package dev.ppo.tf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.plugin.Settings;
import java.util.List;
import org.tensorflow.TensorFlow;

/**
 * The {@code tensorflow} backend: graph-mode TensorFlow Java 1.1.0 (TF 2.18).
 *
 * <p>Settings ({@code backend { ... }}):
 * <ul>
 *   <li>{@code device = cpu | gpu} — {@code gpu} pins the whole model to {@code /GPU:0}. If
 *       TensorFlow cannot run an op there (CPU-only native jar, missing CUDA 12 / cuDNN 9
 *       libraries, no visible GPU) {@link #create} <b>fails</b> with an
 *       {@link dev.ppo.api.plugin.InvalidSettingException} saying why; it never silently falls
 *       back to the CPU, so a run that asked for a GPU is never quietly ten times slower.</li>
 *   <li>{@code intra_op_threads} (default 1) — threads inside one op; 0 lets TensorFlow choose.</li>
 *   <li>{@code inter_op_threads} (default −1) — −1 runs every op in the calling thread, 0 lets
 *       TensorFlow choose, n uses a pool of n threads. For the small PPO networks call overhead
 *       dominates, and −1 halves it (act call, batch 4, 64-64 MLPs: 45 µs against 88 µs with a
 *       pool of 1). Thread pools belong to the backend's session, not to the process.</li>
 *   <li>{@code log_device_placement} — TensorFlow logs the device chosen for every op.</li>
 *   <li>{@code java_forward} (default true) — act (one forward pass per env step) in plain Java
 *       from weights mirrored after each update, instead of a {@code Session.run}: for the small
 *       networks PPO uses, the call overhead is most of an act call's cost, and the Java pass gives
 *       the same bits on every CPU (TensorFlow's kernels choose their code path by instruction set,
 *       so a deterministic {@code eval} through the graph differs from machine to machine). MLPs and
 *       convolutional networks alike. Training always runs in TensorFlow. Set false to act in the
 *       graph (e.g. on a GPU with large networks).</li>
 * </ul>
 */
public final class TfBackendProvider implements BackendProvider {

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public TfBackendProvider() {
    }

    @Override
    public String name() {
        return "tensorflow";
    }

    @Override
    public String description() {
        return "TensorFlow Java (graph mode, CPU or GPU): MLP or convolutional actor-critic, Adam with fed learning rates";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString(String.join("\n",
                "device = cpu",
                "intra_op_threads = 1",
                "inter_op_threads = -1",
                "log_device_placement = false",
                "java_forward = true"));
    }

    @Override
    public Backend create(Settings settings, ModelSpec spec) {
        TfOptions options = options(settings);
        if (options.gpu()) {
            TfDevices.gpuUnavailableReason(options).ifPresent(reason -> {
                throw settings.invalid("device", "gpu", "TensorFlow " + TensorFlow.version()
                        + " cannot run on /GPU:0 (" + reason + "). A GPU needs the CUDA native jar"
                        + " (build with -Pgpu) and the CUDA 12 and cuDNN 9 libraries; or set device = cpu");
            });
        }
        return new TfBackend(spec, options);
    }

    @Override
    public java.util.Map<String, Object> diagnose(Settings settings) {
        return TfDoctor.diagnose(options(settings));
    }

    /** Reads and checks the settings block. */
    static TfOptions options(Settings settings) {
        String device = settings.oneOf("device", List.of("cpu", "gpu"));
        int intra = settings.intAtLeast("intra_op_threads", 0);
        int inter = settings.intAtLeast("inter_op_threads", -1);
        boolean log = settings.getBoolean("log_device_placement");
        return new TfOptions(device.equals("gpu"), intra, inter, log, settings.getBoolean("java_forward"));
    }
}
