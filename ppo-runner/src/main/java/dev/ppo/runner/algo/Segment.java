package dev.ppo.runner.algo;

import java.util.List;

/**
 * T consecutive steps of one env slot under one policy version: what the learner needs for GAE,
 * the update and the logs. Arrays are step-major ({@code [t]} or {@code [t × width]}).
 *
 * @param slot            the env slot
 * @param observations    the raw (unnormalized) observations {@code o_0 .. o_T}: {@code o_t} was
 *                        acted on at step t, {@code o_T} is the next segment's first
 * @param actions         the sampled actions (before any clipping to the action space)
 * @param logProbs        their log-probabilities under the acting policy
 * @param distributions   the acting policy's distribution parameters at each step
 * @param values          V(o_t)
 * @param rewards         the env's rewards (unscaled)
 * @param terminated      step t ended the episode in a terminal state
 * @param truncated       step t cut the episode short (time limit)
 * @param truncatedValues V(the final observation) where {@code truncated[t]}, else 0
 * @param lastValue       V(o_T), to bootstrap GAE at the segment's end
 * @param episodes        the episodes that ended in the segment
 * @param end             the slot's state after the segment (the next segment starts from it)
 * @param states          a recurrent policy's state at each step, before acting ({@code [t × S]}); empty
 *                        for a feed-forward policy
 */
public record Segment(int slot, float[] observations, float[] actions, float[] logProbs, float[] distributions,
                      float[] values, double[] rewards, boolean[] terminated, boolean[] truncated,
                      float[] truncatedValues, float lastValue, List<EndedEpisode> episodes, SlotState end,
                      float[] states) {

    /** A segment of a feed-forward policy. */
    public Segment(int slot, float[] observations, float[] actions, float[] logProbs, float[] distributions,
                   float[] values, double[] rewards, boolean[] terminated, boolean[] truncated,
                   float[] truncatedValues, float lastValue, List<EndedEpisode> episodes, SlotState end) {
        this(slot, observations, actions, logProbs, distributions, values, rewards, terminated, truncated,
                truncatedValues, lastValue, episodes, end, new float[0]);
    }

    /** An episode that ended at step {@code step} of the segment. */
    public record EndedEpisode(int step, double episodeReturn, int length) {
    }

    public int numSteps() {
        return values.length;
    }
}
