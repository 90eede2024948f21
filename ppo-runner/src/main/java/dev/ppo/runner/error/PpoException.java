package dev.ppo.runner.error;

/**
 * A problem with what the user gave us (configuration, plugin, checkpoint, arguments) rather
 * than a bug: the CLI prints only its message and exits with status 2.
 */
public class PpoException extends RuntimeException {

    public PpoException(String message) {
        super(message);
    }

    public PpoException(String message, Throwable cause) {
        super(message, cause);
    }
}
