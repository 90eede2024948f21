/** The built-in network plugins: {@code mlp} and {@code nature-cnn}. */
module dev.ppo.networks {
    requires dev.ppo.api;

    provides dev.ppo.api.network.NetworkProvider with
            dev.ppo.networks.MlpProvider,
            dev.ppo.networks.NatureCnnProvider;
}
