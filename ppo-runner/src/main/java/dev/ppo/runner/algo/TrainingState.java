package dev.ppo.runner.algo;

import java.util.List;
import java.util.Map;

/**
 * Everything besides the model's variables that a resumed run needs to continue where it stopped.
 *
 * @param iteration      iterations completed
 * @param globalStep     environment steps taken (all envs together)
 * @param rngState       the minibatch-shuffling generator's state (each slot's sampling stream is in its {@code envEpisodes} entry)
 * @param objectiveState e.g. adaptive-KL's β
 * @param elapsedSeconds wall time spent training so far
 * @param normalization  observation and reward normalization statistics
 * @param envEpisodes    each env slot's state (running episode's reset seed and actions since, sampling
 *                       stream), replayed on resume so episodes continue exactly; null in older checkpoints
 */
public record TrainingState(int iteration, long globalStep, long rngState, Map<String, Double> objectiveState,
                            double elapsedSeconds, Normalization.State normalization,
                            List<SlotState> envEpisodes) {
}
