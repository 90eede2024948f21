package dev.ppo.api.backend;

import java.util.Objects;

/**
 * What an exported policy computes besides the network: the observation normalization it was
 * trained with. An exported policy maps a raw observation row {@code o} to
 * {@code clip((o − mean) / std, ±clip)} (when normalized), then to the deterministic action (the
 * mode: argmax of the logits, or the Gaussian mean) and V(s).
 *
 * @param format          the export format, e.g. {@code saved-model}
 * @param observationMean per-feature mean, or null when observations are not normalized
 * @param observationStd  per-feature √(σ² + ε), or null when observations are not normalized
 * @param clip            the clip bound of normalized observations (ignored without normalization)
 */
public record PolicyExport(String format, float[] observationMean, float[] observationStd, double clip) {

    /** TensorFlow's SavedModel directory format. */
    public static final String SAVED_MODEL = "saved-model";

    public PolicyExport {
        Objects.requireNonNull(format, "format");
        if ((observationMean == null) != (observationStd == null)) {
            throw new IllegalArgumentException("observationMean and observationStd are both given or both null");
        }
        if (observationMean != null && observationMean.length != observationStd.length) {
            throw new IllegalArgumentException("observationMean has " + observationMean.length
                    + " values, observationStd " + observationStd.length);
        }
    }

    /** Whether the exported policy normalizes its input. */
    public boolean normalizes() {
        return observationMean != null;
    }
}
