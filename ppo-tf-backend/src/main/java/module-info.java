/**
 * The TensorFlow backend of ppo-java: builds the act and train graphs of an actor-critic model,
 * runs Adam with fed learning rates, and exports/imports every variable for checkpoints.
 * Selected with {@code backend.name = tensorflow}; nothing here is named by the runner.
 */
module dev.ppo.tf {
    requires dev.ppo.api;
    // TensorFlow Java 1.1.0: the core-api jar is the explicit module "tensorflow"; it requires
    // org.tensorflow.ndarray and tensorflow.nativelib (the ConfigProto classes) transitively.
    requires tensorflow;
    requires org.tensorflow.ndarray;
    // optional SIMD for acting in Java (DenseKernel.best): used when the JVM adds the module
    requires static jdk.incubator.vector;

    provides dev.ppo.api.backend.BackendProvider with dev.ppo.tf.TfBackendProvider;
    provides dev.ppo.api.metrics.ScalarSinkProvider with dev.ppo.tf.TensorBoardSinkProvider;
}
