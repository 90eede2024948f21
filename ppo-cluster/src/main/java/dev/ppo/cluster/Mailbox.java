package dev.ppo.cluster;

import java.util.concurrent.BlockingQueue;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The actor at {@code /user/ppo} on the learner and on every worker. It holds no logic: it hands
 * every protocol message and every membership change to a queue that the learner's training thread
 * (or the worker's main thread) works through, so the protocol reads as plain sequential code.
 */
final class Mailbox {

    /** The learner registers under this key; workers find it with the receptionist. */
    static final ServiceKey<Wire.Message> LEARNER = ServiceKey.create(Wire.Message.class, "ppo-learner");

    /** A member at {@code address} became unreachable or left: its actors are gone for us. */
    record MemberLost(Address address, String why) {
    }

    /** The receptionist's current learners (empty: none reachable). */
    record Learners(java.util.Set<ActorRef<Wire.Message>> refs) {
    }

    /** Ask the mailbox to watch a peer's actor. */
    record Watch(ActorRef<Wire.Message> ref) {
    }

    private Mailbox() {
    }

    /**
     * @param registerAsLearner register under {@link #LEARNER} (the learner) or subscribe to it (a worker)
     */
    @SuppressWarnings("unchecked")
    static Behavior<Object> create(BlockingQueue<Object> queue, boolean registerAsLearner) {
        return Behaviors.setup(ctx -> {
            ActorRef<Wire.Message> self = ctx.getSelf().unsafeUpcast();
            if (registerAsLearner) {
                ctx.getSystem().receptionist().tell(Receptionist.register(LEARNER, self));
            } else {
                ActorRef<Receptionist.Listing> listings = ctx.messageAdapter(Receptionist.Listing.class, l -> l);
                ctx.getSystem().receptionist().tell(Receptionist.subscribe(LEARNER, listings));
            }
            Cluster cluster = Cluster.get(ctx.getSystem());
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.UnreachableMember.class, e -> e), ClusterEvent.UnreachableMember.class));
            cluster.subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberRemoved.class, e -> e), ClusterEvent.MemberRemoved.class));
            return Behaviors.receive(Object.class)
                    .onMessage(Watch.class, w -> {
                        ctx.watch(w.ref());
                        return Behaviors.same();
                    })
                    .onMessage(Receptionist.Listing.class, l -> {
                        queue.add(new Learners(l.getServiceInstances(LEARNER)));
                        return Behaviors.same();
                    })
                    .onMessage(ClusterEvent.UnreachableMember.class, e -> {
                        queue.add(new MemberLost(e.member().address(), "unreachable"));
                        return Behaviors.same();
                    })
                    .onMessage(ClusterEvent.MemberRemoved.class, e -> {
                        queue.add(new MemberLost(e.member().address(), "removed"));
                        return Behaviors.same();
                    })
                    .onMessage(Object.class, m -> {
                        queue.add(m);
                        return Behaviors.same();
                    })
                    .onSignal(Terminated.class, t -> {
                        queue.add(new MemberLost(t.getRef().path().address(), "stopped"));
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
