package dev.ppo.runner.cli;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.util.SplittableRandom;

/**
 * A task only memory solves (a T-maze in the small): the first observation shows a cue, +1 or −1;
 * then {@link #BLANKS} steps show nothing; the last observation asks for an answer, and action 1
 * for a +1 cue (0 for −1) earns 1, the other −1, ending the episode. Without memory the answer is a
 * coin flip, worth 0 on average; with it, 1.
 *
 * <p>Observation {@code [cue, query]}: {@code [±1, 0]}, then {@code [0, 0]}, then {@code [0, 1]}.
 */
final class RememberTheCue implements Env {

    static final int BLANKS = 3;

    private SplittableRandom random = new SplittableRandom(0);
    private float cue;
    private int t = -1;

    @Override
    public Space observationSpace() {
        return Box.of(-1, 1, 2);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(2);
    }

    @Override
    public float[] reset(long seed) {
        random = new SplittableRandom(seed);
        return reset();
    }

    @Override
    public float[] reset() {
        cue = random.nextBoolean() ? 1f : -1f;
        t = 0;
        return new float[] {cue, 0};
    }

    @Override
    public StepResult step(float[] action) {
        if (t < 0) {
            throw new IllegalStateException("step before reset");
        }
        t++;
        if (t <= BLANKS) {
            return new StepResult(new float[] {0, t == BLANKS ? 1 : 0}, 0, false, false);
        }
        boolean right = (action[0] == 1) == (cue > 0);
        t = -1;
        return new StepResult(new float[] {0, 0}, right ? 1 : -1, true, false);
    }
}
