package dev.ppo.envs.box2d.carracing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Loads the Gymnasium golden files copied into {@code src/test/resources/gymnasium/}. */
final class GoldenFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenFiles() {
    }

    /** Every line of a JSON Lines golden file. */
    static List<JsonNode> lines(String name) {
        InputStream in = GoldenFiles.class.getResourceAsStream("/gymnasium/" + name);
        if (in == null) {
            throw new IllegalStateException("missing test resource /gymnasium/" + name);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line));
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of numbers as doubles. */
    static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }
}
