package dev.ppo.runner.algo;

import dev.ppo.api.backend.Backend;
import dev.ppo.api.backend.Minibatch;
import dev.ppo.api.backend.TrainInputs;
import dev.ppo.api.backend.TrainStats;
import dev.ppo.api.objective.Objective;
import dev.ppo.api.objective.PpoLoss;
import dev.ppo.api.objective.UpdateStats;
import dev.ppo.runner.config.PpoConfig;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
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
    private final Rollouts rollouts;
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
    /** Floats of the policy's recurrent state per env, 0 when feed-forward. */
    private final int stateSize;

    private final int[] permutation;
    private final List<SlotState> slotStates = new ArrayList<>();
    private boolean initialObservationsSeen;

    private int iteration;
    private long globalStep;
    private double elapsedSeconds;

    public PpoAlgorithm(PpoConfig config, Rollouts rollouts, Backend backend, Objective objective, long seed) {
        this.config = config;
        this.rollouts = rollouts;
        this.backend = backend;
        this.objective = objective;
        this.distribution = ActionDistribution.forSpace(rollouts.actionSpace(), config.boxDistribution());
        if (distribution.parameterSize() != backend.distributionWidth()) {
            throw new IllegalStateException("backend distribution width " + backend.distributionWidth()
                    + " does not match the action space " + rollouts.actionSpace());
        }
        this.rng = new Rng(seed);
        this.decayingActionStd = !config.learnActionStd() && rollouts.actionSpace() instanceof dev.ppo.api.space.Box;
        int n = config.numEnvs();
        this.stateSize = backend.recurrentStateSize();
        if (stateSize > 0 && config.sequenceProblem() != null) {
            throw new IllegalArgumentException(config.sequenceProblem());
        }
        this.buffer = new RolloutBuffer(config.numSteps(), n, rollouts.observationSpace().flatSize(), distribution.actionSize(),
                distribution.parameterSize(), stateSize);
        this.minibatch = stateSize == 0 ? buffer.newMinibatch(config.minibatchSize())
                : buffer.newSequenceMinibatch(config.minibatchSize(), config.sequenceLength());
        this.actorLr = new LinearSchedule(config.learningRate(), config.annealLr());
        this.criticLr = new LinearSchedule(config.criticLearningRate(), config.annealLr());
        // a recurrent policy shuffles whole sequences, a feed-forward one single steps
        this.permutation = new int[stateSize == 0 ? config.batchSize() : config.batchSize() / config.sequenceLength()];
        this.normalization = new Normalization(rollouts.observationSpace().flatSize(), config.normalizeObservations(),
                config.normalizeRewards(), config.clipObservations(), config.clipRewards(), config.gamma());
        startFresh(seed);
    }

    private double progressRemaining() {
        return 1.0 - (double) iteration / config.numIterations();
    }

    /** Every slot starts its first episode; the first observations are learned with the first rollout. */
    private void startFresh(long runSeed) {
        slotStates.clear();
        for (int i = 0; i < config.numEnvs(); i++) {
            slotStates.add(SlotState.first(runSeed, i));
        }
        rollouts.start(runSeed, slotStates);
        initialObservationsSeen = false;
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
        double progressRemaining = progressRemaining();
        double lrActor = actorLr.at(progressRemaining);
        double lrCritic = criticLr.at(progressRemaining);
        objective.beginUpdate(progressRemaining);
        if (decayingActionStd) {
            backend.setLogStd(Math.log(config.actionStd(progressRemaining)));
        }

        long startStep = globalStep;
        long collectStart = System.nanoTime();
        Rollouts.Collected c = collectRollout();
        double collectSeconds = (System.nanoTime() - collectStart) / 1e9;
        long updateStart = System.nanoTime();
        buffer.computeAdvantages(lastValues(c.segments()), config.gamma(), config.gaeLambda());
        UpdateResult update = update(lrActor, lrCritic);
        long updateNanos = System.nanoTime() - updateStart;
        objective.afterUpdate(new UpdateStats(update.stats.kl(), update.stats.approxKl(),
                update.stats.clipFraction(), update.stats.entropy()));

        iteration++;
        globalStep += config.batchSize();
        double seconds = (System.nanoTime() - start) / 1e9;
        elapsedSeconds += seconds;
        TrainStats s = update.stats;
        return new IterationReport(iteration, globalStep, endedEpisodes(c.segments(), startStep), s, buffer.explainedVariance(),
                lrActor, update.epochsRun, objective.parameters(), config.batchSize() / seconds,
                new IterationReport.Timing(c.actSeconds(), c.envSeconds(), updateNanos / 1e9, collectSeconds),
                c.workers(),
                c.slotsMoved());
    }

    /**
     * Has the rollouts step every slot T times under the current weights and normalization, and
     * stores the segments in the buffer.
     */
    private Rollouts.Collected collectRollout() {
        int n = config.numEnvs();
        int obsSize = rollouts.observationSpace().flatSize();
        int actSize = distribution.actionSize();
        int distSize = distribution.parameterSize();
        double fixedLogStd = decayingActionStd ? Math.log(config.actionStd(progressRemaining())) : Double.NaN;
        Rollouts.Collected collected = rollouts.collect(config.numSteps(),
                new ActingPolicy(iteration, backend, normalization, distribution, fixedLogStd));
        List<Segment> segments = collected.segments();
        if (!initialObservationsSeen) {
            // a fresh run learns the first observations too, as before any step
            normalization.observe(rows(segments, Segment::observations, 0, obsSize), n);
            initialObservationsSeen = true;
        }
        double[] rewards = new double[n];
        boolean[] ended = new boolean[n];
        for (int t = 0; t < config.numSteps(); t++) {
            // the buffer holds what the policy saw: o_t under the normalization frozen for the rollout
            buffer.storeStep(t, normalization.normalize(rows(segments, Segment::observations, t, obsSize), n),
                    rows(segments, Segment::actions, t, actSize), rows(segments, Segment::logProbs, t, 1),
                    rows(segments, Segment::distributions, t, distSize), rows(segments, Segment::values, t, 1));
            if (stateSize > 0) {
                buffer.storeStates(t, rows(segments, Segment::states, t, stateSize));
            }
        }
        for (int t = 0; t < config.numSteps(); t++) {
            for (int i = 0; i < n; i++) {
                Segment s = segments.get(i);
                rewards[i] = s.rewards()[t];
                ended[i] = s.terminated()[t] || s.truncated()[t];
            }
            normalization.scaleRewards(rewards, ended);
            normalization.observe(rows(segments, Segment::observations, t + 1, obsSize), n);
            for (int i = 0; i < n; i++) {
                double reward = rewards[i];
                if (segments.get(i).truncated()[t]) {
                    // the episode was cut by a time limit, not ended: bootstrap from V(final obs)
                    reward += config.gamma() * segments.get(i).truncatedValues()[t];
                }
                buffer.storeOutcome(t, i, reward, ended[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            slotStates.set(i, segments.get(i).end());
        }
        return collected;
    }

    /** V(s_T) of each slot, for bootstrapping GAE at the end of the segments. */
    private static float[] lastValues(List<Segment> segments) {
        float[] out = new float[segments.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = segments.get(i).lastValue();
        }
        return out;
    }

    /** Row {@code t} of every slot's segment array, concatenated in slot order. */
    private static float[] rows(List<Segment> segments, java.util.function.Function<Segment, float[]> array, int t,
                                int width) {
        float[] out = new float[segments.size() * width];
        for (int i = 0; i < segments.size(); i++) {
            System.arraycopy(array.apply(segments.get(i)), t * width, out, i * width, width);
        }
        return out;
    }

    /** The episodes of the last rollout in the order they ended (step, then slot), with their global step. */
    private List<Episode> endedEpisodes(List<Segment> segments, long startStep) {
        int n = config.numEnvs();
        List<Episode> out = new ArrayList<>();
        List<Segment.EndedEpisode[]> bySlot = new ArrayList<>();
        for (Segment s : segments) {
            bySlot.add(s.episodes().toArray(Segment.EndedEpisode[]::new));
        }
        int[] next = new int[n];
        for (int t = 0; t < config.numSteps(); t++) {
            for (int i = 0; i < n; i++) {
                Segment.EndedEpisode[] e = bySlot.get(i);
                if (next[i] < e.length && e[next[i]].step() == t) {
                    out.add(new Episode(e[next[i]].episodeReturn(), e[next[i]].length(), startStep + (long) (t + 1) * n));
                    next[i]++;
                }
            }
        }
        return out;
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
                if (stateSize == 0) {
                    buffer.fillMinibatch(permutation, b * m, minibatch, config.normalizeAdvantages());
                } else {
                    int perMinibatch = m / config.sequenceLength();
                    buffer.fillSequenceMinibatch(permutation, b * perMinibatch, config.sequenceLength(), minibatch,
                            config.normalizeAdvantages());
                }
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
                normalization.state(), List.copyOf(slotStates));
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
        if (state.envEpisodes() != null && rollouts.replayable()) {
            slotStates.clear();
            slotStates.addAll(state.envEpisodes());
            rollouts.start(seed, slotStates);
            initialObservationsSeen = true;
            return true;
        }
        // fresh episodes, seeded from the run seed and the iteration so that such a resume is reproducible
        startFresh(seed + 1_000_003L * state.iteration());
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
