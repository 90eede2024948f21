package dev.ppo.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.runner.Evaluation;
import dev.ppo.runner.Policy;
import dev.ppo.runner.Ppo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ppo eval RUN_DIR --episodes N [--json]}: mean ± std return of the trained policy. */
@Command(name = "eval", description = "Evaluate a trained policy (deterministic by default).")
final class EvalCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", description = "run directory, checkpoint or saved policy")
    Path dir;

    @Option(names = "--episodes", description = "episodes to run (default: eval.episodes)")
    Integer episodes;

    @Option(names = "--seed", description = "episode k is reset with seed + k (default: eval.seed)")
    Long seed;

    @Option(names = "--stochastic", description = "sample actions instead of taking the mode")
    boolean stochastic;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        try (Policy policy = Ppo.loadPolicy(dir, common.pluginDirs)) {
            var config = policy.config();
            int n = episodes != null ? episodes : config.getInt("eval.episodes");
            long s = seed != null ? seed : config.getLong("eval.seed");
            boolean deterministic = !stochastic && config.getBoolean("eval.deterministic");
            Evaluation result = policy.evaluate(n, s, deterministic);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("env", config.getString("env.name"));
                out.put("episodes", result.episodes());
                out.put("mean", result.mean());
                out.put("std", result.std());
                out.put("deterministic", deterministic);
                out.put("returns", result.returns());
                out.put("lengths", result.lengths());
                System.out.println(new ObjectMapper().writeValueAsString(out));
            } else {
                System.out.printf("%s: %.2f ± %.2f over %d episodes (%s)%n", config.getString("env.name"),
                        result.mean(), result.std(), result.episodes(), deterministic ? "deterministic" : "stochastic");
            }
        }
        return 0;
    }
}
