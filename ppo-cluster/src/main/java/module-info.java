/**
 * Cluster mode: rollout workers on an Apache Pekko cluster (Artery TCP, TLS with mutual
 * authentication off loopback, the Split Brain Resolver keeping the learner). Open so that Pekko
 * can instantiate the serializer it is configured with.
 */
open module dev.ppo.cluster {
    requires dev.ppo.api;
    requires dev.ppo.runner;
    requires typesafe.config;
    requires pekko.actor;
    requires pekko.actor.typed;
    requires pekko.cluster;
    requires pekko.cluster.typed;
    requires scala.library;
    requires java.logging; // to set the level of Pekko's log
    requires org.slf4j; // Pekko Typed's logging: an explicit module, resolved only when required

    provides dev.ppo.runner.algo.RolloutsProvider with dev.ppo.cluster.PekkoRolloutsProvider;
}
