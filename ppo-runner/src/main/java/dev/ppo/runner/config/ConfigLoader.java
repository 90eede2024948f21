package dev.ppo.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.error.PpoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a run's configuration the Typesafe Config way: the runner's {@code reference.conf}
 * defaults, overridden by a preset file, overridden by {@code --set key=value} arguments, then
 * resolved. Every key outside the plugin blocks must be one the defaults know; a typo is reported
 * with its file and line and the closest known key.
 */
public final class ConfigLoader {

    /** Lists of plugins, each entry a name or a block with its settings: checked where they are selected. */
    private static final Set<String> PLUGIN_LISTS = Set.of("run.sinks");

    /** Blocks whose settings belong to the plugin named inside them; checked by {@link PluginSettings}. */
    public static final List<String> PLUGIN_BLOCKS = List.of("env", "objective", "network", "backend");

    private ConfigLoader() {
    }

    /** The embedded defaults. */
    public static Config reference() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/reference.conf")) {
            if (in == null) {
                throw new IllegalStateException("reference.conf is missing from the runner jar");
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return ConfigFactory.parseReader(reader,
                        ConfigParseOptions.defaults().setOriginDescription("reference.conf"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read reference.conf", e);
        }
    }

    /**
     * @param preset    a HOCON file, or null for the defaults alone
     * @param overrides {@code key=value} strings, later ones winning
     */
    public static Config load(Path preset, List<String> overrides) {
        return load(preset, overrides, ConfigFactory.empty());
    }

    /**
     * Like {@link #load(Path, List)} with {@code underPreset} between the defaults and the preset
     * (the embedding API's quieter defaults).
     */
    public static Config load(Path preset, List<String> overrides, Config underPreset) {
        Config file = ConfigFactory.empty();
        if (preset != null) {
            if (!Files.isRegularFile(preset)) {
                throw new PpoException("config file not found: " + preset);
            }
            file = parse(() -> ConfigFactory.parseFile(preset.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false)), preset.toString());
        }
        return merge(file.withFallback(underPreset), overrides);
    }

    /** Like {@link #load} with the preset given as HOCON text. */
    public static Config loadString(String hocon, List<String> overrides) {
        return loadString(hocon, overrides, ConfigFactory.empty());
    }

    /** Like {@link #loadString(String, List)} with {@code underPreset} between the defaults and the text. */
    public static Config loadString(String hocon, List<String> overrides, Config underPreset) {
        return merge(parse(() -> ConfigFactory.parseString(hocon,
                ConfigParseOptions.defaults().setOriginDescription("HOCON string")), "HOCON string")
                .withFallback(underPreset), overrides);
    }

    /** {@code base} (e.g. a run's saved config) with {@code overrides} on top, checked again. */
    public static Config merge(Config base, List<String> overrides) {
        Config merged = base;
        for (String override : overrides) {
            merged = parseOverride(override).withFallback(merged);
        }
        Config reference = reference();
        try {
            merged = merged.withFallback(reference).resolve();
        } catch (ConfigException e) {
            throw new PpoException("invalid configuration: " + e.getMessage(), e);
        }
        checkTypes(merged, reference.resolve());
        checkKnownKeys(merged, reference);
        return merged;
    }

    /**
     * Every key the defaults define must keep their type: a number stays a number (a numeric string
     * is accepted), a list a list, a block a block, and nothing may be null. Plugin blocks must be
     * blocks with a string {@code name}; what is inside them is the plugin's to check.
     */
    private static void checkTypes(Config merged, Config reference) {
        for (Map.Entry<String, ConfigValue> top : reference.root().entrySet()) {
            ConfigValue value = valueOrNull(merged, top.getKey());
            if (top.getValue().valueType() == ConfigValueType.OBJECT && !PLUGIN_BLOCKS.contains(top.getKey())
                    && value != null && value.valueType() != ConfigValueType.OBJECT) {
                throw new InvalidSettingException(top.getKey(), value.unwrapped(), "must be a block " + top.getKey()
                        + " { ... }; set one of its keys instead, e.g. " + top.getKey() + "."
                        + ((com.typesafe.config.ConfigObject) top.getValue()).keySet().iterator().next() + "=...",
                        Settings.describe(value.origin()));
            }
        }
        for (String block : PLUGIN_BLOCKS) {
            ConfigValue value = valueOrNull(merged, block);
            if (value == null || value.valueType() != ConfigValueType.OBJECT) {
                throw new InvalidSettingException(block, value == null ? null : value.unwrapped(),
                        "must be a block such as " + block + " { name = ... }; to choose a plugin, set " + block
                                + ".name", value == null ? null : Settings.describe(value.origin()));
            }
            ConfigValue name = valueOrNull(merged, block + ".name");
            if (name == null || name.valueType() != ConfigValueType.STRING) {
                throw new InvalidSettingException(block + ".name", name == null ? null : name.unwrapped(),
                        "must be a plugin name (a string); bin/ppo plugins lists them",
                        name == null ? null : Settings.describe(name.origin()));
            }
        }
        for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
            String key = e.getKey();
            String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (PLUGIN_BLOCKS.contains(top)) {
                continue;
            }
            ConfigValueType expected = e.getValue().valueType();
            ConfigValue value = valueOrNull(merged, key);
            if (value == null || value.valueType() == ConfigValueType.NULL) {
                throw new InvalidSettingException(key, null, "must be set to " + article(expected) + " (it is null)",
                        value == null ? null : Settings.describe(value.origin()));
            }
            if (!compatible(expected, value)) {
                throw new InvalidSettingException(key, value.unwrapped(), "must be " + article(expected) + ", not "
                        + article(value.valueType()) + " (default: " + e.getValue().render(ConfigRenderOptions.concise()) + ")",
                        Settings.describe(value.origin()));
            }
            if (expected == ConfigValueType.LIST && !PLUGIN_LISTS.contains(key)) {
                for (ConfigValue element : (ConfigList) value) {
                    if (element.valueType() != ConfigValueType.STRING) {
                        throw new InvalidSettingException(key, value.unwrapped(), "must be a list of strings",
                                Settings.describe(value.origin()));
                    }
                }
            }
        }
    }

    /** The value at {@code path}, or null where it is missing or a parent is not a block. */
    private static ConfigValue valueOrNull(Config config, String path) {
        try {
            return config.hasPathOrNull(path) ? config.getValue(path) : null;
        } catch (ConfigException e) {
            return null;
        }
    }

    private static boolean compatible(ConfigValueType expected, ConfigValue value) {
        ConfigValueType actual = value.valueType();
        if (actual == expected) {
            return true;
        }
        String text = actual == ConfigValueType.STRING ? ((String) value.unwrapped()).trim() : null;
        return switch (expected) {
            case NUMBER -> text != null && text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
            case BOOLEAN -> text != null && List.of("true", "false", "yes", "no", "on", "off").contains(text);
            case STRING -> actual == ConfigValueType.NUMBER || actual == ConfigValueType.BOOLEAN;
            default -> false;
        };
    }

    private static String article(ConfigValueType type) {
        return switch (type) {
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean (true or false)";
            case STRING -> "a string";
            case LIST -> "a list such as [a, b]";
            case OBJECT -> "a block { ... }";
            case NULL -> "null";
        };
    }

    private static Config parseOverride(String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new PpoException("--set expects key=value, got '" + override + "'");
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1).trim();
        ConfigParseOptions origin = ConfigParseOptions.defaults().setOriginDescription("--set " + override);
        try {
            return ConfigFactory.parseString(key + " = " + value, origin);
        } catch (ConfigException.Parse e) {
            // not valid HOCON as a value (e.g. a path with ':'): take it as a plain string
            return ConfigFactory.parseString(key + " = " + ConfigValueFactory.fromAnyRef(value).render(), origin);
        }
    }

    private interface Parser {
        Config parse();
    }

    private static Config parse(Parser parser, String what) {
        try {
            return parser.parse();
        } catch (ConfigException e) {
            throw new PpoException("cannot parse " + what + ": " + e.getMessage(), e);
        }
    }

    /** The paths under {@code object} whose value is null (optional settings, e.g. eval.stop_at_return). */
    private static void addNullDefaults(com.typesafe.config.ConfigObject object, String prefix, Set<String> out) {
        for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
            String path = prefix + com.typesafe.config.ConfigUtil.joinPath(e.getKey());
            if (e.getValue().valueType() == ConfigValueType.NULL) {
                out.add(path);
            } else if (e.getValue() instanceof com.typesafe.config.ConfigObject child) {
                addNullDefaults(child, path + ".", out);
            }
        }
    }

    private static void checkKnownKeys(Config merged, Config reference) {
        Set<String> known = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
            known.add(e.getKey());
        }
        addNullDefaults(reference.resolve().root(), "", known); // entrySet() leaves out keys whose default is null
        for (Map.Entry<String, ConfigValue> e : merged.entrySet()) {
            String key = e.getKey();
            String top = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            if (PLUGIN_BLOCKS.contains(top) || known.contains(key)) {
                continue;
            }
            throw new InvalidSettingException(key, e.getValue().unwrapped(),
                    "unknown key" + suggestion(key, known), Settings.describe(e.getValue().origin()));
        }
    }

    private static String suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = editDistance(key, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? "; did you mean " + best + "?" : "";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Keys of {@code config} as a sorted list, for messages. */
    public static List<String> keys(Config config) {
        List<String> keys = new ArrayList<>();
        config.entrySet().forEach(e -> keys.add(e.getKey()));
        keys.sort(String::compareTo);
        return keys;
    }
}
