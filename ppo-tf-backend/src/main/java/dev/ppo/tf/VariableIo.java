package dev.ppo.tf;

import dev.ppo.api.backend.VariableState;
import dev.ppo.tf.VariableStore.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Reads every variable out of a session and writes values back, all variables in one
 * {@code Session.run} each way. Assign ops (one placeholder per variable) are built once, before
 * the session starts.
 */
final class VariableIo {

    private final List<Variable> variables;
    private final List<Placeholder<TFloat32>> inputs = new ArrayList<>();
    private final List<Op> assigns = new ArrayList<>();
    private final Map<String, Integer> index = new HashMap<>();

    VariableIo(Ops tf, VariableStore store) {
        this.variables = List.copyOf(store.all());
        for (int i = 0; i < variables.size(); i++) {
            Variable v = variables.get(i);
            Placeholder<TFloat32> in = tf.withName(v.name().replace('/', '_') + "_in")
                    .placeholder(TFloat32.class, Placeholder.shape(Shape.of(v.shape())));
            inputs.add(in);
            assigns.add(tf.assignVariableOp(v.handle(), in));
            index.put(v.name(), i);
        }
    }

    /** Every variable's current value, in creation order. */
    List<VariableState> export(Session session) {
        return export(session, variables);
    }

    /** The model's own variables (weights, biases, log-std), without the optimizer's state. */
    List<VariableState> exportModel(Session session) {
        return export(session, variables.stream().filter(v -> v.group() != VariableStore.Group.OPTIMIZER).toList());
    }

    private static List<VariableState> export(Session session, List<Variable> selected) {
        Session.Runner runner = session.runner();
        for (Variable v : selected) {
            runner.fetch(v.value());
        }
        List<VariableState> out = new ArrayList<>(selected.size());
        try (Result r = runner.run()) {
            for (int i = 0; i < selected.size(); i++) {
                Variable v = selected.get(i);
                float[] values = new float[v.size()];
                ((TFloat32) r.get(i)).asRawTensor().data().asFloats().read(values);
                out.add(new VariableState(v.name(), v.shape().clone(), values));
            }
        }
        return out;
    }

    /** Assigns every variable its initial value. */
    void assignInitial(Session session) {
        List<float[]> values = new ArrayList<>();
        for (Variable v : variables) {
            values.add(v.initial());
        }
        assign(session, values);
    }

    /**
     * Checks that {@code states} holds exactly this model's variables with the right shapes, then
     * assigns them; on any mismatch nothing is assigned.
     *
     * @throws IllegalArgumentException naming the first variable that does not match
     */
    void importVariables(Session session, List<VariableState> states) {
        float[][] values = new float[variables.size()][];
        Set<String> seen = new HashSet<>();
        for (VariableState s : states) {
            Integer i = index.get(s.name());
            if (i == null) {
                throw new IllegalArgumentException("unknown variable '" + s.name() + "' (shape "
                        + Arrays.toString(s.shape()) + "); this model has " + index.keySet().stream().sorted().toList());
            }
            if (!seen.add(s.name())) {
                throw new IllegalArgumentException("variable '" + s.name() + "' appears twice");
            }
            Variable v = variables.get(i);
            if (!Arrays.equals(v.shape(), s.shape())) {
                throw new IllegalArgumentException("variable '" + s.name() + "': expected shape "
                        + Arrays.toString(v.shape()) + ", found " + Arrays.toString(s.shape()));
            }
            values[i] = s.values();
        }
        for (int i = 0; i < variables.size(); i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException("variable '" + variables.get(i).name() + "' (shape "
                        + Arrays.toString(variables.get(i).shape()) + ") is missing");
            }
        }
        assign(session, Arrays.asList(values));
    }

    /** Assigns one variable, e.g. a scheduled log-std. */
    void assign(Session session, String name, float[] value) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("this model has no variable " + name);
        }
        try (TFloat32 t = TFloat32.tensorOf(Shape.of(variables.get(i).shape()), DataBuffers.of(value, true, false))) {
            session.runner().feed(inputs.get(i), t).addTarget(assigns.get(i)).run().close();
        }
    }

    private void assign(Session session, List<float[]> values) {
        List<TFloat32> tensors = new ArrayList<>(values.size());
        try {
            Session.Runner runner = session.runner();
            for (int i = 0; i < variables.size(); i++) {
                TFloat32 t = TFloat32.tensorOf(Shape.of(variables.get(i).shape()),
                        DataBuffers.of(values.get(i), true, false));
                tensors.add(t);
                runner.feed(inputs.get(i), t).addTarget(assigns.get(i));
            }
            runner.run().close();
        } finally {
            tensors.forEach(TFloat32::close);
        }
    }
}
