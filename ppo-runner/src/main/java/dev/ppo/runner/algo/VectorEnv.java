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
        for (int i = 0; i < envs.size(); i++) {
            System.arraycopy(envs.get(i).reset(seed + i), 0, observations, i * obsSize, obsSize);
            runningReturn[i] = 0;
            runningLength[i] = 0;
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
        StepResult r = env.step(action);
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
            runningReturn[i] = 0;
            runningLength[i] = 0;
            next = env.reset();
        } else {
            finalObservations[i] = null;
        }
        System.arraycopy(next, 0, observations, i * obsSize, obsSize);
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
