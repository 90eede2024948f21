package dev.ppo.runner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import dev.ppo.api.plugin.InvalidSettingException;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.PpoException;
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
        Config file = ConfigFactory.empty();
        if (preset != null) {
            if (!Files.isRegularFile(preset)) {
                throw new PpoException("config file not found: " + preset);
            }
            file = parse(() -> ConfigFactory.parseFile(preset.toFile(),
                    ConfigParseOptions.defaults().setAllowMissing(false)), preset.toString());
        }
        return merge(file, overrides);
    }

    /** Like {@link #load} with the preset given as HOCON text (the embedding API). */
    public static Config loadString(String hocon, List<String> overrides) {
        return merge(parse(() -> ConfigFactory.parseString(hocon,
                ConfigParseOptions.defaults().setOriginDescription("HOCON string")), "HOCON string"), overrides);
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
        checkKnownKeys(merged, reference);
        return merged;
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

    private static void checkKnownKeys(Config merged, Config reference) {
        Set<String> known = new TreeSet<>();
        for (Map.Entry<String, ConfigValue> e : reference.entrySet()) {
            known.add(e.getKey());
        }
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
