package dev.ppo.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode on loopback, each member a JVM of its own: a learner and two rollout workers train
 * CartPole to exactly the numbers of the same seed in one process, and still do when a worker is
 * killed with SIGKILL in the middle of the run.
 */
class ClusterTrainingTest {

    /** 48 iterations of 4 envs × 128 steps, with the java backend: seconds per JVM. */
    private static final String[] RUN = {"--set", "backend.name=java", "--set", "ppo.total_timesteps=24576",
            "--set", "run.progress=false", "--set", "run.sinks=[]", "--set", "seed=5"};

    @TempDir
    Path tmp;

    @Test
    @Timeout(180)
    void aLearnerWithTwoWorkersTrainsTheBitsOfTheOneProcessRunAndSurvivesAKilledWorker() throws Exception {
        try (Jvms jvms = new Jvms(tmp)) {
            Process local = jvms.start("local", concat(RUN, "train", "--run-dir", tmp.resolve("local").toString()));

            // undisturbed: two workers collect every iteration
            Path calm = tmp.resolve("calm");
            int port = Jvms.freePort();
            Process learner = jvms.start("calm-learner", learner(port, calm));
            Process w1 = jvms.start("calm-w1", "worker", "--join", "127.0.0.1:" + port, "--give-up-after", "60s");
            Process w2 = jvms.start("calm-w2", "worker", "--join", "127.0.0.1:" + port, "--give-up-after", "60s");
            assertThat(Jvms.exit(learner, 120)).as(jvms.log("calm-learner")).isZero();
            assertThat(Jvms.exit(w1, 30)).as("a worker exits 0 when the run ends: " + jvms.log("calm-w1")).isZero();
            assertThat(Jvms.exit(w2, 30)).as(jvms.log("calm-w2")).isZero();
            assertThat(Jvms.exit(local, 60)).as(jvms.log("local")).isZero();

            Path localDir = tmp.resolve("local");
            assertThat(Jvms.scalarsWithoutTiming(calm.resolve("scalars.jsonl")))
                    .hasSize(48).isEqualTo(Jvms.scalarsWithoutTiming(localDir.resolve("scalars.jsonl")));
            assertThat(Jvms.episodesWithoutTiming(calm.resolve("episodes.jsonl")))
                    .isEqualTo(Jvms.episodesWithoutTiming(localDir.resolve("episodes.jsonl")));
            assertThat(Files.readAllBytes(calm.resolve("checkpoints/iter-000048/variables.bin")))
                    .isEqualTo(Files.readAllBytes(localDir.resolve("checkpoints/iter-000048/variables.bin")));
            assertThat(column(calm, "workers")).containsOnly(2);

            // disturbed: one worker is killed with SIGKILL once the run is under way
            Path stormy = tmp.resolve("stormy");
            port = Jvms.freePort();
            learner = jvms.start("stormy-learner", learner(port, stormy));
            Process victim = jvms.start("stormy-w1", "worker", "--join", "127.0.0.1:" + port, "--give-up-after", "60s");
            w2 = jvms.start("stormy-w2", "worker", "--join", "127.0.0.1:" + port, "--give-up-after", "60s");
            Path scalars = stormy.resolve("scalars.jsonl");
            Jvms.await(() -> lines(scalars) >= 6, 90, "six iterations of the disturbed run");
            victim.destroyForcibly(); // SIGKILL
            assertThat(Jvms.exit(learner, 120)).as(jvms.log("stormy-learner")).isZero();
            assertThat(Jvms.exit(w2, 30)).as(jvms.log("stormy-w2")).isZero();
            assertThat(jvms.log("stormy-learner")).contains("lost");
            assertThat(Jvms.scalarsWithoutTiming(scalars))
                    .isEqualTo(Jvms.scalarsWithoutTiming(localDir.resolve("scalars.jsonl")));
            assertThat(Jvms.episodesWithoutTiming(stormy.resolve("episodes.jsonl")))
                    .isEqualTo(Jvms.episodesWithoutTiming(localDir.resolve("episodes.jsonl")));
            assertThat(column(stormy, "slots_moved").stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
            assertThat(column(stormy, "workers")).contains(2, 1);
        }
    }

    @Test
    @Timeout(180)
    void workersWaitForALearnerThatDiedAndRejoinItWhenTheRunIsResumed() throws Exception {
        try (Jvms jvms = new Jvms(tmp)) {
            Path run = tmp.resolve("run");
            int port = Jvms.freePort();
            String[] longer = {"--set", "ppo.total_timesteps=40960", "--set", "run.checkpoint_every=2"};
            Process learner = jvms.start("learner", plus(plus(learner(port, run), longer), "--set",
                    "cluster.min_workers=1"));
            Process worker = jvms.start("worker", "worker", "--join", "127.0.0.1:" + port, "--give-up-after", "60s");
            Path scalars = run.resolve("scalars.jsonl");
            Jvms.await(() -> lines(scalars) >= 8, 90, "eight iterations");
            learner.destroyForcibly(); // SIGKILL
            learner.waitFor();
            Jvms.await(() -> log(jvms, "worker").contains("waiting to rejoin"), 60, "the worker to notice");
            assertThat(worker.isAlive()).isTrue();

            Process resumed = jvms.start("resumed", "train", "--resume", run.toString());
            assertThat(Jvms.exit(resumed, 120)).as(jvms.log("resumed")).isZero();
            assertThat(Jvms.exit(worker, 30)).as(jvms.log("worker")).isZero();
            assertThat(jvms.log("resumed")).contains("joined (1 now)");
            assertThat(column(run, "workers").subList(column(run, "workers").size() - 3, column(run, "workers").size()))
                    .containsOnly(1);
            assertThat(lines(scalars)).isEqualTo(80);
        }
    }

    private static String log(Jvms jvms, String name) {
        try {
            return jvms.log(name);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static String[] learner(int port, Path dir) {
        return concat(RUN, "train", "--set", "cluster.enabled=true", "--set", "cluster.bind=\"127.0.0.1:" + port + "\"",
                "--set", "cluster.min_workers=2", "--set", "cluster.join_timeout=90s", "--run-dir", dir.toString());
    }

    private static List<Integer> column(Path run, String key) throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        return Files.readAllLines(run.resolve("scalars.jsonl")).stream().map(l -> {
            try {
                return ((Number) json.readValue(l, Map.class).get(key)).intValue();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static long lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).size() : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    /** {@code a} then {@code b}. */
    static String[] plus(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** {@code b[0]} (the command), then {@code a}, then the rest of {@code b}. */
    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(b, 0, out, 0, 1); // the command first
        System.arraycopy(a, 0, out, 1, a.length);
        System.arraycopy(b, 1, out, 1 + a.length, b.length - 1);
        return out;
    }
}
