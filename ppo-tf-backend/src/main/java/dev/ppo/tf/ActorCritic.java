package dev.ppo.tf;

import dev.ppo.api.network.NetworkSpec;
import dev.ppo.tf.VariableStore.Group;
import dev.ppo.tf.VariableStore.Variable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The actor and critic networks built from a {@link NetworkSpec}: two separate MLPs
 * ({@code actor/...}, {@code critic/...}) or, when {@code shared}, one trunk ({@code trunk/...})
 * with a linear policy head {@code actor/head} and value head {@code critic/head}. A Gaussian
 * policy adds the state-independent {@code actor/log_std}.
 *
 * @param policyOutput policy head output, {@code [batch, headSize]} (logits or means)
 * @param value        V(s), {@code [batch]}
 * @param logStd       the log-std variable's value {@code [d]}, or null for a categorical policy
 */
record ActorCritic(Operand<TFloat32> policyOutput, Operand<TFloat32> value, Operand<TFloat32> logStd) {

    /** Orthogonal gain of the policy head: small, so the initial policy is near uniform / zero-mean. */
    static final double POLICY_HEAD_GAIN = 0.01;
    /** Orthogonal gain of the value head. */
    static final double VALUE_HEAD_GAIN = 1.0;

    /**
     * Creates the variables and the forward computation on {@code obs}.
     *
     * @param headSize   policy head outputs: n logits or d means
     * @param logStdSize d for a Gaussian policy (creates {@code actor/log_std}), 0 otherwise
     * @param logStdGroup ACTOR (trained) or FIXED (set by the caller)
     */
    static ActorCritic build(Ops tf, VariableStore store, NetworkSpec net, Operand<TFloat32> obs, int obsSize,
                             int headSize, int logStdSize, float initLogStd, Group logStdGroup, long seed) {
        Operand<TFloat32> policy;
        Operand<TFloat32> critic;
        Variable logStd = null;
        if (net.shared()) {
            Mlp trunk = Mlp.create(store, "trunk", obsSize, net.actorHidden(), 0, 0, net.activation(),
                    Group.ACTOR, seed);
            Mlp actorHead = Mlp.create(store, "actor", trunk.outputSize(), List.of(), headSize, POLICY_HEAD_GAIN,
                    net.activation(), Group.ACTOR, seed);
            if (logStdSize > 0) {
                logStd = store.filled("actor/log_std", new long[] {logStdSize}, initLogStd, logStdGroup);
            }
            Mlp valueHead = Mlp.create(store, "critic", trunk.outputSize(), List.of(), 1, VALUE_HEAD_GAIN,
                    net.activation(), Group.CRITIC, seed);
            Operand<TFloat32> features = trunk.apply(tf, obs);
            policy = actorHead.apply(tf, features);
            critic = valueHead.apply(tf, features);
        } else {
            Mlp actor = Mlp.create(store, "actor", obsSize, net.actorHidden(), headSize, POLICY_HEAD_GAIN,
                    net.activation(), Group.ACTOR, seed);
            if (logStdSize > 0) {
                logStd = store.filled("actor/log_std", new long[] {logStdSize}, initLogStd, logStdGroup);
            }
            Mlp valueNet = Mlp.create(store, "critic", obsSize, net.criticHidden(), 1, VALUE_HEAD_GAIN,
                    net.activation(), Group.CRITIC, seed);
            policy = actor.apply(tf, obs);
            critic = valueNet.apply(tf, obs);
        }
        Operand<TFloat32> value = tf.reshape(critic, tf.constant(new int[] {-1}));
        return new ActorCritic(policy, value, logStd == null ? null : logStd.value());
    }
}
