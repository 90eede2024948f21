package dev.ppo.runner.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process and captures its exit status, stdout and stderr. */
record CliRun(int status, String out, String err) {

    /** {@code train} on a 2-env, 64-step configuration (128 steps per iteration), checkpointing every 2 iterations. */
    static List<String> tiny(long totalSteps, String... extra) {
        List<String> args = new ArrayList<>(List.of("train", "--set", "ppo.total_timesteps=" + totalSteps,
                "--set", "ppo.num_envs=2", "--set", "ppo.num_steps=64", "--set", "ppo.minibatch_size=64",
                "--set", "run.progress=false", "--set", "run.checkpoint_every=2"));
        args.addAll(List.of(extra));
        return args;
    }

    static CliRun of(List<String> args) {
        return of(args.toArray(String[]::new));
    }

    /** The lines of stderr that report an error (not the "run directory:" notice or warnings). */
    List<String> errorLines() {
        return err.lines().filter(l -> !l.startsWith("run directory:") && !l.startsWith("warning:")
                && !l.startsWith("note:") && !l.isBlank()).toList();
    }

    static synchronized CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new CliRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
