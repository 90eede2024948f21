package dev.ppo.api.backend;

import java.util.Arrays;

/** The value of one model or optimizer variable, for checkpoints. */
public record VariableState(String name, long[] shape, float[] values) {

    public VariableState {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != values.length) {
            throw new IllegalArgumentException("variable " + name + " of shape " + Arrays.toString(shape)
                    + " needs " + size + " values, got " + values.length);
        }
    }
}
