package dev.ppo.runner;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.RgbFrame;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The result of running a policy for whole episodes: returns and lengths, with mean ± std of the
 * returns (population std, as numpy's default and SB3's {@code evaluate_policy}).
 */
public record Evaluation(List<Double> returns, List<Integer> lengths) {

    public double mean() {
        return returns.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public double std() {
        double m = mean();
        return Math.sqrt(returns.stream().mapToDouble(r -> (r - m) * (r - m)).average().orElse(Double.NaN));
    }

    public int episodes() {
        return returns.size();
    }

    /**
     * Runs {@code episodes} episodes, episode k reset with {@code seed + k}. Box actions are clipped to
     * the action space before the env sees them, as in training.
     */
    public static Evaluation run(Policy policy, Env env, int episodes, long seed, boolean deterministic) {
        return run(policy.actor(deterministic), env, episodes, seed, null);
    }

    /**
     * Runs {@code episodes} episodes of {@code actor} (observation to action, {@link Actor#reset()}
     * before each), episode k reset with {@code seed + k}; {@code frames}, when not null, receives
     * {@code env.render()} after the reset and after every step.
     */
    public static Evaluation run(Actor actor, Env env, int episodes, long seed, Consumer<RgbFrame> frames) {
        List<Double> returns = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        Box box = env.actionSpace() instanceof Box b ? b : null;
        for (int k = 0; k < episodes; k++) {
            actor.reset();
            float[] obs = env.reset(seed + k);
            if (frames != null) {
                frames.accept(env.render());
            }
            double total = 0;
            int length = 0;
            while (true) {
                float[] action = actor.act(obs);
                if (box != null) {
                    box.clip(action, action.length);
                }
                StepResult r = env.step(action);
                total += r.reward();
                length++;
                obs = r.observation();
                if (frames != null) {
                    frames.accept(env.render());
                }
                if (r.done()) {
                    break;
                }
            }
            returns.add(total);
            lengths.add(length);
        }
        return new Evaluation(List.copyOf(returns), List.copyOf(lengths));
    }
}
