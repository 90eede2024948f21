package dev.ppo.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.runner.Evaluation;
import dev.ppo.runner.error.PpoException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ppo eval RUN_DIR --episodes N [--json]}: mean ± std return of a trained policy
 * (deterministic by default); {@code ppo eval --random --env NAME}: of uniform random actions.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a trained policy (deterministic by default) or a random one.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    AgentOptions agent;

    @Option(names = "--episodes", description = "episodes to run (default: eval.episodes)")
    Integer episodes;

    @Option(names = "--seed", description = "episode k is reset with seed + k (default: eval.seed; 0 with --random)")
    Long seed;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (episodes != null && episodes < 1) {
            throw new PpoException("--episodes must be at least 1, got " + episodes);
        }
        long s = seed != null ? seed : agent.random ? 0 : -1;
        try (AgentOptions.Agent a = agent.open(common.pluginDirs, s)) {
            var config = a.config();
            int n = episodes != null ? episodes
                    : new dev.ppo.api.plugin.Settings("eval", config.getConfig("eval")).intAtLeast("episodes", 1);
            long first = s >= 0 ? s : config.getLong("eval.seed");
            Evaluation result = Evaluation.run(a.actor(), a.env(), n, first, null);
            boolean deterministic = agent.deterministic(config);
            String mode = agent.random ? "random" : deterministic ? "deterministic" : "stochastic";
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("env", config.getString("env.name"));
                out.put("policy", mode);
                out.put("episodes", result.episodes());
                out.put("mean", result.mean());
                out.put("std", result.std());
                out.put("deterministic", deterministic);
                out.put("deterministic_action", config.getString("eval.deterministic_action"));
                out.put("returns", result.returns());
                out.put("lengths", result.lengths());
                System.out.println(new ObjectMapper().writeValueAsString(out));
            } else {
                System.out.printf("%s: %.2f ± %.2f over %d episodes (%s)%n", config.getString("env.name"),
                        result.mean(), result.std(), result.episodes(), mode);
            }
        }
        return 0;
    }
}
