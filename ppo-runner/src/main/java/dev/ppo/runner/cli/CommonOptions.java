package dev.ppo.runner.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command takes. */
final class CommonOptions {

    @Option(names = "--plugins", paramLabel = "DIR", description = "directory of third-party plugin jars (repeatable)")
    List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;
}
