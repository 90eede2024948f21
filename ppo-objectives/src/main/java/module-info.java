/**
 * The built-in policy objectives of the PPO paper (Schulman et al. 2017, table 1). Nothing is exported: the runner finds
 * these only through {@link java.util.ServiceLoader}, by the name a user writes in HOCON.
 */
module dev.ppo.objectives {
    requires dev.ppo.api;

    provides dev.ppo.api.objective.ObjectiveProvider with
            dev.ppo.objectives.ClipProvider,
            dev.ppo.objectives.AdaptiveKlProvider,
            dev.ppo.objectives.FixedKlProvider,
            dev.ppo.objectives.CpiProvider;
}
