package dev.ppo.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Starts the ppo CLI in JVMs of their own (learners, workers, plain runs), on this test's class path
 * and with the Vector API as bin/ppo has it, so every JVM computes the same bits. Every process is
 * bounded by a timeout and killed at the end of the test.
 */
final class Jvms implements AutoCloseable {

    private final Path dir;
    private final List<Process> started = new ArrayList<>();

    Jvms(Path dir) {
        this.dir = dir;
    }

    /** Runs {@code ppo args...} in a new JVM, its output into {@code dir/name.log}. */
    Process start(String name, String... args) throws IOException {
        return startMain(name, "dev.ppo.runner.cli.Main", args);
    }

    /** Runs {@code mainClass} (of this test's class path) in a new JVM. */
    Process startMain(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", classPath(), mainClass));
        command.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        started.add(p);
        return p;
    }

    String log(String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    static int exit(Process p, int seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("a ppo JVM did not finish within " + seconds + " s");
        }
        return p.exitValue();
    }

    static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The rows of a scalars.jsonl without what depends on the clock or on where envs stepped. */
    static List<Map<String, Object>> scalarsWithoutTiming(Path file) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> row = json.readValue(line, Map.class);
            row.keySet().removeIf(k -> k.startsWith("time") || k.equals("sps") || k.equals("workers")
                    || k.equals("slots_moved"));
            rows.add(row);
        }
        return rows;
    }

    static List<String> episodesWithoutTiming(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.replaceAll(",\"time_s\":[0-9.eE+-]+", ""))
                .collect(Collectors.toList());
    }

    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
    }

    @Override
    public void close() {
        started.forEach(Process::destroyForcibly);
    }
}
