import dev.ppo.runner.*;
import dev.ppo.api.env.*;
import dev.ppo.api.space.Box;
import java.nio.file.Path;
import java.util.List;

/**
 * Episodes of a saved continuous CarRacing policy in one of three modes, with the mean action the env
 * received per decision (|steer|, gas, brake): {@code mean} (the deterministic action clip(μ)),
 * {@code clipped_mean} (E[clip(μ + σz)], {@code eval.deterministic_action = clipped_mean}) or
 * {@code stochastic} (samples). Episode k is reset with seed + k, as {@code bin/ppo eval}. From the
 * repository root, after a build:
 * <pre>
 * M=ppo-runner/target/modules:ppo-runner/target/ppo-runner-0.1.0-SNAPSHOT.jar
 * javac -p $M --add-modules ALL-MODULE-PATH -d /tmp/means docs/results/carracing/ActionMeans.java
 * java --add-modules jdk.incubator.vector,ALL-MODULE-PATH -p $M -cp /tmp/means ActionMeans CHECKPOINT 2000000 10 mean
 * </pre>
 */
public class ActionMeans {
    public static void main(String[] a) throws Exception {
        long seed0 = Long.parseLong(a[1]);
        int n = Integer.parseInt(a[2]);
        String mode = a[3];
        boolean deterministic = !mode.equals("stochastic");
        List<String> set = mode.equals("stochastic") ? List.of() : List.of("eval.deterministic_action=" + mode);
        double sum = 0;
        double sumSq = 0;
        double[] all = new double[3];
        long decisions = 0;
        try (Policy p = Ppo.loadPolicy(Path.of(a[0]), List.of(), set); Env env = p.newEnv()) {
            Box box = (Box) env.actionSpace();
            for (int e = 0; e < n; e++) {
                p.resetState();
                float[] obs = env.reset(seed0 + e);
                double ret = 0;
                double[] act = new double[3];
                int t = 0;
                for (boolean done = false; !done; t++) {
                    float[] action = p.act(obs, deterministic);
                    box.clip(action, action.length);   // as Evaluation.run does
                    act[0] += Math.abs(action[0]);
                    act[1] += action[1];
                    act[2] += action[2];
                    StepResult r = env.step(action);
                    ret += r.reward();
                    obs = r.observation();
                    done = r.done();
                }
                for (int j = 0; j < 3; j++) {
                    all[j] += act[j];
                }
                decisions += t;
                sum += ret;
                sumSq += ret * ret;
                System.out.printf("%s episode %d return %.1f decisions %d |steer| %.3f gas %.3f brake %.3f%n",
                        mode, seed0 + e, ret, t, act[0] / t, act[1] / t, act[2] / t);
            }
        }
        double mean = sum / n;
        System.out.printf("%s: %.1f +- %.1f over %d episodes; per decision |steer| %.3f gas %.3f brake %.3f%n", mode,
                mean, Math.sqrt(Math.max(0, sumSq / n - mean * mean)), n, all[0] / decisions, all[1] / decisions,
                all[2] / decisions);
    }
}
