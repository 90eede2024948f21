package dev.ppo.runner.error;

/**
 * Something went NaN or infinite (a loss, a gradient norm, the weights, an observation or a
 * reward). Training stops rather than checkpoint a diverged model over good ones.
 */
public final class NonFiniteException extends PpoException {

    public NonFiniteException(String message) {
        super(message);
    }
}
