package dev.ppo.runner.algo;

import dev.ppo.api.env.Env;
import dev.ppo.api.env.StepResult;
import dev.ppo.api.space.Box;

/**
 * One of the run's N env slots: its env, its running episode (reset seed, actions since, return and
 * length so far) and its own sampling stream. Slot {@code i} is the same slot whichever JVM holds
 * it; {@link #state()} and {@link #restore} move it from one to another (or through a checkpoint)
 * without changing what it does next, when the env is deterministic.
 *
 * <p>Box actions are clipped to the action space only on their way into the env; the policy keeps
 * the sampled action. An episode that ends is restarted at once with a seeded reset (same-step
 * auto-reset, Stable-Baselines3's VecEnv): the observation that ended it is kept in
 * {@link #finalObservation()} so a truncated episode can be bootstrapped.
 *
 * <p>Under a recurrent policy the slot also holds the policy's state for its next step
 * ({@link #recurrentState()}): the acting loop writes it after each forward pass, and the slot
 * zeroes it when an episode ends, keeping the state that ended it in {@link #finalRecurrentState()}
 * for the same bootstrap. It travels in {@link SlotState} so a resumed or moved slot acts on from it.
 */
public final class EnvSlot implements AutoCloseable {

    private final int index;
    private final Env env;
    private final long runSeed;
    private final int actSize;
    private final Box clipBox;
    private final ActionLog actionsSinceReset;
    private final Rng rng = new Rng(0);
    private final float[] action;
    private long episode;
    private long episodeSeed;
    private float[] observation;
    private float[] finalObservation;
    private float[] recurrent = new float[0];
    private float[] finalRecurrent = new float[0];
    private double episodeReturn;
    private int episodeLength;
    // the outcome of the last step
    private double reward;
    private boolean terminated;
    private boolean truncated;

    public EnvSlot(int index, Env env, long runSeed) {
        this.index = index;
        this.env = env;
        this.runSeed = runSeed;
        this.actSize = env.actionSpace().flatSize();
        this.clipBox = env.actionSpace() instanceof Box b ? b : null;
        this.actionsSinceReset = new ActionLog(actSize);
        this.action = new float[actSize];
    }

    public int index() {
        return index;
    }

    public Env env() {
        return env;
    }

    /** The slot's sampling stream (actions are drawn from it in step order). */
    public Rng rng() {
        return rng;
    }

    /** Where the slot stands now: its running episode and its sampling stream. */
    public SlotState state() {
        return new SlotState(episode, episodeSeed, actionsSinceReset.toBytes(), rng.state(),
                recurrent.length == 0 ? null : recurrent.clone());
    }

    /**
     * Makes the slot carry a recurrent state of {@code size} floats (zeros until acted on); 0 for a
     * feed-forward policy.
     *
     * @throws IllegalStateException if the slot was restored with a state of another size
     */
    public void useRecurrentState(int size) {
        if (recurrent.length == size) {
            return;
        }
        if (recurrent.length != 0) {
            throw new IllegalStateException("env " + index + " holds a recurrent state of " + recurrent.length
                    + " floats; the policy's has " + size + " (network.lstm_hidden changed?)");
        }
        recurrent = new float[size];
        finalRecurrent = new float[size];
    }

    /** The policy's state for the slot's next step (zeros at an episode's start), written in place by the acting loop. */
    public float[] recurrentState() {
        return recurrent;
    }

    /** The state the policy had when the last step ended the episode, for its final observation's value. */
    public float[] finalRecurrentState() {
        return finalRecurrent;
    }

    /**
     * Puts the slot where {@code state} says: resets the env with the episode's seed and replays its
     * actions, so a deterministic env is exactly where it was.
     *
     * @throws IllegalStateException if the episode ends during the replay (the env is not deterministic)
     */
    public void restore(SlotState state) {
        episode = state.episode();
        episodeSeed = state.seed();
        rng.restore(state.rng() != null ? state.rng() : SlotState.samplingSeed(runSeed ^ state.seed(), index));
        recurrent = state.recurrent() != null ? state.recurrent().clone() : new float[0];
        finalRecurrent = new float[recurrent.length];
        startEpisode();
        float[][] actions = ActionLog.fromBytes(state.actions(), actSize);
        for (int t = 0; t < actions.length; t++) {
            float[] replayed = actions[t];
            StepResult r = call(() -> env.step(replayed));
            actionsSinceReset.add(replayed);
            episodeReturn += r.reward();
            episodeLength++;
            if (r.done()) {
                throw new IllegalStateException("env " + index + " ended its episode at step " + (t + 1) + " of the "
                        + actions.length + " it replays: the env is not deterministic");
            }
            observation = r.observation();
        }
    }

    private void startEpisode() {
        observation = call(() -> env.reset(episodeSeed));
        episodeReturn = 0;
        episodeLength = 0;
        actionsSinceReset.clear();
    }

    /** The observation to act on next. */
    public float[] observation() {
        return observation;
    }

    /**
     * Steps the env with {@code actions[offset .. offset + actionSize)}; when the episode ends, returns
     * it (and resets the env), else null.
     */
    public Episode step(float[] actions, int offset) {
        System.arraycopy(actions, offset, action, 0, actSize);
        if (clipBox != null) {
            clipBox.clip(action, actSize);
        }
        actionsSinceReset.add(action);
        StepResult r = call(() -> env.step(action));
        reward = r.reward();
        terminated = r.terminated();
        truncated = r.truncated() && !r.terminated();
        episodeReturn += r.reward();
        episodeLength++;
        if (!r.done()) {
            observation = r.observation();
            finalObservation = null;
            return null;
        }
        finalObservation = r.observation();
        System.arraycopy(recurrent, 0, finalRecurrent, 0, recurrent.length);
        java.util.Arrays.fill(recurrent, 0f);
        Episode ended = new Episode(episodeReturn, episodeLength, 0);
        episode++;
        episodeSeed = SlotState.episodeSeed(runSeed, index, episode);
        startEpisode();
        return ended;
    }

    public double reward() {
        return reward;
    }

    /** The last step ended the episode in a terminal state. */
    public boolean terminated() {
        return terminated;
    }

    /** The last step cut the episode short (time limit) without a terminal state. */
    public boolean truncated() {
        return truncated;
    }

    /** The observation that ended the episode on the last step, or null if it goes on. */
    public float[] finalObservation() {
        return finalObservation;
    }

    /** The env's own error, with "env i" in front so a report says which actor failed. */
    private <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (dev.ppo.runner.error.NonFiniteException e) {
            throw new dev.ppo.runner.error.NonFiniteException("env " + index + ": " + e.getMessage());
        } catch (dev.ppo.runner.error.PpoException e) {
            throw new dev.ppo.runner.error.PpoException("env " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        env.close();
    }
}
