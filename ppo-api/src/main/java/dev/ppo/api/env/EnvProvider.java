package dev.ppo.api.env;

import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;

/**
 * Creates environments of one kind; {@link #name()} is the Gymnasium id ({@code CartPole-v1}).
 *
 * <p>Register an implementation with {@code provides dev.ppo.api.env.EnvProvider with ...} in
 * {@code module-info.java} and in {@code META-INF/services/dev.ppo.api.env.EnvProvider}, then
 * select it with {@code env.name = "My-v0"}. {@link #defaults()} lists the keyword arguments the
 * env accepts (as {@code gymnasium.make(id, **kwargs)} does), plus {@code max_episode_steps}
 * when the env has a time limit.
 */
public interface EnvProvider extends Plugin {

    /**
     * Builds one env, wrapped in {@link TimeLimit} when it has a time limit, as
     * {@code gymnasium.make} does. Called once per parallel actor.
     *
     * @param settings the {@code env} block, defaults merged in
     */
    Env create(Settings settings);

    /**
     * The tolerances within which this env follows recordings of the reference implementation
     * ({@code ppo check-env} uses them unless told otherwise). Ports that reproduce the reference
     * arithmetic keep the default; physics ports (Box2D) state their own.
     */
    default Conformance conformance() {
        return Conformance.EXACT;
    }
}
