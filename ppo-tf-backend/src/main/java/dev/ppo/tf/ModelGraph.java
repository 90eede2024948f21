package dev.ppo.tf;

import dev.ppo.api.backend.ModelSpec;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Everything {@link TfBackend} runs, built into one graph: the networks on an observation
 * placeholder, the packed act output, the train step and the variable assign ops.
 *
 * @param observations {@code [batch, observationSize]} (flat rows, whatever the observation shape), fed
 *                     by both calls
 * @param actOutput    {@code [batch, distributionWidth + 1 (+ 2H)]}: distribution parameters, then
 *                     V(s), then for a recurrent network the next state h', c'
 * @param recurrence   the recurrent network's state inputs, null for a feed-forward one
 * @param train        the train step
 * @param store        every variable
 * @param io           export/import of the variables
 * @param head         the policy's distribution family
 */
record ModelGraph(Placeholder<TFloat32> observations, Operand<TFloat32> actOutput, TrainGraph train,
                  VariableStore store, VariableIo io, PolicyHead head, ActorCritic.Acting recurrence) {

    /** Builds the model of {@code spec} into {@code graph}, every op on {@code /GPU:0} when {@code gpu}. */
    static ModelGraph build(Graph graph, ModelSpec spec, boolean gpu) {
        int observationSize = spec.observationSize();
        Ops tf = Ops.create(graph);
        if (gpu) {
            tf = tf.withDevice(TfDevices.GPU0);
        }
        VariableStore store = new VariableStore(tf);
        Placeholder<TFloat32> observations = tf.withName("observations")
                .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, observationSize)));
        // Fed flat; a convolutional network reshapes the rows to images itself.
        ActorCritic net = ActorCritic.build(tf, store, spec.network(), observations, spec.observationShape(),
                PolicyHead.headSize(spec), PolicyHead.logStdSize(spec), (float) spec.initLogStd(),
                spec.learnLogStd() ? VariableStore.Group.ACTOR : VariableStore.Group.FIXED, spec.seed(),
                spec.sequenceLength());
        PolicyHead head = PolicyHead.create(tf, spec, net);
        ActorCritic.Acting acting = net.acting();
        List<Operand<TFloat32>> act = acting == null
                ? List.of(head.distribution(net.policyOutput()), tf.expandDims(net.value(), tf.constant(1)))
                : List.of(head.distribution(acting.policyOutput()), tf.expandDims(acting.value(), tf.constant(1)),
                        acting.stateOut());
        Operand<TFloat32> actOutput = tf.withName("act_output").concat(act, tf.constant(1));
        TrainGraph train = new TrainGraph(tf, spec, head, net, store);
        // Assign ops last: they must cover the Adam slots the train step created.
        VariableIo io = new VariableIo(tf, store);
        return new ModelGraph(observations, actOutput, train, store, io, head, acting);
    }
}
