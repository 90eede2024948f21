package dev.ppo.tf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.VarHandleOp;
import org.tensorflow.types.TFloat32;

/**
 * Every variable of one graph, in creation order, with its stable checkpoint name.
 *
 * <p>Variables are <em>resource</em> variables ({@code VarHandleOp}), each read once through a
 * {@code ReadVariableOp} that all math uses. Two reasons: the old ref variables ({@code tf.variable})
 * crash or fail when fed straight into Square/Sqrt/Pow while gradients are built, and an in-place
 * Adam update of a ref variable can race with a read of the same buffer later in the same
 * {@code Session.run}; a resource variable's update copies the buffer while a read of it is alive.
 */
final class VariableStore {

    /**
     * Which learning rate a trainable variable follows; optimizer state and FIXED variables (a
     * scheduled log-std) are not trained.
     */
    enum Group { ACTOR, CRITIC, OPTIMIZER, FIXED }

    /**
     * One float variable.
     *
     * @param name    checkpoint name, e.g. {@code actor/l0/w}
     * @param shape   its shape
     * @param initial the value assigned when the backend starts
     * @param group   learning-rate group
     * @param handle  the resource handle (for assign and Adam ops)
     * @param value   the variable read once; use it for all math
     */
    record Variable(String name, long[] shape, float[] initial, Group group, Operand<?> handle,
                    Operand<TFloat32> value) {

        boolean trainable() {
            return group == Group.ACTOR || group == Group.CRITIC;
        }

        int size() {
            return initial.length;
        }
    }

    private static final AtomicLong STORES = new AtomicLong();

    private final Ops tf;
    private final long id = STORES.incrementAndGet();
    private final List<Variable> variables = new ArrayList<>();
    private final Map<String, float[]> frozen;

    VariableStore(Ops tf) {
        this.tf = tf;
        this.frozen = null;
    }

    private VariableStore(Ops tf, Map<String, float[]> frozen) {
        this.tf = tf;
        this.frozen = frozen;
    }

    /**
     * A store whose "variables" are constants holding {@code values} (by checkpoint name), for an
     * exported graph that carries its weights in itself: TF Java's SavedModel saver writes only
     * ref variables, not the resource variables training uses. Their handles are null.
     */
    static VariableStore frozen(Ops tf, Map<String, float[]> values) {
        return new VariableStore(tf, Map.copyOf(values));
    }

    /** Creates a variable that starts at {@code initial} (row-major, length = product of shape). */
    Variable create(String name, long[] shape, float[] initial, Group group) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        if (size != initial.length) {
            throw new IllegalArgumentException(name + ": " + initial.length + " initial values for " + size);
        }
        for (Variable v : variables) {
            if (v.name().equals(name)) {
                throw new IllegalArgumentException("duplicate variable " + name);
            }
        }
        String opName = name.replace('/', '_');
        if (frozen != null) {
            float[] values = frozen.get(name);
            if (values == null || values.length != initial.length) {
                throw new IllegalArgumentException(name + ": " + (values == null ? "no value"
                        : values.length + " values for " + initial.length) + " in the exported weights");
            }
            Operand<TFloat32> constant = tf.withName(opName).constant(Shape.of(shape),
                    org.tensorflow.ndarray.buffer.DataBuffers.of(values, true, false));
            Variable v = new Variable(name, shape.clone(), values.clone(), group, null, constant);
            variables.add(v);
            return v;
        }
        // An explicit, unique shared_name: TF Java 1.1.0's VarHandleOp otherwise carries an
        // uninitialized shared_name and all variables of a graph resolve to ONE resource.
        VarHandleOp handle = tf.withName(opName).varHandleOp(TFloat32.class, Shape.of(shape),
                VarHandleOp.sharedName(opName + "__" + id));
        Operand<TFloat32> value = tf.withName(opName + "_read").readVariableOp(handle, TFloat32.class);
        Variable v = new Variable(name, shape.clone(), initial.clone(), group, handle, value);
        variables.add(v);
        return v;
    }

    /** A variable filled with {@code value}. */
    Variable filled(String name, long[] shape, float value, Group group) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        float[] init = new float[Math.toIntExact(size)];
        java.util.Arrays.fill(init, value);
        return create(name, shape, init, group);
    }

    /** All variables in creation order (the export order). */
    List<Variable> all() {
        return Collections.unmodifiableList(variables);
    }

    /** The trained variables (network weights, biases, log-std) in creation order. */
    List<Variable> trainable() {
        return variables.stream().filter(Variable::trainable).toList();
    }
}
