package dev.ppo.runner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin of {@code examples/hello-env-plugin}, built against ppo-api only, is dropped
 * as a jar into a directory and used with {@code --plugins}: in-process (class path) and in a fresh
 * JVM on the module path, where it must come from a child module layer.
 */
class ThirdPartyPluginTest {

    private static final Path EXAMPLE_CLASSES = Path.of("../examples/hello-env-plugin/target/classes");

    @TempDir
    Path dir;

    Path plugins;

    @BeforeEach
    void jarTheExample() throws IOException {
        assertThat(EXAMPLE_CLASSES.resolve("module-info.class"))
                .as("the example plugin is built before the runner's tests").exists();
        plugins = Files.createDirectories(dir.resolve("plugins"));
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("corridor.jar")));
             Stream<Path> files = Files.walk(EXAMPLE_CLASSES)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jar.putNextEntry(new JarEntry(EXAMPLE_CLASSES.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
    }

    @Test
    void pluginIsInvisibleWithoutPluginsDirectory() {
        CliRun r = CliRun.of("train", "--set", "env.name=Corridor-v0", "--run-dir", dir.resolve("x").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("Corridor-v0").contains("CartPole-v1").contains("--plugins");
    }

    @Test
    void trainsOneIterationInProcess() {
        Path run = dir.resolve("run");
        CliRun r = CliRun.of("train", "--plugins", plugins.toString(), "--set", "env.name=Corridor-v0",
                "--set", "ppo.total_timesteps=128", "--set", "ppo.num_envs=2", "--set", "ppo.num_steps=64",
                "--set", "ppo.minibatch_size=64", "--set", "run.progress=false", "--run-dir", run.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(run.resolve("checkpoints/iter-000001/variables.bin")).exists();
    }

    @Test
    void loadsIntoAChildModuleLayerOnTheModulePath() throws Exception {
        Path run = dir.resolve("run");
        Process p = new ProcessBuilder(Jvm.onModulePath(List.of("train", "--plugins", plugins.toString(),
                "--set", "env.name=Corridor-v0", "--set", "ppo.total_timesteps=128", "--set", "ppo.num_envs=2",
                "--set", "ppo.num_steps=64", "--set", "ppo.minibatch_size=64", "--set", "run.progress=false",
                "--run-dir", run.toString()))).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(run.resolve("checkpoints/iter-000001/variables.bin")).exists();

        Process list = new ProcessBuilder(Jvm.onModulePath(List.of("plugins", "--json", "--plugins",
                plugins.toString()))).start();
        String json = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
        // the source is the plugin's module name: it was defined as a module, in the child layer
        assertThat(json).contains("\"name\" : \"Corridor-v0\"").contains("\"source\" : \"org.example.corridor\"");
    }
}
