package dev.ppo.runner.cli;

import com.typesafe.config.Config;
import dev.ppo.runner.Ppo;
import dev.ppo.runner.algo.RolloutsProvider;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.error.PpoException;
import dev.ppo.runner.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ppo worker --join HOST:PORT}: a rollout worker of a learner started with {@code cluster.enabled = true}. */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = {"Run a rollout worker: join a learner started with `train CONF --set cluster.enabled=true`,",
                "step the env slots it assigns and send back their segments, until the learner's run ends (exit 0).",
                "If the learner goes away the worker waits and joins it again once it is restarted with",
                "`train --resume`. Off loopback, both sides need cluster.tls.* (bin/ppo cluster-keys DIR).",
                "See docs/distributed.md."},
        footer = {"", "Example, two machines:",
                "  learner$ bin/ppo train conf/bipedalwalker.conf --set cluster.enabled=true \\",
                "             --set cluster.bind=10.0.0.1:25520 --set cluster.tls.key_store=keys/learner.p12 ... --run-dir runs/bw",
                "  worker$  bin/ppo worker --join 10.0.0.1:25520 --bind 10.0.0.2:25521 \\",
                "             --set cluster.tls.key_store=keys/worker-1.p12 --set cluster.tls.trust_store=keys/trust.p12 ..."})
final class WorkerCommand implements Callable<Integer> {

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT", description = "the learner's cluster.bind address")
    String join;

    @Option(names = "--bind", paramLabel = "HOST:PORT",
            description = "this worker's own address, reachable from the learner (default 127.0.0.1:0, any free port)")
    String bind;

    @Option(names = "--give-up-after", paramLabel = "DURATION",
            description = "exit 2 when no learner answers for this long, e.g. 60s (default: wait forever)")
    String giveUpAfter;

    @Mixin
    OverrideOptions set;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        List<String> overrides = new ArrayList<>(set.overrides);
        if (bind != null) {
            overrides.add("cluster.worker_bind=\"" + bind + "\"");
        }
        if (giveUpAfter != null) {
            overrides.add("cluster.give_up_after=" + giveUpAfter);
        }
        Config settings = ConfigLoader.load(null, overrides);
        RolloutsProvider cluster = PluginRegistry.load(common.pluginDirs).rolloutsProvider().orElseThrow(() ->
                new PpoException("the worker needs the ppo-cluster module on the module path (bin/ppo has it); it was not found"));
        return cluster.worker(join, settings, config -> Ppo.rolloutKit(config, common.pluginDirs));
    }
}
