package dev.ppo.runner;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import java.util.ArrayList;
import java.util.List;

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
        List<Double> returns = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        Box box = env.actionSpace() instanceof Box b ? b : null;
        for (int k = 0; k < episodes; k++) {
            float[] obs = env.reset(seed + k);
            double total = 0;
            int length = 0;
            while (true) {
                float[] action = policy.act(obs, deterministic);
                if (box != null) {
                    for (int i = 0; i < action.length; i++) {
                        action[i] = Math.max(box.low(i), Math.min(box.high(i), action[i]));
                    }
                }
                StepResult r = env.step(action);
                total += r.reward();
                length++;
                obs = r.observation();
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
