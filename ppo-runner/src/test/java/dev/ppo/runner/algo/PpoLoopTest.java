package dev.ppo.runner.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.loss.LossAlgebra;
import dev.ppo.api.loss.PolicyTerms;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.config.PpoConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The PPO loop itself, with a scripted env and a fake backend whose value is the observation:
 * the time-limit bootstrap, same-step auto-reset, the target-KL early stop, learning-rate and ε
 * annealing, and that a resumed loop continues exactly.
 */
class PpoLoopTest {

    /**
     * Observation = 10·episode + t (one float). Even episodes terminate after 3 steps, odd ones are
     * truncated after 2, reward 1 per step. The episode number counts resets, or, {@code bySeed},
     * comes from the reset's seed (so that the env is deterministic, as a replay needs).
     */
    static final class ScriptedEnv implements Env {
        private final boolean bySeed;
        private int episode = -1;
        private int t;

        ScriptedEnv(boolean bySeed) {
            this.bySeed = bySeed;
        }

        @Override
        public Space observationSpace() {
            return Box.of(0f, 1000f, 1);
        }

        @Override
        public Space actionSpace() {
            return new Discrete(2);
        }

        @Override
        public float[] reset(long seed) {
            if (bySeed) {
                episode = (int) Math.floorMod(seed, 50L) - 1;
            }
            return reset();
        }

        @Override
        public float[] reset() {
            episode++;
            t = 0;
            return new float[] {10 * episode};
        }

        @Override
        public StepResult step(float[] action) {
            t++;
            boolean even = episode % 2 == 0;
            return new StepResult(new float[] {10 * episode + t}, 1.0, even && t == 3, !even && t == 2);
        }

        @Override
        public boolean deterministic() {
            return bySeed;
        }
    }

    /** Uniform logits, V(s) = s; records every forward row and every minibatch it trains on. */
    static final class FakeBackend implements Backend {
        final List<Float> forwarded = new ArrayList<>();
        final List<Minibatch> trained = new ArrayList<>();
        final List<TrainInputs> inputs = new ArrayList<>();
        double approxKl = 0.001;

        @Override
        public int distributionWidth() {
            return 2;
        }

        @Override
        public void forward(float[] observations, int n, float[] distribution, float[] values) {
            for (int i = 0; i < n; i++) {
                distribution[2 * i] = 0;
                distribution[2 * i + 1] = 0;
                values[i] = observations[i];
                forwarded.add(observations[i]);
            }
        }

        @Override
        public TrainStats train(Minibatch b, TrainInputs in) {
            trained.add(new Minibatch(b.size(), b.observations().clone(), b.actions().clone(), b.oldLogProbs().clone(),
                    b.oldDistribution().clone(), b.advantages().clone(), b.returns().clone(), b.oldValues().clone()));
            inputs.add(in);
            return TrainStats.of(Map.of(PpoLoss.Term.ENTROPY, Math.log(2), PpoLoss.Term.APPROX_KL, approxKl), 0);
        }

        @Override
        public List<VariableState> exportVariables() {
            return List.of();
        }

        @Override
        public void importVariables(List<VariableState> variables) {
        }

        @Override
        public String description() {
            return "fake";
        }

        @Override
        public void close() {
        }
    }

    /** ε = 0.2 annealed by the progress it is given, as the clip objective's anneal_clip does. */
    static final class AnnealedObjective implements Objective {
        final List<Double> progress = new ArrayList<>();
        double epsilon = 0.2;

        @Override
        public <T> T surrogate(LossAlgebra<T> alg, PolicyTerms<T> terms) {
            return alg.mean(alg.mul(terms.ratio(alg), terms.advantage()));
        }

        @Override
        public Map<String, Double> parameters() {
            return Map.of("clip_epsilon", epsilon);
        }

        @Override
        public double diagnosticClipRange() {
            return epsilon;
        }

        @Override
        public void beginUpdate(double progressRemaining) {
            progress.add(progressRemaining);
            epsilon = 0.2 * progressRemaining;
        }
    }

    private static PpoConfig config(String hocon) {
        return PpoConfig.from(new Settings("ppo", ConfigLoader.loadString(hocon, List.of()).getConfig("ppo")));
    }

    private static PpoAlgorithm loop(PpoConfig config, FakeBackend backend, Objective objective) {
        return loop(config, backend, objective, false);
    }

    private static PpoAlgorithm loop(PpoConfig config, FakeBackend backend, Objective objective, boolean bySeed) {
        return new PpoAlgorithm(config, new LocalRollouts(List.of(new ScriptedEnv(bySeed)), false), backend, objective, 1);
    }

    private static final String ONE_ENV = "ppo { num_envs = 1, num_steps = 8, minibatch_size = 8, update_epochs = 1,"
            + " gamma = 0.5, gae_lambda = 0, normalize_advantages = false, total_timesteps = 32 }";

    @Test
    void truncationBootstrapsFromTheFinalObservationAndTerminationDoesNot() {
        FakeBackend backend = new FakeBackend();
        loop(config(ONE_ENV), backend, new AnnealedObjective()).iterate();
        Minibatch b = backend.trained.get(0);
        Map<Float, Float> returns = new HashMap<>();
        for (int k = 0; k < b.size(); k++) {
            returns.put(b.observations()[k], b.returns()[k]);
            assertThat(b.oldValues()[k]).isEqualTo(b.observations()[k]); // V_old(s) = s
        }
        // same-step auto-reset: the rollout holds 0,1,2 | 10,11 | 20,21,22, never a final observation
        assertThat(returns.keySet()).containsExactlyInAnyOrder(0f, 1f, 2f, 10f, 11f, 20f, 21f, 22f);
        // λ = 0, γ = 0.5: R_t = r_t + γ·V(s_t+1) within an episode
        assertThat(returns.get(0f)).isEqualTo(1 + 0.5f * 1);
        assertThat(returns.get(10f)).isEqualTo(1 + 0.5f * 11);
        assertThat(returns.get(21f)).isEqualTo(1 + 0.5f * 22);
        // terminated after obs 2 and 22: nothing bootstrapped
        assertThat(returns.get(2f)).isEqualTo(1f);
        assertThat(returns.get(22f)).isEqualTo(1f);
        // truncated after obs 11: γ·V(final observation 12), not V(20) of the next episode's reset
        assertThat(returns.get(11f)).isEqualTo(1 + 0.5f * 12);
        assertThat(backend.forwarded).contains(12f);
        // the rollout's last row bootstraps from V(s_T) = V(30), the next episode's first observation
        assertThat(returns.get(20f)).isEqualTo(1 + 0.5f * 21);
    }

    @Test
    void targetKlStopsTheEpochsEarly() {
        String hocon = "ppo { num_envs = 1, num_steps = 8, minibatch_size = 4, update_epochs = 4, target_kl = 0.01,"
                + " total_timesteps = 8 }";
        FakeBackend calm = new FakeBackend();
        IterationReport all = loop(config(hocon), calm, new AnnealedObjective()).iterate();
        assertThat(all.epochsRun()).isEqualTo(4);
        assertThat(calm.trained).hasSize(8);

        FakeBackend jumpy = new FakeBackend();
        jumpy.approxKl = 0.05; // above target_kl after the first epoch
        IterationReport early = loop(config(hocon), jumpy, new AnnealedObjective()).iterate();
        assertThat(early.epochsRun()).isEqualTo(1);
        assertThat(jumpy.trained).hasSize(2);
    }

    @Test
    void learningRateAndEpsilonAnnealLinearly() {
        FakeBackend backend = new FakeBackend();
        AnnealedObjective objective = new AnnealedObjective();
        PpoAlgorithm algo = loop(config(ONE_ENV.replace("}", ", anneal_lr = true, learning_rate = 0.001 }")),
                backend, objective);
        while (!algo.done()) {
            algo.iterate();
        }
        assertThat(objective.progress).containsExactly(1.0, 0.75, 0.5, 0.25);
        assertThat(backend.inputs).hasSize(4);
        double[] expected = {1.0, 0.75, 0.5, 0.25};
        for (int i = 0; i < 4; i++) {
            assertThat(backend.inputs.get(i).actorLearningRate()).isCloseTo(0.001 * expected[i], within(1e-12));
            // the clip-fraction diagnostic counts against the ε of this update
            assertThat(backend.inputs.get(i).clipRange()).isCloseTo(0.2 * expected[i], within(1e-12));
        }
    }

    @Test
    void aRestoredLoopContinuesExactly() {
        FakeBackend straight = new FakeBackend();
        PpoAlgorithm uninterrupted = loop(config(ONE_ENV), straight, new AnnealedObjective(), true);
        for (int i = 0; i < 4; i++) {
            uninterrupted.iterate();
        }
        FakeBackend first = new FakeBackend();
        PpoAlgorithm before = loop(config(ONE_ENV), first, new AnnealedObjective(), true);
        before.iterate();
        before.iterate();
        TrainingState saved = before.state();

        FakeBackend second = new FakeBackend();
        PpoAlgorithm resumed = loop(config(ONE_ENV), second, new AnnealedObjective(), true);
        assertThat(resumed.restore(saved, 1)).isTrue();
        resumed.iterate();
        resumed.iterate();
        assertThat(resumed.globalStep()).isEqualTo(uninterrupted.globalStep());
        // the checkpoint fell mid-episode: the resumed loop replayed it to the same observation
        assertThat(second.trained.get(0).observations()).containsExactly(straight.trained.get(2).observations());
        for (int i = 0; i < 2; i++) {
            Minibatch expected = straight.trained.get(2 + i);
            Minibatch actual = second.trained.get(i);
            assertThat(actual.observations()).containsExactly(expected.observations());
            assertThat(actual.actions()).containsExactly(expected.actions());
            assertThat(actual.returns()).containsExactly(expected.returns());
        }
    }
}
