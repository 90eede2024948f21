package dev.ppo.bench;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-thread {@code step()} throughput of each env, found through its provider as the runner
 * finds it, with a uniform random action drawn every step and a reset whenever an episode ends
 * (what Gymnasium's {@code action_space.sample(); env.step(a)} loop measures). Scores are steps/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class EnvStepBenchmark {

    /** {@code <env id>} or {@code <env id>:<key>=<value>} for a setting. */
    @Param({"CartPole-v1", "LunarLander-v3", "LunarLander-v3:continuous=true", "BipedalWalker-v3",
            "CarRacing-v3"})
    public String env;

    private Env instance;
    private SplittableRandom random;
    private float[] low;
    private float[] high;
    private int discrete;
    private long episodes;

    @Setup(Level.Trial)
    public void setUp() {
        String[] parts = env.split(":", 2);
        String settings = parts.length > 1 ? parts[1] : "";
        EnvProvider provider = ServiceLoader.load(EnvProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(parts[0])).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no env plugin named " + parts[0]));
        instance = provider.create(new Settings("env",
                ConfigFactory.parseString(settings).withFallback(provider.defaults())));
        if (instance.actionSpace() instanceof Discrete d) {
            discrete = d.n();
        } else {
            Box b = (Box) instance.actionSpace();
            low = b.low();
            high = b.high();
        }
        random = new SplittableRandom(0);
        instance.reset(0);
    }

    @Benchmark
    public StepResult step() {
        float[] action;
        if (discrete > 0) {
            action = new float[] {random.nextInt(discrete)};
        } else {
            action = new float[low.length];
            for (int i = 0; i < action.length; i++) {
                action[i] = (float) (low[i] + (high[i] - low[i]) * random.nextDouble());
            }
        }
        StepResult r = instance.step(action);
        if (r.done()) {
            instance.reset(++episodes);
        }
        return r;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        instance.close();
    }
}
