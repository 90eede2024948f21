package dev.ppo.backend.java;

/**
 * The action distribution of the policy, over the actor's head output ({@code [rows, headSize]}):
 * its parameters for acting, and log π(a|s), the mean entropy and the exact KL to the old policy
 * as tape nodes whose backward steps add into {@code dHead} (and, for a Gaussian, {@code dLogStd}).
 */
interface PolicyHead {

    /** Floats of distribution parameters per row (Backend.distributionWidth). */
    int width();

    /** Writes each row's distribution parameters into {@code out}. */
    void distribution(float[] head, int rows, float[] out);

    /** What the loss needs from the distribution, on the tape. */
    record Terms(Tape.Node logProb, Tape.Node meanEntropy, Tape.Node kl) {
    }

    /**
     * @param actions  {@code [rows, actionSize]}: indices (categorical) or vectors (Gaussian)
     * @param oldDist  {@code [rows, width]}: the parameters the actions were sampled from
     * @param dHead    receives dL/d(head output) during backward, {@code [rows, headSize]}
     */
    Terms terms(Tape tape, float[] head, int rows, float[] actions, float[] oldDist, double[] dHead);
}
