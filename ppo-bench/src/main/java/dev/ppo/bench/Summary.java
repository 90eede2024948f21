package dev.ppo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Prints one line per benchmark of a JMH JSON result file: an env's steps/s, or a train step's µs and GFLOP/s. */
public final class Summary {

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        for (JsonNode r : results) {
            JsonNode metric = r.get("primaryMetric");
            JsonNode params = r.path("params");
            if (params.has("env")) {
                System.out.printf("%-34s %,10.0f steps/s (± %,.0f)%n", params.path("env").asText(),
                        metric.get("score").asDouble(), metric.get("scoreError").asDouble());
            } else {
                double us = metric.get("score").asDouble();
                String shape = params.path("shape").asText();
                System.out.printf("%-10s %-24s %8.1f µs per train step (± %.1f), %5.1f GFLOP/s%n",
                        params.path("backend").asText(), shape, us, metric.get("scoreError").asDouble(),
                        TrainStepBenchmark.flops(shape) / us / 1e3);
            }
        }
        System.out.println("-> " + args[0]);
    }
}
