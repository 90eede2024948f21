package dev.ppo.runner.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Env slots collected together in lockstep: at each step one batched forward pass acts for all of
 * them, each samples from its own stream, and the envs step (on a thread pool when {@code parallel},
 * else in the caller's thread: cheaper for envs like CartPole whose step costs less than a hand-off).
 * The learner runs one group of all N slots; a cluster worker runs one of the slots it holds. Every
 * row of a batched forward pass is computed on its own, so a slot's numbers do not depend on which
 * other slots share its group.
 */
public final class SlotGroup implements AutoCloseable {

    private final List<EnvSlot> slots;
    private final int obsSize;
    private final ExecutorService pool;
    private long actNanos;
    private long envNanos;

    public SlotGroup(List<EnvSlot> slots, boolean parallel) {
        this.slots = List.copyOf(slots);
        this.obsSize = slots.isEmpty() ? 0 : slots.get(0).env().observationSpace().flatSize();
        int threads = Math.min(slots.size(), Runtime.getRuntime().availableProcessors());
        this.pool = parallel && threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "env-step");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public List<EnvSlot> slots() {
        return slots;
    }

    /** Seconds spent acting (forward passes and sampling) in the last {@link #collect}. */
    public double actSeconds() {
        return actNanos / 1e9;
    }

    /** Seconds spent stepping envs in the last {@link #collect}. */
    public double envSeconds() {
        return envNanos / 1e9;
    }

    /** Steps every slot {@code numSteps} times under {@code policy}; one segment per slot, in slot order. */
    public List<Segment> collect(int numSteps, ActingPolicy policy) {
        actNanos = 0;
        envNanos = 0;
        int n = slots.size();
        ActionDistribution distribution = policy.distribution();
        int actSize = distribution.actionSize();
        int distSize = distribution.parameterSize();
        Recorder[] out = new Recorder[n];
        for (int i = 0; i < n; i++) {
            out[i] = new Recorder(slots.get(i), numSteps, obsSize, actSize, distSize);
        }
        float[] rawObs = new float[n * obsSize];
        float[] dist = new float[n * distSize];
        float[] values = new float[n];
        float[] actions = new float[n * actSize];
        for (int t = 0; t < numSteps; t++) {
            long actStart = System.nanoTime();
            gatherObservations(rawObs);
            policy.backend().forward(policy.normalization().normalize(rawObs, n), n, dist, values);
            for (int i = 0; i < n; i++) {
                float logProb = (float) distribution.sample(dist, i * distSize, slots.get(i).rng(), false, actions,
                        i * actSize);
                out[i].storeDecision(t, rawObs, i, actions, dist, values, logProb);
            }
            long envStart = System.nanoTime();
            List<Episode> ended = stepAll(actions, actSize);
            long envEnd = System.nanoTime();
            for (int i = 0; i < n; i++) {
                out[i].storeOutcome(t, ended.get(i));
            }
            valuesOfTruncated(policy, t, out);
            actNanos += envStart - actStart + (System.nanoTime() - envEnd);
            envNanos += envEnd - envStart;
        }
        long lastStart = System.nanoTime();
        gatherObservations(rawObs);
        policy.backend().forward(policy.normalization().normalize(rawObs, n), n, dist, values);
        List<Segment> segments = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            segments.add(out[i].finish(rawObs, i, values[i]));
        }
        actNanos += System.nanoTime() - lastStart;
        return segments;
    }

    private void gatherObservations(float[] into) {
        for (int i = 0; i < slots.size(); i++) {
            System.arraycopy(slots.get(i).observation(), 0, into, i * obsSize, obsSize);
        }
    }

    /** Steps every slot; element i is the episode slot i ended, or null. */
    private List<Episode> stepAll(float[] actions, int actSize) {
        int n = slots.size();
        Episode[] ended = new Episode[n];
        if (pool == null) {
            for (int i = 0; i < n; i++) {
                ended[i] = slots.get(i).step(actions, i * actSize);
            }
            return java.util.Arrays.asList(ended);
        }
        List<Future<?>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = i;
            futures.add(pool.submit(() -> ended[slot] = slots.get(slot).step(actions, slot * actSize)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stepping envs", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
        return java.util.Arrays.asList(ended);
    }

    /** V(final observation) of each slot whose episode step t truncated, in one forward pass. */
    private void valuesOfTruncated(ActingPolicy policy, int t, Recorder[] out) {
        List<Integer> which = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i).truncated()) {
                which.add(i);
            }
        }
        if (which.isEmpty()) {
            return;
        }
        int count = which.size();
        float[] obs = new float[count * obsSize];
        for (int k = 0; k < count; k++) {
            System.arraycopy(slots.get(which.get(k)).finalObservation(), 0, obs, k * obsSize, obsSize);
        }
        float[] v = new float[count];
        policy.backend().forward(policy.normalization().normalize(obs, count), count,
                new float[count * policy.distribution().parameterSize()], v);
        for (int k = 0; k < count; k++) {
            out[which.get(k)].truncatedValues[t] = v[k];
        }
    }

    /** One slot's segment, filled step by step. */
    private static final class Recorder {
        private final EnvSlot slot;
        private final int obsSize;
        private final int actSize;
        private final int distSize;
        final float[] observations;
        final float[] actions;
        final float[] logProbs;
        final float[] distributions;
        final float[] values;
        final double[] rewards;
        final boolean[] terminated;
        final boolean[] truncated;
        final float[] truncatedValues;
        final List<Segment.EndedEpisode> episodes = new ArrayList<>();

        Recorder(EnvSlot slot, int numSteps, int obsSize, int actSize, int distSize) {
            this.slot = slot;
            this.obsSize = obsSize;
            this.actSize = actSize;
            this.distSize = distSize;
            observations = new float[(numSteps + 1) * obsSize];
            actions = new float[numSteps * actSize];
            logProbs = new float[numSteps];
            distributions = new float[numSteps * distSize];
            values = new float[numSteps];
            rewards = new double[numSteps];
            terminated = new boolean[numSteps];
            truncated = new boolean[numSteps];
            truncatedValues = new float[numSteps];
        }

        void storeDecision(int t, float[] rawObs, int i, float[] act, float[] dist, float[] value, float logProb) {
            System.arraycopy(rawObs, i * obsSize, observations, t * obsSize, obsSize);
            System.arraycopy(act, i * actSize, actions, t * actSize, actSize);
            System.arraycopy(dist, i * distSize, distributions, t * distSize, distSize);
            values[t] = value[i];
            logProbs[t] = logProb;
        }

        void storeOutcome(int t, Episode ended) {
            rewards[t] = slot.reward();
            terminated[t] = slot.terminated();
            truncated[t] = slot.truncated();
            if (ended != null) {
                episodes.add(new Segment.EndedEpisode(t, ended.episodeReturn(), ended.length()));
            }
        }

        Segment finish(float[] rawObs, int i, float lastValue) {
            int numSteps = values.length;
            System.arraycopy(rawObs, i * obsSize, observations, numSteps * obsSize, obsSize);
            return new Segment(slot.index(), observations, actions, logProbs, distributions, values, rewards,
                    terminated, truncated, truncatedValues, lastValue, List.copyOf(episodes), slot.state());
        }
    }

    /** Stops the env-stepping threads; the envs stay open (their owner closes them). */
    public void shutdownPool() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        shutdownPool();
        slots.forEach(EnvSlot::close);
    }
}
