package dev.ppo.backend.java;

import dev.ppo.api.distribution.CategoricalDistribution;
import dev.ppo.api.distribution.DiagGaussianDistribution;
import dev.ppo.api.distribution.Distribution;
import java.util.ArrayList;
import java.util.List;

/**
 * The action distribution over the actor's head output ({@code [rows, headSize]}: logits, or the
 * Gaussian means with the state-independent log-std parameter): its parameters for acting, and
 * log π(a|s), the mean entropy and the exact KL as tape nodes from the distribution's one
 * definition ({@link Distribution}), evaluated on the head output's columns.
 */
final class PolicyHead {

    private final Distribution definition;
    private final int headSize;
    private final Parameter logStd; // null for a categorical policy

    private PolicyHead(Distribution definition, int headSize, Parameter logStd) {
        this.definition = definition;
        this.headSize = headSize;
        this.logStd = logStd;
    }

    static PolicyHead categorical(int n) {
        return new PolicyHead(new CategoricalDistribution(n), n, null);
    }

    static PolicyHead gaussian(int d, Parameter logStd) {
        return new PolicyHead(new DiagGaussianDistribution(d), d, logStd);
    }

    /** Floats of distribution parameters per row (Backend.distributionWidth). */
    int width() {
        return definition.parameterSize();
    }

    /** Writes each row's distribution parameters into {@code out}. */
    void distribution(float[] head, int rows, float[] out) {
        if (logStd == null) {
            System.arraycopy(head, 0, out, 0, rows * headSize);
            return;
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(head, r * headSize, out, r * 2 * headSize, headSize);
            System.arraycopy(logStd.value, 0, out, r * 2 * headSize + headSize, headSize);
        }
    }

    /**
     * What the loss needs from the distribution. After the tape's backward pass,
     * {@code collectGradients} adds dL/d(head output) into {@code dHead} (and dL/d log-std into the
     * parameter's gradient when it is trained).
     */
    record Terms(Tape.Node logProb, Tape.Node meanEntropy, Tape.Node kl, Runnable collectGradients) {
    }

    Terms terms(Tape tape, float[] head, int rows, float[] actions, float[] oldDist, double[] dHead) {
        List<Tape.Node> headColumns = new ArrayList<>();
        for (int k = 0; k < headSize; k++) {
            headColumns.add(tape.column(head, rows, headSize, k));
        }
        List<Tape.Node> params = new ArrayList<>(headColumns);
        List<Tape.Node> logStdNodes = new ArrayList<>();
        if (logStd != null) {
            for (int j = 0; j < headSize; j++) {
                Tape.Node s = tape.input(new double[] {logStd.value[j]}); // a scalar: it broadcasts over rows
                logStdNodes.add(s);
                params.add(s);
            }
        }
        List<Tape.Node> oldParams = new ArrayList<>();
        for (int k = 0; k < width(); k++) {
            oldParams.add(tape.column(oldDist, rows, width(), k));
        }
        List<Tape.Node> actionColumns = new ArrayList<>();
        for (int k = 0; k < definition.actionSize(); k++) {
            actionColumns.add(tape.column(actions, rows, definition.actionSize(), k));
        }
        Distribution.Of<Tape.Node> policy = definition.of(tape, params);
        Tape.Node logProb = policy.logProb(actionColumns);
        Tape.Node entropy = tape.mean(policy.entropy());
        Tape.Node kl = policy.klFrom(definition.of(tape, oldParams));
        Runnable collect = () -> {
            for (int k = 0; k < headSize; k++) {
                double[] g = headColumns.get(k).grad;
                for (int r = 0; r < rows; r++) {
                    dHead[r * headSize + k] += g[r];
                }
            }
            if (logStd != null && logStd.trained()) {
                for (int j = 0; j < headSize; j++) {
                    logStd.grad[j] += (float) logStdNodes.get(j).grad[0];
                }
            }
        };
        return new Terms(logProb, entropy, kl, collect);
    }
}
