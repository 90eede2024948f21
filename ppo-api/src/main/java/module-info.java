/**
 * The ppo-java SPI: spaces, environments, the loss algebra, and the provider interfaces that
 * environment, objective, network and backend plugins implement. No TensorFlow, no Guice.
 */
module dev.ppo.api {
    requires transitive typesafe.config;

    exports dev.ppo.api.space;
    exports dev.ppo.api.env;
    exports dev.ppo.api.loss;
    exports dev.ppo.api.distribution;
    exports dev.ppo.api.objective;
    exports dev.ppo.api.network;
    exports dev.ppo.api.backend;
    exports dev.ppo.api.plugin;
    exports dev.ppo.api.metrics;

    uses dev.ppo.api.env.EnvProvider;
    uses dev.ppo.api.objective.ObjectiveProvider;
    uses dev.ppo.api.network.NetworkProvider;
    uses dev.ppo.api.backend.BackendProvider;
    uses dev.ppo.api.metrics.ScalarSinkProvider;
    uses dev.ppo.api.env.WrapperProvider;
}
