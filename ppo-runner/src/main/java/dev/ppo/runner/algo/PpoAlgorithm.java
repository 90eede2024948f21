package dev.ppo.runner.algo;

import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.api.objective.UpdateStats;
import dev.ppo.runner.config.PpoConfig;
import java.util.EnumMap;
import java.util.Map;

/**
 * PPO, actor-critic style (paper Algorithm 1). Each {@link #iterate()} is one pass of:
 * <ol>
 *   <li>run the policy in N envs for T steps ({@link #collectRollout}),</li>
 *   <li>compute GAE advantages ({@link RolloutBuffer#computeAdvantages}),</li>
 *   <li>optimize the surrogate for K epochs of shuffled minibatches of size M ({@link #update}).</li>
 * </ol>
 * The policy objective (clip, KL penalty, CPI) is a plugin; everything else is here.
 */
public final class PpoAlgorithm {

    private final PpoConfig config;
    private final VectorEnv envs;
    private final Backend backend;
    private final Objective objective;
    private final ActionDistribution distribution;
    private final Rng rng;
    private final RolloutBuffer buffer;
    private final Minibatch minibatch;
    private final LinearSchedule actorLr;
    private final LinearSchedule criticLr;
    private Normalization normalization;
    private final boolean decayingActionStd;

    // per-step scratch arrays, reused: one backend call acts for all N envs
    private final float[] stepDist;
    private final float[] stepValues;
    private final float[] stepActions;
    private final float[] stepLogProbs;
    private final float[] timeoutValues;
    private final int[] permutation;

    private int iteration;
    private long globalStep;
    private long actNanos;
    private long envNanos;
    private double elapsedSeconds;

    public PpoAlgorithm(PpoConfig config, VectorEnv envs, Backend backend, Objective objective, long seed) {
        this.config = config;
        this.envs = envs;
        this.backend = backend;
        this.objective = objective;
        this.distribution = ActionDistribution.forSpace(envs.actionSpace());
        if (distribution.parameterSize() != backend.distributionWidth()) {
            throw new IllegalStateException("backend distribution width " + backend.distributionWidth()
                    + " does not match the action space " + envs.actionSpace());
        }
        this.rng = new Rng(seed);
        this.decayingActionStd = !config.learnActionStd() && envs.actionSpace() instanceof dev.ppo.api.space.Box;
        int n = config.numEnvs();
        this.buffer = new RolloutBuffer(config.numSteps(), n, envs.observationSize(), distribution.actionSize(),
                distribution.parameterSize());
        this.minibatch = buffer.newMinibatch(config.minibatchSize());
        this.actorLr = new LinearSchedule(config.learningRate(), config.annealLr());
        this.criticLr = new LinearSchedule(config.criticLearningRate(), config.annealLr());
        this.stepDist = new float[n * distribution.parameterSize()];
        this.stepValues = new float[n];
        this.stepActions = new float[n * distribution.actionSize()];
        this.stepLogProbs = new float[n];
        this.timeoutValues = new float[n];
        this.permutation = new int[config.batchSize()];
        this.normalization = new Normalization(envs.observationSize(), config.normalizeObservations(),
                config.normalizeRewards(), config.clipObservations(), config.clipRewards(), config.gamma());
        envs.reset(seed);
        normalization.observe(envs.observations(), config.numEnvs());
    }

    public boolean done() {
        return iteration >= config.numIterations();
    }

    public int iteration() {
        return iteration;
    }

    public long globalStep() {
        return globalStep;
    }

    /** One PPO iteration: collect N×T steps, compute advantages, K epochs of minibatch updates. */
    public IterationReport iterate() {
        long start = System.nanoTime();
        double progressRemaining = 1.0 - (double) iteration / config.numIterations();
        double lrActor = actorLr.at(progressRemaining);
        double lrCritic = criticLr.at(progressRemaining);
        objective.beginUpdate(progressRemaining);
        if (decayingActionStd) {
            backend.setLogStd(Math.log(config.actionStd(progressRemaining)));
        }

        actNanos = 0;
        envNanos = 0;
        float[] lastValues = collectRollout();
        long updateStart = System.nanoTime();
        buffer.computeAdvantages(lastValues, config.gamma(), config.gaeLambda());
        UpdateResult update = update(lrActor, lrCritic);
        long updateNanos = System.nanoTime() - updateStart;
        objective.afterUpdate(new UpdateStats(update.stats.kl(), update.stats.approxKl(),
                update.stats.clipFraction(), update.stats.entropy()));

        iteration++;
        globalStep += config.batchSize();
        double seconds = (System.nanoTime() - start) / 1e9;
        elapsedSeconds += seconds;
        TrainStats s = update.stats;
        return new IterationReport(iteration, globalStep, envs.drainCompletedEpisodes(), s, buffer.explainedVariance(),
                lrActor, update.epochsRun, objective.parameters(), config.batchSize() / seconds,
                new IterationReport.Timing(actNanos / 1e9, envNanos / 1e9, updateNanos / 1e9));
    }

    /** Steps the envs T times with the current policy; returns V(s_T) for bootstrapping. */
    private float[] collectRollout() {
        int n = config.numEnvs();
        int actSize = distribution.actionSize();
        int distSize = distribution.parameterSize();
        double[] rewards = new double[n];
        boolean[] ended = new boolean[n];
        for (int t = 0; t < config.numSteps(); t++) {
            long actStart = System.nanoTime();
            float[] obs = normalization.normalize(envs.observations(), n);
            backend.forward(obs, n, stepDist, stepValues);
            for (int i = 0; i < n; i++) {
                stepLogProbs[i] = (float) distribution.sample(stepDist, i * distSize, rng, false, stepActions,
                        i * actSize);
            }
            buffer.storeStep(t, obs, stepActions, stepLogProbs, stepDist, stepValues);
            long envStart = System.nanoTime();
            envs.step(stepActions);
            long envEnd = System.nanoTime();
            actNanos += envStart - actStart;
            envNanos += envEnd - envStart;
            valuesOfTruncated();
            for (int i = 0; i < n; i++) {
                rewards[i] = envs.reward(i);
                ended[i] = envs.terminated(i) || envs.truncated(i);
            }
            normalization.scaleRewards(rewards, ended);
            normalization.observe(envs.observations(), n);
            for (int i = 0; i < n; i++) {
                double reward = rewards[i];
                if (envs.truncated(i)) {
                    // the episode was cut by a time limit, not ended: bootstrap from V(final obs)
                    reward += config.gamma() * timeoutValues[i];
                }
                buffer.storeOutcome(t, i, reward, ended[i]);
            }
        }
        float[] lastValues = new float[n];
        backend.forward(normalization.normalize(envs.observations(), n), n, new float[n * distSize], lastValues);
        return lastValues;
    }

    /**
     * Fills {@link #timeoutValues} with V(final observation) of each env whose episode was just
     * truncated (0 for the others), in one backend call.
     */
    private void valuesOfTruncated() {
        int n = config.numEnvs();
        int count = 0;
        for (int i = 0; i < n; i++) {
            timeoutValues[i] = 0;
            if (envs.truncated(i)) {
                count++;
            }
        }
        if (count == 0) {
            return;
        }
        int obsSize = envs.observationSize();
        float[] obs = new float[count * obsSize];
        int[] which = new int[count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (envs.truncated(i)) {
                System.arraycopy(envs.finalObservation(i), 0, obs, k * obsSize, obsSize);
                which[k++] = i;
            }
        }
        float[] v = new float[count];
        backend.forward(normalization.normalize(obs, count), count, new float[count * distribution.parameterSize()], v);
        for (int j = 0; j < count; j++) {
            timeoutValues[which[j]] = v[j];
        }
    }

    private record UpdateResult(TrainStats stats, int epochsRun) {
    }

    /**
     * What every train step of an update gets: the learning rates, the objective's parameters and
     * the ε its clip-fraction diagnostic counts against ({@link Objective#diagnosticClipRange()}).
     */
    public static TrainInputs trainInputs(Objective objective, double lrActor, double lrCritic) {
        return new TrainInputs(lrActor, lrCritic, objective.parameters(), objective.diagnosticClipRange());
    }

    /** K epochs over shuffled minibatches; stops early when approx-KL passes {@code target_kl}. */
    private UpdateResult update(double lrActor, double lrCritic) {
        TrainInputs inputs = trainInputs(objective, lrActor, lrCritic);
        int m = config.minibatchSize();
        StatsMean epochStats = new StatsMean();
        int epochsRun = 0;
        for (int epoch = 0; epoch < config.updateEpochs(); epoch++) {
            rng.permutation(permutation);
            epochStats = new StatsMean();
            for (int b = 0; b < config.minibatchesPerEpoch(); b++) {
                buffer.fillMinibatch(permutation, b * m, minibatch, config.normalizeAdvantages());
                TrainStats stats = backend.train(minibatch, inputs);
                checkFinite(stats, epoch, b);
                epochStats.add(stats);
            }
            epochsRun++;
            if (config.targetKl() > 0 && epochStats.mean().approxKl() > config.targetKl()) {
                break;
            }
        }
        return new UpdateResult(epochStats.mean(), epochsRun);
    }

    /**
     * Stops at the first train step whose loss or gradient norm is NaN or infinite: the weights it
     * produced are garbage, and training on would only checkpoint them over good ones.
     */
    private void checkFinite(TrainStats s, int epoch, int minibatch) {
        if (Double.isFinite(s.loss() + s.policyObjective() + s.valueLoss() + s.entropy() + s.gradNorm())) {
            return; // the common case, without building a message (a sum is finite only if every term is)
        }
        String bad = nonFinite("loss", s.loss()) + nonFinite("policy_objective", s.policyObjective())
                + nonFinite("value_loss", s.valueLoss()) + nonFinite("entropy", s.entropy())
                + nonFinite("grad_norm", s.gradNorm());
        if (!bad.isEmpty()) {
            throw new dev.ppo.runner.error.NonFiniteException("the update went non-finite (" + bad.substring(2)
                    + ") in iteration " + (iteration + 1) + ", epoch " + (epoch + 1) + ", minibatch " + (minibatch + 1));
        }
    }

    private static String nonFinite(String name, double value) {
        return Double.isFinite(value) ? "" : ", " + name + " = " + value;
    }

    /** Running mean of train-step statistics. */
    /** The mean of train steps' stats, term by term. */
    private static final class StatsMean {
        private final Map<PpoLoss.Term, Double> sum = new EnumMap<>(PpoLoss.Term.class);
        private double gradNormSum;
        private int count;

        void add(TrainStats s) {
            s.terms().forEach((term, v) -> sum.merge(term, v, Double::sum));
            gradNormSum += s.gradNorm();
            count++;
        }

        TrainStats mean() {
            double c = Math.max(count, 1);
            Map<PpoLoss.Term, Double> mean = new EnumMap<>(PpoLoss.Term.class);
            for (PpoLoss.Term t : PpoLoss.Term.values()) {
                mean.put(t, sum.getOrDefault(t, 0.0) / c);
            }
            return new TrainStats(mean, gradNormSum / c);
        }
    }

    /** The state a checkpoint needs besides the backend's variables. */
    public TrainingState state() {
        return new TrainingState(iteration, globalStep, rng.state(), objective.state(), elapsedSeconds,
                normalization.state(), envs.replayState());
    }

    /**
     * Continues from a checkpointed state. When the envs are deterministic and the checkpoint holds
     * their running episodes, each episode is rebuilt by replaying its reset seed and actions, so the
     * run continues exactly as if it had never stopped. Otherwise the envs start fresh episodes,
     * seeded from the run seed and the iteration so that such a resume is still reproducible.
     *
     * @return true when the episodes were continued exactly
     */
    public boolean restore(TrainingState state, long seed) {
        iteration = state.iteration();
        globalStep = state.globalStep();
        elapsedSeconds = state.elapsedSeconds();
        rng.restore(state.rngState());
        objective.restoreState(state.objectiveState());
        if (state.normalization() != null) {
            normalization = Normalization.restore(state.normalization());
        }
        envs.setStepsTaken(state.globalStep());
        if (state.envEpisodes() != null && envs.replayable()) {
            envs.restore(seed, state.envEpisodes());
            return true;
        }
        envs.reset(seed + 1_000_003L * state.iteration());
        return false;
    }

    /** The normalization the policy is trained under (live: it keeps learning while training). */
    public Normalization normalization() {
        return normalization;
    }

    public double elapsedSeconds() {
        return elapsedSeconds;
    }

}
