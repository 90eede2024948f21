package dev.ppo.cluster;

import dev.ppo.api.backend.VariableState;
import dev.ppo.runner.algo.Segment;
import dev.ppo.runner.algo.SlotState;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The messages between the learner and its rollout workers. All travel in {@link WireSerializer}'s
 * compact binary form (Java serialization stays off), on Artery's large-message channel.
 */
public final class Wire {

    private Wire() {
    }

    /** Every message of the protocol (the serializer's binding). */
    public sealed interface Message permits Hello, Welcome, Collect, GetWeights, Weights, Segments, Finished {
    }

    /** Worker → learner: a worker joined and can step env slots. */
    public record Hello(ActorRef<Message> worker, String name) implements Message {
    }

    /** Learner → worker: the run's configuration (HOCON), from which the worker builds envs and a backend. */
    public record Welcome(String config, ActorRef<Message> learner) implements Message {
    }

    /**
     * Learner → worker: collect {@code numSteps} steps of {@code slots} under weights {@code version}.
     *
     * @param runSeed     seeds the slots' later episodes
     * @param slots       the slots to collect, in slot order; a slot with a state is (re)built from it, one
     *                    without continues where the worker's copy is
     * @param observation the observation normalization to act under ({@code mean}, {@code var}, {@code count};
     *                    empty arrays when off)
     */
    public record Collect(long round, long runSeed, int numSteps, long version, double fixedLogStd,
                          Normalization observation, List<Assigned> slots) implements Message {
    }

    /** One slot of a {@link Collect}. */
    public record Assigned(int slot, SlotState state) {
    }

    /** What acting needs of the observation normalization. */
    public record Normalization(boolean enabled, double clip, double[] mean, double[] var, double count) {
    }

    /** Worker → learner: send me weights {@code version}. */
    public record GetWeights(long version, ActorRef<Message> replyTo) implements Message {
    }

    /** Learner → worker: the weights of {@code version}. */
    public record Weights(long version, List<VariableState> variables) implements Message {
    }

    /**
     * Worker → learner: steps {@code [from, from + piece.numSteps())} of one slot's segment of round
     * {@code round}. A segment travels in as many pieces as keep each message under
     * {@code cluster.max_message_bytes}; the last piece also carries {@code o_T}, the end state and
     * the last value. Its acting and env seconds are the worker's share for this slot.
     */
    public record Segments(long round, String worker, int from, Segment piece, double actSeconds, double envSeconds)
            implements Message {
    }

    /** Learner → worker: the run has ended; exit. */
    public record Finished(String reason) implements Message {
    }
}
