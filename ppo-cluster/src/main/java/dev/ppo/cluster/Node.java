package dev.ppo.cluster;

import com.typesafe.config.Config;
import dev.ppo.runner.error.PpoException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** One cluster member: its actor system and the {@link Mailbox} at {@code /user/ppo} with its queue. */
final class Node implements AutoCloseable {

    final ActorSystem<Void> system;
    final ActorRef<Object> mailbox;
    private final BlockingQueue<Object> queue;

    private Node(ActorSystem<Void> system, ActorRef<Object> mailbox, BlockingQueue<Object> queue) {
        this.system = system;
        this.mailbox = mailbox;
        this.queue = queue;
    }

    /**
     * Pekko's own log (through SLF4J to java.util.logging): errors only, since every event that
     * matters to a user (a join, a lost worker, a refused handshake) gets its own line from us;
     * {@code -Dppo.cluster.loglevel=WARNING} (in PPO_JAVA_OPTS) shows Pekko's warnings too.
     */
    private static final java.util.logging.Logger PEKKO_LOG = java.util.logging.Logger.getLogger("org.apache.pekko");

    static Node start(Config pekko, boolean learner) {
        org.slf4j.LoggerFactory.getILoggerFactory(); // bind SLF4J before Pekko's threads race to it
        PEKKO_LOG.setLevel(java.util.logging.Level.parse(System.getProperty("ppo.cluster.loglevel", "SEVERE")));
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        CompletableFuture<ActorRef<Object>> mailbox = new CompletableFuture<>();
        ActorSystem<Void> system;
        try {
            system = ActorSystem.create(Behaviors.setup(ctx -> {
                mailbox.complete(ctx.spawn(Mailbox.create(queue, learner), ClusterSettings.ACTOR));
                return Behaviors.empty();
            }), ClusterSettings.SYSTEM, pekko);
        } catch (RuntimeException e) {
            throw new PpoException("cannot start the cluster member at "
                    + pekko.getString("pekko.remote.artery.canonical.hostname") + ":"
                    + pekko.getInt("pekko.remote.artery.canonical.port") + ": " + rootMessage(e), e);
        }
        try {
            return new Node(system, mailbox.get(30, TimeUnit.SECONDS), queue);
        } catch (Exception e) {
            system.terminate();
            throw new PpoException("the cluster member did not start: " + rootMessage(e), e);
        }
    }

    /** The next event, or null after {@code timeout}. */
    Object poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    ActorRef<Wire.Message> self() {
        return mailbox.unsafeUpcast();
    }

    /** The port the member bound (a worker may ask for port 0). */
    int port() {
        return system.address().getPort().get();
    }

    static String rootMessage(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            // shutting down anyway
        }
    }
}
