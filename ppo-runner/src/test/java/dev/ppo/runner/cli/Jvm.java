package dev.ppo.runner.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Starting the CLI in a JVM of its own, on the module path as {@code bin/ppo} does, or on the class path. */
final class Jvm {

    private Jvm() {
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This test JVM's whole class path (test classes and test-only jars included). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** The runner's run-time jars from this test's class path, without test-only ones: what bin/ppo puts on the module path. */
    static String runtimeModulePath() {
        List<String> entries = new ArrayList<>();
        for (String entry : testClassPath().split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            boolean testOnly = entry.endsWith("test-classes") || Stream.of("junit", "opentest4j", "apiguardian",
                    "assertj", "byte-buddy", "surefire", "opentelemetry-proto").anyMatch(name::contains);
            if (!testOnly && !entry.isBlank()) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** {@code java -p <runtime module path> -m dev.ppo.runner/...Main args}, as bin/ppo runs it. */
    static List<String> onModulePath(List<String> args) {
        List<String> command = new ArrayList<>(List.of(java(), "-p", runtimeModulePath(), "-m",
                "dev.ppo.runner/dev.ppo.runner.cli.Main"));
        command.addAll(args);
        return command;
    }
}
