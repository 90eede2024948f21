package dev.ppo.tf;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Prepared calls (input tensors plus a ready {@code Session.Runner}) keyed by batch size, so a
 * repeated size reuses its tensors instead of allocating native memory on every call. Keeps the
 * few most recently used sizes (a run uses one or two: the env count, the minibatch size) and
 * closes the ones it drops.
 */
final class SizedCache<C extends AutoCloseable> implements AutoCloseable {

    private final IntFunction<C> factory;
    private final LinkedHashMap<Integer, C> entries;

    SizedCache(int capacity, IntFunction<C> factory) {
        this.factory = factory;
        this.entries = new LinkedHashMap<>(8, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, C> eldest) {
                if (size() > capacity) {
                    closeQuietly(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** The prepared call for {@code size}, created on first use. */
    C get(int size) {
        C c = entries.get(size);
        if (c == null) {
            c = factory.apply(size);
            entries.put(size, c);
        }
        return c;
    }

    @Override
    public void close() {
        entries.values().forEach(SizedCache::closeQuietly);
        entries.clear();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not release prepared call", e);
        }
    }
}
