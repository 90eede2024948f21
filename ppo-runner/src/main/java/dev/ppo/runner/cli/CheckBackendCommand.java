package dev.ppo.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ppo.runner.conformance.BackendConformance;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppo check-backend FIXTURE [--backend NAME] [--json]}: runs a backend's train step on a
 * reference recorded from CleanRL (or checks GAE on a GAE fixture) and reports the largest
 * differences. Exit 0 exactly when every difference is within tolerance, 1 when one is not.
 */
@Command(name = "check-backend", mixinStandardHelpOptions = true,
        description = "Check a backend's train step (or GAE) against a reference recorded from CleanRL.")
final class CheckBackendCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FIXTURE", description = "train-steps or GAE file in the shared/fixtures/cleanrl format")
    Path fixture;

    @Option(names = "--backend", defaultValue = "tensorflow", description = "backend plugin to check (default tensorflow)")
    String backend;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        Map<String, Object> report = BackendConformance.check(fixture, backend, common.pluginDirs);
        System.out.println(json ? new ObjectMapper().writeValueAsString(report) : BackendConformance.summary(report));
        return Boolean.TRUE.equals(report.get("pass")) ? 0 : 1;
    }
}
