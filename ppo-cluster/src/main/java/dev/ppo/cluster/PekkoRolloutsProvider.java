package dev.ppo.cluster;

import com.typesafe.config.Config;
import dev.ppo.runner.algo.RolloutKit;
import dev.ppo.runner.algo.Rollouts;
import dev.ppo.runner.algo.RolloutsProvider;
import dev.ppo.runner.error.PpoException;
import java.time.Duration;
import java.util.function.Function;

/** Cluster mode on Apache Pekko Cluster: the learner's {@link ClusterRollouts} and the {@link RolloutWorker}. */
public final class PekkoRolloutsProvider implements RolloutsProvider {

    @Override
    public Rollouts learner(Config config, RolloutKit kit) {
        return new ClusterRollouts(config, kit);
    }

    @Override
    public int worker(String join, Config settings, Function<Config, RolloutKit> kits) {
        ClusterSettings.HostPort learner = ClusterSettings.HostPort.parse("--join", join);
        ClusterSettings own = ClusterSettings.from(settings, settings.getString("cluster.worker_bind"));
        if (!own.tls().enabled()) {
            ClusterSettings.from(settings, join); // joining a non-loopback learner without TLS is refused too
        }
        Duration giveUp = settings.getDuration("cluster.give_up_after");
        try {
            return new RolloutWorker(own, learner, kits, giveUp).run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PpoException("the worker was interrupted");
        }
    }
}
