package dev.ppo.runner.config;

import dev.ppo.api.distribution.BoxDistribution;
import dev.ppo.api.plugin.Settings;

/**
 * The {@code ppo} block: the algorithm's hyperparameters (paper Algorithm 1 and Table 3 names in
 * comments), validated once so that the training loop can trust them.
 */
public record PpoConfig(long totalTimesteps, int numEnvs, int numSteps, int minibatchSize, int updateEpochs,
                        double gamma, double gaeLambda, double learningRate, double criticLearningRate,
                        boolean annealLr, boolean normalizeAdvantages, double valueCoef, double entropyCoef,
                        double valueClip, double maxGradNorm, double targetKl, double adamEpsilon,
                        double initLogStd, boolean parallelEnvs, boolean normalizeObservations,
                        boolean normalizeRewards, double clipObservations, double clipRewards,
                        boolean learnActionStd, double actionStdInit, double actionStdFinal, int frameStack,
                        BoxDistribution boxDistribution, int stallTerminationSteps, int sequenceLength) {

    /**
     * The fixed Gaussian standard deviation at a point of training (action_std = decay): the
     * variance goes linearly from action_std_init² to action_std_final².
     */
    public double actionStd(double progressRemaining) {
        double init = actionStdInit * actionStdInit;
        double last = actionStdFinal * actionStdFinal;
        return Math.sqrt(last + (init - last) * progressRemaining);
    }

    /** N·T, the samples collected per iteration. */
    public int batchSize() {
        return numEnvs * numSteps;
    }

    /** Minibatches per epoch; samples beyond a whole number of minibatches wait for the next epoch's shuffle. */
    public int minibatchesPerEpoch() {
        return batchSize() / minibatchSize;
    }

    /** Iterations needed for {@code totalTimesteps}, rounded up. */
    public int numIterations() {
        return Math.toIntExact((totalTimesteps + batchSize() - 1) / batchSize());
    }

    /**
     * Checks that a recurrent network's sequences tile the rollout and the minibatches:
     * {@code num_steps} and {@code minibatch_size} must be multiples of {@code sequence_length}.
     *
     * @return why not, naming the keys, or null when they do
     */
    public String sequenceProblem() {
        if (sequenceLength > numSteps) {
            return "ppo.sequence_length = " + sequenceLength + " is longer than ppo.num_steps = " + numSteps
                    + " (a sequence is consecutive steps of one env within one rollout)";
        }
        if (numSteps % sequenceLength != 0) {
            return "ppo.num_steps = " + numSteps + " is not a multiple of ppo.sequence_length = " + sequenceLength
                    + " (each env's rollout is cut into whole sequences)";
        }
        if (minibatchSize % sequenceLength != 0) {
            return "ppo.minibatch_size = " + minibatchSize + " is not a multiple of ppo.sequence_length = "
                    + sequenceLength + " (a minibatch is whole sequences)";
        }
        return null;
    }

    /** Most actors one process steps: each is a live env object stepped every step. */
    public static final int MAX_NUM_ENVS = 4096;
    /** Most samples per iteration, N·T: the rollout buffer holds them in Java arrays. */
    public static final int MAX_BATCH = 1 << 24;

    public static PpoConfig from(Settings s) {
        int numEnvs = s.intInRange("num_envs", 1, MAX_NUM_ENVS, "each env is a live object in this process");
        int numSteps = s.intInRange("num_steps", 1, MAX_BATCH, "the rollout buffer holds num_envs * num_steps samples");
        long batch = (long) numEnvs * numSteps;
        if (batch > MAX_BATCH) {
            throw s.invalid("num_steps", numSteps, "num_envs * num_steps = " + numEnvs + " * " + numSteps + " = "
                    + batch + " must be at most " + MAX_BATCH + " (the rollout buffer holds them in memory)");
        }
        int minibatch = s.intAtLeast("minibatch_size", 1);
        if (minibatch > batch) {
            throw s.invalid("minibatch_size", minibatch, "must be at most num_envs * num_steps = "
                    + numEnvs + " * " + numSteps + " = " + batch);
        }
        long total = s.getLong("total_timesteps");
        if (total < 1) {
            throw s.invalid("total_timesteps", total, "must be >= 1");
        }
        if ((total + batch - 1) / batch > Integer.MAX_VALUE) {
            throw s.invalid("total_timesteps", total, "needs more than " + Integer.MAX_VALUE
                    + " iterations of num_envs * num_steps = " + batch + " steps");
        }
        BoxDistribution box = BoxDistribution.fromConfigName(s.oneOf("box_distribution", BoxDistribution.configNames()));
        boolean learnedStd = s.oneOf("action_std", java.util.List.of("learned", "decay")).equals("learned");
        if (box == BoxDistribution.BETA && !learnedStd) {
            throw s.invalid("action_std", "decay", "a Beta policy (box_distribution = beta) has no standard deviation"
                    + " to schedule; use action_std = learned or box_distribution = gaussian");
        }
        return new PpoConfig(total, numEnvs, numSteps, minibatch, s.intInRange("update_epochs", 1, 100_000, "epochs over one batch"),
                s.inLeftOpen("gamma", 0, 1), s.inClosed("gae_lambda", 0, 1),
                s.positive("learning_rate"), s.positive("critic_learning_rate"),
                s.getBoolean("anneal_lr"), s.getBoolean("normalize_advantages"),
                s.nonNegative("value_coef"), s.nonNegative("entropy_coef"), s.nonNegative("value_clip"),
                s.nonNegative("max_grad_norm"), s.nonNegative("target_kl"), s.positive("adam_epsilon"),
                s.getDouble("init_log_std"), s.getBoolean("parallel_envs"), s.getBoolean("normalize_observations"),
                s.getBoolean("normalize_rewards"), s.positive("clip_observations"), s.positive("clip_rewards"),
                learnedStd, s.positive("action_std_init"), s.positive("action_std_final"),
                s.intInRange("frame_stack", 1, 1024, "observations kept side by side"), box,
                s.intAtLeast("stall_termination_steps", 0), s.intAtLeast("sequence_length", 1));
    }
}
