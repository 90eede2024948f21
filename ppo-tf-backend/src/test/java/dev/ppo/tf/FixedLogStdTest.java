package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Activation;
import dev.ppo.api.space.Box;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The PPO article's fixed, scheduled variance: the log-std is set by the caller, never trained. */
class FixedLogStdTest {

    private static ModelSpec spec(boolean learn) {
        ModelSpec s = Fixtures.spec(3, Box.of(-1, 1, 2), new NetworkSpec(List.of(8), List.of(8), Activation.TANH, false),
                new Fixtures.ClipObjective(), 0, 0.5, 4);
        return new ModelSpec(s.observationShape(), s.actionSpace(), s.network(), s.objective(), s.valueCoef(),
                s.entropyCoef(), s.valueClip(), s.maxGradNorm(), s.adamEpsilon(), Math.log(0.6), learn, s.seed());
    }

    private static float[] logStdOf(TfBackend b) {
        return Fixtures.byName(b.exportVariables()).get("actor/log_std").values();
    }

    @Test
    void trainingLeavesAFixedLogStdAloneAndSetLogStdChangesWhatActingSees() {
        for (TfOptions options : List.of(TfOptions.cpu(), new TfOptions(false, 1, -1, false, true))) {
            try (TfBackend b = new TfBackend(spec(false), options)) {
                Random rng = new Random(1);
                var batch = Fixtures.onPolicyBatch(b, spec(false), Fixtures.gaussian(rng, 24), 8,
                        Fixtures.gaussian(rng, 8), Fixtures.gaussian(rng, 8), rng);
                for (int i = 0; i < 5; i++) {
                    b.train(batch, Fixtures.inputs(0.05));
                }
                assertThat(logStdOf(b)).containsOnly((float) Math.log(0.6));
                assertThat(Fixtures.byName(b.exportVariables())).doesNotContainKey("actor/log_std/adam_m");

                b.setLogStd(Math.log(0.3));
                float[] dist = new float[4];
                b.forward(new float[] {0.1f, 0.2f, 0.3f}, 1, dist, new float[1]);
                assertThat(dist[2]).isEqualTo((float) Math.log(0.3));
                assertThat(dist[3]).isEqualTo((float) Math.log(0.3));
                assertThat(logStdOf(b)).containsOnly((float) Math.log(0.3));
            }
        }
    }

    @Test
    void aLearnedLogStdTrainsAndCannotBeSet() {
        try (TfBackend b = new TfBackend(spec(true), TfOptions.cpu())) {
            Random rng = new Random(2);
            var batch = Fixtures.onPolicyBatch(b, spec(true), Fixtures.gaussian(rng, 24), 8,
                    Fixtures.gaussian(rng, 8), Fixtures.gaussian(rng, 8), rng);
            b.train(batch, Fixtures.inputs(0.05));
            assertThat(logStdOf(b)).doesNotContain((float) Math.log(0.6));
            assertThatThrownBy(() -> b.setLogStd(0)).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
