package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Discrete;
import dev.ppo.api.space.Space;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A recurrent policy acts one step at a time from a carried state and trains on sequences unrolled
 * in the graph: both must compute the same function, in the graph and in the plain-Java mirror.
 */
class RecurrentBackendTest {

    private static final TfOptions GRAPH = TfOptions.cpu();
    private static final TfOptions JAVA = new TfOptions(false, 1, -1, false, true);
    private static final int OBS = 3;
    private static final int STEPS = 4;
    private static final int SEQUENCES = 3;
    private static final int LSTM = 5;

    /** Rows 0-11: three sequences of four steps; episodes start at rows 2 and 9 (state zeroed before them). */
    private static final boolean[] STARTS = {false, false, true, false, false, false, false, false, false, true, false,
        false};

    @Test
    void theUnrolledTrainGraphSeesWhatActingSawAndTheMirrorActsLikeTheGraph() {
        for (Space actions : List.of(new Discrete(3), Box.of(-1, 1, 2))) {
            ModelSpec spec = Fixtures.recurrent(OBS, actions, List.of(8), LSTM, STEPS, 21);
            try (TfBackend graph = new TfBackend(spec, GRAPH); TfBackend java = new TfBackend(spec, JAVA)) {
                assertThat(graph.recurrentStateSize()).isEqualTo(2 * LSTM);
                Random rng = new Random(5);
                for (int round = 0; round < 2; round++) {
                    Minibatch batch = actedBatch(graph, java, spec, rng);
                    // returns = V(acting): a zero value loss and zero KL say the unrolled graph gave the same V and π
                    TrainStats stats = graph.train(batch, Fixtures.inputs(0.01));
                    assertThat(stats.kl()).isLessThan(1e-9);
                    assertThat(stats.valueLoss()).isLessThan(1e-10);
                    assertThat(stats.clipFraction()).isZero();
                    java.train(batch, Fixtures.inputs(0.01));
                }
            }
        }
    }

    @Test
    void gradientsReachTheLstm() {
        ModelSpec spec = Fixtures.recurrent(OBS, new Discrete(2), List.of(8), LSTM, STEPS, 22);
        try (TfBackend b = new TfBackend(spec, GRAPH); TfBackend other = new TfBackend(spec, JAVA)) {
            List<VariableState> before = b.exportVariables();
            Minibatch batch = actedBatch(b, other, spec, new Random(6));
            Arrays.fill(batch.advantages(), 1f);
            b.train(batch, Fixtures.inputs(0.01));
            var after = Fixtures.byName(b.exportVariables());
            for (String name : List.of("trunk/lstm/wx", "trunk/lstm/wh", "trunk/lstm/b")) {
                float[] old = Fixtures.byName(before).get(name).values();
                assertThat(after.get(name).values()).as(name).isNotEqualTo(old);
            }
        }
    }

    @Test
    void aBatchThatIsNotWholeSequencesIsRefused() {
        ModelSpec spec = Fixtures.recurrent(OBS, new Discrete(2), List.of(8), LSTM, STEPS, 23);
        try (TfBackend b = new TfBackend(spec, GRAPH); TfBackend other = new TfBackend(spec, JAVA)) {
            Minibatch batch = actedBatch(b, other, spec, new Random(7));
            Minibatch flat = new Minibatch(batch.size(), batch.observations(), batch.actions(), batch.oldLogProbs(),
                    batch.oldDistribution(), batch.advantages(), batch.returns(), batch.oldValues());
            assertThatThrownBy(() -> b.train(flat, Fixtures.inputs(0.01)))
                    .hasMessageContaining("whole sequences of 4 steps").hasMessageContaining("without initial states");
            assertThatThrownBy(() -> b.forward(new float[OBS], 1, new float[2], new float[1]))
                    .hasMessageContaining("acts from a state");
            assertThat(b.exportFormats()).isEmpty();
        }
    }

    /**
     * Acts through three sequences step by step on both backends (asserting they agree), carrying the
     * state and zeroing it at {@link #STARTS}, and returns them as a training minibatch whose old
     * values are also the returns. The first sequence starts from a state reached by acting beforehand.
     */
    private static Minibatch actedBatch(TfBackend graph, TfBackend java, ModelSpec spec, Random rng) {
        int w = graph.distributionWidth();
        int s = graph.recurrentStateSize();
        int rows = SEQUENCES * STEPS;
        float[] obs = Fixtures.gaussian(rng, rows * OBS);
        float[] dist = new float[rows * w];
        float[] values = new float[rows];
        float[] starts = new float[rows];
        float[] initial = new float[SEQUENCES * s];
        float[] state = new float[s];
        float[] javaState = new float[s];
        for (int warm = 0; warm < 3; warm++) {
            step(graph, java, Fixtures.gaussian(rng, OBS), state, javaState, new float[w], new float[1]);
        }
        for (int r = 0; r < rows; r++) {
            if (STARTS[r]) {
                Arrays.fill(state, 0f);
                Arrays.fill(javaState, 0f);
                starts[r] = 1;
            }
            if (r % STEPS == 0) {
                System.arraycopy(state, 0, initial, r / STEPS * s, s);
            }
            float[] d = new float[w];
            float[] v = new float[1];
            step(graph, java, Arrays.copyOfRange(obs, r * OBS, (r + 1) * OBS), state, javaState, d, v);
            System.arraycopy(d, 0, dist, r * w, w);
            values[r] = v[0];
        }
        Minibatch plain = Fixtures.onPolicyBatch(graph, spec, obs, rows, Fixtures.gaussian(rng, rows), values, rng,
                dist, values);
        return new Minibatch(rows, obs, plain.actions(), plain.oldLogProbs(), dist, plain.advantages(), values.clone(),
                values, starts, initial);
    }

    /** One acting step on both backends from their own carried states, which must stay equal. */
    private static void step(TfBackend graph, TfBackend java, float[] obs, float[] state, float[] javaState,
                             float[] dist, float[] value) {
        float[] javaDist = new float[dist.length];
        float[] javaValue = new float[1];
        graph.forward(obs, state, 1, dist, value, state);
        java.forward(obs, javaState, 1, javaDist, javaValue, javaState);
        for (int k = 0; k < dist.length; k++) {
            assertThat(javaDist[k]).isCloseTo(dist[k], within(1e-5f));
        }
        assertThat(javaValue[0]).isCloseTo(value[0], within(1e-5f));
        for (int k = 0; k < state.length; k++) {
            assertThat(javaState[k]).isCloseTo(state[k], within(1e-5f));
        }
    }
}
