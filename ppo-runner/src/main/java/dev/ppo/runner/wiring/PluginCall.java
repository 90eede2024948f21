package dev.ppo.runner.wiring;

import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.runner.error.PpoException;
import java.util.function.Supplier;

/**
 * Calls into plugin code, turning a throw or a null return into one clear error that names the
 * plugin and the call, e.g. {@code env plugin Corridor-v0: step() threw IllegalStateException: boom}.
 * A plugin's own setting errors pass through unchanged: they already name the key.
 */
public final class PluginCall {

    private PluginCall() {
    }

    /**
     * @param plugin e.g. {@code env plugin CartPole-v1}
     * @param call   e.g. {@code create()}
     */
    public static <T> T call(String plugin, String call, Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (InvalidSettingException | PpoException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new PpoException(plugin + ": " + call + " threw " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
        if (result == null) {
            throw new PpoException(plugin + ": " + call + " returned null");
        }
        return result;
    }
}
