package dev.ppo.tf;

import dev.ppo.api.backend.VariableState;
import dev.ppo.api.network.NetworkSpec;
import java.util.Map;

/** Plain-Java (double precision) versions of the backend's math, to check the graphs against. */
final class Reference {

    private Reference() {
    }

    static double[] logSoftmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (float l : logits) {
            sum += Math.exp(l - max);
        }
        double lse = max + Math.log(sum);
        double[] out = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            out[k] = logits[k] - lse;
        }
        return out;
    }

    static double categoricalLogProb(float[] logits, int action) {
        return logSoftmax(logits)[action];
    }

    static double categoricalKl(float[] oldLogits, float[] logits) {
        double[] lo = logSoftmax(oldLogits);
        double[] l = logSoftmax(logits);
        double kl = 0;
        for (int k = 0; k < l.length; k++) {
            kl += Math.exp(lo[k]) * (lo[k] - l[k]);
        }
        return kl;
    }

    static double categoricalEntropy(float[] logits) {
        double[] l = logSoftmax(logits);
        double h = 0;
        for (double x : l) {
            h -= Math.exp(x) * x;
        }
        return h;
    }

    /** @param params d means then d log-stds */
    static double gaussianLogProb(float[] params, float[] action) {
        int d = action.length;
        double lp = -0.5 * d * Math.log(2 * Math.PI);
        for (int j = 0; j < d; j++) {
            double z = (action[j] - params[j]) / Math.exp(params[d + j]);
            lp += -0.5 * z * z - params[d + j];
        }
        return lp;
    }

    static double gaussianKl(float[] oldParams, float[] params) {
        int d = params.length / 2;
        double kl = 0;
        for (int j = 0; j < d; j++) {
            double so = Math.exp(oldParams[d + j]);
            double s = Math.exp(params[d + j]);
            double dm = oldParams[j] - params[j];
            kl += Math.log(s / so) + (so * so + dm * dm) / (2 * s * s) - 0.5;
        }
        return kl;
    }

    static double gaussianEntropy(float[] params) {
        int d = params.length / 2;
        double h = 0;
        for (int j = 0; j < d; j++) {
            h += params[d + j] + 0.5 * (1 + Math.log(2 * Math.PI));
        }
        return h;
    }

    /**
     * An MLP evaluated from exported variables exactly as the backend's javadoc documents:
     * {@code <prefix>/l<i>/w} {@code [in, out]}, {@code y = x·w + b}, activation on hidden layers,
     * then the linear {@code <prefix>/head}.
     */
    static double[] mlp(Map<String, VariableState> vars, String prefix, double[] x, NetworkSpec.Activation act,
                        boolean withHead) {
        double[] h = x;
        for (int i = 0; vars.containsKey(prefix + "/l" + i + "/w"); i++) {
            h = dense(vars.get(prefix + "/l" + i + "/w"), vars.get(prefix + "/l" + i + "/b"), h);
            for (int j = 0; j < h.length; j++) {
                h[j] = act.apply(h[j]);
            }
        }
        if (withHead) {
            h = dense(vars.get(prefix + "/head/w"), vars.get(prefix + "/head/b"), h);
        }
        return h;
    }

    /**
     * The conv layers {@code <prefix>/c<i>} evaluated from exported variables exactly as the
     * backend's javadoc documents: {@code x} scaled, read as an HWC image of {@code shape}, each
     * layer a VALID strided cross-correlation with kernels {@code [k, k, in, out]} plus bias, then
     * the activation; the last map flattened in HWC order.
     *
     * @param strides stride of each layer (the kernel size comes from the variable's shape)
     */
    static double[] convStack(Map<String, VariableState> vars, String prefix, double[] x, int[] shape, int[] strides,
                              NetworkSpec.Activation act) {
        int h = shape[0];
        int w = shape[1];
        int c = shape[2];
        double[] in = x;
        for (int l = 0; vars.containsKey(prefix + "/c" + l + "/w"); l++) {
            VariableState kernel = vars.get(prefix + "/c" + l + "/w");
            float[] kw = kernel.values();
            float[] bias = vars.get(prefix + "/c" + l + "/b").values();
            int k = (int) kernel.shape()[0];
            int out = (int) kernel.shape()[3];
            if (kernel.shape()[2] != c) {
                throw new IllegalArgumentException(kernel.name() + " expects " + kernel.shape()[2] + " channels, got " + c);
            }
            int s = strides[l];
            int oh = (h - k) / s + 1;
            int ow = (w - k) / s + 1;
            double[] y = new double[oh * ow * out];
            for (int p = 0; p < oh; p++) {
                for (int q = 0; q < ow; q++) {
                    for (int o = 0; o < out; o++) {
                        double sum = bias[o];
                        for (int i = 0; i < k; i++) {
                            for (int j = 0; j < k; j++) {
                                for (int ch = 0; ch < c; ch++) {
                                    sum += in[((p * s + i) * w + (q * s + j)) * c + ch]
                                            * kw[((i * k + j) * c + ch) * out + o];
                                }
                            }
                        }
                        y[(p * ow + q) * out + o] = act.apply(sum);
                    }
                }
            }
            in = y;
            h = oh;
            w = ow;
            c = out;
        }
        return in;
    }

    static double[] dense(VariableState w, VariableState b, double[] x) {
        int in = (int) w.shape()[0];
        int out = (int) w.shape()[1];
        if (x.length != in) {
            throw new IllegalArgumentException(w.name() + " expects " + in + " inputs, got " + x.length);
        }
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            double s = b.values()[j];
            for (int i = 0; i < in; i++) {
                s += x[i] * w.values()[i * out + j];
            }
            y[j] = s;
        }
        return y;
    }
}
