package dev.ppo.api.backend;

import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;
import java.util.Map;

/**
 * Creates a {@link Backend} for a model, selected with {@code backend.name} (built in:
 * {@code tensorflow}). Device choice and threading are the backend's own settings.
 */
public interface BackendProvider extends Plugin {

    /** @param settings the {@code backend} block, defaults merged in */
    Backend create(Settings settings, ModelSpec spec);

    /**
     * What {@code ppo doctor} reports about this backend on this machine: its native build, the
     * devices it can use, the libraries it needs and finds, and for each missing piece the fix
     * (under the key {@code fixes}, a list of strings). Keys are the backend's own, e.g.
     * {@code tensorflow} and {@code devices}; the default reports nothing.
     *
     * @param settings the {@code backend} block, defaults merged in
     */
    default Map<String, Object> diagnose(Settings settings) {
        return Map.of();
    }
}
