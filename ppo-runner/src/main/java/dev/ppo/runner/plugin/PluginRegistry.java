package dev.ppo.runner.plugin;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Plugin;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.config.PluginSettings;
import dev.ppo.runner.error.PpoException;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import dev.ppo.runner.algo.RolloutsProvider;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every plugin found at run time: the built-ins on the module path (or class path) plus the jars in
 * the {@code --plugins} directories. When the runner runs as a named module, those jars are loaded
 * into a child {@link ModuleLayer} (explicit or automatic modules); on the class path (tests, IDEs)
 * they get a child class loader. Either way {@link ServiceLoader} finds the providers and the
 * runner never names a concrete plugin class.
 */
public final class PluginRegistry {

    private final Map<PluginType, Map<String, Plugin>> byType = new EnumMap<>(PluginType.class);
    private Optional<RolloutsProvider> rollouts = Optional.empty();

    private PluginRegistry() {
    }

    /** Finds the built-in plugins and those in {@code pluginDirs}. */
    public static PluginRegistry load(List<Path> pluginDirs) {
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir)) {
                throw new PpoException("plugin directory not found: " + dir + " (from --plugins or the 'plugins' key)");
            }
        }
        PluginRegistry registry = new PluginRegistry();
        Module self = PluginRegistry.class.getModule();
        if (self.isNamed()) {
            ModuleLayer layer = pluginDirs.isEmpty() ? self.getLayer() : childLayer(self.getLayer(), pluginDirs);
            for (PluginType type : PluginType.values()) {
                registry.addAll(type, ServiceLoader.load(layer, type.service()));
            }
            registry.rollouts = ServiceLoader.load(layer, RolloutsProvider.class).findFirst();
        } else {
            ClassLoader loader = pluginDirs.isEmpty() ? PluginRegistry.class.getClassLoader()
                    : childLoader(pluginDirs);
            for (PluginType type : PluginType.values()) {
                registry.addAll(type, ServiceLoader.load(type.service(), loader));
            }
            registry.rollouts = ServiceLoader.load(RolloutsProvider.class, loader).findFirst();
        }
        return registry;
    }

    /** The provider of cluster rollouts (module {@code dev.ppo.cluster}), when it is on the path. */
    public Optional<RolloutsProvider> rolloutsProvider() {
        return rollouts;
    }

    private static ModuleLayer childLayer(ModuleLayer parent, List<Path> dirs) {
        try {
            ModuleFinder finder = ModuleFinder.of(dirs.toArray(Path[]::new));
            Set<String> roots = finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
            Configuration cf = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
            return parent.defineModulesWithOneLoader(cf, PluginRegistry.class.getClassLoader());
        } catch (FindException | ResolutionException | LayerInstantiationException e) {
            throw new PpoException("cannot load plugins from " + dirs + ": " + e.getMessage(), e);
        }
    }

    private static ClassLoader childLoader(List<Path> dirs) {
        List<URL> urls = new ArrayList<>();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new PpoException("bad plugin jar path in " + dir + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new PpoException("cannot list plugin directory " + dir + ": " + e.getMessage(), e);
            }
        }
        return new URLClassLoader("plugins", urls.toArray(URL[]::new), PluginRegistry.class.getClassLoader());
    }

    /**
     * Adds a plugin built in code (an env the embedding API was handed), found by its name like a
     * discovered one.
     *
     * @throws PpoException when a plugin of that type already has the name
     */
    public PluginRegistry with(PluginType type, Plugin plugin) {
        Plugin previous = byType.computeIfAbsent(type, t -> new LinkedHashMap<>()).putIfAbsent(plugin.name(), plugin);
        if (previous != null) {
            throw new PpoException("a " + type.block() + " plugin is already named '" + plugin.name() + "' ("
                    + source(previous) + ")");
        }
        return this;
    }

    private void addAll(PluginType type, ServiceLoader<? extends Plugin> loader) {
        Map<String, Plugin> named = byType.computeIfAbsent(type, t -> new LinkedHashMap<>());
        try {
            for (Plugin plugin : loader) {
                Plugin previous = named.putIfAbsent(plugin.name(), plugin);
                if (previous != null && previous.getClass() != plugin.getClass()) {
                    throw new PpoException("two " + type.block() + " plugins are named '" + plugin.name() + "': "
                            + source(previous) + " and " + source(plugin));
                }
            }
        } catch (java.util.ServiceConfigurationError e) {
            throw new PpoException("a " + type.block() + " plugin failed to load: " + e.getMessage(), e);
        }
    }

    private static String source(Plugin plugin) {
        Module m = plugin.getClass().getModule();
        if (m.isNamed()) {
            return m.getName();
        }
        var location = plugin.getClass().getProtectionDomain().getCodeSource();
        return location == null ? plugin.getClass().getName() : location.getLocation().toString();
    }

    /**
     * The plugin of {@code type} named {@code name}.
     *
     * @throws PpoException listing the names found, in the spirit of OpenTelemetry's
     *                      "Unrecognized value for otel.traces.exporter"
     */
    public <P extends Plugin> P find(PluginType type, String name) {
        Plugin plugin = plugins(type).get(name);
        if (plugin == null) {
            throw new PpoException("Unrecognized value for " + type.chosenBy() + ": '" + name + "'. Found: "
                    + String.join(", ", plugins(type).keySet())
                    + ". A third-party plugin's jar must be in a directory given with --plugins or 'plugins = [...]'.");
        }
        @SuppressWarnings("unchecked")
        P typed = (P) plugin;
        return typed;
    }

    /**
     * The plugin named by {@code <block>.name} in {@code config}, with its settings block checked
     * and completed (see {@link PluginSettings}).
     */
    public <P extends Plugin> Selected<P> select(PluginType type, Config config) {
        P plugin = find(type, config.getString(type.block() + ".name"));
        return new Selected<>(plugin, PluginSettings.of(type.block(), config, plugin, plugins(type).values()));
    }

    /**
     * The plugins listed in {@code type.chosenBy()} (e.g. {@code run.sinks}, {@code env.wrappers}), in
     * order: each entry a name or a block {@code {name = ..., settings...}}, its settings checked
     * against the plugin's defaults. Empty when the key is absent.
     *
     * @param example an entry to show in the error for a malformed list, e.g. {@code {name = grayscale}}
     */
    public <P extends Plugin> List<Selected<P>> selectAll(PluginType type, Config config, String example) {
        String key = type.chosenBy();
        if (!config.hasPathOrNull(key)) {
            return List.of();
        }
        ConfigValue value = config.getValue(key);
        if (value.valueType() != ConfigValueType.LIST) {
            throw new InvalidSettingException(key, value.unwrapped(), "must be a list of " + type.block()
                    + "s such as [" + example + "]", Settings.describe(value.origin()));
        }
        List<Selected<P>> out = new ArrayList<>();
        ConfigList list = (ConfigList) value;
        for (int i = 0; i < list.size(); i++) {
            String where = key + "[" + i + "]";
            ConfigValue entry = list.get(i);
            Config block;
            if (entry.valueType() == ConfigValueType.STRING) {
                block = ConfigFactory.empty().withValue("name", entry);
            } else if (entry.valueType() == ConfigValueType.OBJECT && ((ConfigObject) entry).get("name") != null
                    && ((ConfigObject) entry).get("name").valueType() == ConfigValueType.STRING) {
                block = ((ConfigObject) entry).toConfig();
            } else {
                throw new InvalidSettingException(where, entry.unwrapped(), "must be a " + type.block() + " name or a "
                        + "block with one, e.g. " + example + "; bin/ppo plugins lists the " + type.block() + "s",
                        Settings.describe(entry.origin()));
            }
            P plugin = find(type, block.getString("name"));
            out.add(new Selected<>(plugin, PluginSettings.ofEntry(where, type.block(), block, plugin)));
        }
        return List.copyOf(out);
    }

    /** A selected plugin and its settings. */
    public record Selected<P extends Plugin>(P plugin, Settings settings) {
    }

    /** The plugins of one type by name, in discovery order. */
    public Map<String, Plugin> plugins(PluginType type) {
        return byType.getOrDefault(type, Map.of());
    }

    /** Where a plugin came from: its module name or jar. */
    public String sourceOf(Plugin plugin) {
        return source(plugin);
    }
}
