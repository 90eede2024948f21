/** The {@code java} backend plugin: MLP actor-critics trained in plain Java. */
module dev.ppo.backend.java {
    requires dev.ppo.api;
    requires static jdk.incubator.vector; // SIMD kernels when the JVM has the module (bin/ppo adds it)

    provides dev.ppo.api.backend.BackendProvider with dev.ppo.backend.java.JavaBackendProvider;
}
