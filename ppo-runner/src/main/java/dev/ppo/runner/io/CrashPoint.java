package dev.ppo.runner.io;

/**
 * Named instants at which tests kill the process, to prove that a crash there loses nothing:
 * {@code -Dppo.crash_at=NAME} halts the JVM at once (no shutdown hooks, no buffered writes
 * flushed, as {@code kill -9} would) when the point {@code NAME} is reached. Without the property
 * a point costs one map lookup.
 */
public final class CrashPoint {

    private CrashPoint() {
    }

    public static void reach(String name) {
        if (name.equals(System.getProperty("ppo.crash_at"))) {
            Runtime.getRuntime().halt(137);
        }
    }
}
