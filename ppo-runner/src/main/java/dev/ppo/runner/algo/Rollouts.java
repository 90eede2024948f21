package dev.ppo.runner.algo;

import dev.ppo.api.space.Space;
import java.util.List;

/**
 * The rollout seam: the PPO loop asks for "T steps of env slots 0..N-1 under this policy version"
 * and gets one {@link Segment} per slot. {@link LocalRollouts} steps them in this JVM; a cluster
 * implementation (module {@code dev.ppo.cluster}) has rollout workers on other JVMs step them. GAE
 * and the update stay with the learner either way.
 */
public interface Rollouts extends AutoCloseable {

    int numEnvs();

    Space observationSpace();

    Space actionSpace();

    /** True when every env declares itself deterministic, so slots can be rebuilt by replay. */
    boolean replayable();

    /**
     * Puts slot i in {@code states.get(i)} (fresh first episodes, or a checkpoint's running ones);
     * a slot's first observation comes back as row 0 of its first segment.
     */
    void start(long runSeed, List<SlotState> states);

    /** T steps of every slot under {@code policy}; the segments in slot order. */
    Collected collect(int numSteps, ActingPolicy policy);

    /**
     * What a collection brought back.
     *
     * @param segments     one per slot, in slot order
     * @param actSeconds   time spent acting (summed over the JVMs that acted)
     * @param envSeconds   time spent stepping envs (likewise)
     * @param workers      how many worker JVMs collected (0: the learner alone)
     * @param slotsMoved   slots that had to move to another JVM during the collection (a worker left)
     */
    record Collected(List<Segment> segments, double actSeconds, double envSeconds, int workers, int slotsMoved) {
    }

    @Override
    void close();
}
