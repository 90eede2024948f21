package dev.ppo.backend.java;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.BackendProvider;
import dev.ppo.api.backend.ModelSpec;
import dev.ppo.api.plugin.Settings;
import java.util.List;

/**
 * {@code backend.name = java}: small MLP policies trained in plain Java, without TensorFlow's
 * per-op overhead. Convolutional networks and GPUs are the TensorFlow backend's.
 */
public final class JavaBackendProvider implements BackendProvider {

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String description() {
        return "plain Java (CPU): MLP actor-critic, the same loss, Adam and checkpoints as tensorflow; no conv, no GPU";
    }

    @Override
    public Config defaults() {
        return ConfigFactory.parseString("device = cpu\n"
                // 2: separate actor and critic networks train on two cores at once (a shared trunk cannot)
                + "threads = 1");
    }

    @Override
    public Backend create(Settings settings, ModelSpec spec) {
        String device = settings.oneOf("device", List.of("cpu", "gpu"));
        if (device.equals("gpu")) {
            throw settings.invalid("device", device, "the java backend runs on the CPU only; for a GPU set"
                    + " backend.name = tensorflow (and build with -Pgpu)");
        }
        if (spec.network().recurrent()) {
            throw new IllegalArgumentException("the java backend has no recurrent networks; network.lstm_hidden = "
                    + spec.network().lstmHidden() + " is not supported, set network.lstm_hidden = 0");
        }
        if (spec.network().convolutional()) {
            throw new IllegalArgumentException("the java backend trains MLP networks only; a convolutional network"
                    + " (network.name = nature-cnn) needs backend.name = tensorflow");
        }
        if (spec.betaPolicy()) {
            throw new IllegalArgumentException("the java backend has no Beta policy head; ppo.box_distribution = beta"
                    + " needs backend.name = tensorflow (or set ppo.box_distribution = gaussian)");
        }
        int threads = settings.intAtLeast("threads", 1);
        if (threads > 2) {
            throw settings.invalid("threads", threads, "must be 1 or 2 (the actor and the critic each get one)");
        }
        return new JavaBackend(spec, threads);
    }
}
