package dev.ppo.tf;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.tensorflow.TensorFlow;

/**
 * {@code ppo doctor} for TensorFlow: which native build is loaded (the CPU or the CUDA jar), the
 * devices a graph can be placed on, and for the GPU build the CUDA 12 / cuDNN 9 libraries that
 * TensorFlow 2.18 (TensorFlow Java 1.1) loads from the system, each found or missing with the fix.
 */
final class TfDoctor {

    /** The shared libraries TF 2.18's GPU build opens (sonames), CUDA 12 and cuDNN 9. */
    static final List<String> CUDA_LIBRARIES = List.of("libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12",
            "libcufft.so.11", "libcusparse.so.12", "libcusolver.so.11", "libcudnn.so.9", "libnvJitLink.so.12");

    private TfDoctor() {
    }

    static Map<String, Object> diagnose(TfOptions options) {
        Map<String, Object> report = new LinkedHashMap<>();
        List<String> fixes = new ArrayList<>();
        boolean gpuBuild = nativeJars().stream().anyMatch(j -> j.endsWith("-gpu.jar"));
        Map<String, Object> tf = new LinkedHashMap<>();
        tf.put("version", TensorFlow.version());
        tf.put("java_api", "TensorFlow Java 1.1.0");
        tf.put("build", gpuBuild ? "gpu" : "cpu");
        tf.put("native_jars", nativeJars());
        tf.put("intra_op_threads", options.intraOpThreads());
        tf.put("inter_op_threads", options.interOpThreads());
        report.put("tensorflow", tf);

        List<String> devices = new ArrayList<>(List.of("/device:CPU:0"));
        Optional<String> gpuProblem = TfDevices.gpuUnavailableReason(options);
        if (gpuProblem.isEmpty()) {
            devices.add("/device:GPU:0");
        }
        report.put("devices", devices);

        Map<String, Object> cuda = new LinkedHashMap<>();
        Map<String, String> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String library : CUDA_LIBRARIES) {
            Optional<String> where = locate(library);
            where.ifPresentOrElse(w -> found.put(library, w), () -> missing.add(library));
        }
        cuda.put("needed", "CUDA 12 and cuDNN 9 (TensorFlow " + TensorFlow.version() + ")");
        cuda.put("found", found);
        cuda.put("missing", missing);
        report.put("cuda", cuda);

        if (!gpuBuild) {
            fixes.add("the CPU native library is loaded: for a GPU, build with PPO_MVN_ARGS=-Pgpu bin/ppo ... "
                    + "(the tensorflow-core-native linux-x86_64-gpu jar) and set backend.device = gpu");
        } else if (gpuProblem.isPresent()) {
            fixes.add("TensorFlow sees no GPU: " + gpuProblem.get());
        }
        if (!missing.isEmpty()) {
            fixes.add("missing " + String.join(", ", missing) + ": install the CUDA 12 runtime and cuDNN 9 "
                    + "(e.g. the NVIDIA packages cuda-libraries-12-x and libcudnn9-cuda-12, or pip's "
                    + "nvidia-*-cu12 wheels) and put their lib directories on LD_LIBRARY_PATH before "
                    + "starting the JVM; CUDA 13 libraries (libcudart.so.13) are not what TF 2.18 opens");
        }
        report.put("fixes", fixes);
        return report;
    }

    /**
     * The tensorflow-core-native jars the JVM loaded TensorFlow from: the module path's (as bin/ppo
     * runs) or the class path's. The GPU build is the one with the {@code linux-x86_64-gpu} classifier.
     */
    static List<String> nativeJars() {
        List<String> jars = new ArrayList<>();
        ModuleLayer layer = TensorFlow.class.getModule().getLayer();
        if (layer != null) {
            layer.configuration().modules().forEach(m -> m.reference().location().ifPresent(uri -> {
                if (uri.toString().contains("tensorflow-core-native")) {
                    jars.add(uri.toString());
                }
            }));
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (entry.contains("tensorflow-core-native")) {
                jars.add(entry);
            }
        }
        return jars;
    }

    /** Where the dynamic loader would find {@code library}: LD_LIBRARY_PATH, then ldconfig's cache, then CUDA's usual place. */
    static Optional<String> locate(String library) {
        Set<String> dirs = new LinkedHashSet<>();
        String ldPath = System.getenv("LD_LIBRARY_PATH");
        if (ldPath != null) {
            for (String d : ldPath.split(File.pathSeparator)) {
                if (!d.isBlank()) {
                    dirs.add(d);
                }
            }
        }
        for (String d : dirs) {
            if (Files.exists(Path.of(d, library))) {
                return Optional.of(Path.of(d, library).toString());
            }
        }
        Optional<String> cached = ldconfigCache(library);
        if (cached.isPresent()) {
            return cached;
        }
        for (String d : List.of("/usr/local/cuda/lib64", "/usr/local/cuda-12/lib64", "/usr/lib/x86_64-linux-gnu")) {
            if (Files.exists(Path.of(d, library))) {
                return Optional.of(Path.of(d, library).toString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> ldconfigCache(String library) {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(ldconfig))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                p.waitFor(10, TimeUnit.SECONDS);
                for (String line : out.split("\n")) {
                    String t = line.trim();
                    if (t.startsWith(library + " ") && t.contains("=>")) {
                        return Optional.of(t.substring(t.indexOf("=>") + 2).trim());
                    }
                }
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
