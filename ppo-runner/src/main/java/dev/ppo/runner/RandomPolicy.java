package dev.ppo.runner;

import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.runner.algo.Rng;
import java.util.function.UnaryOperator;

/**
 * Uniform random actions, Gymnasium's {@code action_space.sample()}: a uniform index for Discrete,
 * a uniform point of the box for Box (whose bounds must be finite). The baseline of normalized scores.
 */
public final class RandomPolicy implements UnaryOperator<float[]>, Actor {

    private final Space space;
    private final Rng rng;

    public RandomPolicy(Space space, long seed) {
        if (space instanceof Box b) {
            for (int i = 0; i < b.flatSize(); i++) {
                if (!Float.isFinite(b.low(i)) || !Float.isFinite(b.high(i))) {
                    throw new IllegalArgumentException("cannot sample uniformly from the unbounded action space " + b);
                }
            }
        }
        this.space = space;
        this.rng = new Rng(seed);
    }

    @Override
    public float[] act(float[] observation) {
        return apply(observation);
    }

    @Override
    public float[] apply(float[] observation) {
        if (space instanceof Discrete d) {
            return new float[] {rng.nextInt(d.n())};
        }
        Box b = (Box) space;
        float[] a = new float[b.flatSize()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (b.low(i) + (b.high(i) - b.low(i)) * rng.nextDouble());
        }
        return a;
    }
}
