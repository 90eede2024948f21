package dev.ppo.envs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Loads Gymnasium golden files for the env tests of every env module: first the copy in the
 * module's {@code src/test/resources/gymnasium/}, else the shared fixture folder
 * {@code ../shared/fixtures/gymnasium} next to the repository root. If neither is there the calling
 * test is skipped.
 *
 * <p>Published in ppo-envs-support's test-jar so that every env module's tests read their files the
 * same way; the checks on what a file holds stay in each env's own test.
 */
public final class GoldenFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenFiles() {
    }

    /** Every line of a JSON Lines golden file. */
    public static List<JsonNode> lines(String name) {
        try (InputStream in = open(name);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
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

    /** A whole JSON golden file. */
    public static JsonNode json(String name) {
        try (InputStream in = open(name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON array of numbers as doubles. */
    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    /** A JSON array of numbers as float32 values (the files widen float32 exactly to float64). */
    public static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).doubleValue();
        }
        return out;
    }

    private static InputStream open(String name) throws IOException {
        // An absolute name searches the whole test class path, so the calling module's own
        // resources are found although this class comes from ppo-envs-support's test-jar there.
        InputStream resource = GoldenFiles.class.getResourceAsStream("/gymnasium/" + name);
        if (resource != null) {
            return resource;
        }
        Path shared = sharedDir();
        Assumptions.assumeTrue(shared != null && Files.isRegularFile(shared.resolve(name)),
                "Gymnasium golden file " + name + " is neither in src/test/resources/gymnasium nor in "
                        + "../shared/fixtures/gymnasium next to the repository root; skipping");
        return Files.newInputStream(shared.resolve(name));
    }

    /** {@code <repo root>/../shared/fixtures/gymnasium}, searched upwards from the working directory. */
    private static Path sharedDir() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/gymnasium");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
