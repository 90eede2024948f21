package dev.ppo.runner.algo;

/** A finished episode: its undiscounted return and length, as Gymnasium's RecordEpisodeStatistics. */
public record Episode(double episodeReturn, int length) {
}
