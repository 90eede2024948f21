package dev.ppo.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import dev.ppo.api.backend.VariableState;
import dev.ppo.api.space.Space;
import dev.ppo.runner.algo.ActingPolicy;
import dev.ppo.runner.algo.EnvSlot;
import dev.ppo.runner.algo.Normalization;
import dev.ppo.runner.algo.RolloutKit;
import dev.ppo.runner.algo.Rollouts;
import dev.ppo.runner.algo.Segment;
import dev.ppo.runner.algo.SlotGroup;
import dev.ppo.runner.algo.SlotState;
import dev.ppo.runner.error.PpoException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The learner's side of cluster mode: a cluster seed that hands env slots to the rollout workers
 * that join it and collects their segments. Each collection splits the slots over the workers in
 * join order (contiguous ranges); a slot that changes hands travels as its {@link SlotState}, so
 * the new holder rebuilds it exactly. A worker that is lost mid-collection (unreachable, removed,
 * silent past {@code cluster.collect_timeout}, or sending a malformed reply) loses its slots to the
 * learner, which replays them from their state at the start of the collection: nothing collected
 * is lost and the run's numbers do not change. While no worker is there the learner steps the
 * slots itself.
 */
final class ClusterRollouts implements Rollouts {

    /** A joined worker. */
    private record Worker(ActorRef<Wire.Message> ref, String name, Address address) {
    }

    /** The holder of a slot copy that is the learner's own. */
    private static final Object LEARNER = new Object();

    private final ClusterSettings settings;
    private final RolloutKit kit;
    private final String configText;
    private final Node node;
    private final int n;
    private final EnvSlot probe;
    private final EnvSlot[] local;
    private final Object[] holder;
    private final SlotState[] states;
    private final Map<Address, Worker> workers = new LinkedHashMap<>();
    private long runSeed;
    private long round;
    private boolean waitedForWorkers;
    private int movedSinceLastRound;
    private long servedVersion = -1;
    private List<VariableState> servedWeights;

    ClusterRollouts(Config config, RolloutKit kit) {
        this.settings = ClusterSettings.from(config, null);
        this.kit = kit;
        // what a worker needs to build the run's envs and backend; never the learner's own TLS settings
        this.configText = config.withoutPath("cluster").root().render(ConfigRenderOptions.concise());
        this.n = kit.ppo().numEnvs();
        this.local = new EnvSlot[n];
        this.holder = new Object[n];
        this.states = new SlotState[n];
        this.probe = kit.newSlot(0, 0);
        ClusterSettings.HostPort self = new ClusterSettings.HostPort(settings.host(), settings.port());
        this.node = Node.start(settings.pekko(self), true);
        System.err.println("cluster: learner at " + ClusterSettings.address(self, settings.tls().enabled())
                + (settings.tls().enabled() ? " (TLS, mutual authentication)" : " (loopback, no TLS)")
                + "; workers join with: bin/ppo worker --join " + settings.host() + ":" + settings.port());
    }

    @Override
    public int numEnvs() {
        return n;
    }

    @Override
    public Space observationSpace() {
        return probe.env().observationSpace();
    }

    @Override
    public Space actionSpace() {
        return probe.env().actionSpace();
    }

    @Override
    public boolean replayable() {
        return probe.env().deterministic();
    }

    @Override
    public void start(long runSeed, List<SlotState> initial) {
        if (initial.size() != n) {
            throw new IllegalArgumentException("the checkpoint holds " + initial.size() + " env episodes, the run has "
                    + n + " envs");
        }
        this.runSeed = runSeed;
        for (int i = 0; i < n; i++) { // the slots' later episodes are seeded from the run seed
            if (local[i] != null) {
                local[i].close();
                local[i] = null;
            }
        }
        for (int i = 0; i < n; i++) { // nobody holds the slots yet: their first collector rebuilds them
            states[i] = initial.get(i);
            holder[i] = null;
        }
    }

    /** The learner's own copy of slot {@code i} (made when first needed). */
    private EnvSlot localSlot(int i) {
        if (local[i] == null) {
            local[i] = kit.newSlot(i, runSeed);
        }
        return local[i];
    }

    @Override
    public Collected collect(int numSteps, ActingPolicy policy) {
        try {
            drain();
            if (!waitedForWorkers) {
                awaitMinWorkers();
                waitedForWorkers = true;
            }
            return collectRound(numSteps, policy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PpoException("interrupted while collecting from rollout workers");
        }
    }

    private void awaitMinWorkers() throws InterruptedException {
        if (workers.size() >= settings.minWorkers()) {
            return;
        }
        System.err.println("cluster: waiting for " + settings.minWorkers() + " worker(s) to join (cluster.min_workers)");
        long deadline = System.nanoTime() + settings.joinTimeout().toNanos();
        while (workers.size() < settings.minWorkers()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new PpoException("only " + workers.size() + " of cluster.min_workers = " + settings.minWorkers()
                        + " workers joined within cluster.join_timeout = " + settings.joinTimeout().toSeconds() + "s");
            }
            handle(node.poll(Duration.ofNanos(Math.min(left, 500_000_000L))), null);
        }
    }

    /** What one collection is waiting for. */
    private final class Round {
        final long id;
        final int numSteps;
        final ActingPolicy policy;
        final Segment[] results = new Segment[n];
        final Map<Integer, SegmentPieces.Assembly> assemblies = new HashMap<>();
        final Map<Address, List<Integer>> pending = new HashMap<>();
        final Map<Address, Long> sentAt = new HashMap<>();
        final List<Worker> contributors = new ArrayList<>();
        double actSeconds;
        double envSeconds;
        int moved;

        Round(long id, int numSteps, ActingPolicy policy) {
            this.id = id;
            this.numSteps = numSteps;
            this.policy = policy;
        }

        boolean complete() {
            return pending.isEmpty();
        }
    }

    private Collected collectRound(int numSteps, ActingPolicy policy) throws InterruptedException {
        Round r = new Round(++round, numSteps, policy);
        r.moved = movedSinceLastRound; // slots a worker held when it left between collections
        movedSinceLastRound = 0;
        List<Worker> live = new ArrayList<>(workers.values());
        List<Integer> mine = new ArrayList<>();
        for (int w = 0; w < Math.max(live.size(), 1); w++) {
            List<Integer> share = new ArrayList<>();
            for (int i = w * n / Math.max(live.size(), 1); i < (w + 1) * n / Math.max(live.size(), 1); i++) {
                share.add(i);
            }
            if (live.isEmpty()) {
                mine.addAll(share);
            } else if (!share.isEmpty()) {
                send(r, live.get(w), share);
            }
        }
        if (!mine.isEmpty()) {
            collectHere(r, mine);
        }
        while (!r.complete()) {
            handle(node.poll(Duration.ofMillis(200)), r);
            long now = System.nanoTime();
            for (Address a : List.copyOf(r.pending.keySet())) {
                if (now - r.sentAt.get(a) > settings.collectTimeout().toNanos()) {
                    lose(a, "sent no segments within cluster.collect_timeout = "
                            + settings.collectTimeout().toSeconds() + "s", r);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            states[i] = r.results[i].end();
        }
        List<Segment> segments = List.of(r.results);
        return new Collected(segments, r.actSeconds, r.envSeconds, r.contributors.size(), r.moved);
    }

    private void send(Round r, Worker w, List<Integer> share) {
        List<Wire.Assigned> assigned = new ArrayList<>();
        for (int i : share) {
            assigned.add(new Wire.Assigned(i, holder[i] == w ? null : states[i]));
        }
        Normalization.State s = r.policy.normalization().state();
        Wire.Normalization obs = new Wire.Normalization(s.observations(), s.clipObservations(),
                s.observationStats().mean(), s.observationStats().var(), s.observationStats().count());
        w.ref().tell(new Wire.Collect(r.id, runSeed, r.numSteps, r.policy.version(), r.policy.fixedLogStd(), obs,
                assigned));
        r.pending.put(w.address(), share);
        r.sentAt.put(w.address(), System.nanoTime());
    }

    /** Steps {@code slots} in this JVM from their state at the start of the collection. */
    private void collectHere(Round r, List<Integer> slots) {
        List<EnvSlot> group = new ArrayList<>();
        for (int i : slots) {
            EnvSlot slot = localSlot(i);
            if (holder[i] != LEARNER) {
                slot.restore(states[i]);
            }
            group.add(slot);
        }
        SlotGroup g = new SlotGroup(group, kit.ppo().parallelEnvs());
        try {
            for (Segment s : g.collect(r.numSteps, r.policy)) {
                r.results[s.slot()] = s;
                holder[s.slot()] = LEARNER;
            }
        } finally {
            g.shutdownPool();
        }
        r.actSeconds += g.actSeconds();
        r.envSeconds += g.envSeconds();
    }

    /** One event from the mailbox (null: none came in time). */
    private void handle(Object m, Round r) {
        if (m instanceof Wire.Hello h) {
            Worker w = new Worker(h.worker(), h.name(), h.worker().path().address());
            workers.put(w.address(), w);
            node.mailbox.tell(new Mailbox.Watch(h.worker()));
            h.worker().tell(new Wire.Welcome(configText, node.self()));
            System.err.println("cluster: worker " + h.name() + " joined (" + workers.size() + " now)");
        } else if (m instanceof Wire.GetWeights g) {
            g.replyTo().tell(new Wire.Weights(r != null ? r.policy.version() : servedVersion, weights(r)));
        } else if (m instanceof Wire.Segments s) {
            accept(s, r);
        } else if (m instanceof Mailbox.MemberLost lost) {
            lose(lost.address(), lost.why(), r);
        }
    }

    private List<VariableState> weights(Round r) {
        if (r == null) {
            return servedWeights != null ? servedWeights : List.of();
        }
        if (servedVersion != r.policy.version() || servedWeights == null) {
            servedWeights = r.policy.backend().exportVariables();
            servedVersion = r.policy.version();
        }
        return servedWeights;
    }

    /** Takes a piece of a worker's segments if it is one asked for and well formed; otherwise the worker is lost. */
    private void accept(Wire.Segments s, Round r) {
        Address from = null;
        for (Map.Entry<Address, Worker> e : workers.entrySet()) {
            if (e.getValue().name().equals(s.worker())) {
                from = e.getKey();
            }
        }
        if (r == null || from == null || s.round() != r.id || !r.pending.containsKey(from)) {
            return; // late (its slots already moved) or from a worker we no longer count on
        }
        List<Integer> asked = r.pending.get(from);
        int slot = s.piece().slot();
        String problem;
        if (!asked.contains(slot) || r.results[slot] != null) {
            problem = "slot " + slot + ", which it was not asked for";
        } else {
            SegmentPieces.Assembly assembly = r.assemblies.computeIfAbsent(slot, i -> new SegmentPieces.Assembly(i,
                    r.numSteps, observationSpace().flatSize(), r.policy.distribution().actionSize(),
                    r.policy.distribution().parameterSize(), r.policy.backend().recurrentStateSize()));
            problem = assembly.add(s.from(), s.piece());
        }
        if (problem != null) {
            lose(from, "sent a reply that cannot be used (" + problem + ")", r);
            return;
        }
        r.actSeconds += s.actSeconds();
        r.envSeconds += s.envSeconds();
        Segment whole = r.assemblies.get(slot).segment();
        if (whole == null) {
            return;
        }
        Worker w = workers.get(from);
        r.results[slot] = whole;
        r.assemblies.remove(slot);
        holder[slot] = w;
        if (asked.stream().allMatch(i -> r.results[i] != null)) {
            r.contributors.add(w);
            r.pending.remove(from);
        }
    }

    /** A worker is gone: forget it, and collect what it owed this round here. */
    private void lose(Address address, String why, Round r) {
        Worker w = workers.remove(address);
        if (w == null) {
            return;
        }
        List<Integer> owed = r != null ? r.pending.remove(address) : null;
        List<Integer> heldThere = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (holder[i] == w) {
                holder[i] = null;
                heldThere.add(i);
            }
        }
        System.err.println("cluster: worker " + w.name() + " lost (" + why + "); " + workers.size() + " left"
                + (owed != null ? "; its slots " + owed + " move to the learner, from where this iteration began"
                : heldThere.isEmpty() ? "" : "; its slots " + heldThere + " move at the next iteration"));
        if (owed != null) {
            for (int i : owed) { // what it sent of this round is dropped: the learner collects it all again
                r.results[i] = null;
                r.assemblies.remove(i);
            }
            r.moved += owed.size();
            collectHere(r, owed);
        } else {
            movedSinceLastRound += heldThere.size();
        }
    }

    /** Drains what came in between collections (joins, losses). */
    private void drain() throws InterruptedException {
        Object m;
        while ((m = node.poll(Duration.ZERO)) != null) {
            handle(m, null);
        }
    }

    @Override
    public void close() {
        for (Worker w : workers.values()) {
            w.ref().tell(new Wire.Finished("the run ended"));
        }
        try {
            Thread.sleep(workers.isEmpty() ? 0 : 500); // let the goodbyes leave before the transport closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        node.close();
        probe.close();
        for (EnvSlot slot : local) {
            if (slot != null) {
                slot.close();
            }
        }
    }
}
