package dev.ppo.runner.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.algo.TrainingState;
import dev.ppo.runner.error.PpoException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checkpoints of a run directory. Each is a complete model directory,
 * {@code checkpoints/iter-000010/} holding {@code variables.bin} (weights and optimizer state),
 * {@code state.json} (step counters, schedule and RNG state, objective state, env replay),
 * {@code config.conf} (the resolved configuration) and {@code manifest.json} (the SHA-256 of each
 * of those, checked on load). Writes are atomic and durable: a checkpoint is built in a temporary
 * directory, forced to disk and renamed into place, then {@code checkpoints/latest} is replaced
 * the same way, so a crash never leaves a half-written checkpoint as the latest one.
 */
public final class CheckpointStore {

    public static final String VARIABLES = "variables.bin";
    public static final String STATE = "state.json";
    public static final String CONFIG = "config.conf";
    public static final String MANIFEST = "manifest.json";
    private static final List<String> FILES = List.of(VARIABLES, STATE, CONFIG);
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

    /** What {@code manifest.json} holds: each file's SHA-256 in hex. */
    record Manifest(String algorithm, Map<String, String> files) {
    }

    public void save(Config config, List<VariableState> variables, TrainingState state) {
        String name = checkpointName(state.iteration());
        Path tmp = checkpoints.resolve("." + name + ".tmp");
        Path target = checkpoints.resolve(name);
        try {
            Files.createDirectories(checkpoints);
            DurableFiles.deleteRecursively(tmp);
            writeModelDir(tmp, config, variables, state);
            CrashPoint.reach("checkpoint-written:" + name);
            DurableFiles.deleteRecursively(target);
            DurableFiles.move(tmp, target);
            DurableFiles.fsyncDirectory(checkpoints);
            DurableFiles.replace(checkpoints.resolve("latest"),
                    out -> out.write((name + "\n").getBytes(StandardCharsets.UTF_8)));
            prune(name);
        } catch (IOException e) {
            throw new PpoException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** {@code iter-000010}: the name of the checkpoint taken after {@code iteration} iterations. */
    public static String checkpointName(int iteration) {
        return String.format("iter-%06d", iteration);
    }

    /**
     * The text of a {@code config.conf}, the run's and each checkpoint's alike. Comments are kept:
     * {@code train --resume} reads a checkpoint's copy back and renders the run's from it.
     */
    public static String render(Config config) {
        return config.root().render(ConfigRenderOptions.defaults().setOriginComments(false));
    }

    /** Writes a model directory with its manifest, forced to disk (used for checkpoints and {@code Policy.save}). */
    public static void writeModelDir(Path dir, Config config, List<VariableState> variables, TrainingState state)
            throws IOException {
        Files.createDirectories(dir);
        VariablesFile.write(dir.resolve(VARIABLES), variables);
        JSON.writeValue(dir.resolve(STATE).toFile(), state);
        Files.writeString(dir.resolve(CONFIG), render(config), StandardCharsets.UTF_8);
        Map<String, String> digests = new TreeMap<>();
        for (String file : FILES) {
            digests.put(file, sha256(dir.resolve(file)));
        }
        JSON.writeValue(dir.resolve(MANIFEST).toFile(), new Manifest("SHA-256", digests));
        DurableFiles.fsyncTree(dir);
    }

    /**
     * Finds the model directory {@code path} designates: a run directory (its latest checkpoint),
     * a checkpoint or a saved policy.
     */
    public static Checkpoint load(Path path) {
        return load(path, null);
    }

    /**
     * Like {@link #load(Path)}; {@code checkpoint} (e.g. {@code iter-000070}), when not null, picks
     * one of a run directory's checkpoints instead of the latest.
     */
    public static Checkpoint load(Path path, String checkpoint) {
        if (!Files.isDirectory(path)) {
            throw new PpoException("no such run or model directory: " + path);
        }
        Path runCheckpoints = path.resolve("checkpoints");
        Path dir = path;
        if (checkpoint != null) {
            if (!Files.isDirectory(runCheckpoints)) {
                throw new PpoException("--checkpoint needs a run directory; " + path + " has no checkpoints/");
            }
            dir = runCheckpoints.resolve(checkpoint);
            if (!checkpoint.matches("iter-\\d{6}") || !Files.isDirectory(dir)) {
                throw new PpoException("no checkpoint " + checkpoint + " in " + runCheckpoints
                        + "; there are: " + String.join(", ", checkpointNames(runCheckpoints)));
            }
        } else if (Files.isRegularFile(runCheckpoints.resolve("latest"))) {
            try {
                String latest = Files.readString(runCheckpoints.resolve("latest")).trim();
                dir = runCheckpoints.resolve(latest);
                if (!latest.matches("iter-\\d{6}") || !Files.isDirectory(dir)) {
                    throw new PpoException(runCheckpoints.resolve("latest") + " names no checkpoint ('" + latest
                            + "')" + offerPrevious(runCheckpoints, null));
                }
            } catch (IOException e) {
                throw new PpoException("cannot read " + runCheckpoints.resolve("latest") + ": " + e.getMessage(), e);
            }
        }
        try {
            return read(dir, path);
        } catch (PpoException e) {
            if (checkpoint == null && Files.isDirectory(runCheckpoints) && dir.startsWith(runCheckpoints)) {
                throw new PpoException(e.getMessage() + offerPrevious(runCheckpoints, dir.getFileName().toString()), e);
            }
            throw e;
        }
    }

    private static Checkpoint read(Path dir, Path asked) {
        for (String file : FILES) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new PpoException(asked + " holds no checkpoint: " + dir.resolve(file) + " is missing");
            }
        }
        verifyManifest(dir);
        Config config;
        TrainingState state;
        try {
            config = ConfigFactory.parseFile(dir.resolve(CONFIG).toFile());
            state = JSON.readValue(dir.resolve(STATE).toFile(), TrainingState.class);
        } catch (IOException | RuntimeException e) {
            throw new PpoException("checkpoint " + dir + " is unreadable: " + firstLine(e.getMessage()), e);
        }
        if (state == null || state.iteration() < 0 || state.globalStep() < 0) {
            throw new PpoException("checkpoint " + dir + " is unreadable: " + STATE + " holds no valid training state");
        }
        return new Checkpoint(dir, config, VariablesFile.read(dir.resolve(VARIABLES)), state);
    }

    /**
     * Checks each file against the manifest. A model directory written before manifests existed
     * (none there) is accepted with a warning.
     */
    private static void verifyManifest(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.exists(file)) {
            System.err.println("warning: " + dir + " has no " + MANIFEST + " (written by an older version); "
                    + "its files are not verified");
            return;
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(file.toFile(), Manifest.class);
        } catch (IOException | RuntimeException e) {
            throw new PpoException("checkpoint " + dir + " is corrupted: " + MANIFEST + " is unreadable");
        }
        if (manifest == null || manifest.files() == null || !"SHA-256".equals(manifest.algorithm())) {
            throw new PpoException("checkpoint " + dir + " is corrupted: " + MANIFEST + " lists no SHA-256 digests");
        }
        for (String name : FILES) {
            String expected = manifest.files().get(name);
            try {
                if (expected == null || !expected.equals(sha256(dir.resolve(name)))) {
                    throw new PpoException("checkpoint " + dir + " is corrupted: " + name
                            + " does not match its SHA-256 in " + MANIFEST);
                }
            } catch (IOException e) {
                throw new PpoException("cannot read " + dir.resolve(name) + ": " + e.getMessage(), e);
            }
        }
    }

    /** ", the previous checkpoint X is intact: resume from it with --checkpoint X", or "". */
    private static String offerPrevious(Path runCheckpoints, String broken) {
        List<String> names = checkpointNames(runCheckpoints);
        for (int i = names.size() - 1; i >= 0; i--) {
            String name = names.get(i);
            if (name.equals(broken) || (broken != null && name.compareTo(broken) > 0)) {
                continue;
            }
            try {
                read(runCheckpoints.resolve(name), runCheckpoints);
                return "; the previous checkpoint " + name + " is intact: continue from it with "
                        + "'--checkpoint " + name + "'";
            } catch (PpoException e) {
                // try an older one
            }
        }
        return "; no intact checkpoint is left in " + runCheckpoints;
    }

    /** The checkpoint names ({@code iter-000010} ...) in a run's {@code checkpoints/}, oldest first. */
    static List<String> checkpointNames(Path runCheckpoints) {
        try (Stream<Path> dirs = Files.list(runCheckpoints)) {
            return dirs.map(p -> p.getFileName().toString()).filter(n -> n.matches("iter-\\d{6}")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    private void prune(String newest) throws IOException {
        try (Stream<Path> dirs = Files.list(checkpoints)) {
            List<Path> old = dirs.filter(p -> p.getFileName().toString().startsWith("iter-"))
                    .sorted(Comparator.comparing(Path::toString).reversed()).toList();
            for (int i = keep; i < old.size(); i++) {
                if (!old.get(i).getFileName().toString().equals(newest)) {
                    DurableFiles.deleteRecursively(old.get(i));
                }
            }
        }
    }
}
