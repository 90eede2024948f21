package dev.ppo.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DoubleAlgebraTest {

    @Test
    void doubleAlgebraBroadcastsScalarsAndReadsParameters() {
        DoubleAlgebra alg = new DoubleAlgebra(Map.of("eps", 0.2));
        double[] r = {0.5, 1.0, 1.5};
        double[] lo = alg.sub(alg.constant(1), alg.parameter("eps"));
        double[] hi = alg.add(alg.constant(1), alg.parameter("eps"));
        assertThat(alg.clip(r, lo, hi)).containsExactly(0.8, 1.0, 1.2);
        assertThat(alg.mean(alg.mul(r, alg.constant(2)))).containsExactly(2.0);
        assertThatThrownBy(() -> alg.parameter("beta")).hasMessageContaining("beta");
        assertThatThrownBy(() -> alg.add(new double[2], new double[3])).hasMessageContaining("broadcast");
    }

    @Test
    void absLogAndGreater() {
        DoubleAlgebra alg = new DoubleAlgebra(Map.of());
        assertThat(alg.abs(new double[] {-2, 3})).containsExactly(2, 3);
        assertThat(alg.log(new double[] {1, Math.E})).containsExactly(0, 1);
        assertThat(alg.greater(new double[] {0.1, 0.3}, alg.constant(0.2))).containsExactly(0, 1);
    }
}
