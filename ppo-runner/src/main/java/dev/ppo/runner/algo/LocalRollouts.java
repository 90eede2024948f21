package dev.ppo.runner.algo;

import dev.ppo.api.env.Env;
import dev.ppo.api.space.Space;
import java.util.ArrayList;
import java.util.List;

/** The N env slots stepped in this JVM, as one {@link SlotGroup}: the embedded default, no network. */
public final class LocalRollouts implements Rollouts {

    private final List<Env> envs;
    private final boolean parallel;
    private SlotGroup group;

    public LocalRollouts(List<Env> envs, boolean parallel) {
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("a rollout needs at least one env");
        }
        this.envs = List.copyOf(envs);
        this.parallel = parallel;
    }

    @Override
    public int numEnvs() {
        return envs.size();
    }

    @Override
    public Space observationSpace() {
        return envs.get(0).observationSpace();
    }

    @Override
    public Space actionSpace() {
        return envs.get(0).actionSpace();
    }

    @Override
    public boolean replayable() {
        return envs.stream().allMatch(Env::deterministic);
    }

    @Override
    public void start(long runSeed, List<SlotState> states) {
        if (states.size() != envs.size()) {
            throw new IllegalArgumentException("the checkpoint holds " + states.size() + " env episodes, the run has "
                    + envs.size() + " envs");
        }
        if (group != null) {
            group.shutdownPool();
        }
        List<EnvSlot> slots = new ArrayList<>(envs.size());
        for (int i = 0; i < envs.size(); i++) {
            EnvSlot slot = new EnvSlot(i, envs.get(i), runSeed);
            slot.restore(states.get(i));
            slots.add(slot);
        }
        group = new SlotGroup(slots, parallel);
    }

    @Override
    public Collected collect(int numSteps, ActingPolicy policy) {
        List<Segment> segments = group.collect(numSteps, policy);
        return new Collected(segments, group.actSeconds(), group.envSeconds(), 0, 0);
    }

    @Override
    public void close() {
        if (group != null) {
            group.shutdownPool();
        }
        envs.forEach(Env::close);
    }
}
