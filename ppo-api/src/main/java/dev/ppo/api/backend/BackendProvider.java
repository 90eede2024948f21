package dev.ppo.api.backend;

import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;

/**
 * Creates a {@link Backend} for a model, selected with {@code backend.name} (built in:
 * {@code tensorflow}). Device choice and threading are the backend's own settings.
 */
public interface BackendProvider extends Plugin {

    /** @param settings the {@code backend} block, defaults merged in */
    Backend create(Settings settings, ModelSpec spec);
}
