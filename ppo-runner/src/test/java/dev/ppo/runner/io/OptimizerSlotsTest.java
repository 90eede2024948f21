package dev.ppo.runner.io;

import dev.ppo.api.backend.VariableState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OptimizerSlotsTest {

    private static VariableState v(String name, float... values) {
        return new VariableState(name, new long[] {values.length}, values);
    }

    private static final List<VariableState> LEARNED = List.of(v("actor/w", 1, 2), v("actor/w/adam_m", 3, 4),
            v("actor/w/adam_v", 5, 6), v("actor/log_std", -2), v("actor/log_std/adam_m", 0.5f),
            v("actor/log_std/adam_v", 0.25f), v("adam/step", 7));
    private static final List<VariableState> DECAY = List.of(v("actor/w", 0, 0), v("actor/w/adam_m", 0, 0),
            v("actor/w/adam_v", 0, 0), v("actor/log_std", 0), v("adam/step", 0));

    @Test
    void slotsOfAVariableNoLongerTrainedAreDropped() {
        List<String> notes = new ArrayList<>();
        List<VariableState> fitted = OptimizerSlots.fit(LEARNED, DECAY, notes::add);
        assertThat(fitted).extracting(VariableState::name)
                .containsExactly("actor/w", "actor/w/adam_m", "actor/w/adam_v", "actor/log_std", "adam/step");
        assertThat(fitted.get(3).values()).containsExactly(-2f);
        assertThat(notes).singleElement().asString().contains("actor/log_std").contains("not used");
    }

    @Test
    void aVariableNowTrainedStartsWithZeroMoments() {
        List<String> notes = new ArrayList<>();
        List<VariableState> fitted = OptimizerSlots.fit(DECAY, LEARNED, notes::add);
        assertThat(fitted).extracting(VariableState::name).containsExactly("actor/w", "actor/w/adam_m",
                "actor/w/adam_v", "actor/log_std", "adam/step", "actor/log_std/adam_m", "actor/log_std/adam_v");
        assertThat(fitted.get(5).values()).containsExactly(0f);
        assertThat(fitted.get(6).values()).containsExactly(0f);
        assertThat(notes).singleElement().asString().contains("actor/log_std").contains("zero");
    }

    @Test
    void anythingElseIsLeftForTheImportToRefuse() {
        // another network: its weights and their slots pass through unchanged
        List<VariableState> other = List.of(v("actor/l7/w", 1), v("actor/l7/w/adam_m", 1), v("actor/l7/w/adam_v", 1));
        List<String> notes = new ArrayList<>();
        assertThat(OptimizerSlots.fit(other, DECAY, notes::add)).isEqualTo(other);
        assertThat(notes).isEmpty();
        assertThat(OptimizerSlots.fit(LEARNED, LEARNED, notes::add)).isEqualTo(LEARNED);
        assertThat(notes).isEmpty();
    }
}
