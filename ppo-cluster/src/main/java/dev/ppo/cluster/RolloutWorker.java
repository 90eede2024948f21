package dev.ppo.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.backend.Backend;
import dev.ppo.runner.algo.ActingPolicy;
import dev.ppo.runner.algo.EnvSlot;
import dev.ppo.runner.algo.Normalization;
import dev.ppo.runner.algo.RolloutKit;
import dev.ppo.runner.algo.RunningMeanStd;
import dev.ppo.runner.algo.Segment;
import dev.ppo.runner.algo.SlotGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A rollout worker: joins the learner's cluster, builds the run's envs and an acting backend from the
 * configuration the learner sends, and answers every {@link Wire.Collect} with the segments of the
 * slots it was given, fetching the weights of a version only when it does not have them. When the
 * learner goes away the worker leaves and joins again (a learner restarted with {@code train --resume}
 * finds it waiting); when the run ends it returns 0.
 */
final class RolloutWorker {

    enum Outcome { FINISHED, LEARNER_LOST, GAVE_UP }

    private final ClusterSettings settings;
    private final ClusterSettings.HostPort learnerAddress;
    private final Function<Config, RolloutKit> kits;
    private final Duration giveUpAfter;
    private final String name;

    private RolloutKit kit;
    private Backend backend;
    private long version = -1;
    private final Map<Integer, EnvSlot> held = new TreeMap<>();
    private SlotGroup group;
    private List<Integer> groupSlots = List.of();

    RolloutWorker(ClusterSettings settings, ClusterSettings.HostPort learnerAddress, Function<Config, RolloutKit> kits,
                  Duration giveUpAfter) {
        this.settings = settings;
        this.learnerAddress = learnerAddress;
        this.kits = kits;
        this.giveUpAfter = giveUpAfter;
        this.name = settings.host() + "/" + ProcessHandle.current().pid();
    }

    int run() throws InterruptedException {
        long started = System.nanoTime();
        while (true) {
            Outcome outcome;
            try (Node node = Node.start(settings.pekko(learnerAddress), false)) {
                System.err.println("worker " + name + ": joining the learner at " + learnerAddress.host() + ":"
                        + learnerAddress.port());
                outcome = session(node, started);
            } finally {
                dropSlots(List.of());
            }
            switch (outcome) {
                case FINISHED -> {
                    System.err.println("worker " + name + ": the learner's run ended");
                    return 0;
                }
                case GAVE_UP -> {
                    System.err.println("worker " + name + ": no learner answered at " + learnerAddress.host() + ":"
                            + learnerAddress.port() + " within " + giveUpAfter.toSeconds() + "s (is it running? do"
                            + " its TLS certificates come from the same CA as this worker's?)");
                    return 2;
                }
                case LEARNER_LOST -> {
                    System.err.println("worker " + name + ": the learner went away; waiting to rejoin");
                    closeBackend();
                    started = System.nanoTime();
                    Thread.sleep(1000);
                }
            }
        }
    }

    private Outcome session(Node node, long started) throws InterruptedException {
        ActorRef<Wire.Message> learner = null;
        while (true) {
            Object m = node.poll(Duration.ofMillis(500));
            if (learner == null && !giveUpAfter.isZero() && System.nanoTime() - started > giveUpAfter.toNanos()) {
                return Outcome.GAVE_UP;
            }
            if (m instanceof Mailbox.Learners l) {
                if (learner == null && !l.refs().isEmpty()) {
                    learner = l.refs().iterator().next();
                    node.mailbox.tell(new Mailbox.Watch(learner));
                    learner.tell(new Wire.Hello(node.self(), name));
                } else if (learner != null && !l.refs().contains(learner)) {
                    return Outcome.LEARNER_LOST;
                }
            } else if (m instanceof Wire.Welcome w) {
                kit = kits.apply(ConfigFactory.parseString(w.config()));
                closeBackend();
                backend = kit.newBackend();
                System.err.println("worker " + name + ": joined; acting with " + backend.description());
            } else if (m instanceof Wire.Collect c) {
                Outcome o = collect(node, learner, c);
                if (o != null) {
                    return o;
                }
            } else if (m instanceof Wire.Finished) {
                return Outcome.FINISHED;
            } else if (m instanceof Mailbox.MemberLost lost) {
                if (learner != null && lost.address().equals(learner.path().address())) {
                    return Outcome.LEARNER_LOST;
                }
            }
        }
    }

    /** Answers one collection; returns an outcome when the session ends while waiting for weights. */
    private Outcome collect(Node node, ActorRef<Wire.Message> learner, Wire.Collect c) throws InterruptedException {
        if (kit == null || learner == null) {
            return null;
        }
        if (c.version() != version) {
            learner.tell(new Wire.GetWeights(c.version(), node.self()));
            while (true) {
                Object m = node.poll(settings.collectTimeout());
                if (m == null) {
                    return Outcome.LEARNER_LOST;
                }
                if (m instanceof Wire.Weights w && w.version() == c.version()) {
                    backend.importVariables(w.variables());
                    version = w.version();
                    break;
                }
                if (m instanceof Wire.Finished) {
                    return Outcome.FINISHED;
                }
                if (m instanceof Mailbox.MemberLost lost && lost.address().equals(learner.path().address())) {
                    return Outcome.LEARNER_LOST;
                }
            }
        }
        if (!Double.isNaN(c.fixedLogStd())) {
            backend.setLogStd(c.fixedLogStd());
        }
        List<Integer> slots = new ArrayList<>();
        try {
            for (Wire.Assigned a : c.slots()) {
                slots.add(a.slot());
                if (a.state() != null) {
                    EnvSlot slot = held.get(a.slot());
                    if (slot == null) {
                        slot = kit.newSlot(a.slot(), c.runSeed());
                        held.put(a.slot(), slot);
                    }
                    slot.restore(a.state());
                } else if (!held.containsKey(a.slot())) {
                    throw new IllegalStateException("asked to continue slot " + a.slot() + ", which this worker does not hold");
                }
            }
            dropSlots(slots);
            if (!slots.equals(groupSlots)) {
                if (group != null) {
                    group.shutdownPool();
                }
                group = new SlotGroup(slots.stream().map(held::get).toList(), kit.ppo().parallelEnvs());
                groupSlots = slots;
            }
            List<Segment> segments = group.collect(c.numSteps(), new ActingPolicy(c.version(), backend,
                    normalization(c.observation()), kit.distribution(), c.fixedLogStd()));
            double act = group.actSeconds() / segments.size();
            double env = group.envSeconds() / segments.size();
            for (Segment s : segments) {
                List<Segment> pieces = SegmentPieces.split(s, settings.maxMessageBytes());
                int from = 0;
                for (int k = 0; k < pieces.size(); k++) {
                    boolean last = k == pieces.size() - 1;
                    learner.tell(new Wire.Segments(c.round(), name, from, pieces.get(k), last ? act : 0, last ? env : 0));
                    from += pieces.get(k).numSteps();
                }
            }
        } catch (RuntimeException e) {
            System.err.println("worker " + name + ": cannot collect slots " + slots + ": " + e.getMessage());
            // an empty piece: the learner takes the slots back
            learner.tell(new Wire.Segments(c.round(), name, 0, new Segment(slots.isEmpty() ? 0 : slots.get(0),
                    new float[0], new float[0], new float[0], new float[0], new float[0], new double[0], new boolean[0],
                    new boolean[0], new float[0], 0, List.of(), new dev.ppo.runner.algo.SlotState(0, 0, new byte[0], 0L)),
                    0, 0));
            dropSlots(List.of());
        }
        return null;
    }

    private static Normalization normalization(Wire.Normalization o) {
        return Normalization.restore(new Normalization.State(o.enabled(), false, o.clip(), 0, 0,
                new RunningMeanStd.State(o.mean(), o.var(), o.count()),
                new RunningMeanStd.State(new double[] {0}, new double[] {1}, 1), null));
    }

    /** Closes the envs of slots this worker no longer holds. */
    private void dropSlots(List<Integer> keep) {
        for (Integer i : List.copyOf(held.keySet())) {
            if (!keep.contains(i)) {
                held.remove(i).close();
            }
        }
        if (keep.isEmpty() && group != null) {
            group.shutdownPool();
            group = null;
            groupSlots = List.of();
        }
    }

    private void closeBackend() {
        if (backend != null) {
            backend.close();
            backend = null;
            version = -1;
        }
    }
}
