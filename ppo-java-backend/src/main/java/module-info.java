/** The {@code java} backend plugin: MLP actor-critics trained in plain Java. */
module dev.ppo.backend.java {
    requires dev.ppo.api;

    provides dev.ppo.api.backend.BackendProvider with dev.ppo.backend.java.JavaBackendProvider;
}
