package dev.ppo.backend.java;

/**
 * One float tensor of the model with its gradient and Adam moments, named as the TensorFlow backend
 * names it (so both backends read and write the same checkpoints).
 */
final class Parameter {

    /** Which learning rate it follows; FIXED is not trained (a scheduled log-std). */
    enum Group { ACTOR, CRITIC, FIXED }

    final String name;
    final long[] shape;
    final Group group;
    final float[] value;
    final float[] grad;
    final float[] adamM;
    final float[] adamV;

    Parameter(String name, long[] shape, float[] initial, Group group) {
        this.name = name;
        this.shape = shape.clone();
        this.group = group;
        this.value = initial.clone();
        this.grad = new float[initial.length];
        this.adamM = new float[initial.length];
        this.adamV = new float[initial.length];
    }

    boolean trained() {
        return group != Group.FIXED;
    }

    int size() {
        return value.length;
    }
}
