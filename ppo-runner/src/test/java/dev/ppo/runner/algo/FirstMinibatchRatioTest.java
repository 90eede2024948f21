package dev.ppo.runner.algo;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.EnvProvider;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.ObjectiveProvider;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.config.PpoConfig;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The log-probability the runner stores with a sampled action and the one the backend's train
 * step computes come from the same distribution definition, so on the first minibatch of an
 * update (weights not yet changed) the ratio π/π_old is 1: here up to float32 rounding of the
 * stored log-probability (and, for TensorFlow, of a forward pass computed by another kernel).
 */
class FirstMinibatchRatioTest {

    /** Delegates to a real backend and keeps what its train steps reported. */
    private record Recording(Backend inner, List<TrainStats> stats) implements Backend {
        @Override
        public int distributionWidth() {
            return inner.distributionWidth();
        }

        @Override
        public void forward(float[] observations, int n, float[] distribution, float[] values) {
            inner.forward(observations, n, distribution, values);
        }

        @Override
        public TrainStats train(Minibatch batch, TrainInputs inputs) {
            TrainStats s = inner.train(batch, inputs);
            stats.add(s);
            return s;
        }

        @Override
        public List<VariableState> exportVariables() {
            return inner.exportVariables();
        }

        @Override
        public void importVariables(List<VariableState> variables) {
            inner.importVariables(variables);
        }

        @Override
        public String description() {
            return inner.description();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"java, CartPole-v1, 1e-7", "java, Pendulum-v1, 1e-7", "tensorflow, CartPole-v1, 2e-6",
            "tensorflow, Pendulum-v1, 2e-6"})
    void theRatioIsOneOnTheFirstMinibatch(String backendName, String env, double tolerance) {
        Config config = ConfigLoader.loadString("backend.name = " + backendName + "\nenv.name = " + env
                + "\nppo { num_envs = 2, num_steps = 64, minibatch_size = 32, update_epochs = 2 }", List.of());
        PluginRegistry registry = PluginRegistry.load(List.of());
        PluginRegistry.Selected<EnvProvider> e = registry.select(PluginType.ENV, config);
        List<Env> envs = List.of(e.plugin().create(e.settings()), e.plugin().create(e.settings()));
        PluginRegistry.Selected<ObjectiveProvider> o = registry.select(PluginType.OBJECTIVE, config);
        Objective objective = o.plugin().create(o.settings());
        PluginRegistry.Selected<NetworkProvider> n = registry.select(PluginType.NETWORK, config);
        ModelSpec spec = new ModelSpec(((Box) envs.get(0).observationSpace()).shape(), envs.get(0).actionSpace(),
                n.plugin().create(n.settings()), objective, 0.5, 0.0, 0.2, 0.5, 1e-5, 0, true, 3);
        PluginRegistry.Selected<BackendProvider> b = registry.select(PluginType.BACKEND, config);
        List<TrainStats> stats = new ArrayList<>();
        try (Backend backend = new Recording(b.plugin().create(b.settings(), spec), stats)) {
            PpoConfig ppo = PpoConfig.from(new Settings("ppo", config.getConfig("ppo")));
            new PpoAlgorithm(ppo, new LocalRollouts(envs, false), backend, objective, 3).iterate();
        }
        TrainStats first = stats.get(0);
        System.out.printf("%s on %s: first minibatch mean(-log r) = %.3g, approx-KL = %.3g; last %.3g%n", backendName,
                env, first.get(PpoLoss.Term.OLD_APPROX_KL), first.get(PpoLoss.Term.APPROX_KL),
                stats.get(stats.size() - 1).get(PpoLoss.Term.OLD_APPROX_KL));
        // mean(−log r) and the fraction of |r − 1| > ε: 0 when r = 1
        assertThat(Math.abs(first.get(PpoLoss.Term.OLD_APPROX_KL))).isLessThanOrEqualTo(tolerance);
        assertThat(first.get(PpoLoss.Term.APPROX_KL)).isLessThanOrEqualTo(tolerance * tolerance);
        assertThat(first.clipFraction()).isZero();
        // later minibatches, after the weights moved, are not at 1 any more
        assertThat(Math.abs(stats.get(stats.size() - 1).get(PpoLoss.Term.OLD_APPROX_KL))).isGreaterThan(tolerance);
    }
}
