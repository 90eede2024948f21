package dev.ppo.runner.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.io.CheckpointStore.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Weight averaging over the checkpoints of one run (stochastic weight averaging, Izmailov et al.
 * 2018; for policy-gradient agents, Nikishin et al. 2018). Late in a run the weights wander around
 * a good region and single checkpoints differ in how often their policy crashes; the uniform mean
 * of the model variables of the last few lies nearer its middle. Only the model's variables are
 * averaged; the optimizer state, normalization statistics, counters and configuration are the
 * newest checkpoint's, so the result evaluates, plays and exports like any model directory.
 */
public final class CheckpointAverage {

    /** Where the average records what it was made from, beside the model files. */
    public static final String PROVENANCE = "average.json";

    /** Configuration that must agree between the checkpoints (the rest is the newest one's). */
    private static final List<String> MUST_AGREE = List.of("seed", "env", "network", "ppo.box_distribution",
            "ppo.normalize_observations");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One averaged checkpoint, as recorded in {@value #PROVENANCE}. */
    record Source(String path, int iteration, long globalStep, String variablesSha256) {
    }

    /** The content of {@value #PROVENANCE}. */
    record Provenance(String method, List<Source> sources, List<String> averagedVariables, String restFrom) {
    }

    private CheckpointAverage() {
    }

    /** The checkpoint with the most iterations (the last named among equals): the average takes the rest from it. */
    public static Checkpoint newest(List<Checkpoint> checkpoints) {
        Checkpoint newest = checkpoints.get(0);
        for (Checkpoint c : checkpoints) {
            if (c.state().iteration() >= newest.state().iteration()) {
                newest = c;
            }
        }
        return newest;
    }

    /**
     * The newest checkpoint's variables with each model variable replaced by its mean over
     * {@code checkpoints}.
     *
     * @throws PpoException naming the checkpoint and what differs, when they are not checkpoints of one model
     */
    public static List<VariableState> average(List<Checkpoint> checkpoints) {
        if (checkpoints.size() < 2) {
            throw new PpoException("averaging needs at least 2 checkpoints; got " + checkpoints.size());
        }
        Set<Path> seen = new HashSet<>();
        for (Checkpoint c : checkpoints) {
            if (!seen.add(c.dir().toAbsolutePath().normalize())) {
                throw new PpoException("checkpoint " + c.dir() + " is named twice; give each checkpoint once");
            }
        }
        Checkpoint newest = newest(checkpoints);
        Config reference = ConfigLoader.reference();
        List<String> wanted = settingsThatMustAgree(newest.config(), reference);
        for (Checkpoint c : checkpoints) {
            checkAgrees(newest, wanted, c, settingsThatMustAgree(c.config(), reference));
        }
        List<VariableState> out = new ArrayList<>(newest.variables().size());
        for (int i = 0; i < newest.variables().size(); i++) {
            VariableState v = newest.variables().get(i);
            if (OptimizerSlots.isOptimizerState(v.name())) {
                out.add(v);
                continue;
            }
            double[] sum = new double[v.values().length];
            for (Checkpoint c : checkpoints) {
                float[] values = c.variables().get(i).values();
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += values[k];
                }
            }
            float[] mean = new float[sum.length];
            for (int k = 0; k < mean.length; k++) {
                mean[k] = (float) (sum[k] / checkpoints.size());
            }
            out.add(new VariableState(v.name(), v.shape().clone(), mean));
        }
        return out;
    }

    /**
     * Writes the average of {@code checkpoints} as a model directory {@code target} (new or empty),
     * whole or not at all, with {@value #PROVENANCE} naming its sources.
     */
    public static void write(Path target, List<Checkpoint> checkpoints) {
        DurableFiles.requireNewOrEmpty(target, "output directory");
        List<VariableState> averaged = average(checkpoints);
        Checkpoint newest = newest(checkpoints);
        try {
            List<Source> sources = new ArrayList<>();
            for (Checkpoint c : checkpoints) {
                sources.add(new Source(c.dir().toString(), c.state().iteration(), c.state().globalStep(),
                        CheckpointStore.sha256(c.dir().resolve(CheckpointStore.VARIABLES))));
            }
            List<String> names = averaged.stream().map(VariableState::name)
                    .filter(n -> !OptimizerSlots.isOptimizerState(n)).toList();
            Provenance provenance = new Provenance("uniform mean of the model variables", sources, names,
                    newest.dir().toString());
            DurableFiles.createDirectory(target, "average", dir -> {
                CheckpointStore.writeModelDir(dir, newest.config(), averaged, newest.state());
                JSON.writeValue(dir.resolve(PROVENANCE).toFile(), provenance);
            });
        } catch (IOException e) {
            throw new PpoException("cannot write the average to " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code last} newest checkpoints of run directory {@code runDir}, oldest first.
     *
     * @throws PpoException when it is not a run directory or holds fewer
     */
    public static List<Path> lastCheckpoints(Path runDir, int last) {
        Path dir = runDir.resolve("checkpoints");
        if (!Files.isDirectory(dir)) {
            throw new PpoException(runDir + " is not a run directory (it has no checkpoints/); --last needs one");
        }
        List<Path> all = CheckpointStore.checkpointNames(dir).stream().map(dir::resolve).toList();
        if (last < 2 || last > all.size()) {
            throw new PpoException("--last " + last + ": " + dir + " holds " + all.size()
                    + " checkpoints; give a number from 2 to " + all.size());
        }
        return all.subList(all.size() - last, all.size());
    }

    private static void checkAgrees(Checkpoint newest, List<String> wanted, Checkpoint c, List<String> found) {
        for (int k = 0; k < MUST_AGREE.size(); k++) {
            if (!wanted.get(k).equals(found.get(k))) {
                throw new PpoException("checkpoints " + newest.dir() + " and " + c.dir() + " differ in "
                        + MUST_AGREE.get(k) + " (" + wanted.get(k) + " vs " + found.get(k)
                        + "); only checkpoints of one run can be averaged");
            }
        }
        List<VariableState> x = newest.variables();
        List<VariableState> y = c.variables();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String expected = i < x.size() ? x.get(i).name() + Arrays.toString(x.get(i).shape()) : "nothing";
            String actual = i < y.size() ? y.get(i).name() + Arrays.toString(y.get(i).shape()) : "nothing";
            if (!expected.equals(actual)) {
                throw new PpoException("checkpoints " + newest.dir() + " and " + c.dir() + " hold different models"
                        + " (variable " + (i + 1) + ": " + expected + " vs " + actual + "); only checkpoints of one run"
                        + " can be averaged");
            }
        }
    }

    /**
     * The values {@link #MUST_AGREE} takes in a run of {@code config}, rendered: a checkpoint older
     * than a key gets its default.
     */
    private static List<String> settingsThatMustAgree(Config config, Config reference) {
        Config effective = config.withFallback(reference).resolve();
        return MUST_AGREE.stream().map(key -> effective.hasPath(key)
                ? effective.getValue(key).render(ConfigRenderOptions.concise()) : "(unset)").toList();
    }
}
