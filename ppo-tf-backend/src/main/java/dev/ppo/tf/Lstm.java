package dev.ppo.tf;

import dev.ppo.api.network.OrthogonalInit;
import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * One LSTM layer, the recurrent core of a recurrent policy (SB3-Contrib's RecurrentPPO, CleanRL's
 * {@code ppo_atari_lstm.py}): gates in PyTorch's {@code nn.LSTM} order i, f, g, o, computed from
 * {@code z = x·Wx + h·Wh + b}; {@code c' = σ(f)·c + σ(i)·tanh(g)}, {@code h' = σ(o)·tanh(c')}.
 *
 * <p>Variables {@code <prefix>/lstm/wx [in, 4H]}, {@code <prefix>/lstm/wh [H, 4H]} and
 * {@code <prefix>/lstm/b [4H]}: orthogonal weights with gain 1 and zero biases, as CleanRL
 * initializes its LSTM. The logistic σ is written as {@code 0.5·tanh(x/2) + 0.5}, the same function,
 * so that only ops whose gradients this project checks are differentiated.
 *
 * <p>Training unrolls the layer statically over a sequence (TF Java's while loop has no proven
 * gradient); the state is zeroed before every step that starts an episode, where acting zeroes it
 * too.
 */
final class Lstm {

    /** An LSTM state: hidden output {@code h} and cell {@code c}, each {@code [batch, H]}. */
    record State(Operand<TFloat32> h, Operand<TFloat32> c) {
    }

    private final Variable wx;
    private final Variable wh;
    private final Variable b;
    private final int hidden;

    private Lstm(Variable wx, Variable wh, Variable b, int hidden) {
        this.wx = wx;
        this.wh = wh;
        this.b = b;
        this.hidden = hidden;
    }

    /** Creates the variables of an LSTM layer with {@code hidden} units on {@code inputSize} inputs. */
    static Lstm create(VariableStore store, String prefix, int inputSize, int hidden, Group group, long seed) {
        if (inputSize < 1 || hidden < 1) {
            throw new IllegalArgumentException(prefix + "/lstm: " + inputSize + " inputs, " + hidden + " units");
        }
        String name = prefix + "/lstm";
        Variable wx = store.create(name + "/wx", new long[] {inputSize, 4L * hidden},
                OrthogonalInit.matrix(inputSize, 4 * hidden, 1.0, new Random(Mlp.layerSeed(seed, name + "/wx"))), group);
        Variable wh = store.create(name + "/wh", new long[] {hidden, 4L * hidden},
                OrthogonalInit.matrix(hidden, 4 * hidden, 1.0, new Random(Mlp.layerSeed(seed, name + "/wh"))), group);
        Variable b = store.filled(name + "/b", new long[] {4L * hidden}, 0f, group);
        return new Lstm(wx, wh, b, hidden);
    }

    /** Number of units H. */
    int hidden() {
        return hidden;
    }

    /** One step on inputs {@code x [batch, in]} from {@code state}. */
    State step(Ops tf, Operand<TFloat32> x, State state) {
        return cell(tf, inputProjection(tf, x), state);
    }

    /**
     * The layer run over {@code sequences} sequences of {@code steps} steps each ({@code sequences}
     * may be −1: read from the number of rows; {@code steps} is fixed in the graph).
     *
     * @param x       inputs {@code [sequences·steps, in]}, sequence-major: row {@code s·steps + t}
     * @param starts  {@code [sequences·steps]}: 1 where the row starts an episode (state zeroed
     *                before that step), else 0
     * @param initial the state before each sequence's first step, {@code [sequences, H]}
     * @return the outputs h, {@code [sequences·steps, H]} in the rows' order
     */
    Operand<TFloat32> unroll(Ops tf, Operand<TFloat32> x, Operand<TFloat32> starts, State initial, int sequences,
                             int steps) {
        // The input projection of every row in one product; only h·Wh is left in the loop.
        Operand<TFloat32> z = tf.reshape(inputProjection(tf, x), tf.constant(new long[] {sequences, steps, 4L * hidden}));
        List<Output<TFloat32>> zs = tf.unstack(z, (long) steps, Unstack.axis(1L)).output();
        List<Output<TFloat32>> keep = tf.unstack(
                tf.math.sub(tf.constant(1f), tf.reshape(starts, tf.constant(new long[] {sequences, steps, 1}))),
                (long) steps, Unstack.axis(1L)).output();
        State state = initial;
        List<Operand<TFloat32>> outputs = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            Operand<TFloat32> k = keep.get(t);
            state = cell(tf, zs.get(t), new State(tf.math.mul(state.h(), k), tf.math.mul(state.c(), k)));
            outputs.add(state.h());
        }
        return tf.reshape(tf.stack(outputs, Stack.axis(1L)), tf.constant(new long[] {-1, hidden}));
    }

    private Operand<TFloat32> inputProjection(Ops tf, Operand<TFloat32> x) {
        return tf.nn.biasAdd(tf.linalg.matMul(x, wx.value()), b.value());
    }

    private State cell(Ops tf, Operand<TFloat32> xz, State state) {
        Operand<TFloat32> z = tf.math.add(xz, tf.linalg.matMul(state.h(), wh.value()));
        List<Output<TFloat32>> gates = tf.split(tf.constant(1), z, 4L).output();
        Operand<TFloat32> i = sigmoid(tf, gates.get(0));
        Operand<TFloat32> f = sigmoid(tf, gates.get(1));
        Operand<TFloat32> g = tf.math.tanh(gates.get(2));
        Operand<TFloat32> o = sigmoid(tf, gates.get(3));
        Operand<TFloat32> c = tf.math.add(tf.math.mul(f, state.c()), tf.math.mul(i, g));
        return new State(tf.math.mul(o, tf.math.tanh(c)), c);
    }

    /** σ(x) = 0.5·tanh(x/2) + 0.5. */
    private static Operand<TFloat32> sigmoid(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> half = tf.constant(0.5f);
        return tf.math.add(tf.math.mul(half, tf.math.tanh(tf.math.mul(half, x))), half);
    }
}
