package dev.ppo.runner.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ```java} block of the README and {@code docs/} compiles as written, against the jars a
 * user has (the test class path: api, runner, plugins, TensorFlow). A block that declares a type is
 * compiled as a source file; any other block is a sequence of statements, compiled as a method body
 * after its own leading {@code import} lines. Only blocks fenced {@code ```java fragment} (excerpts
 * of an interface, say) are skipped.
 */
class DocSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("(?m)^```java([^\\n]*)\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile("(?m)^(public |final |abstract )*(class|interface|record|enum) (\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

    /** A source file in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String path, String code) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    private static List<Path> docs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("../README.md")));
        try (Stream<Path> s = Files.list(Path.of("../docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The sources of one document's compiled blocks. */
    static List<Source> sources(Path doc) throws IOException {
        String text = Files.readString(doc);
        String stem = doc.getFileName().toString().replace(".md", "").replaceAll("\\W", "_");
        List<Source> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).trim().equals("fragment")) {
                continue;
            }
            String code = m.group(2);
            int line = (int) text.substring(0, m.start()).lines().count() + 1;
            Matcher type = TYPE.matcher(code);
            if (type.find()) {
                Matcher pkg = PACKAGE.matcher(code);
                String dir = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
                out.add(new Source(dir + type.group(3) + ".java", code));
            } else {
                StringBuilder imports = new StringBuilder();
                StringBuilder body = new StringBuilder();
                for (String l : code.split("\n", -1)) {
                    (l.startsWith("import ") ? imports : body).append(l).append('\n');
                }
                String name = "Snippet_" + stem + "_" + line;
                out.add(new Source(name + ".java", imports + "class " + name
                        + " {\n    static void run() throws Exception {\n" + body + "    }\n}\n"));
            }
        }
        return out;
    }

    @Test
    void everyJavaBlockInTheDocsCompiles() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = 0;
        for (Path doc : docs()) {
            List<Source> sources = sources(doc);
            if (sources.isEmpty()) {
                continue;
            }
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            Path classes = Files.createTempDirectory("doc-snippets");
            boolean ok = javac.getTask(null, null, diagnostics, List.of("-proc:none", "-d", classes.toString(),
                    "-classpath", System.getProperty("java.class.path")), null, sources).call();
            String errors = String.join("\n", diagnostics.getDiagnostics().stream()
                    .map(d -> d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
                    .toList());
            assertThat(ok).as("%s: its java blocks do not compile:%n%s", doc, errors).isTrue();
            compiled += sources.size();
        }
        assertThat(compiled).as("java blocks compiled").isGreaterThanOrEqualTo(8);
    }

    @Test
    void aBrokenSnippetIsCaught() throws IOException {
        Path doc = Files.createTempFile("broken", ".md");
        Files.writeString(doc, "text\n\n```java\nPolicy p = Ppo.loadPolicy(Path.of(\"x\"));\n```\n");
        List<Source> sources = sources(doc);
        assertThat(sources).hasSize(1);
        boolean ok = ToolProvider.getSystemJavaCompiler().getTask(null, null, d -> { }, List.of("-proc:none",
                "-d", Files.createTempDirectory("broken").toString(), "-classpath",
                System.getProperty("java.class.path")), null, sources).call();
        assertThat(ok).as("a snippet without its imports must not compile").isFalse();
    }
}
