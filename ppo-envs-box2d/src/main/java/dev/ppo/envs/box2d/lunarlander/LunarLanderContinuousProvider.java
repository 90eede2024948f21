package dev.ppo.envs.box2d.lunarlander;

/**
 * {@code LunarLanderContinuous-v3}: Gymnasium's registration of {@link LunarLander} with
 * {@code continuous = true} by default (the other settings as {@link LunarLanderProvider}).
 */
public final class LunarLanderContinuousProvider extends LunarLanderProvider {

    /** The Gymnasium id this provider registers. */
    public static final String NAME = "LunarLanderContinuous-v3";

    public LunarLanderContinuousProvider() {
        super(NAME, true);
    }
}
