package dev.ppo.networks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.plugin.Settings;
import java.util.List;
import java.util.Locale;

/**
 * {@code network.name = mlp}: fully connected actor and critic networks, separate by default as in
 * the paper's MuJoCo runs (two hidden layers of 64 units, tanh). An empty width list means no
 * hidden layer: the head reads the observation directly. {@code lstm_hidden} above 0 (with
 * {@code shared = true}) adds an LSTM of that many units after the trunk: a recurrent policy, for
 * partially observed tasks.
 */
public final class MlpProvider implements NetworkProvider {

    @Override
    public String name() {
        return "mlp";
    }

    @Override
    public String description() {
        return "multi-layer perceptron actor and critic (separate or one shared trunk)";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("""
                hidden = [64, 64]
                critic_hidden = [64, 64]
                activation = tanh
                shared = false
                lstm_hidden = 0
                """);
    }

    @Override
    public NetworkSpec create(Settings settings) {
        List<Integer> hidden = widths(settings, "hidden");
        // Checked even when shared (then unused) so a typo does not wait for shared = false to surface.
        List<Integer> criticHidden = widths(settings, "critic_hidden");
        String activation = settings.oneOf("activation", List.of("tanh", "relu"));
        boolean shared = settings.getBoolean("shared");
        return new NetworkSpec(hidden, criticHidden,
                NetworkSpec.Activation.valueOf(activation.toUpperCase(Locale.ROOT)), shared, List.of(), 1.0,
                LstmSetting.read(settings, shared));
    }

    private static List<Integer> widths(Settings settings, String key) {
        List<Integer> widths = settings.getIntList(key);
        for (int w : widths) {
            if (w < 1) {
                throw settings.invalid(key, widths, "every layer width must be >= 1");
            }
        }
        return widths;
    }
}
