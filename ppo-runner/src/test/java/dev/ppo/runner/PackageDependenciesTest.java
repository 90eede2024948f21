package dev.ppo.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runner's arrows point one way: the facade ({@code dev.ppo.runner}: Ppo, Trainer, Policy ...)
 * and the commands use the inner packages, never the reverse, and {@code error} depends on nothing.
 */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/ppo/runner");
    private static final List<String> INNER = List.of("algo", "config", "conformance", "error", "io", "plugin",
            "wiring");
    /** A use of a class of the facade package: dev.ppo.runner.SomeClass. */
    private static final Pattern FACADE = Pattern.compile("dev\\.ppo\\.runner\\.([A-Z]\\w*)");
    private static final Pattern RUNNER_PACKAGE = Pattern.compile("dev\\.ppo\\.runner\\.([a-z]\\w*)\\.");

    @Test
    void innerPackagesNeverUseTheFacadeAndErrorUsesNoOtherPackage() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pkg : INNER) {
            try (Stream<Path> files = Files.walk(SOURCES.resolve(pkg))) {
                for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String code = Files.readString(file);
                    Matcher facade = FACADE.matcher(code);
                    while (facade.find()) {
                        violations.add(file + " uses the facade class " + facade.group(1));
                    }
                    if (pkg.equals("error")) {
                        Matcher other = RUNNER_PACKAGE.matcher(code);
                        while (other.find()) {
                            if (!other.group(1).equals("error")) {
                                violations.add(file + " uses dev.ppo.runner." + other.group(1));
                            }
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckSeesAViolation() {
        assertThat(FACADE.matcher("import dev.ppo.runner.Trainer;").find()).isTrue();
        assertThat(FACADE.matcher("import dev.ppo.runner.error.PpoException;").find()).isFalse();
    }
}
