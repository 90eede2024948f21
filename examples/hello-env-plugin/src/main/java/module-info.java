/**
 * A third-party environment plugin for ppo-java: {@code Corridor-v0}, built against ppo-api only.
 */
module org.example.corridor {
    requires dev.ppo.api;

    provides dev.ppo.api.env.EnvProvider with org.example.corridor.CorridorProvider;
}
