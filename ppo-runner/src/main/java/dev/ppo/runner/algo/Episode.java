package dev.ppo.runner.algo;

/**
 * A finished episode, as Gymnasium's RecordEpisodeStatistics reports it.
 *
 * @param episodeReturn the undiscounted sum of rewards
 * @param length        steps in the episode
 * @param globalStep    environment steps taken by the run (all envs) when it ended
 */
public record Episode(double episodeReturn, int length, long globalStep) {
}
