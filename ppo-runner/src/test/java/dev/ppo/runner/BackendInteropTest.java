package dev.ppo.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The java and tensorflow backends share one checkpoint format: the same initial weights for a
 * seed, and weights trained by one act the same in the other (float32 tolerance).
 */
class BackendInteropTest {

    private static final PluginRegistry REGISTRY = PluginRegistry.load(List.of());

    @TempDir
    Path dir;

    private static Backend backend(String name, Space actions, String network) {
        Config config = ConfigLoader.loadString("backend.name = " + name + "\nnetwork { " + network + " }", List.of());
        PluginRegistry.Selected<ObjectiveProvider> o = REGISTRY.select(PluginType.OBJECTIVE, config);
        Objective objective = o.plugin().create(o.settings());
        PluginRegistry.Selected<NetworkProvider> n = REGISTRY.select(PluginType.NETWORK, config);
        NetworkSpec net = n.plugin().create(n.settings());
        ModelSpec spec = new ModelSpec(6, actions, net, objective, 0.5, 0.01, 0.2, 0.5, 1e-5, -0.5, true, 7);
        PluginRegistry.Selected<BackendProvider> b = REGISTRY.select(PluginType.BACKEND, config);
        return b.plugin().create(b.settings(), spec);
    }

    private static float[] gaussian(Random r, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian() * scale);
        }
        return x;
    }

    /** A few train steps on random data, so the weights are no longer the initial ones. */
    private static void train(Backend b, int width, boolean discrete, Random r) {
        int m = 64;
        float[] obs = gaussian(r, m * 6, 1);
        float[] dist = new float[m * width];
        float[] values = new float[m];
        b.forward(obs, m, dist, values);
        float[] actions = discrete ? new float[m] : gaussian(r, m * (width / 2), 0.5);
        if (discrete) {
            for (int i = 0; i < m; i++) {
                actions[i] = r.nextInt(width);
            }
        }
        Minibatch batch = new Minibatch(m, obs, actions, gaussian(r, m, 0.1), dist, gaussian(r, m, 1),
                gaussian(r, m, 1), values);
        for (int i = 0; i < 5; i++) {
            b.train(batch, new TrainInputs(1e-2, 1e-2, java.util.Map.of("clip_epsilon", 0.2), 0.2));
        }
    }

    private static void assertActAlike(Backend a, Backend b, int width) {
        Random r = new Random(11);
        int n = 300;
        float[] obs = gaussian(r, n * 6, 2);
        float[] da = new float[n * width];
        float[] db = new float[n * width];
        float[] va = new float[n];
        float[] vb = new float[n];
        a.forward(obs, n, da, va);
        b.forward(obs, n, db, vb);
        for (int i = 0; i < da.length; i++) {
            assertThat(db[i]).as("distribution parameter %d", i).isCloseTo(da[i], within(2e-5f));
        }
        for (int i = 0; i < n; i++) {
            assertThat(vb[i]).as("value %d", i).isCloseTo(va[i], within(2e-5f * Math.max(1, Math.abs(va[i]))));
        }
    }

    @Test
    void weightsTrainedByEitherBackendActTheSameInTheOther() {
        for (Space actions : List.of(new Discrete(3), Box.of(-1f, 1f, 2))) {
            int width = actions instanceof Discrete d ? d.n() : 4;
            for (String network : List.of("name = mlp", "name = mlp, shared = true, activation = relu")) {
                try (Backend java = backend("java", actions, network); Backend tf = backend("tensorflow", actions, network)) {
                    assertActAlike(java, tf, width); // the same initial weights for the same seed
                    train(java, width, actions instanceof Discrete, new Random(3));
                    tf.importVariables(java.exportVariables());
                    assertActAlike(java, tf, width);
                    train(tf, width, actions instanceof Discrete, new Random(4));
                    java.importVariables(tf.exportVariables());
                    assertActAlike(tf, java, width);
                    assertThat(java.exportVariables()).extracting(v -> v.name())
                            .containsExactlyElementsOf(tf.exportVariables().stream().map(v -> v.name()).toList());
                }
            }
        }
    }

    /** {@code backend.threads = 2} runs the critic on a second core: the same bits as one thread. */
    @Test
    void theJavaBackendTrainsTheSameBitsOnOneAndTwoThreads() {
        for (Space actions : List.of(new Discrete(3), Box.of(-1f, 1f, 2))) {
            int width = actions instanceof Discrete d ? d.n() : 4;
            try (Backend one = backend("java", actions, "name = mlp"); Backend two = backend("java\nbackend.threads = 2",
                    actions, "name = mlp")) {
                train(one, width, actions instanceof Discrete, new Random(3));
                train(two, width, actions instanceof Discrete, new Random(3));
                List<dev.ppo.api.backend.VariableState> a = one.exportVariables();
                List<dev.ppo.api.backend.VariableState> b = two.exportVariables();
                assertThat(b).hasSameSizeAs(a);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(b.get(i).values()).as(a.get(i).name()).isEqualTo(a.get(i).values());
                }
            }
        }
        assertThatThrownBy(() -> backend("java\nbackend.threads = 3", new Discrete(2), "name = mlp"))
                .hasMessageContaining("backend.threads").hasMessageContaining("1 or 2");
    }

    @Test
    void theJavaBackendRefusesConvAndGpuNamingTensorflow() {
        assertThatThrownBy(() -> backend("java", new Discrete(2), "name = nature-cnn"))
                .hasMessageContaining("backend.name = tensorflow");
        Config gpu = ConfigLoader.loadString("backend { name = java, device = gpu }", List.of());
        PluginRegistry.Selected<BackendProvider> b = REGISTRY.select(PluginType.BACKEND, gpu);
        assertThatThrownBy(() -> b.plugin().create(b.settings(), null))
                .hasMessageContaining("backend.device").hasMessageContaining("backend.name = tensorflow");
    }
}
