package dev.ppo.runner.cli;

import dev.ppo.runner.error.PpoException;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code ppo}: train, evaluate and list plugins. User errors (bad config, unknown plugin, bad
 * checkpoint) print one message and exit with status 2; {@code --verbose} adds the stack trace.
 */
@Command(name = "ppo", mixinStandardHelpOptions = true, version = "ppo-java 0.1.0",
        description = "Proximal Policy Optimization on the JVM.",
        subcommands = {TrainCommand.class, EvalCommand.class, PlayCommand.class, PluginsCommand.class,
                CompareCommand.class, BenchCommand.class, CheckEnvCommand.class, DoctorCommand.class, ExportCommand.class, AverageCommand.class, CheckBackendCommand.class, WorkerCommand.class, ClusterKeysCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** {@code ppo} alone: a usage error, whose message is followed by the usage listing every command. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required; 'ppo help CMD' or "
                + "'ppo CMD --help' describes one");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (isUserError(e) && !verbose) {
                commandLine.getErr().println("error: " + e.getMessage());
            } else {
                e.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return 2;
        });
        cli.setExitCodeExceptionMapper(e -> 2);
        return cli.execute(args);
    }

    private static boolean isUserError(Throwable e) {
        // a Typesafe Config error names the key and its origin: it is the user's to fix
        return e instanceof PpoException || e instanceof IllegalArgumentException
                || e instanceof com.typesafe.config.ConfigException;
    }
}
