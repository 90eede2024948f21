package dev.ppo.cluster;

import dev.ppo.runner.algo.Segment;
import dev.ppo.runner.algo.SlotState;
import dev.ppo.runner.config.ConfigLoader;
import java.time.Duration;
import java.util.List;

/**
 * A cluster member that joins as a worker and answers its first collection with a bad reply: a
 * segment of the wrong shape ({@code malformed}) or one far larger than the learner accepts
 * ({@code oversized}, sent through this member's own larger frame limit). Run by
 * {@link RogueWorkerTest} in a JVM of its own: {@code RogueWorker PORT MODE}.
 */
public final class RogueWorker {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String mode = args[1];
        ClusterSettings own = ClusterSettings.from(ConfigLoader.load(null, List.of()), "127.0.0.1:0");
        try (Node node = Node.start(own.pekko(new ClusterSettings.HostPort("127.0.0.1", port)), false)) {
            boolean answered = false;
            org.apache.pekko.actor.typed.ActorRef<Wire.Message> learner = null;
            long deadline = System.nanoTime() + 100_000_000_000L;
            while (System.nanoTime() < deadline) {
                Object m = node.poll(Duration.ofMillis(200));
                if (m instanceof Mailbox.Learners l && !l.refs().isEmpty() && learner == null) {
                    learner = l.refs().iterator().next();
                    learner.tell(new Wire.Hello(node.self(), "rogue-" + mode));
                } else if (m instanceof Wire.Welcome w && !answered) {
                    System.err.println("rogue: welcomed");
                } else if (m instanceof Wire.Collect c && !answered) {
                    answered = true;
                    int t = c.numSteps();
                    int floats = mode.equals("oversized") ? 4_000_000 : 3;
                    float[] observations = new float[floats];
                    java.util.Arrays.fill(observations, 0.5f); // not pixels: 16 MB as float32s
                    Segment bad = new Segment(c.slots().get(0).slot(), observations, new float[t], new float[t],
                            new float[2 * t], new float[t], new double[t], new boolean[t], new boolean[t], new float[t],
                            0, List.of(), new SlotState(0, 0, new byte[0], 0L));
                    learner.tell(new Wire.Segments(c.round(), "rogue-" + mode, 0, bad, 0, 0));
                    System.err.println("rogue: sent a " + mode + " reply");
                } else if (m instanceof Wire.Finished) {
                    return;
                }
            }
        }
    }
}
