package dev.ppo.runner.algo;

/** A value that decays linearly from {@code initial} to 0 over training, or stays constant. */
public record LinearSchedule(double initial, boolean anneal) {

    /** @param progressRemaining 1 at the first update, approaching 0 at the last */
    public double at(double progressRemaining) {
        return anneal ? initial * progressRemaining : initial;
    }
}
