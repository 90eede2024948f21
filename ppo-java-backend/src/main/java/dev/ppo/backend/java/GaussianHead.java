package dev.ppo.backend.java;

/**
 * Diagonal Gaussian in d dimensions: means from the actor's head, a state-independent log-std
 * {@code s} (a parameter). With z = (a − μ)·e^(−s):
 * log π(a) = Σ (−½z² − s − ½ log 2π), H = Σ (s + ½(1 + log 2π)),
 * KL[old, new] = Σ (s − s_old + (e^(2 s_old) + (μ_old − μ)²) / (2 e^(2s)) − ½).
 * Gradients by hand: d log π/dμ = z·e^(−s), d log π/ds = z² − 1, dH/ds = 1,
 * dKL/dμ = (μ − μ_old)·e^(−2s), dKL/ds = 1 − (e^(2 s_old) + (μ_old − μ)²)·e^(−2s).
 */
final class GaussianHead implements PolicyHead {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private final int d;
    private final Parameter logStd;

    GaussianHead(int d, Parameter logStd) {
        this.d = d;
        this.logStd = logStd;
    }

    @Override
    public int width() {
        return 2 * d;
    }

    @Override
    public void distribution(float[] head, int rows, float[] out) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(head, r * d, out, r * 2 * d, d);
            System.arraycopy(logStd.value, 0, out, r * 2 * d + d, d);
        }
    }

    @Override
    public Terms terms(Tape tape, float[] head, int rows, float[] actions, float[] oldDist, double[] dHead) {
        float[] s = logStd.value;
        double[] logProb = new double[rows];
        double[] kl = new double[rows];
        double entropy = 0;
        for (int j = 0; j < d; j++) {
            entropy += s[j] + 0.5 * (1 + LOG_2PI);
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < d; j++) {
                double mu = head[r * d + j];
                double z = (actions[r * d + j] - mu) * Math.exp(-s[j]);
                logProb[r] += -0.5 * z * z - s[j] - 0.5 * LOG_2PI;
                double muOld = oldDist[r * 2 * d + j];
                double sOld = oldDist[r * 2 * d + d + j];
                kl[r] += s[j] - sOld + (Math.exp(2 * sOld) + (muOld - mu) * (muOld - mu)) / (2 * Math.exp(2 * s[j]))
                        - 0.5;
            }
        }
        float[] dLogStd = logStd.grad;
        boolean learned = logStd.trained();
        Tape.Node lp = tape.custom(logProb, node -> {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    double invStd = Math.exp(-s[j]);
                    double z = (actions[r * d + j] - head[r * d + j]) * invStd;
                    dHead[r * d + j] += node.grad[r] * z * invStd;
                    if (learned) {
                        dLogStd[j] += (float) (node.grad[r] * (z * z - 1));
                    }
                }
            }
        });
        Tape.Node h = tape.custom(new double[] {entropy}, node -> {
            if (learned) {
                for (int j = 0; j < d; j++) {
                    dLogStd[j] += (float) node.grad[0];
                }
            }
        });
        Tape.Node k = tape.custom(kl, node -> {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < d; j++) {
                    double mu = head[r * d + j];
                    double muOld = oldDist[r * 2 * d + j];
                    double sOld = oldDist[r * 2 * d + d + j];
                    double invVar = Math.exp(-2 * s[j]);
                    dHead[r * d + j] += node.grad[r] * (mu - muOld) * invVar;
                    if (learned) {
                        dLogStd[j] += (float) (node.grad[r]
                                * (1 - (Math.exp(2 * sOld) + (muOld - mu) * (muOld - mu)) * invVar));
                    }
                }
            }
        });
        return new Terms(lp, h, k);
    }
}
