package dev.ppo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off loopback the cluster runs over mutual TLS only: binding a public address without keys is
 * refused before anything is written, a worker whose certificate another CA signed cannot join,
 * and one from the cluster's CA can.
 */
class ClusterSecurityTest {

    private static final String[] RUN = {"--set", "backend.name=java", "--set", "ppo.total_timesteps=2048",
            "--set", "run.progress=false", "--set", "run.sinks=[]"};

    @TempDir
    Path tmp;

    @Test
    @Timeout(60)
    void aPublicAddressWithoutTlsIsRefusedAndNothingIsWritten() throws Exception {
        try (Jvms jvms = new Jvms(tmp)) {
            Path run = tmp.resolve("run");
            Process learner = jvms.start("learner", ClusterTrainingTest.concat(RUN, "train", "--set",
                    "cluster.enabled=true", "--set", "cluster.bind=\"192.0.2.1:25520\"", "--run-dir", run.toString()));
            assertThat(Jvms.exit(learner, 40)).isEqualTo(2);
            assertThat(jvms.log("learner")).contains("error: cluster.bind = 192.0.2.1:25520 is not a loopback address")
                    .contains("cluster-keys");
            assertThat(run).doesNotExist();
            Process worker = jvms.start("worker", "worker", "--join", "192.0.2.1:25520");
            assertThat(Jvms.exit(worker, 40)).isEqualTo(2);
            assertThat(jvms.log("worker")).contains("192.0.2.1:25520 is not a loopback address");
        }
    }

    @Test
    @Timeout(150)
    void aWorkerSignedByAnotherCaIsRefusedAndOneSignedByTheClusterCaJoins() throws Exception {
        try (Jvms jvms = new Jvms(tmp)) {
            Path ours = tmp.resolve("keys");
            Path theirs = tmp.resolve("other-keys");
            assertThat(Jvms.exit(jvms.start("keys", "cluster-keys", ours.toString(), "--members", "learner,worker-1"), 60))
                    .as(jvms.log("keys")).isZero();
            assertThat(Jvms.exit(jvms.start("other-keys", "cluster-keys", theirs.toString(), "--members", "worker-1"), 60))
                    .isZero();
            assertThat(Jvms.exit(jvms.start("again", "cluster-keys", ours.toString()), 30)).isEqualTo(2);
            assertThat(jvms.log("again")).contains("never overwrites keys");

            int port = Jvms.freePort();
            Path run = tmp.resolve("run");
            Process learner = jvms.start("learner", ClusterTrainingTest.concat(RUN, "train", "--set",
                    "cluster.enabled=true", "--set", "cluster.bind=\"127.0.0.1:" + port + "\"", "--set",
                    "cluster.min_workers=1", "--set", "cluster.join_timeout=100s", "--set",
                    "cluster.tls.key_store=" + ours.resolve("learner.p12"), "--set",
                    "cluster.tls.trust_store=" + ours.resolve("trust.p12"), "--set",
                    "cluster.tls.password_file=" + ours.resolve("password"), "--run-dir", run.toString()));
            Process stranger = jvms.start("stranger", worker(port, theirs, "15s"));
            assertThat(Jvms.exit(stranger, 60)).as(jvms.log("stranger")).isEqualTo(2);
            assertThat(jvms.log("stranger")).contains("no learner answered");
            assertThat(jvms.log("learner")).doesNotContain("joined");
            assertThat(learner.isAlive()).isTrue();

            Process member = jvms.start("member", worker(port, ours, "60s"));
            assertThat(Jvms.exit(learner, 90)).as(jvms.log("learner")).isZero();
            assertThat(Jvms.exit(member, 30)).as(jvms.log("member")).isZero();
            assertThat(jvms.log("learner")).contains("TLS, mutual authentication").contains("joined (1 now)");
            assertThat(Files.readAllLines(run.resolve("scalars.jsonl"))).hasSize(4).allMatch(l -> l.contains("\"workers\":1"));
        }
    }

    private static String[] worker(int port, Path keys, String giveUp) {
        return new String[] {"worker", "--join", "127.0.0.1:" + port, "--give-up-after", giveUp,
                "--set", "cluster.tls.key_store=" + keys.resolve("worker-1.p12"),
                "--set", "cluster.tls.trust_store=" + keys.resolve("trust.p12"),
                "--set", "cluster.tls.password_file=" + keys.resolve("password")};
    }
}
