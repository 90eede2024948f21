package dev.ppo.runner.algo;

import dev.ppo.api.backend.Minibatch;

/**
 * The N×T samples of one iteration and their GAE(γ, λ) advantages (paper eq. 11-12).
 * Rows are stored time-major: row {@code t·N + i} is env {@code i} at step {@code t}.
 *
 * <p>{@code episodeEnd[t,i]} marks that the step ended an episode (terminated or truncated), so GAE
 * never looks across an episode boundary. A truncated episode is bootstrapped by adding
 * γ·V(final observation) to its last reward when it is stored (Stable-Baselines3's timeout
 * handling); a terminated one is not. At the end of the segment GAE bootstraps from V(next obs).
 *
 * <p>For a recurrent policy the buffer also keeps the state each row was acted from, and serves
 * minibatches of whole sequences ({@link #fillSequenceMinibatch}).
 */
public final class RolloutBuffer {

    private final int numSteps;
    private final int numEnvs;
    private final int obsSize;
    private final int actSize;
    private final int distSize;
    private final int stateSize;
    final float[] observations;
    final float[] actions;
    final float[] logProbs;
    final float[] distributions;
    final float[] values;
    final float[] rewards;
    final boolean[] episodeEnd;
    final float[] advantages;
    final float[] returns;
    final float[] states;

    public RolloutBuffer(int numSteps, int numEnvs, int obsSize, int actSize, int distSize) {
        this(numSteps, numEnvs, obsSize, actSize, distSize, 0);
    }

    /** A buffer that also keeps a recurrent policy's state of {@code stateSize} floats per row. */
    public RolloutBuffer(int numSteps, int numEnvs, int obsSize, int actSize, int distSize, int stateSize) {
        this.numSteps = numSteps;
        this.numEnvs = numEnvs;
        this.obsSize = obsSize;
        this.actSize = actSize;
        this.distSize = distSize;
        this.stateSize = stateSize;
        int n = numSteps * numEnvs;
        states = new float[n * stateSize];
        observations = new float[n * obsSize];
        actions = new float[n * actSize];
        logProbs = new float[n];
        distributions = new float[n * distSize];
        values = new float[n];
        rewards = new float[n];
        episodeEnd = new boolean[n];
        advantages = new float[n];
        returns = new float[n];
    }

    public int size() {
        return numSteps * numEnvs;
    }

    /** Stores what was observed and decided at step {@code t} for all envs at once. */
    public void storeStep(int t, float[] obs, float[] act, float[] logProb, float[] dist, float[] value) {
        int row = t * numEnvs;
        System.arraycopy(obs, 0, observations, row * obsSize, numEnvs * obsSize);
        System.arraycopy(act, 0, actions, row * actSize, numEnvs * actSize);
        System.arraycopy(logProb, 0, logProbs, row, numEnvs);
        System.arraycopy(dist, 0, distributions, row * distSize, numEnvs * distSize);
        System.arraycopy(value, 0, values, row, numEnvs);
    }

    /** Stores the recurrent states all envs acted from at step {@code t}, env by env. */
    public void storeStates(int t, float[] state) {
        System.arraycopy(state, 0, states, t * numEnvs * stateSize, numEnvs * stateSize);
    }

    /** Stores the outcome of step {@code t} for env {@code i}; {@code reward} includes any timeout bootstrap. */
    public void storeOutcome(int t, int i, double reward, boolean endedEpisode) {
        rewards[t * numEnvs + i] = (float) reward;
        episodeEnd[t * numEnvs + i] = endedEpisode;
    }

    /**
     * GAE: δ_t = r_t + γ·V(s_{t+1})·(1 − end_t) − V(s_t), Â_t = δ_t + γλ·(1 − end_t)·Â_{t+1};
     * returns (the value targets) are Â + V.
     *
     * @param lastValues V of the observations after the last step, one per env
     */
    public void computeAdvantages(float[] lastValues, double gamma, double gaeLambda) {
        for (int i = 0; i < numEnvs; i++) {
            double nextAdvantage = 0;
            double nextValue = lastValues[i];
            for (int t = numSteps - 1; t >= 0; t--) {
                int row = t * numEnvs + i;
                double notEnd = episodeEnd[row] ? 0.0 : 1.0;
                double delta = rewards[row] + gamma * nextValue * notEnd - values[row];
                nextAdvantage = delta + gamma * gaeLambda * notEnd * nextAdvantage;
                advantages[row] = (float) nextAdvantage;
                returns[row] = (float) (nextAdvantage + values[row]);
                nextValue = values[row];
            }
        }
    }

    /**
     * Sets one row's advantage and return directly, for advantages computed elsewhere (a conformance
     * fixture's); training computes them with {@link #computeAdvantages}.
     */
    public void storeAdvantage(int row, float advantage, float ret) {
        advantages[row] = advantage;
        returns[row] = ret;
    }

    /**
     * Copies the rows {@code indices[from .. from+size)} into {@code out}'s arrays, normalizing the
     * advantages over the minibatch when asked (per-minibatch normalization, as in the PPO code).
     */
    public void fillMinibatch(int[] indices, int from, Minibatch out, boolean normalizeAdvantages) {
        int size = out.size();
        double sum = 0;
        double sumSq = 0;
        for (int k = 0; k < size; k++) {
            int row = indices[from + k];
            System.arraycopy(observations, row * obsSize, out.observations(), k * obsSize, obsSize);
            System.arraycopy(actions, row * actSize, out.actions(), k * actSize, actSize);
            System.arraycopy(distributions, row * distSize, out.oldDistribution(), k * distSize, distSize);
            out.oldLogProbs()[k] = logProbs[row];
            out.returns()[k] = returns[row];
            out.oldValues()[k] = values[row];
            float a = advantages[row];
            out.advantages()[k] = a;
            sum += a;
            sumSq += (double) a * a;
        }
        if (normalizeAdvantages && size > 1) {
            double mean = sum / size;
            // unbiased std, as torch's .std() in the reference implementations
            double std = Math.sqrt(Math.max(0, (sumSq - size * mean * mean) / (size - 1)));
            for (int k = 0; k < size; k++) {
                out.advantages()[k] = (float) ((out.advantages()[k] - mean) / (std + 1e-8));
            }
        }
    }

    /** An empty minibatch of {@code size} rows shaped for this buffer, to be filled repeatedly. */
    public Minibatch newMinibatch(int size) {
        return new Minibatch(size, new float[size * obsSize], new float[size * actSize], new float[size],
                new float[size * distSize], new float[size], new float[size], new float[size]);
    }

    /** An empty minibatch of {@code size / sequenceLength} whole sequences, for a recurrent policy. */
    public Minibatch newSequenceMinibatch(int size, int sequenceLength) {
        return new Minibatch(size, new float[size * obsSize], new float[size * actSize], new float[size],
                new float[size * distSize], new float[size], new float[size], new float[size], new float[size],
                new float[size / sequenceLength * stateSize]);
    }

    /**
     * Fills {@code out} with whole sequences: sequence {@code j} is env {@code j / (T/L)}'s steps
     * {@code (j mod T/L)·L .. +L} (consecutive, in time order), and the minibatch takes sequences
     * {@code sequences[from ..]}. Each sequence's initial state is the one its first step was acted
     * from; {@code starts} marks the steps after an episode ended inside it, where the unroll zeroes
     * the state as acting did. Advantages are normalized as in {@link #fillMinibatch}.
     */
    public void fillSequenceMinibatch(int[] sequences, int from, int sequenceLength, Minibatch out,
                                      boolean normalizeAdvantages) {
        int chunks = numSteps / sequenceLength;
        int[] rows = new int[out.size()];
        for (int q = 0; q < out.size() / sequenceLength; q++) {
            int j = sequences[from + q];
            int env = j / chunks;
            int first = j % chunks * sequenceLength;
            System.arraycopy(states, (first * numEnvs + env) * stateSize, out.initialStates(), q * stateSize, stateSize);
            for (int u = 0; u < sequenceLength; u++) {
                int k = q * sequenceLength + u;
                rows[k] = (first + u) * numEnvs + env;
                out.starts()[k] = u > 0 && episodeEnd[rows[k] - numEnvs] ? 1f : 0f;
            }
        }
        fillMinibatch(rows, 0, out, normalizeAdvantages);
    }

    /** 1 − Var(returns − values) / Var(returns): how much of the return the critic explains. */
    public double explainedVariance() {
        int n = size();
        double meanY = 0;
        double meanDiff = 0;
        for (int k = 0; k < n; k++) {
            meanY += returns[k];
            meanDiff += returns[k] - values[k];
        }
        meanY /= n;
        meanDiff /= n;
        double varY = 0;
        double varDiff = 0;
        for (int k = 0; k < n; k++) {
            double y = returns[k] - meanY;
            double d = returns[k] - values[k] - meanDiff;
            varY += y * y;
            varDiff += d * d;
        }
        return varY == 0 ? Double.NaN : 1 - varDiff / varY;
    }

    public float advantage(int row) {
        return advantages[row];
    }

    public float returnAt(int row) {
        return returns[row];
    }
}
