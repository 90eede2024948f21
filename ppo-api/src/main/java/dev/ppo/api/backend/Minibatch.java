package dev.ppo.api.backend;

/**
 * One minibatch of samples for a train step; every array holds exactly {@code size} rows.
 *
 * <p>For a recurrent network the rows are {@code initialStates.length / stateSize} whole sequences
 * of equal length, one after another, each in time order: the network is unrolled over each
 * sequence from its stored initial state, zeroing the state before every row marked in
 * {@code starts}. For a feed-forward network {@code starts} and {@code initialStates} are null.
 *
 * @param size         number of samples M
 * @param observations {@code size × observationSize}
 * @param actions      {@code size × actionSize} (the sampled, unclipped actions; indices for Discrete)
 * @param oldLogProbs  log π_θold(a|s) stored at collection time
 * @param oldDistribution {@code size × distributionWidth} parameters of π_θold(·|s) stored at
 *                     collection time, for the exact KL[π_old, π_θ]
 * @param advantages   Â, already normalized if the run normalizes advantages
 * @param returns      value targets Â + V_old
 * @param oldValues    V_old(s) at collection time, for value clipping
 * @param starts       recurrent only: 1 where the row's step starts an episode, else 0
 * @param initialStates recurrent only: {@code sequences × Backend.recurrentStateSize()}, the state the
 *                     policy acted from at each sequence's first step
 */
public record Minibatch(int size, float[] observations, float[] actions, float[] oldLogProbs,
                        float[] oldDistribution,
                        float[] advantages, float[] returns, float[] oldValues, float[] starts,
                        float[] initialStates) {

    /** A feed-forward minibatch. */
    public Minibatch(int size, float[] observations, float[] actions, float[] oldLogProbs, float[] oldDistribution,
                     float[] advantages, float[] returns, float[] oldValues) {
        this(size, observations, actions, oldLogProbs, oldDistribution, advantages, returns, oldValues, null, null);
    }

    /** True when the rows are sequences for a recurrent network. */
    public boolean sequential() {
        return initialStates != null;
    }
}
