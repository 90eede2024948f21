package dev.ppo.networks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.network.NetworkProvider;
import dev.ppo.api.network.NetworkSpec;
import dev.ppo.api.network.NetworkSpec.Conv;
import dev.ppo.api.plugin.Settings;
import java.util.List;

/**
 * {@code network.name = nature-cnn}: the convolutional network of Mnih et al. 2015 ("Human-level
 * control through deep reinforcement learning"), as Stable-Baselines3's {@code NatureCNN} /
 * {@code CnnPolicy} uses it for PPO on pixels:
 * <pre>
 *   x / 255 → conv 32×8×8 stride 4 → ReLU → conv 64×4×4 stride 2 → ReLU → conv 64×3×3 stride 1 → ReLU
 *           → flatten → dense 512 → ReLU → policy head and value head
 * </pre>
 * For CarRacing's 96×96×3 frames the feature maps are 23×23×32, 10×10×64 and 8×8×64 (4096 floats
 * into the dense layer). The observation must be an image {@code [H, W, C]} in HWC order.
 *
 * <p>Settings: {@code features} (width of the dense layer, 512), {@code shared} (one trunk for
 * actor and critic, SB3's default; false gives each its own copy of the whole network),
 * {@code scale} (the input factor, 1/255 for uint8 pixels) and {@code lstm_hidden} (units of an LSTM
 * layer after the dense layer, SB3-Contrib's {@code CnnLstmPolicy} uses 256; 0, the default, for
 * none).
 */
public final class NatureCnnProvider implements NetworkProvider {

    /** The three convolutions of the Nature DQN, in order. */
    static final List<Conv> NATURE_CONV = List.of(new Conv(32, 8, 4), new Conv(64, 4, 2), new Conv(64, 3, 1));

    /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
    public NatureCnnProvider() {
    }

    @Override
    public String name() {
        return "nature-cnn";
    }

    @Override
    public String description() {
        return "Nature DQN convolutional actor-critic for pixel observations [H, W, C] (SB3 CnnPolicy)";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("""
                features = 512
                shared = true
                scale = 0.00392156862745098
                lstm_hidden = 0
                """);
    }

    @Override
    public NetworkSpec create(Settings settings) {
        int features = settings.intAtLeast("features", 1);
        double scale = settings.positive("scale");
        if (Double.isInfinite(scale)) {
            throw settings.invalid("scale", scale, "must be finite");
        }
        boolean shared = settings.getBoolean("shared");
        int lstmHidden = LstmSetting.read(settings, shared);
        List<Integer> hidden = List.of(features);
        return new NetworkSpec(hidden, hidden, NetworkSpec.Activation.RELU, shared, NATURE_CONV, scale, lstmHidden);
    }
}
