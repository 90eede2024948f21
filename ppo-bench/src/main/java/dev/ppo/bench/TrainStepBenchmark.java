package dev.ppo.bench;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
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
 * One PPO train step (forward, loss, backward, clipping, Adam) of each backend, at the network and
 * minibatch shapes of the three MLP presets (64-64 tanh, separate actor and critic, clipped
 * objective): CartPole (4 inputs, 2 actions, minibatch 256), LunarLander (8, 4, 64) and
 * BipedalWalker (24, Gaussian over 4, 64). Scores are µs per step; {@link Summary} adds the
 * GFLOP/s that the dense layers' arithmetic reaches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TrainStepBenchmark {

    /** A backend name, optionally with settings: {@code java:threads=2}. */
    @Param({"tensorflow", "java", "java:threads=2"})
    public String backend;

    /** preset:inputs:actions:minibatch, actions "b4" for a Box of 4. */
    @Param({"cartpole:4:2:256", "lunarlander:8:4:64", "bipedalwalker:24:b4:64"})
    public String shape;

    private Backend instance;
    private Minibatch batch;
    private TrainInputs inputs;

    private static <P extends Plugin> P plugin(Class<P> type, String name) {
        return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).filter(p -> p.name().equals(name))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " " + name));
    }

    private static Settings defaults(Plugin p, String path) {
        return new Settings(path, ConfigFactory.empty().withFallback(p.defaults()));
    }

    @Setup(Level.Trial)
    public void setUp() {
        String[] s = shape.split(":");
        int inputs = Integer.parseInt(s[1]);
        boolean gaussian = s[2].startsWith("b");
        int actions = Integer.parseInt(gaussian ? s[2].substring(1) : s[2]);
        int m = Integer.parseInt(s[3]);
        Space space = gaussian ? Box.of(-1f, 1f, actions) : new Discrete(actions);
        ObjectiveProvider clip = plugin(ObjectiveProvider.class, "clip");
        Objective objective = clip.create(defaults(clip, "objective"));
        NetworkProvider mlp = plugin(NetworkProvider.class, "mlp");
        NetworkSpec network = mlp.create(defaults(mlp, "network"));
        ModelSpec spec = new ModelSpec(inputs, space, network, objective, 0.5, 0.0, 0.2, 0.5, 1e-5, 0, true, 1);
        String[] named = backend.split(":", 2);
        BackendProvider provider = plugin(BackendProvider.class, named[0]);
        instance = provider.create(new Settings("backend", ConfigFactory.parseString(named.length > 1 ? named[1] : "")
                .withFallback(provider.defaults())), spec);
        Random r = new Random(1);
        float[] obs = gaussian(r, m * inputs);
        float[] dist = new float[m * instance.distributionWidth()];
        float[] values = new float[m];
        instance.forward(obs, m, dist, values);
        float[] act = new float[m * (gaussian ? actions : 1)];
        for (int i = 0; i < act.length; i++) {
            act[i] = gaussian ? (float) r.nextGaussian() : r.nextInt(actions);
        }
        batch = new Minibatch(m, obs, act, gaussian(r, m), dist, gaussian(r, m), gaussian(r, m), values);
        this.inputs = new TrainInputs(2.5e-4, 2.5e-4, objective.parameters(), 0.2);
    }

    private static float[] gaussian(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    @Benchmark
    public TrainStats trainStep() {
        return instance.train(batch, inputs);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        instance.close();
    }

    /**
     * Floating-point operations of one train step's dense layers: forward 2·m·Σ in·out, backward
     * twice that (the weight and the input gradients), so 6·m·Σ in·out (the first layer's input
     * gradient, which no backend computes, is counted too: a slight overestimate).
     */
    static double flops(String shape) {
        String[] s = shape.split(":");
        int in = Integer.parseInt(s[1]);
        int actions = Integer.parseInt(s[2].startsWith("b") ? s[2].substring(1) : s[2]);
        int m = Integer.parseInt(s[3]);
        long macs = 0;
        for (int out : List.of(actions, 1)) { // actor, critic
            macs += (long) in * 64 + 64L * 64 + 64L * out;
        }
        return 6.0 * m * macs;
    }
}
