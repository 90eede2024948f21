package dev.ppo.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ppo doctor} can check on a CPU-only machine: the CPU report and the messages for missing pieces. */
class TfDoctorTest {

    @Test
    void reportsTheCpuBuildItsDevicesAndWhatAGpuWouldNeed() {
        Map<String, Object> report = TfDoctor.diagnose(new TfOptions(false, 1, -1, false, true));
        @SuppressWarnings("unchecked")
        Map<String, Object> tf = (Map<String, Object>) report.get("tensorflow");
        assertThat(tf.get("version")).isEqualTo("2.18.0");
        assertThat(tf.get("build")).isEqualTo("cpu");
        assertThat((List<?>) tf.get("native_jars")).anyMatch(j -> j.toString().contains("linux-x86_64.jar"));
        assertThat(report.get("devices").toString()).contains("/device:CPU:0");
        @SuppressWarnings("unchecked")
        List<String> fixes = (List<String>) report.get("fixes");
        assertThat(fixes).anyMatch(f -> f.contains("-Pgpu") && f.contains("backend.device = gpu"));
        @SuppressWarnings("unchecked")
        Map<String, Object> cuda = (Map<String, Object>) report.get("cuda");
        if (!((List<?>) cuda.get("missing")).isEmpty()) {
            assertThat(fixes).anyMatch(f -> f.startsWith("missing libcu") && f.contains("LD_LIBRARY_PATH"));
        }
    }

    @Test
    void aLibraryIsLookedForWhereTheLoaderWouldFindIt() {
        assertThat(TfDoctor.locate("libc.so.6")).isPresent();
        assertThat(TfDoctor.locate("libcudart-that-does-not-exist.so.99")).isEmpty();
    }
}
