package dev.ppo.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import dev.ppo.api.env.Conformance;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.conformance.FixtureReplay;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppo check-env FIXTURE.jsonl [--json]}: replays a Gymnasium recording against the Java env
 * of that id (a built-in or a {@code --plugins} one) and reports how closely it follows. Exit 0 when
 * it matches within the env's own tolerances (or those given), 1 when it does not.
 */
@Command(name = "check-env", mixinStandardHelpOptions = true, description = "Replay a recorded Gymnasium trajectory against the Java env of that id.")
final class CheckEnvCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FIXTURE", description = "recording in the shared/fixtures/gymnasium format")
    Path fixture;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--obs-tol", description = "largest observation difference allowed (default: the env's own)")
    Double observationTolerance;

    @Option(names = "--reward-tol", description = "largest reward difference allowed (default: the env's own)")
    Double rewardTolerance;

    @Option(names = "--steps", description = "leading steps that must match; 0 = all (default: the env's own)")
    Integer steps;

    @Option(names = "--pixel-tol", description = "largest channel-mean difference for pixel observations")
    Double pixelTolerance;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        FixtureReplay recording = FixtureReplay.read(fixture);
        List<String> overrides = new ArrayList<>(recording.envOverrides());
        overrides.add("env.name=\"" + recording.envId() + "\"");
        Config config = ConfigLoader.load(null, overrides);
        PluginRegistry.Selected<EnvProvider> selected = PluginRegistry.load(common.pluginDirs)
                .select(PluginType.ENV, config);
        Conformance own = selected.plugin().conformance();
        Conformance tolerances = new Conformance(
                observationTolerance != null ? observationTolerance : own.observationTolerance(),
                rewardTolerance != null ? rewardTolerance : own.rewardTolerance(),
                steps != null ? steps : own.steps(),
                pixelTolerance != null ? pixelTolerance : own.pixelMeanTolerance());
        FixtureReplay.Report report;
        try (Env env = selected.plugin().create(selected.settings())) {
            report = recording.replay(env, tolerances);
        }
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(report.toMap()));
        } else {
            System.out.printf("%s (%s, seed %d): %d/%d steps compared, %d within tolerance; max |obs| error %.3g,"
                            + " max |reward| error %.3g, first flag mismatch: %s -> %s%n", report.fixture(),
                    report.envId(), report.seed(), report.stepsCompared(), report.stepsRecorded(),
                    report.stepsWithinTolerance(), report.maxObservationError(), report.maxRewardError(),
                    report.firstFlagMismatch() == null ? "none" : "step " + report.firstFlagMismatch(),
                    report.passed() ? "PASS" : "FAIL");
        }
        return report.passed() ? 0 : 1;
    }
}
