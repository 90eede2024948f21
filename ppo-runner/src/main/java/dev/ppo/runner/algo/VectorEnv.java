package dev.ppo.runner.algo;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;
import dev.ppo.api.space.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N copies of an env stepped together, with same-step auto-reset (as Stable-Baselines3's VecEnv):
 * when an episode ends, its last observation is kept in {@link #finalObservation} (to bootstrap a
 * truncated episode) and the env is reset at once, so {@link #observations()} always holds the
 * next observation to act on.
 *
 * <p>Every episode starts with a seeded reset: env {@code i}'s first episode with {@code seed + i}
 * (Gymnasium's vector-env convention), its k-th with a seed derived from the run seed, {@code i} and
 * {@code k}. With the actions taken since that reset ({@link #replayState}), a deterministic env's
 * episode can be rebuilt exactly ({@link #restore}): that is how a resumed run continues every
 * episode where the checkpoint left it.
 *
 * <p>Box actions are clipped to the action space only on their way into the env; the caller keeps
 * the sampled action. Envs are stepped on a thread pool when {@code parallel}, else in the
 * caller's thread (cheaper for envs like CartPole whose step costs less than a thread hand-off).
 */
public final class VectorEnv implements AutoCloseable {

    private final List<Env> envs;
    private final int obsSize;
    private final int actSize;
    private final Box clipBox;
    private final float[] observations;
    private final float[][] finalObservations;
    private final double[] rewards;
    private final boolean[] terminated;
    private final boolean[] truncated;
    private final double[] runningReturn;
    private final int[] runningLength;
    private final List<Episode> completed = new ArrayList<>();
    private final ExecutorService pool;
    private long stepsTaken;
    private long runSeed;
    private final long[] episodeIndex;
    private final long[] episodeSeed;
    private final ActionLog[] actionsSinceReset;

    public VectorEnv(List<Env> envs, boolean parallel) {
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("a VectorEnv needs at least one env");
        }
        this.envs = List.copyOf(envs);
        Env first = envs.get(0);
        this.obsSize = first.observationSpace().flatSize();
        this.actSize = first.actionSpace().flatSize();
        this.clipBox = first.actionSpace() instanceof Box b ? b : null;
        int n = envs.size();
        this.observations = new float[n * obsSize];
        this.finalObservations = new float[n][];
        this.rewards = new double[n];
        this.terminated = new boolean[n];
        this.truncated = new boolean[n];
        this.runningReturn = new double[n];
        this.runningLength = new int[n];
        this.episodeIndex = new long[n];
        this.episodeSeed = new long[n];
        this.actionsSinceReset = new ActionLog[n];
        for (int i = 0; i < n; i++) {
            actionsSinceReset[i] = new ActionLog(actSize);
        }
        int threads = Math.min(n, Runtime.getRuntime().availableProcessors());
        this.pool = parallel && threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "env-step");
            t.setDaemon(true);
            return t;
        }) : null;
    }

    public int numEnvs() {
        return envs.size();
    }

    public int observationSize() {
        return obsSize;
    }

    public Space observationSpace() {
        return envs.get(0).observationSpace();
    }

    public Space actionSpace() {
        return envs.get(0).actionSpace();
    }

    /** Resets env {@code i} with seed {@code seed + i}, Gymnasium's vector-env convention. */
    public void reset(long seed) {
        runSeed = seed;
        for (int i = 0; i < envs.size(); i++) {
            episodeIndex[i] = 0;
            episodeSeed[i] = seed + i;
            startEpisode(i);
        }
    }

    private void startEpisode(int i) {
        System.arraycopy(envs.get(i).reset(episodeSeed[i]), 0, observations, i * obsSize, obsSize);
        runningReturn[i] = 0;
        runningLength[i] = 0;
        actionsSinceReset[i].clear();
    }

    /** The reset seed of env {@code i}'s {@code k}-th episode ({@code k > 0}); non-negative. */
    static long episodeSeed(long runSeed, int i, long k) {
        long z = runSeed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + k * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    /** What a checkpoint keeps of env {@code i}'s running episode: its index, reset seed and actions so far. */
    public record EpisodeReplay(long episode, long seed, byte[] actions) {
    }

    public List<EpisodeReplay> replayState() {
        List<EpisodeReplay> out = new ArrayList<>(envs.size());
        for (int i = 0; i < envs.size(); i++) {
            out.add(new EpisodeReplay(episodeIndex[i], episodeSeed[i], actionsSinceReset[i].toBytes()));
        }
        return out;
    }

    /** True when every env declares itself deterministic, so that {@link #restore} can rebuild episodes. */
    public boolean replayable() {
        return envs.stream().allMatch(Env::deterministic);
    }

    /**
     * Rebuilds every env's running episode from a checkpoint by resetting it with the episode's
     * seed and replaying its actions. The envs must be {@link #replayable()}.
     *
     * @throws IllegalStateException if an env ends its episode during the replay (it is not deterministic)
     */
    public void restore(long seed, List<EpisodeReplay> episodes) {
        if (episodes.size() != envs.size()) {
            throw new IllegalArgumentException("the checkpoint holds " + episodes.size() + " env episodes, the run has "
                    + envs.size() + " envs");
        }
        runSeed = seed;
        for (int i = 0; i < envs.size(); i++) {
            EpisodeReplay e = episodes.get(i);
            episodeIndex[i] = e.episode();
            episodeSeed[i] = e.seed();
            startEpisode(i);
            float[][] actions = ActionLog.fromBytes(e.actions(), actSize);
            for (int t = 0; t < actions.length; t++) {
                StepResult r = envs.get(i).step(actions[t]);
                actionsSinceReset[i].add(actions[t]);
                runningReturn[i] += r.reward();
                runningLength[i]++;
                if (r.done()) {
                    throw new IllegalStateException("env " + i + " ended its episode at step " + (t + 1) + " of the "
                            + actions.length + " it replays: the env is not deterministic");
                }
                System.arraycopy(r.observation(), 0, observations, i * obsSize, obsSize);
            }
        }
    }

    /** Environment steps taken so far by all envs together (restored on resume). */
    public long stepsTaken() {
        return stepsTaken;
    }

    public void setStepsTaken(long steps) {
        this.stepsTaken = steps;
    }

    /** Steps every env with its slice of {@code actions} ({@code numEnvs × actionSize}). */
    public void step(float[] actions) {
        stepsTaken += envs.size();
        if (pool == null) {
            for (int i = 0; i < envs.size(); i++) {
                stepOne(i, actions);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(envs.size());
        for (int i = 0; i < envs.size(); i++) {
            int env = i;
            futures.add(pool.submit(() -> stepOne(env, actions)));
        }
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stepping envs", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private void stepOne(int i, float[] actions) {
        float[] action = new float[actSize];
        System.arraycopy(actions, i * actSize, action, 0, actSize);
        if (clipBox != null) {
            for (int k = 0; k < actSize; k++) {
                action[k] = Math.max(clipBox.low(k), Math.min(clipBox.high(k), action[k]));
            }
        }
        Env env = envs.get(i);
        actionsSinceReset[i].add(action);
        StepResult r;
        try {
            r = env.step(action);
        } catch (RuntimeException e) {
            throw withEnvIndex(e, i);
        }
        rewards[i] = r.reward();
        terminated[i] = r.terminated();
        truncated[i] = r.truncated() && !r.terminated();
        runningReturn[i] += r.reward();
        runningLength[i]++;
        float[] next = r.observation();
        if (r.done()) {
            finalObservations[i] = next;
            synchronized (completed) {
                completed.add(new Episode(runningReturn[i], runningLength[i], stepsTaken));
            }
            episodeIndex[i]++;
            episodeSeed[i] = episodeSeed(runSeed, i, episodeIndex[i]);
            try {
                startEpisode(i);
            } catch (RuntimeException e) {
                throw withEnvIndex(e, i);
            }
            return;
        } else {
            finalObservations[i] = null;
        }
        System.arraycopy(next, 0, observations, i * obsSize, obsSize);
    }

    /** The same error with "env i of N, global step s" in front, so a report says which actor failed. */
    private RuntimeException withEnvIndex(RuntimeException e, int i) {
        String where = "env " + i + " of " + envs.size() + ", global step " + stepsTaken + ": ";
        if (e instanceof dev.ppo.runner.error.NonFiniteException) {
            return new dev.ppo.runner.error.NonFiniteException(where + e.getMessage());
        }
        if (e instanceof dev.ppo.runner.error.PpoException) {
            return new dev.ppo.runner.error.PpoException(where + e.getMessage(), e);
        }
        return e;
    }

    /** The observations to act on next, {@code numEnvs × observationSize}. */
    public float[] observations() {
        return observations;
    }

    public double reward(int i) {
        return rewards[i];
    }

    /** The last step ended env {@code i}'s episode in a terminal state. */
    public boolean terminated(int i) {
        return terminated[i];
    }

    /** The last step cut env {@code i}'s episode short (time limit) without a terminal state. */
    public boolean truncated(int i) {
        return truncated[i];
    }

    /** The observation that ended env {@code i}'s episode on the last step, or null if it goes on. */
    public float[] finalObservation(int i) {
        return finalObservations[i];
    }

    /** Episodes finished since the last call. */
    public List<Episode> drainCompletedEpisodes() {
        synchronized (completed) {
            List<Episode> out = List.copyOf(completed);
            completed.clear();
            return out;
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
        envs.forEach(Env::close);
    }
}
