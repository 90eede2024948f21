package dev.ppo.api.backend;

import java.util.Map;

/**
 * What changes between train steps.
 *
 * @param actorLearningRate  Adam step size of the policy (and of a shared network)
 * @param criticLearningRate Adam step size of a separate value network
 * @param parameters         current values of the objective's parameters (β, ε ...)
 * @param clipRange          the |r − 1| threshold the clip-fraction diagnostic counts against
 */
public record TrainInputs(double actorLearningRate, double criticLearningRate, Map<String, Double> parameters,
                          double clipRange) {
}
