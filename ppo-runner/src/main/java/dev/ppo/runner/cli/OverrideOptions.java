package dev.ppo.runner.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --set key=value}, for the commands that read a configuration. */
final class OverrideOptions {

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a setting (repeatable)")
    List<String> overrides = new ArrayList<>();
}
