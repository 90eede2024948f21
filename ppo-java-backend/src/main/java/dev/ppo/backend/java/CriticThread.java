package dev.ppo.backend.java;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One worker thread that runs a task handed over by the training thread and hands its result back.
 * A train step of a 64-sample minibatch takes ~100-300 µs, so the hand-over must cost a few µs, not
 * the ~50 µs of an executor's park and wake-up: the training thread spins on a volatile field for
 * the result before parking; the worker parks soon after finishing a task. Used for the critic's
 * forward and backward passes, gradient squares and Adam step, which share nothing with the actor's.
 */
final class CriticThread implements AutoCloseable {

    /** The training thread spins this many times for the result before parking: the critic's half is short. */
    private static final int SPINS = 20_000;
    /**
     * The worker spins only this many times for its next task before parking: the next hand-off comes
     * after the actor's half and the loss (tens of µs), and a worker spinning through it holds the
     * second core that, in a JVM still warming up, C2 needs: with 20,000 idle spins a cold CartPole
     * run took 5.0 s instead of 3.4 s.
     */
    private static final int IDLE_SPINS = 100;

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
                    if (++spins > IDLE_SPINS) {
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
