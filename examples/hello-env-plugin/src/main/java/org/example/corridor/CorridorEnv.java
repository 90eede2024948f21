package org.example.corridor;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.util.Arrays;
import java.util.Random;

/**
 * A one-dimensional corridor of {@code length} cells, 0 .. length−1. The agent starts on a random
 * cell short of the end and moves left (action 0) or right (action 1); walking into the left wall
 * leaves it where it is. Reaching the last cell gives +1 and ends the episode ({@code terminated});
 * every other step costs −0.01, so the shortest walk to the right is optimal.
 *
 * <p>The observation is one float, position / (length − 1), in [0, 1].
 */
public final class CorridorEnv implements Env {

    /** Reward on reaching the end. */
    static final double GOAL_REWARD = 1.0;
    /** Reward of every step that does not reach the end: a nudge to hurry. */
    static final double STEP_REWARD = -0.01;

    private static final Discrete ACTIONS = new Discrete(2);
    private static final Box OBSERVATIONS = Box.of(0f, 1f, 1);

    private final int length;
    private Random random = new Random(); // seeded from entropy until the first reset(seed)
    private int position;
    private boolean running;

    /** @param length number of cells, at least 2 */
    public CorridorEnv(int length) {
        if (length < 2) {
            throw new IllegalArgumentException("length must be >= 2, got " + length);
        }
        this.length = length;
    }

    @Override
    public Space observationSpace() {
        return OBSERVATIONS;
    }

    @Override
    public Space actionSpace() {
        return ACTIONS;
    }

    @Override
    public float[] reset(long seed) {
        random = new Random(seed);
        return reset();
    }

    @Override
    public float[] reset() {
        // Never start on the goal cell: every episode needs at least one step.
        position = random.nextInt(length - 1);
        running = true;
        return observation();
    }

    @Override
    public StepResult step(float[] action) {
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action " + Arrays.toString(action)
                    + " is not in " + ACTIONS);
        }
        if (!running) {
            throw new IllegalStateException("step() called before reset() or after the episode ended");
        }
        position = action[0] == 1 ? position + 1 : Math.max(0, position - 1);
        boolean atGoal = position == length - 1;
        running = !atGoal;
        return new StepResult(observation(), atGoal ? GOAL_REWARD : STEP_REWARD, atGoal, false);
    }

    /** The current cell, 0 .. length−1. */
    public int position() {
        return position;
    }

    private float[] observation() {
        return new float[] {(float) position / (length - 1)};
    }
}
