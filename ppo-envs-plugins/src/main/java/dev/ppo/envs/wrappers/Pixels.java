package dev.ppo.envs.wrappers;

import dev.ppo.api.env.Env;
import dev.ppo.api.space.Box;

/** Checks shared by the image wrappers: Gymnasium asserts a uint8 Box in [0, 255] of a given rank. */
final class Pixels {

    private Pixels() {
    }

    /** The env's observation space as an image Box of one of {@code ranks}, or a clear error naming {@code wrapper}. */
    static Box imageSpace(Env env, String wrapper, String expected, int... ranks) {
        if (!(env.observationSpace() instanceof Box box)) {
            throw new IllegalArgumentException(wrapper + " needs an image observation space " + expected + ", got "
                    + env.observationSpace());
        }
        boolean rankOk = false;
        for (int r : ranks) {
            rankOk |= box.shape().length == r;
        }
        if (!rankOk || box.low(0) != 0 || box.high(0) != 255) {
            throw new IllegalArgumentException(wrapper + " needs an image observation space " + expected
                    + " with values in [0, 255], got " + box);
        }
        return box;
    }
}
