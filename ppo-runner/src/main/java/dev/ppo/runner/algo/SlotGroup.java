package dev.ppo.runner.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Env slots collected together under one policy: at each step a batched forward pass acts for the
 * slots, each samples from its own stream, and the envs step. The learner runs one group of all N
 * slots; a cluster worker runs one of the slots it holds.
 *
 * <p>When {@code parallel}, the slots are split into one contiguous lane per core and each lane runs
 * its whole T steps on its own thread: lane A's envs step while lane B acts, and the threads meet
 * once per rollout instead of once per step (a hand-off per step cost more than a LunarLander step
 * saves). The lanes share the backend, so their forward passes take turns on it. Every row of a
 * batched forward pass is computed on its own, so a slot's numbers do not depend on which other
 * slots share its lane or group: parallel and sequential collection give the same bits.
 */
public final class SlotGroup implements AutoCloseable {

    private final List<EnvSlot> slots;
    private final List<Lane> lanes;
    private final ExecutorService pool;
    private double actSeconds;
    private double envSeconds;

    public SlotGroup(List<EnvSlot> slots, boolean parallel) {
        this(slots, parallel ? Runtime.getRuntime().availableProcessors() : 1);
    }

    /** A group whose slots are collected on {@code threads} threads (at most one per slot). */
    public SlotGroup(List<EnvSlot> slots, int threads) {
        this.slots = List.copyOf(slots);
        int obsSize = slots.isEmpty() ? 0 : slots.get(0).env().observationSpace().flatSize();
        int laneCount = Math.max(1, Math.min(threads, slots.size()));
        List<Lane> split = new ArrayList<>(laneCount);
        for (int k = 0; k < laneCount; k++) {
            int from = k * slots.size() / laneCount;
            int to = (k + 1) * slots.size() / laneCount;
            split.add(new Lane(this.slots.subList(from, to), obsSize));
        }
        this.lanes = List.copyOf(split);
        this.pool = laneCount > 1 ? Executors.newFixedThreadPool(laneCount - 1, r -> {
            Thread t = new Thread(r, "env-lane");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public List<EnvSlot> slots() {
        return slots;
    }

    /** Seconds spent acting (forward passes and sampling) in the last {@link #collect}, per lane on average. */
    public double actSeconds() {
        return actSeconds;
    }

    /** Seconds spent stepping envs in the last {@link #collect}, per lane on average. */
    public double envSeconds() {
        return envSeconds;
    }

    /** Steps every slot {@code numSteps} times under {@code policy}; one segment per slot, in slot order. */
    public List<Segment> collect(int numSteps, ActingPolicy policy) {
        // lanes 1.. on the pool (none when there is one lane), lane 0 in the caller's thread
        List<Future<List<Segment>>> others = new ArrayList<>();
        for (Lane lane : lanes.subList(1, lanes.size())) {
            others.add(pool.submit(() -> lane.collect(numSteps, policy)));
        }
        List<Segment> segments = new ArrayList<>(slots.size());
        RuntimeException failure = null;
        try {
            segments.addAll(lanes.get(0).collect(numSteps, policy));
        } catch (RuntimeException e) {
            failure = e;
        }
        // wait for every lane even after a failure: no env may still be stepping when we return
        for (Future<List<Segment>> f : others) {
            try {
                segments.addAll(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("interrupted while stepping envs", e);
            } catch (ExecutionException e) {
                failure = failure != null ? failure : e.getCause() instanceof RuntimeException re ? re
                        : new IllegalStateException(e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
        actSeconds = lanes.stream().mapToLong(l -> l.actNanos).sum() / 1e9 / lanes.size();
        envSeconds = lanes.stream().mapToLong(l -> l.envNanos).sum() / 1e9 / lanes.size();
        return segments;
    }

    /** Stops the lane threads; the envs stay open (their owner closes them). */
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

    /** A share of the group's slots, collected in lockstep by one thread. */
    private static final class Lane {
        private final List<EnvSlot> slots;
        private final int obsSize;
        long actNanos;
        long envNanos;

        Lane(List<EnvSlot> slots, int obsSize) {
            this.slots = slots;
            this.obsSize = obsSize;
        }

        List<Segment> collect(int numSteps, ActingPolicy policy) {
            actNanos = 0;
            envNanos = 0;
            int n = slots.size();
            ActionDistribution distribution = policy.distribution();
            int actSize = distribution.actionSize();
            int distSize = distribution.parameterSize();
            int stateSize = policy.backend().recurrentStateSize();
            Recorder[] out = new Recorder[n];
            for (int i = 0; i < n; i++) {
                slots.get(i).useRecurrentState(stateSize);
                out[i] = new Recorder(slots.get(i), numSteps, obsSize, actSize, distSize, stateSize);
            }
            float[] rawObs = new float[n * obsSize];
            float[] dist = new float[n * distSize];
            float[] values = new float[n];
            float[] actions = new float[n * actSize];
            float[] states = new float[n * stateSize];
            Episode[] ended = new Episode[n];
            for (int t = 0; t < numSteps; t++) {
                long actStart = System.nanoTime();
                gatherObservations(rawObs);
                gatherStates(states);
                for (int i = 0; i < n; i++) {
                    out[i].storeState(t, states, i);
                }
                forward(policy, rawObs, states, n, dist, values, states);
                for (int i = 0; i < n; i++) {
                    float logProb = (float) distribution.sample(dist, i * distSize, slots.get(i).rng(), false, actions,
                            i * actSize);
                    out[i].storeDecision(t, rawObs, i, actions, dist, values, logProb);
                    System.arraycopy(states, i * stateSize, slots.get(i).recurrentState(), 0, stateSize);
                }
                long envStart = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    ended[i] = slots.get(i).step(actions, i * actSize);
                }
                long envEnd = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    out[i].storeOutcome(t, ended[i]);
                }
                valuesOfTruncated(policy, t, out);
                actNanos += envStart - actStart + (System.nanoTime() - envEnd);
                envNanos += envEnd - envStart;
            }
            long lastStart = System.nanoTime();
            gatherObservations(rawObs);
            gatherStates(states);
            // V(o_T) for the bootstrap; the state it returns is not kept: the next segment acts from the same one
            forward(policy, rawObs, states, n, dist, values, new float[n * stateSize]);
            List<Segment> segments = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                segments.add(out[i].finish(rawObs, i, values[i]));
            }
            actNanos += System.nanoTime() - lastStart;
            return segments;
        }

        /** One forward pass; the lanes of a group take turns on the shared backend. */
        private static void forward(ActingPolicy policy, float[] rawObs, float[] stateIn, int n, float[] dist,
                                    float[] values, float[] stateOut) {
            float[] input = policy.normalization().normalize(rawObs, n);
            synchronized (policy.backend()) {
                policy.backend().forward(input, stateIn, n, dist, values, stateOut);
            }
        }

        private void gatherObservations(float[] into) {
            for (int i = 0; i < slots.size(); i++) {
                System.arraycopy(slots.get(i).observation(), 0, into, i * obsSize, obsSize);
            }
        }

        /** Each slot's recurrent state side by side; nothing when feed-forward. */
        private void gatherStates(float[] into) {
            int size = into.length / Math.max(1, slots.size());
            for (int i = 0; i < slots.size() && size > 0; i++) {
                System.arraycopy(slots.get(i).recurrentState(), 0, into, i * size, size);
            }
        }

        /** V(final observation) of each slot whose episode step t truncated, in one forward pass. */
        private void valuesOfTruncated(ActingPolicy policy, int t, Recorder[] out) {
            int[] which = new int[slots.size()];
            int count = 0;
            for (int i = 0; i < slots.size(); i++) {
                if (slots.get(i).truncated()) {
                    which[count++] = i;
                }
            }
            if (count == 0) {
                return;
            }
            int stateSize = policy.backend().recurrentStateSize();
            float[] obs = new float[count * obsSize];
            float[] states = new float[count * stateSize];
            for (int k = 0; k < count; k++) {
                EnvSlot slot = slots.get(which[k]);
                System.arraycopy(slot.finalObservation(), 0, obs, k * obsSize, obsSize);
                // the state that ended the episode, not the zeros the next episode starts from
                System.arraycopy(slot.finalRecurrentState(), 0, states, k * stateSize, stateSize);
            }
            float[] v = new float[count];
            forward(policy, obs, states, count, new float[count * policy.distribution().parameterSize()], v,
                    new float[count * stateSize]);
            for (int k = 0; k < count; k++) {
                out[which[k]].truncatedValues[t] = v[k];
            }
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
        final float[] states;
        private final int stateSize;
        final List<Segment.EndedEpisode> episodes = new ArrayList<>();

        Recorder(EnvSlot slot, int numSteps, int obsSize, int actSize, int distSize, int stateSize) {
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
            this.stateSize = stateSize;
            states = new float[numSteps * stateSize];
        }

        /** The recurrent state slot i acts from at step t (nothing when feed-forward). */
        void storeState(int t, float[] all, int i) {
            System.arraycopy(all, i * stateSize, states, t * stateSize, stateSize);
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
                    terminated, truncated, truncatedValues, lastValue, List.copyOf(episodes), slot.state(), states);
        }
    }
}
