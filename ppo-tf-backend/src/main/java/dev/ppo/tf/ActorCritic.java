package dev.ppo.tf;

import dev.ppo.api.network.NetworkSpec;
import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The actor and critic networks built from a {@link NetworkSpec}: two separate networks
 * ({@code actor/...}, {@code critic/...}) or, when {@code shared}, one trunk ({@code trunk/...})
 * with a linear policy head {@code actor/head} and value head {@code critic/head}. Each network
 * (or the trunk) is an optional {@link ConvStack} ({@code <prefix>/c<i>}) followed by an
 * {@link Mlp} ({@code <prefix>/l<i>}). A Gaussian policy adds the state-independent
 * {@code actor/log_std}.
 *
 * <p>A recurrent network ({@link NetworkSpec#recurrent()}, always shared) puts an {@link Lstm}
 * ({@code trunk/lstm/...}) between the trunk and the heads, and is built twice over the same
 * variables: {@link #policyOutput()} and {@link #value()} unroll it over training sequences, and
 * {@link #acting()} takes one step from a fed state.
 *
 * @param policyOutput policy head output, {@code [batch, headSize]} (logits or means); for a
 *                     recurrent network, over the unrolled training sequences
 * @param value        V(s), {@code [batch]}, likewise
 * @param logStd       the log-std variable's value {@code [d]}, or null for a categorical policy
 * @param acting       the one-step acting branch of a recurrent network, null for a feed-forward one
 */
record ActorCritic(Operand<TFloat32> policyOutput, Operand<TFloat32> value, Operand<TFloat32> logStd,
                   Acting acting) {

    /**
     * One step of a recurrent network from a fed state; the train branch's own inputs beside it.
     *
     * @param stateIn       placeholder {@code [batch, 2H]}: h, then c, per row
     * @param policyOutput  policy head output of the step
     * @param value         V(s) of the step, {@code [batch]}
     * @param stateOut      the next state {@code [batch, 2H]}, h' then c'
     * @param starts        placeholder {@code [rows]} of the train branch: 1 where a row starts an episode
     * @param initialStates placeholder {@code [sequences, 2H]} of the train branch
     */
    record Acting(Placeholder<TFloat32> stateIn, Operand<TFloat32> policyOutput, Operand<TFloat32> value,
                  Operand<TFloat32> stateOut, Placeholder<TFloat32> starts, Placeholder<TFloat32> initialStates) {
    }

    /** Orthogonal gain of the policy head: small, so the initial policy is near uniform / zero-mean. */
    static final double POLICY_HEAD_GAIN = dev.ppo.api.network.OrthogonalInit.POLICY_HEAD_GAIN;
    /** Orthogonal gain of the value head. */
    static final double VALUE_HEAD_GAIN = dev.ppo.api.network.OrthogonalInit.VALUE_HEAD_GAIN;

    /**
     * Creates the variables and the forward computation on {@code obs}.
     *
     * @param obs        flat observation rows {@code [batch, product(obsShape)]}
     * @param obsShape   shape of one observation ({@code [H, W, C]} for a convolutional network)
     * @param headSize   policy head outputs: n logits or d means
     * @param logStdSize d for a Gaussian policy (creates {@code actor/log_std}), 0 otherwise
     * @param logStdGroup ACTOR (trained) or FIXED (set by the caller)
     */
    static ActorCritic build(Ops tf, VariableStore store, NetworkSpec net, Operand<TFloat32> obs, int[] obsShape,
                             int headSize, int logStdSize, float initLogStd, Group logStdGroup, long seed) {
        return build(tf, store, net, obs, obsShape, headSize, logStdSize, initLogStd, logStdGroup, seed, 0);
    }

    /** As above; {@code sequenceLength} is the steps of each training sequence of a recurrent network. */
    static ActorCritic build(Ops tf, VariableStore store, NetworkSpec net, Operand<TFloat32> obs, int[] obsShape,
                             int headSize, int logStdSize, float initLogStd, Group logStdGroup, long seed,
                             int sequenceLength) {
        // Scaled once, even when the actor and the critic each have their own conv stack.
        Operand<TFloat32> x = net.inputScale() == 1.0 ? obs
                : tf.math.mul(obs, tf.constant((float) net.inputScale()));
        Operand<TFloat32> policy;
        Operand<TFloat32> critic;
        Variable logStd = null;
        Acting acting = null;
        if (net.shared()) {
            Body trunk = Body.create(store, "trunk", obsShape, net, net.actorHidden(), 0, 0, Group.ACTOR, seed);
            Lstm lstm = net.recurrent()
                    ? Lstm.create(store, "trunk", trunk.mlp().outputSize(), net.lstmHidden(), Group.ACTOR, seed)
                    : null;
            int featureSize = lstm != null ? lstm.hidden() : trunk.mlp().outputSize();
            Mlp actorHead = Mlp.create(store, "actor", featureSize, List.of(), headSize,
                    POLICY_HEAD_GAIN, net.activation(), Group.ACTOR, seed);
            if (logStdSize > 0) {
                logStd = store.filled("actor/log_std", new long[] {logStdSize}, initLogStd, logStdGroup);
            }
            Mlp valueHead = Mlp.create(store, "critic", featureSize, List.of(), 1, VALUE_HEAD_GAIN,
                    net.activation(), Group.CRITIC, seed);
            Operand<TFloat32> features = trunk.apply(tf, x);
            if (lstm != null) {
                if (sequenceLength < 1) {
                    throw new IllegalArgumentException("a recurrent network needs a sequence length >= 1");
                }
                long h = lstm.hidden();
                Placeholder<TFloat32> stateIn = tf.withName("state_in")
                        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2 * h)));
                Lstm.State next = lstm.step(tf, features, split(tf, stateIn));
                Placeholder<TFloat32> starts = tf.withName("starts")
                        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
                Placeholder<TFloat32> initial = tf.withName("initial_states")
                        .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2 * h)));
                acting = new Acting(stateIn, actorHead.apply(tf, next.h()),
                        tf.reshape(valueHead.apply(tf, next.h()), tf.constant(new int[] {-1})),
                        tf.concat(List.of(next.h(), next.c()), tf.constant(1)), starts, initial);
                features = lstm.unroll(tf, features, starts, split(tf, initial), -1, sequenceLength);
            }
            policy = actorHead.apply(tf, features);
            critic = valueHead.apply(tf, features);
        } else {
            Body actor = Body.create(store, "actor", obsShape, net, net.actorHidden(), headSize, POLICY_HEAD_GAIN,
                    Group.ACTOR, seed);
            if (logStdSize > 0) {
                logStd = store.filled("actor/log_std", new long[] {logStdSize}, initLogStd, logStdGroup);
            }
            Body valueNet = Body.create(store, "critic", obsShape, net, net.criticHidden(), 1, VALUE_HEAD_GAIN,
                    Group.CRITIC, seed);
            policy = actor.apply(tf, x);
            critic = valueNet.apply(tf, x);
        }
        Operand<TFloat32> value = tf.reshape(critic, tf.constant(new int[] {-1}));
        return new ActorCritic(policy, value, logStd == null ? null : logStd.value(), acting);
    }

    /** A packed state {@code [batch, 2H]} as h and c. */
    private static Lstm.State split(Ops tf, Operand<TFloat32> packed) {
        List<Output<TFloat32>> hc = tf.split(tf.constant(1), packed, 2L).output();
        return new Lstm.State(hc.get(0), hc.get(1));
    }

    /** One network under a prefix: the conv stack (null for an MLP), then the dense layers. */
    private record Body(ConvStack conv, Mlp mlp) {

        static Body create(VariableStore store, String prefix, int[] obsShape, NetworkSpec net, List<Integer> hidden,
                           int headSize, double headGain, Group group, long seed) {
            ConvStack conv = net.convolutional()
                    ? ConvStack.create(store, prefix, obsShape, net.conv(), net.activation(), group, seed)
                    : null;
            int in = conv != null ? conv.outputSize() : size(obsShape);
            return new Body(conv, Mlp.create(store, prefix, in, hidden, headSize, headGain, net.activation(), group,
                    seed));
        }

        Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
            return mlp.apply(tf, conv != null ? conv.apply(tf, x) : x);
        }

        private static int size(int[] shape) {
            int n = 1;
            for (int d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }
}
