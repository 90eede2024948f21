package dev.ppo.api.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.util.List;

/**
 * A plugin's settings block with the checks every plugin needs. Each failure is an
 * {@link InvalidSettingException} that names the full key (e.g. {@code objective.clip_epsilon}),
 * where it was set, the bad value and what is allowed.
 */
public final class Settings {

    private final String path;
    private final Config config;

    /**
     * @param path   where this block sits in the whole configuration, e.g. {@code objective}
     * @param config the block, defaults already merged in
     */
    public Settings(String path, Config config) {
        this.path = path;
        this.config = config;
    }

    /** The block's position in the whole configuration, e.g. {@code objective}. */
    public String path() {
        return path;
    }

    /** The underlying block, for settings these helpers do not cover. */
    public Config config() {
        return config;
    }

    /** The full key of {@code key}, e.g. {@code objective.clip_epsilon}. */
    public String fullKey(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        return config.hasPath(key);
    }

    /** A finite number: NaN and the infinities (e.g. {@code 1e400}) are rejected. */
    public double getDouble(String key) {
        double v;
        try {
            v = config.getDouble(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
        if (!Double.isFinite(v)) {
            throw invalid(key, v, "must be a finite number");
        }
        return v;
    }

    /** An integer; a fractional number such as 1.5 is rejected rather than truncated. */
    public int getInt(String key) {
        try {
            Number n = config.getNumber(key);
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw invalid(key, n, "must be a whole number");
            }
            if (Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
                throw invalid(key, n, "must be at most " + Integer.MAX_VALUE + " in magnitude");
            }
            return config.getInt(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
    }

    /** A whole number; a fractional number is rejected rather than truncated. */
    public long getLong(String key) {
        try {
            Number n = config.getNumber(key);
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw invalid(key, n, "must be a whole number");
            }
            if (Math.abs(n.doubleValue()) >= 0x1p63) {
                throw invalid(key, n, "must be less than 2^63 in magnitude");
            }
            return config.getLong(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
    }

    public boolean getBoolean(String key) {
        try {
            return config.getBoolean(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
    }

    public String getString(String key) {
        try {
            return config.getString(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
    }

    public List<Integer> getIntList(String key) {
        try {
            return config.getIntList(key);
        } catch (ConfigException e) {
            throw wrap(key, e);
        }
    }

    /** A number that must be strictly positive. */
    public double positive(String key) {
        double v = getDouble(key);
        if (!(v > 0)) {
            throw invalid(key, v, "must be > 0");
        }
        return v;
    }

    /** A number that must be zero or positive. */
    public double nonNegative(String key) {
        double v = getDouble(key);
        if (!(v >= 0)) {
            throw invalid(key, v, "must be >= 0");
        }
        return v;
    }

    /** An integer in {@code [min, max]}; {@code why} says where the upper limit comes from. */
    public int intInRange(String key, int min, int max, String why) {
        int v = getInt(key);
        if (v < min || v > max) {
            throw invalid(key, v, "must be in [" + min + ", " + max + "] (" + why + ")");
        }
        return v;
    }

    /** An integer that must be at least {@code min}. */
    public int intAtLeast(String key, int min) {
        int v = getInt(key);
        if (v < min) {
            throw invalid(key, v, "must be >= " + min);
        }
        return v;
    }

    /** A number in {@code (lo, hi]}. */
    public double inLeftOpen(String key, double lo, double hi) {
        double v = getDouble(key);
        if (!(v > lo && v <= hi)) {
            throw invalid(key, v, "must be in (" + lo + ", " + hi + "]");
        }
        return v;
    }

    /** A number in {@code [lo, hi]}. */
    public double inClosed(String key, double lo, double hi) {
        double v = getDouble(key);
        if (!(v >= lo && v <= hi)) {
            throw invalid(key, v, "must be in [" + lo + ", " + hi + "]");
        }
        return v;
    }

    /** A string that must be one of {@code allowed}. */
    public String oneOf(String key, List<String> allowed) {
        String v = getString(key);
        if (!allowed.contains(v)) {
            throw invalid(key, v, "must be one of " + String.join(", ", allowed));
        }
        return v;
    }

    /** An error about {@code key}'s value, with where it was set. */
    public InvalidSettingException invalid(String key, Object value, String rule) {
        return new InvalidSettingException(fullKey(key), value, rule, where(key));
    }

    private InvalidSettingException wrap(String key, ConfigException e) {
        return new InvalidSettingException(fullKey(key), null, e.getMessage(), where(key));
    }

    private String where(String key) {
        if (!config.hasPathOrNull(key)) {
            return null;
        }
        ConfigOrigin origin = config.getValue(key).origin();
        return describe(origin);
    }

    /** {@code file:line} of a config value, or its origin description when it has no file. */
    public static String describe(ConfigOrigin origin) {
        if (origin == null) {
            return null;
        }
        String file = origin.filename() != null ? origin.filename()
                : origin.resource() != null ? origin.resource() : null;
        if (file == null) {
            return origin.description();
        }
        return origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() : file;
    }
}
