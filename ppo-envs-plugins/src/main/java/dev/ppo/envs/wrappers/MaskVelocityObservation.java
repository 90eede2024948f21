package dev.ppo.envs.wrappers;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.ObservationWrapper;
import dev.ppo.api.space.Space;
import java.util.Arrays;
import java.util.List;

/**
 * The RL Zoo's {@code MaskVelocityWrapper}: the observation entries at {@code indices} (an env's
 * velocities: CartPole-v1's are 1 and 3, Pendulum-v1's 2, LunarLander's 2, 3 and 5) are always 0,
 * the observation space unchanged. What is left is partially observed: a policy has to infer the
 * velocities from the positions it saw before, which a recurrent policy can and a memoryless one
 * cannot (without a frame stack).
 */
public final class MaskVelocityObservation extends ObservationWrapper {

    private final int[] indices;

    public MaskVelocityObservation(Env env, List<Integer> indices) {
        super(env);
        int size = env.observationSpace().flatSize();
        if (indices.isEmpty()) {
            throw new IllegalArgumentException("mask_velocity needs at least one index");
        }
        for (int i : indices) {
            if (i < 0 || i >= size) {
                throw new IllegalArgumentException("mask_velocity index " + i + " is outside the observation's "
                        + size + " entries (0.." + (size - 1) + ")");
            }
        }
        this.indices = indices.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public Space observationSpace() {
        return env.observationSpace();
    }

    @Override
    protected float[] observation(float[] observation) {
        float[] out = Arrays.copyOf(observation, observation.length);
        for (int i : indices) {
            out[i] = 0f;
        }
        return out;
    }
}
