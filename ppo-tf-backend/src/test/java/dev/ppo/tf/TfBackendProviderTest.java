package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.api.space.Discrete;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class TfBackendProviderTest {

    private static Settings settings(String hocon) {
        TfBackendProvider p = new TfBackendProvider();
        return new Settings("backend", ConfigFactory.parseString(hocon).withFallback(p.defaults()));
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        List<String> names = ServiceLoader.load(BackendProvider.class).stream()
                .map(p -> p.get().name()).toList();
        assertThat(names).contains("tensorflow");
    }

    @Test
    void defaultsAreCpuOneIntraOpThreadAndOpsInTheCallersThread() {
        TfOptions o = TfBackendProvider.options(settings(""));
        assertThat(o).isEqualTo(new TfOptions(false, 1, -1, false, true));
        assertThat(new TfBackendProvider().defaults().root().keySet())
                .containsExactlyInAnyOrder("device", "intra_op_threads", "inter_op_threads", "log_device_placement",
                        "java_forward");
        assertThat(TfBackendProvider.options(settings("intra_op_threads = 0, log_device_placement = true")))
                .isEqualTo(new TfOptions(false, 0, -1, true, true));
    }

    @Test
    void createsAWorkingBackend() {
        try (Backend b = new TfBackendProvider().create(settings(""), Fixtures.discrete(3, 2, List.of(4), 1))) {
            float[] dist = new float[2];
            float[] v = new float[1];
            b.forward(new float[] {1, 2, 3}, 1, dist, v);
            assertThat(b.distributionWidth()).isEqualTo(2);
            assertThat(b.description()).matches("TensorFlow \\d+\\.\\d+.* \\(CPU\\)");
        }
    }

    @Test
    void rejectsUnknownDeviceAndNegativeThreads() {
        assertThatThrownBy(() -> TfBackendProvider.options(settings("device = tpu")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("backend.device = tpu").hasMessageContaining("cpu, gpu");
        assertThatThrownBy(() -> TfBackendProvider.options(settings("inter_op_threads = -2")))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("backend.inter_op_threads");
    }

    /** On a machine without a usable GPU (this CPU build), asking for one fails and says why. */
    @Test
    void gpuWithoutAGpuFailsWithAClearMessage() {
        assumeTrue(TfDevices.gpuUnavailableReason(new TfOptions(true, 1, -1, false, false)).isPresent(), "a GPU is usable here");
        assertThatThrownBy(() -> new TfBackendProvider().create(settings("device = gpu"),
                Fixtures.discrete(3, 2, List.of(4), 1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("backend.device = gpu")
                .hasMessageContaining("/GPU:0")
                .hasMessageContaining("set device = cpu");
    }
}
