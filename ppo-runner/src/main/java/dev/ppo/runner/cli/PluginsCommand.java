package dev.ppo.runner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigRenderOptions;
import dev.ppo.api.plugin.Plugin;
import dev.ppo.runner.plugin.PluginRegistry;
import dev.ppo.runner.plugin.PluginType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ppo plugins [--json]}: every plugin found, with its settings and their defaults. */
@Command(name = "plugins", mixinStandardHelpOptions = true, description = "List every plugin found, with its settings and defaults.")
final class PluginsCommand implements Callable<Integer> {

    @Option(names = "--json", description = "print a JSON array")
    boolean json;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        PluginRegistry registry = PluginRegistry.load(common.pluginDirs);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PluginType type : PluginType.values()) {
            for (Plugin plugin : registry.plugins(type).values()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("type", type.block());
                row.put("name", plugin.name());
                row.put("description", plugin.description());
                row.put("settings", plugin.defaults().root().unwrapped());
                row.put("source", registry.sourceOf(plugin));
                rows.add(row);
            }
        }
        if (json) {
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(rows));
            return 0;
        }
        for (PluginType type : PluginType.values()) {
            System.out.println(type.block() + " plugins (" + type.chosenBy() + "):");
            for (Plugin plugin : registry.plugins(type).values()) {
                System.out.printf("  %-16s %s  [%s]%n", plugin.name(), plugin.description(), registry.sourceOf(plugin));
                String settings = plugin.defaults().root().render(ConfigRenderOptions.concise().setJson(false));
                if (!plugin.defaults().isEmpty()) {
                    System.out.println("      settings: " + settings);
                }
            }
        }
        return 0;
    }
}
