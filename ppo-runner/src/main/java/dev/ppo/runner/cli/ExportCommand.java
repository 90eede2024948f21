package dev.ppo.runner.cli;

import dev.ppo.runner.Policy;
import dev.ppo.runner.Ppo;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppo export RUN_DIR --format saved-model --out DIR}: the deterministic policy as a TensorFlow
 * SavedModel that Python, TF Serving or any TensorFlow runtime loads (see docs/export.md).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a trained policy (with its observation normalization) as a TensorFlow SavedModel.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "run directory (its latest checkpoint), checkpoint or saved policy")
    Path source;

    @Option(names = "--format", defaultValue = "saved-model", description = "export format (default and only one: saved-model)")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "new or empty output directory")
    Path out;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        try (Policy policy = Ppo.loadPolicy(source, common.pluginDirs)) {
            policy.export(format, out);
        }
        System.out.println("exported " + source + " as a " + format + " to " + out + " (signature serving_default:"
                + " observations -> actions, value; see " + out.resolve("ppo-export.json") + ")");
        return 0;
    }
}
