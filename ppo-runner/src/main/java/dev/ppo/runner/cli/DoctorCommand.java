package dev.ppo.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import dev.ppo.runner.wiring.PluginCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ppo doctor [--json]}: what this machine gives a run. The JVM and its Vector API (SIMD
 * acting), then the selected backend's own report ({@code BackendProvider.diagnose}: for
 * TensorFlow the native build, the devices, the CUDA and cuDNN libraries), and for each missing
 * piece the fix.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Report the backend's native build, devices and libraries, and how to fix what is missing.")
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Mixin
    OverrideOptions set;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Config config = ConfigLoader.load(null, set.overrides);
        PluginRegistry registry = PluginRegistry.load(Ppo.pluginDirs(config, common.pluginDirs));
        PluginRegistry.Selected<BackendProvider> backend = registry.select(PluginType.BACKEND, config);

        Map<String, Object> report = new LinkedHashMap<>();
        List<String> fixes = new ArrayList<>();
        Map<String, Object> jvm = new LinkedHashMap<>();
        jvm.put("version", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        jvm.put("cores", Runtime.getRuntime().availableProcessors());
        jvm.put("max_heap_mib", Runtime.getRuntime().maxMemory() >> 20);
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        jvm.put("vector_api", vector);
        if (!vector) {
            fixes.add("the Vector API is off, so acting in Java uses scalar loops: start the JVM with "
                    + "--add-modules jdk.incubator.vector (bin/ppo does)");
        }
        report.put("jvm", jvm);
        report.put("backend", backend.plugin().name());
        Map<String, Object> diagnosis = new LinkedHashMap<>(PluginCall.call("backend plugin " + backend.plugin().name(),
                "diagnose()", () -> backend.plugin().diagnose(backend.settings())));
        Object backendFixes = diagnosis.remove("fixes");
        report.putAll(diagnosis);
        if (backendFixes instanceof List<?> list) {
            list.forEach(f -> fixes.add(String.valueOf(f)));
        }
        report.put("fixes", fixes);

        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(report));
        } else {
            ObjectMapper yamlish = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            for (Map.Entry<String, Object> e : report.entrySet()) {
                if (!e.getKey().equals("fixes")) {
                    System.out.println(e.getKey() + ": " + yamlish.writeValueAsString(e.getValue()));
                }
            }
            System.out.println(fixes.isEmpty() ? "nothing to fix" : "to fix:");
            fixes.forEach(f -> System.out.println("  - " + f));
        }
        return 0;
    }
}
