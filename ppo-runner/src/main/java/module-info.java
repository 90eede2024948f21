/**
 * The ppo-java runner: the PPO loop, wiring of plugins found at run time, the {@code ppo} CLI and
 * the embedding API ({@link dev.ppo.runner.Ppo}). It names no concrete plugin class.
 */
module dev.ppo.runner {
    requires dev.ppo.api;
    requires com.google.guice;
    requires jakarta.inject; // Guice 7 is an automatic module: its explicit dependencies must be named
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.csv;
    requires org.knowm.xchart;
    requires io.opentelemetry.api;
    requires io.opentelemetry.sdk;
    requires io.opentelemetry.sdk.metrics;
    requires io.opentelemetry.sdk.common;
    requires io.opentelemetry.exporter.logging;
    requires io.opentelemetry.exporter.otlp;
    requires java.desktop; // GIF writing (javax.imageio)
    // the OTLP exporter sends with the JDK HttpClient; it is an automatic module that cannot say so
    requires java.net.http;
    requires java.logging; // to quiet the OpenTelemetry SDK's own export-failure logs

    exports dev.ppo.runner;
    exports dev.ppo.runner.error;
    exports dev.ppo.runner.algo;
    exports dev.ppo.runner.config;

    opens dev.ppo.runner.cli to info.picocli;
    opens dev.ppo.runner.wiring to com.google.guice;
    opens dev.ppo.runner.algo to com.fasterxml.jackson.databind;
    opens dev.ppo.runner.io to com.fasterxml.jackson.databind;

    uses dev.ppo.api.env.EnvProvider;
    uses dev.ppo.api.objective.ObjectiveProvider;
    uses dev.ppo.api.network.NetworkProvider;
    uses dev.ppo.api.backend.BackendProvider;
    uses dev.ppo.api.metrics.ScalarSinkProvider;
    uses dev.ppo.api.env.WrapperProvider;
    uses dev.ppo.runner.algo.RolloutsProvider;
}
