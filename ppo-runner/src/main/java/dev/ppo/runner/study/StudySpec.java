package dev.ppo.runner.study;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.ppo.api.plugin.Settings;
import dev.ppo.runner.config.ConfigLoader;
import dev.ppo.runner.error.PpoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A comparison study read from HOCON: the objectives (rows) × environments × seeds to train, in the
 * spirit of the PPO paper's Table 1. See {@code conf/compare.conf}.
 *
 * @param name           used in titles
 * @param seeds          every (row, env) pair is trained once per seed
 * @param parallel       runs trained at the same time
 * @param lastEpisodes   a run's score is the mean return of its last this-many episodes
 * @param randomEpisodes episodes of the uniform random policy that define score 0
 * @param envs           the environments, each a preset with overrides
 * @param rows           the objectives compared, each an {@code objective} block
 */
public record StudySpec(String name, List<Long> seeds, int parallel, int lastEpisodes, int randomEpisodes,
                        List<EnvEntry> envs, List<Row> rows) {

    /** One environment: a preset file (its objective block is replaced by each row's) and overrides. */
    public record EnvEntry(String id, Path preset, Config overrides) {
    }

    /** One row of the table: a name and the objective block to train with. */
    public record Row(String name, Config objective) {

        /** A file-name-safe form of the name. */
        public String slug() {
            return name.toLowerCase().replaceAll("[^a-z0-9.]+", "-").replaceAll("(^-|-$)", "");
        }
    }

    public static StudySpec read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PpoException("study file not found: " + file);
        }
        Config root;
        try {
            root = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
        } catch (ConfigException e) {
            throw new PpoException("cannot parse " + file + ": " + e.getMessage(), e);
        }
        if (!root.hasPath("compare")) {
            throw new PpoException(file + " has no 'compare' block");
        }
        Settings s = new Settings("compare", root.getConfig("compare"));
        Path dir = file.toAbsolutePath().getParent();
        List<EnvEntry> envs = new ArrayList<>();
        for (Config e : s.config().getConfigList("envs")) {
            Settings env = new Settings("compare.envs[" + envs.size() + "]", e);
            Path preset = dir.resolve(env.getString("preset"));
            Config overrides = e.hasPath("set") ? e.getConfig("set") : ConfigFactory.empty();
            String id = ConfigLoader.merge(overrides.withFallback(presetFile(preset).withoutPath("objective")),
                    List.of()).getString("env.name");
            envs.add(new EnvEntry(id, preset, overrides));
        }
        List<Row> rows = new ArrayList<>();
        for (Config r : s.config().getConfigList("rows")) {
            Settings row = new Settings("compare.rows[" + rows.size() + "]", r);
            rows.add(new Row(row.getString("name"), r.getConfig("objective")));
        }
        List<Long> seeds = s.config().getLongList("seeds");
        if (envs.isEmpty() || rows.isEmpty() || seeds.isEmpty()) {
            throw new PpoException(file + ": compare.envs, compare.rows and compare.seeds must not be empty");
        }
        return new StudySpec(s.getString("name"), seeds, s.intAtLeast("parallel", 1), s.intAtLeast("last_episodes", 1),
                s.intAtLeast("random_episodes", 1), envs, rows);
    }

    /** A preset file, parsed (includes resolved relative to it) but not yet merged with the defaults. */
    static Config presetFile(Path preset) {
        if (!Files.isRegularFile(preset)) {
            throw new PpoException("preset not found: " + preset);
        }
        return ConfigFactory.parseFile(preset.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** The full configuration of one run: the preset, the env's overrides, the row's objective, the seed. */
    public Config runConfig(EnvEntry env, Row row, long seed) {
        Config layer = ConfigFactory.parseString("seed = " + seed + "\nrun.progress = false")
                .withFallback(row.objective().atPath("objective"))
                .withFallback(env.overrides())
                .withFallback(presetFile(env.preset()).withoutPath("objective"));
        return ConfigLoader.merge(layer, List.of());
    }
}
