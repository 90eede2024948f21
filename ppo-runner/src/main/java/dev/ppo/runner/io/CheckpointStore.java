package dev.ppo.runner.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.PpoException;
import dev.ppo.runner.algo.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checkpoints of a run directory. Each is a complete model directory,
 * {@code checkpoints/iter-000010/} holding {@code variables.bin} (weights and optimizer state),
 * {@code state.json} (step counters, schedule and RNG state, objective state) and
 * {@code config.conf} (the resolved configuration). Writes are atomic: a checkpoint is built in a
 * temporary directory and renamed into place, then {@code checkpoints/latest} is replaced by an
 * atomic rename, so a crash never leaves a half-written checkpoint as the latest one.
 */
public final class CheckpointStore {

    public static final String VARIABLES = "variables.bin";
    public static final String STATE = "state.json";
    public static final String CONFIG = "config.conf";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path checkpoints;
    private final int keep;

    public CheckpointStore(Path runDir, int keep) {
        this.checkpoints = runDir.resolve("checkpoints");
        this.keep = Math.max(1, keep);
    }

    /** A loaded model directory. */
    public record Checkpoint(Path dir, Config config, List<VariableState> variables, TrainingState state) {
    }

    public void save(Config config, List<VariableState> variables, TrainingState state) {
        String name = String.format("iter-%06d", state.iteration());
        Path tmp = checkpoints.resolve("." + name + ".tmp");
        Path target = checkpoints.resolve(name);
        try {
            Files.createDirectories(checkpoints);
            deleteRecursively(tmp);
            writeModelDir(tmp, config, variables, state);
            deleteRecursively(target);
            move(tmp, target);
            Path latestTmp = checkpoints.resolve(".latest.tmp");
            Files.writeString(latestTmp, name + "\n", StandardCharsets.UTF_8);
            move(latestTmp, checkpoints.resolve("latest"));
            prune(name);
        } catch (IOException e) {
            throw new PpoException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes a model directory (used for checkpoints and {@code Policy.save}). */
    public static void writeModelDir(Path dir, Config config, List<VariableState> variables, TrainingState state)
            throws IOException {
        Files.createDirectories(dir);
        VariablesFile.write(dir.resolve(VARIABLES), variables);
        JSON.writeValue(dir.resolve(STATE).toFile(), state);
        Files.writeString(dir.resolve(CONFIG), config.root().render(ConfigRenderOptions.concise().setFormatted(true)
                .setJson(false)), StandardCharsets.UTF_8);
    }

    /**
     * Finds the model directory {@code path} designates: a run directory (its latest checkpoint),
     * a checkpoint or a saved policy.
     */
    public static Checkpoint load(Path path) {
        Path dir = path;
        Path latest = path.resolve("checkpoints").resolve("latest");
        if (Files.isRegularFile(latest)) {
            try {
                dir = path.resolve("checkpoints").resolve(Files.readString(latest).trim());
            } catch (IOException e) {
                throw new PpoException("cannot read " + latest + ": " + e.getMessage(), e);
            }
        }
        if (!Files.isDirectory(path)) {
            throw new PpoException("no such run or model directory: " + path);
        }
        for (String file : List.of(VARIABLES, STATE, CONFIG)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new PpoException(path + " holds no checkpoint: " + dir.resolve(file) + " is missing");
            }
        }
        Config config;
        TrainingState state;
        try {
            config = ConfigFactory.parseFile(dir.resolve(CONFIG).toFile());
            state = JSON.readValue(dir.resolve(STATE).toFile(), TrainingState.class);
        } catch (IOException | RuntimeException e) {
            throw new PpoException("checkpoint " + dir + " is unreadable: " + e.getMessage(), e);
        }
        return new Checkpoint(dir, config, VariablesFile.read(dir.resolve(VARIABLES)), state);
    }

    private void prune(String newest) throws IOException {
        try (Stream<Path> dirs = Files.list(checkpoints)) {
            List<Path> old = dirs.filter(p -> p.getFileName().toString().startsWith("iter-"))
                    .sorted(Comparator.comparing(Path::toString).reversed()).toList();
            for (int i = keep; i < old.size(); i++) {
                if (!old.get(i).getFileName().toString().equals(newest)) {
                    deleteRecursively(old.get(i));
                }
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
