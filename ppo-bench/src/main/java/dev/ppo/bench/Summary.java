package dev.ppo.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** Prints one "env: N steps/s (± error)" line per benchmark of a JMH JSON result file. */
public final class Summary {

    private Summary() {
    }

    public static void main(String[] args) throws IOException {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        for (JsonNode r : results) {
            JsonNode metric = r.get("primaryMetric");
            System.out.printf("%-34s %,10.0f steps/s (± %,.0f)%n", r.path("params").path("env").asText(),
                    metric.get("score").asDouble(), metric.get("scoreError").asDouble());
        }
        System.out.println("-> " + args[0]);
    }
}
