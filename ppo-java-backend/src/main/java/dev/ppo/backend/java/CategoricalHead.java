package dev.ppo.backend.java;

/**
 * Categorical over n actions from logits: log π(a) = l_a − logΣexp(l); H = −Σ p log p;
 * KL[old, new] = Σ p_old (log p_old − log p). Gradients by hand: d log π(a)/dl = onehot(a) − p,
 * dH/dl_k = −p_k (log p_k + H), dKL/dl = p − p_old.
 */
final class CategoricalHead implements PolicyHead {

    private final int n;

    CategoricalHead(int n) {
        this.n = n;
    }

    @Override
    public int width() {
        return n;
    }

    @Override
    public void distribution(float[] head, int rows, float[] out) {
        System.arraycopy(head, 0, out, 0, rows * n);
    }

    /** log-softmax of each row, in double. */
    private double[] logSoftmax(float[] logits, int rows) {
        double[] out = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                max = Math.max(max, logits[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < n; k++) {
                sum += Math.exp(logits[o + k] - max);
            }
            double lse = max + Math.log(sum);
            for (int k = 0; k < n; k++) {
                out[o + k] = logits[o + k] - lse;
            }
        }
        return out;
    }

    @Override
    public Terms terms(Tape tape, float[] head, int rows, float[] actions, float[] oldDist, double[] dHead) {
        double[] logP = logSoftmax(head, rows);
        double[] oldLogP = logSoftmax(oldDist, rows);
        double[] logProb = new double[rows];
        double[] entropy = new double[rows];
        double[] kl = new double[rows];
        double meanEntropy = 0;
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            logProb[r] = logP[o + (int) actions[r]];
            for (int k = 0; k < n; k++) {
                double p = Math.exp(logP[o + k]);
                entropy[r] -= p * logP[o + k];
                kl[r] += Math.exp(oldLogP[o + k]) * (oldLogP[o + k] - logP[o + k]);
            }
            meanEntropy += entropy[r] / rows;
        }
        Tape.Node lp = tape.custom(logProb, node -> {
            for (int r = 0; r < rows; r++) {
                int o = r * n;
                int a = (int) actions[r];
                for (int k = 0; k < n; k++) {
                    dHead[o + k] += node.grad[r] * ((k == a ? 1 : 0) - Math.exp(logP[o + k]));
                }
            }
        });
        Tape.Node h = tape.custom(new double[] {meanEntropy}, node -> {
            double g = node.grad[0] / rows;
            for (int r = 0; r < rows; r++) {
                int o = r * n;
                for (int k = 0; k < n; k++) {
                    double p = Math.exp(logP[o + k]);
                    dHead[o + k] += g * -p * (logP[o + k] + entropy[r]);
                }
            }
        });
        Tape.Node d = tape.custom(kl, node -> {
            for (int r = 0; r < rows; r++) {
                int o = r * n;
                for (int k = 0; k < n; k++) {
                    dHead[o + k] += node.grad[r] * (Math.exp(logP[o + k]) - Math.exp(oldLogP[o + k]));
                }
            }
        });
        return new Terms(lp, h, d);
    }
}
