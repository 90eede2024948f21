package dev.ppo.cluster;

import dev.ppo.runner.algo.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A segment in pieces of consecutive steps, so that no message passes {@code cluster.max_message_bytes}
 * whatever T and the observation size (CarRacing's 513 frames of 96×96×6 are 113 MB as floats): the
 * worker {@link #split}s, the learner puts each slot's pieces back together in an {@link Assembly}.
 * Pieces of one slot arrive in order (Artery keeps the order between two members).
 */
final class SegmentPieces {

    private SegmentPieces() {
    }

    /** Pieces of at most about {@code maxBytes / 2} each; the last one carries o_T, the end state and V(o_T). */
    static List<Segment> split(Segment s, long maxBytes) {
        int t = s.numSteps();
        int obs = s.observations().length / (t + 1);
        long perStep = 4L * (obs + s.actions().length / Math.max(t, 1) + s.distributions().length / Math.max(t, 1)
                + s.states().length / Math.max(t, 1) + 4)
                + 8 + 2 + 64;
        long budget = maxBytes / 2 - 4L * obs - s.end().actions().length - 64L * s.episodes().size()
                - (s.end().recurrent() != null ? 4L * s.end().recurrent().length : 0) - 4096;
        int steps = (int) Math.max(1, Math.min(t, budget / perStep));
        List<Segment> pieces = new ArrayList<>();
        for (int from = 0; from < t; from += steps) {
            int to = Math.min(t, from + steps);
            boolean last = to == t;
            int f = from;
            pieces.add(new Segment(s.slot(), Arrays.copyOfRange(s.observations(), from * obs, (to + (last ? 1 : 0)) * obs),
                    rows(s.actions(), t, from, to), Arrays.copyOfRange(s.logProbs(), from, to),
                    rows(s.distributions(), t, from, to), Arrays.copyOfRange(s.values(), from, to),
                    Arrays.copyOfRange(s.rewards(), from, to), Arrays.copyOfRange(s.terminated(), from, to),
                    Arrays.copyOfRange(s.truncated(), from, to), Arrays.copyOfRange(s.truncatedValues(), from, to),
                    last ? s.lastValue() : 0,
                    s.episodes().stream().filter(e -> e.step() >= f && e.step() < to).toList(), s.end(),
                    rows(s.states(), t, from, to)));
        }
        return pieces;
    }

    private static float[] rows(float[] a, int t, int from, int to) {
        int width = a.length / t;
        return Arrays.copyOfRange(a, from * width, to * width);
    }

    /** One slot's segment, put back together from its pieces. */
    static final class Assembly {
        private final int slot;
        private final int numSteps;
        private final int obs;
        private final int act;
        private final int dist;
        private final int state;
        private final float[] observations;
        private final float[] actions;
        private final float[] logProbs;
        private final float[] distributions;
        private final float[] values;
        private final double[] rewards;
        private final boolean[] terminated;
        private final boolean[] truncated;
        private final float[] truncatedValues;
        private final float[] states;
        private final List<Segment.EndedEpisode> episodes = new ArrayList<>();
        private int received;
        private Segment done;

        /** @param state floats of a recurrent policy's state per step, 0 when feed-forward */
        Assembly(int slot, int numSteps, int obs, int act, int dist, int state) {
            this.slot = slot;
            this.numSteps = numSteps;
            this.obs = obs;
            this.act = act;
            this.dist = dist;
            this.state = state;
            states = new float[numSteps * state];
            observations = new float[(numSteps + 1) * obs];
            actions = new float[numSteps * act];
            logProbs = new float[numSteps];
            distributions = new float[numSteps * dist];
            values = new float[numSteps];
            rewards = new double[numSteps];
            terminated = new boolean[numSteps];
            truncated = new boolean[numSteps];
            truncatedValues = new float[numSteps];
        }

        /** Adds the piece that starts at step {@code from}; returns a problem, or null when it fits. */
        String add(int from, Segment p) {
            int n = p.values().length;
            if (done != null || from != received || n == 0 || from + n > numSteps) {
                return "slot " + slot + ": a piece of " + n + " steps from step " + from + " where step " + received
                        + " of " + numSteps + " comes next";
            }
            boolean last = from + n == numSteps;
            if (p.slot() != slot || p.observations().length != (n + (last ? 1 : 0)) * obs || p.actions().length != n * act
                    || p.distributions().length != n * dist || p.logProbs().length != n || p.rewards().length != n
                    || p.terminated().length != n || p.truncated().length != n || p.truncatedValues().length != n
                    || p.states().length != n * state) {
                return "slot " + slot + "'s piece is not " + n + " steps of this run's spaces";
            }
            for (Segment.EndedEpisode e : p.episodes()) {
                if (e.step() < from || e.step() >= from + n) {
                    return "slot " + slot + ": an episode ends at step " + e.step() + ", outside its piece";
                }
            }
            System.arraycopy(p.observations(), 0, observations, from * obs, p.observations().length);
            System.arraycopy(p.actions(), 0, actions, from * act, n * act);
            System.arraycopy(p.logProbs(), 0, logProbs, from, n);
            System.arraycopy(p.distributions(), 0, distributions, from * dist, n * dist);
            System.arraycopy(p.values(), 0, values, from, n);
            System.arraycopy(p.rewards(), 0, rewards, from, n);
            System.arraycopy(p.terminated(), 0, terminated, from, n);
            System.arraycopy(p.truncated(), 0, truncated, from, n);
            System.arraycopy(p.truncatedValues(), 0, truncatedValues, from, n);
            System.arraycopy(p.states(), 0, states, from * state, n * state);
            episodes.addAll(p.episodes());
            received += n;
            if (last) {
                done = new Segment(slot, observations, actions, logProbs, distributions, values, rewards, terminated,
                        truncated, truncatedValues, p.lastValue(), List.copyOf(episodes), p.end(), states);
            }
            return null;
        }

        /** The whole segment, or null while pieces are missing. */
        Segment segment() {
            return done;
        }
    }
}
