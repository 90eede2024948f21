package dev.ppo.api.plugin;

/**
 * A configuration value that is missing, of the wrong type, or out of range. The message names the
 * full key, the value, the rule it broke and (when known) the file and line it came from, e.g.
 * {@code objective.clip_epsilon = -0.1 (conf/cartpole.conf:12): must be > 0}.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private final String key;

    public InvalidSettingException(String key, Object value, String rule, String where) {
        super(format(key, value, rule, where));
        this.key = key;
    }

    /** The full key at fault, e.g. {@code objective.clip_epsilon}. */
    public String key() {
        return key;
    }

    private static String format(String key, Object value, String rule, String where) {
        StringBuilder sb = new StringBuilder(key);
        if (value != null) {
            sb.append(" = ").append(value);
        }
        if (where != null) {
            sb.append(" (").append(where).append(')');
        }
        return sb.append(": ").append(rule).toString();
    }
}
