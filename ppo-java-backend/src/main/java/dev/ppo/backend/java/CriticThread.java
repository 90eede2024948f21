package dev.ppo.backend.java;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One worker thread that runs a task handed over by the training thread and hands its result back.
 * A train step of a 64-sample minibatch takes ~100-300 µs, so the hand-over must cost a few µs, not
 * the ~50 µs of an executor's park and wake-up: both sides spin briefly on a volatile field before
 * parking. Used for the critic's forward and backward passes, gradient squares and Adam step, which
 * share nothing with the actor's.
 */
final class CriticThread implements AutoCloseable {

    /** Spins this many times before parking: a step's other half is shorter than this. */
    private static final int SPINS = 20_000;

    private final Thread thread;
    private volatile Supplier<?> task;
    private volatile Object result;
    private volatile Throwable failure;
    private volatile boolean done = true;
    private volatile boolean closed;
    private volatile Thread waiter;

    CriticThread() {
        thread = new Thread(this::loop, "ppo-java-critic");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts {@code work} on the worker; {@link #join()} returns its result. */
    void run(Supplier<?> work) {
        done = false;
        failure = null;
        task = work;
        LockSupport.unpark(thread);
    }

    /** Waits for the task started by {@link #run}. */
    Object join() {
        int spins = 0;
        while (!done) {
            if (++spins > SPINS) {
                waiter = Thread.currentThread();
                if (!done) {
                    LockSupport.park(this);
                }
                waiter = null;
            } else {
                Thread.onSpinWait();
            }
        }
        if (failure != null) {
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
        Object r = result;
        result = null;
        return r;
    }

    private void loop() {
        while (!closed) {
            Supplier<?> work = task;
            if (work == null) {
                int spins = 0;
                while ((work = task) == null && !closed) {
                    if (++spins > SPINS) {
                        LockSupport.park(this);
                    } else {
                        Thread.onSpinWait();
                    }
                }
                if (work == null) {
                    return;
                }
            }
            task = null;
            try {
                result = work.get();
            } catch (Throwable t) {
                failure = t;
            }
            done = true;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
