package dev.ppo.runner.algo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.env.Wrapper;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.config.ConfigLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A slot's segment does not depend on which slots share its group: the learner collecting all N
 * slots and k workers collecting a share each produce the same numbers, bit for bit. That needs
 * every backend's batched forward pass to compute each row on its own, and each slot to sample
 * from its own stream. Collecting a group's slots in parallel lanes (parallel_envs) gives the same
 * bits too.
 */
class SlotGroupTest {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"java, CartPole-v1", "java, Pendulum-v1", "tensorflow, CartPole-v1", "tensorflow, Pendulum-v1"})
    void segmentsAreTheSameWhicheverSlotsShareAGroup(String backendName, String env) {
        Config config = ConfigLoader.loadString("backend.name = " + backendName + "\nenv.name = " + env
                + "\nppo { num_envs = 5, num_steps = 230, normalize_observations = true }", List.of());
        RolloutKit kit = Ppo.rolloutKit(config, List.of());
        Normalization normalization = new Normalization(kit.newSlot(0, 1).env().observationSpace().flatSize(), true,
                false, 10, 10, 0.99);
        for (int k = 0; k < 3; k++) { // statistics that are not the identity
            EnvSlot probe = kit.newSlot(0, 100 + k);
            probe.restore(SlotState.first(100 + k, 0));
            normalization.observe(probe.observation(), 1);
        }
        try (Backend backend = kit.newBackend()) {
            ActingPolicy policy = new ActingPolicy(0, backend, normalization, kit.distribution(), Double.NaN);
            List<Segment> together = collect(kit, policy, List.of(List.of(0, 1, 2, 3, 4)), 1);
            List<Segment> apart = collect(kit, policy, List.of(List.of(0, 3), List.of(1), List.of(2, 4)), 1);
            // parallel_envs: lanes of 2 and 3 slots (or 1 and 1) stepped on threads of their own
            List<Segment> inLanes = collect(kit, policy, List.of(List.of(0, 1, 2, 3, 4)), 2);
            List<Segment> inLanesApart = collect(kit, policy, List.of(List.of(0, 3), List.of(1, 2, 4)), 3);
            assertThat(together).hasSize(5);
            assertThat(inLanes).extracting(Segment::slot).containsExactly(0, 1, 2, 3, 4);
            assertSameSegments(together, apart);
            assertSameSegments(together, inLanes);
            assertSameSegments(together, inLanesApart);
            if (env.startsWith("Pendulum")) {
                // 230 steps cross Pendulum's 200-step time limit: the truncated value was computed
                assertThat(together.get(0).truncated()[199]).isTrue();
                assertThat(together.get(0).truncatedValues()[199]).isNotZero();
            }
        }
    }

    @Test
    void anEnvFailingInOneLaneStopsTheCollectionWithItsErrorAfterTheOtherLaneStops() {
        Config config = ConfigLoader.loadString("backend.name = java\nenv.name = CartPole-v1", List.of());
        RolloutKit kit = Ppo.rolloutKit(config, List.of());
        AtomicInteger healthySteps = new AtomicInteger();
        List<EnvSlot> slots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Env env = kit.newSlot(i, 7).env();
            // slot 0 (lane 0, the caller's thread) breaks at its 20th step; slot 3 (lane 1) counts its steps
            Env wrapped = i == 0 ? new Scripted(env, new AtomicInteger(), 20)
                    : i == 3 ? new Scripted(env, healthySteps, Integer.MAX_VALUE) : env;
            EnvSlot slot = new EnvSlot(i, wrapped, 7);
            slot.restore(SlotState.first(7, i));
            slots.add(slot);
        }
        Normalization normalization = new Normalization(4, false, false, 10, 10, 0.99);
        try (Backend backend = kit.newBackend(); SlotGroup group = new SlotGroup(slots, 2)) {
            ActingPolicy policy = new ActingPolicy(0, backend, normalization, kit.distribution(), Double.NaN);
            assertThatThrownBy(() -> group.collect(200, policy)).hasMessage("env broke at step 20");
            // the failure came back only once every lane had stopped: no env is left stepping
            assertThat(healthySteps.get()).isEqualTo(200);
        }
    }

    /** Counts its steps and throws at a given one. */
    private static final class Scripted extends Wrapper {
        private final AtomicInteger steps;
        private final int failAt;

        Scripted(Env env, AtomicInteger steps, int failAt) {
            super(env);
            this.steps = steps;
            this.failAt = failAt;
        }

        @Override
        public StepResult step(float[] action) {
            if (steps.incrementAndGet() == failAt) {
                throw new IllegalStateException("env broke at step " + failAt);
            }
            return env.step(action);
        }
    }

    private static void assertSameSegments(List<Segment> together, List<Segment> apart) {
        for (Segment s : together) {
            Segment other = apart.stream().filter(a -> a.slot() == s.slot()).findFirst().orElseThrow();
            assertThat(other.observations()).isEqualTo(s.observations());
            assertThat(other.actions()).isEqualTo(s.actions());
            assertThat(other.logProbs()).isEqualTo(s.logProbs());
            assertThat(other.distributions()).isEqualTo(s.distributions());
            assertThat(other.values()).isEqualTo(s.values());
            assertThat(other.rewards()).isEqualTo(s.rewards());
            assertThat(other.truncatedValues()).isEqualTo(s.truncatedValues());
            assertThat(other.lastValue()).isEqualTo(s.lastValue());
            assertThat(other.episodes()).isEqualTo(s.episodes());
            assertThat(other.end().rng()).isEqualTo(s.end().rng());
            assertThat(other.end().actions()).isEqualTo(s.end().actions());
        }
    }

    private static List<Segment> collect(RolloutKit kit, ActingPolicy policy, List<List<Integer>> groups,
                                         int threads) {
        List<Segment> out = new ArrayList<>();
        for (List<Integer> members : groups) {
            List<EnvSlot> slots = new ArrayList<>();
            for (int i : members) {
                EnvSlot slot = kit.newSlot(i, 7);
                slot.restore(SlotState.first(7, i));
                slots.add(slot);
            }
            try (SlotGroup group = new SlotGroup(slots, threads)) {
                out.addAll(group.collect(230, policy));
            }
        }
        return out;
    }
}
