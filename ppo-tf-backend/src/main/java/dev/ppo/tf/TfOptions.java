package dev.ppo.tf;

import org.tensorflow.proto.ConfigProto;

/**
 * The backend's own settings (the {@code backend} block): device and TensorFlow threading.
 *
 * @param gpu                place the graph on {@code /GPU:0}
 * @param intraOpThreads     threads inside one op (0 lets TensorFlow choose)
 * @param interOpThreads     ops run concurrently: −1 runs every op in the calling thread, 0 lets
 *                           TensorFlow choose, n uses a pool of n threads
 * @param logDevicePlacement TensorFlow logs the device of every op when the session starts
 * @param javaForward        act with {@link JavaForward} (plain Java from mirrored weights) instead
 *                           of a {@code Session.run}; training always runs in TensorFlow
 */
record TfOptions(boolean gpu, int intraOpThreads, int interOpThreads, boolean logDevicePlacement,
                 boolean javaForward) {

    /**
     * CPU; one intra-op thread; every op in the caller's thread; acting through TensorFlow. Call overhead, not arithmetic,
     * dominates the small PPO networks, and handing each run to an inter-op pool thread and back
     * roughly doubled the cost of an act call (measured: 45 vs 88 µs for batch 4, 64-64 MLPs).
     */
    static TfOptions cpu() {
        return new TfOptions(false, 1, -1, false, false);
    }

    /** The session configuration these options stand for. */
    ConfigProto configProto() {
        ConfigProto.Builder b = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(intraOpThreads)
                .setInterOpParallelismThreads(interOpThreads)
                // Otherwise the first session of the process fixes the pools for all later ones.
                .setUsePerSessionThreads(true)
                .setLogDevicePlacement(logDevicePlacement)
                // Ops without a GPU kernel (e.g. int32 bookkeeping) may still run on the CPU.
                .setAllowSoftPlacement(true);
        if (!gpu) {
            // With the GPU native jar and a visible GPU, TensorFlow would otherwise pick the GPU.
            b.putDeviceCount("GPU", 0);
        }
        return b.build();
    }
}
