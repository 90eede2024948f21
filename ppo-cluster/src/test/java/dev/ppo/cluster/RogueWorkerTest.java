package dev.ppo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A member that answers with a malformed segment, or with a message over the learner's
 * cluster.max_message_bytes, loses its slots to the learner; the run goes on to the same numbers
 * as the one-process run.
 */
class RogueWorkerTest {

    private static final String[] RUN = {"--set", "backend.name=java", "--set", "ppo.total_timesteps=6144",
            "--set", "run.progress=false", "--set", "run.sinks=[]", "--set", "seed=9"};

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"malformed", "oversized"})
    @Timeout(150)
    void aBadReplyCostsTheSenderItsSlotsAndNotTheRun(String mode) throws Exception {
        try (Jvms jvms = new Jvms(tmp)) {
            Process local = jvms.start("local", ClusterTrainingTest.concat(RUN, "train", "--run-dir",
                    tmp.resolve("local").toString()));
            int port = Jvms.freePort();
            Path run = tmp.resolve("run");
            Process learner = jvms.start("learner", ClusterTrainingTest.concat(RUN, "train", "--set",
                    "cluster.enabled=true", "--set", "cluster.bind=\"127.0.0.1:" + port + "\"", "--set",
                    "cluster.min_workers=2", "--set", "cluster.collect_timeout=8s", "--set",
                    "cluster.max_message_bytes=1048576", "--run-dir", run.toString()));
            Process rogue = jvms.startMain("rogue", RogueWorker.class.getName(), String.valueOf(port), mode);
            Process worker = jvms.start("worker", "worker", "--join", "127.0.0.1:" + port, "--give-up-after", "60s");
            assertThat(Jvms.exit(learner, 120)).as(jvms.log("learner")).isZero();
            assertThat(Jvms.exit(worker, 30)).as(jvms.log("worker")).isZero();
            assertThat(Jvms.exit(local, 60)).isZero();
            assertThat(jvms.log("rogue")).contains("sent a " + mode + " reply");
            assertThat(jvms.log("learner")).contains("worker rogue-" + mode + " lost")
                    .contains(mode.equals("malformed") ? "cannot be used" : "collect_timeout");
            assertThat(Jvms.scalarsWithoutTiming(run.resolve("scalars.jsonl")))
                    .isEqualTo(Jvms.scalarsWithoutTiming(tmp.resolve("local/scalars.jsonl")));
            rogue.destroyForcibly();
        }
    }
}
