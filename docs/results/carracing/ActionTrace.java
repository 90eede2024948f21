import dev.ppo.runner.*;
import dev.ppo.api.env.*;
import dev.ppo.api.space.Box;
import java.nio.file.Path;
import java.util.*;

/**
 * The actions of a saved CarRacing policy around the moment it gets lost (the first decision that
 * starts 50 decisions without a tile reward), episode k reset with seed + k, as {@code bin/ppo eval}.
 * From the repository root, after a build:
 * <pre>
 * M=ppo-runner/target/modules:ppo-runner/target/ppo-runner-0.1.0-SNAPSHOT.jar
 * javac -p $M --add-modules ALL-MODULE-PATH -d /tmp/trace docs/results/carracing/ActionTrace.java
 * java --add-modules jdk.incubator.vector,ALL-MODULE-PATH -p $M -cp /tmp/trace ActionTrace models/carracing 1000000 100
 * </pre>
 */
public class ActionTrace {
    public static void main(String[] a) throws Exception {
        long seed0 = Long.parseLong(a[1]); int n = Integer.parseInt(a[2]);
        // counts: decisions, brake >= 0.9 (locks the wheels), brake > 0.1, brake > 0.1 with |steer| > 0.3,
        // gas > 0.5 with |steer| > 0.5, gas and brake both > 0.1
        long[] all = new long[6]; long[] pre = new long[6];
        try (Policy p = Ppo.loadPolicy(Path.of(a[0])); Env env = p.newEnv()) {
            Box box = (Box) env.actionSpace();
            for (int e = 0; e < n; e++) {
                p.resetState();   // a recurrent policy starts each episode from zeros, as Evaluation.run does
                float[] obs = env.reset(seed0 + e);
                List<float[]> acts = new ArrayList<>(); List<Double> rew = new ArrayList<>();
                double ret = 0; boolean done = false;
                while (!done) {
                    float[] act = p.act(obs);
                    box.clip(act, act.length);   // as Evaluation.run does
                    StepResult r = env.step(act);
                    acts.add(act); rew.add(r.reward()); ret += r.reward(); obs = r.observation(); done = r.done();
                }
                int T = acts.size();
                // first decision that starts 50 decisions without a positive reward (not the last 50)
                int lost = -1;
                for (int t = 0; t + 50 < T && lost < 0; t++) {
                    boolean any = false; for (int k = t; k < t + 50; k++) if (rew.get(k) > 0) { any = true; break; }
                    if (!any) lost = t;
                }
                for (int t = 0; t < T; t++) count(all, acts.get(t));
                if (lost >= 0) {
                    StringBuilder sb = new StringBuilder();
                    for (int t = Math.max(0, lost - 20); t < Math.min(T, lost + 5); t++) {
                        float[] x = acts.get(t); count(pre, x);
                        sb.append(String.format(" [%+.2f %.2f %.2f]", x[0], x[1], x[2]));
                    }
                    System.out.printf("episode %d return %.1f length %d lost at %d:%s%n", seed0 + e, ret, T, lost, sb);
                }
            }
        }
        System.out.println("all decisions: " + Arrays.toString(all));
        System.out.println("20 before lost..+5: " + Arrays.toString(pre));
    }
    static void count(long[] c, float[] x) {
        c[0]++; if (x[2] >= 0.9) c[1]++; if (x[2] > 0.1) c[2]++;
        if (x[2] > 0.1 && Math.abs(x[0]) > 0.3) c[3]++; if (x[1] > 0.5 && Math.abs(x[0]) > 0.5) c[4]++;
        if (x[1] > 0.1 && x[2] > 0.1) c[5]++;
    }
}
