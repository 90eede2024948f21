package dev.ppo.runner.cli;

import dev.ppo.runner.error.PpoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppo cluster-keys DIR}: a cluster CA and a key pair per member, signed by it, made with the
 * JDK's keytool. Members trust only that CA and authenticate each other (mutual TLS), so a machine
 * without a member key from this directory cannot join.
 */
@Command(name = "cluster-keys", mixinStandardHelpOptions = true,
        description = {"Make the TLS keys of a cluster in a new directory DIR (with the JDK's keytool):",
                "  ca.p12       the cluster CA's private key: keep it off the cluster machines",
                "  trust.p12    the CA's certificate: every member trusts only what it signed",
                "  MEMBER.p12   each member's key and certificate, signed by the CA",
                "  password     the stores' password (mode 600)",
                "Copy trust.p12, password and one MEMBER.p12 to each machine and point cluster.tls.* at them."})
final class ClusterKeysCommand implements Callable<Integer> {

    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    @Parameters(paramLabel = "DIR", description = "a new (or empty) directory for the keys")
    Path dir;

    @Option(names = "--members", split = ",", paramLabel = "NAME",
            description = "member names, comma-separated (default: learner,worker-1,worker-2)")
    List<String> members = new ArrayList<>(List.of("learner", "worker-1", "worker-2"));

    @Option(names = "--days", paramLabel = "N", description = "certificate validity in days (default: 365)")
    int days = 365;

    @Override
    public Integer call() throws IOException {
        for (String m : members) {
            if (!MEMBER.matcher(m).matches() || m.equals("ca") || m.equals("trust")) {
                throw new PpoException("--members: '" + m + "' is not a member name (letters, digits, . _ -; not ca or trust)");
            }
        }
        if (days < 1) {
            throw new PpoException("--days = " + days + ": allowed 1 or more");
        }
        if (Files.exists(dir) && (!Files.isDirectory(dir) || Files.list(dir).findAny().isPresent())) {
            throw new PpoException(dir + " exists and is not an empty directory: cluster-keys never overwrites keys");
        }
        Files.createDirectories(dir);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        String validity = String.valueOf(days);
        keytool(password, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "3072", "-validity", validity,
                "-dname", "CN=ppo-java cluster CA", "-ext", "bc:c", "-keystore", "ca.p12", "-storetype", "PKCS12");
        keytool(password, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.crt");
        keytool(password, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "trust.p12",
                "-storetype", "PKCS12");
        for (String m : members) {
            keytool(password, "-genkeypair", "-alias", m, "-keyalg", "RSA", "-keysize", "3072", "-validity", validity,
                    "-dname", "CN=" + m, "-keystore", m + ".p12", "-storetype", "PKCS12");
            keytool(password, "-certreq", "-alias", m, "-keystore", m + ".p12", "-file", m + ".csr");
            keytool(password, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", m + ".csr", "-outfile",
                    m + ".crt", "-rfc", "-validity", validity, "-ext", "KeyUsage=digitalSignature,keyEncipherment",
                    "-ext", "ExtendedKeyUsage=serverAuth,clientAuth");
            keytool(password, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", m + ".p12");
            keytool(password, "-importcert", "-alias", m, "-file", m + ".crt", "-keystore", m + ".p12");
            Files.delete(dir.resolve(m + ".csr"));
            Files.delete(dir.resolve(m + ".crt"));
        }
        for (String f : new String[] {"ca.p12", "ca.crt"}) {
            Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-------"));
        }
        for (String m : members) {
            Files.setPosixFilePermissions(dir.resolve(m + ".p12"), PosixFilePermissions.fromString("rw-------"));
        }
        System.out.println("cluster keys in " + dir + ": ca.p12 (keep it off the cluster), trust.p12, password, "
                + String.join(", ", members.stream().map(m -> m + ".p12").toList()));
        Path abs = dir.toAbsolutePath();
        System.out.println("each member: --set cluster.tls.key_store=" + abs.resolve("MEMBER.p12")
                + " --set cluster.tls.trust_store=" + abs.resolve("trust.p12")
                + " --set cluster.tls.password_file=" + abs.resolve("password"));
        return 0;
    }

    private void keytool(String password, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass:env", "PPO_KEYTOOL_PASSWORD"));
        if (List.of(args).contains("-genkeypair") || List.of(args).contains("-certreq")
                || List.of(args).contains("-gencert")) {
            command.addAll(List.of("-keypass:env", "PPO_KEYTOOL_PASSWORD"));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PPO_KEYTOOL_PASSWORD", password);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        try {
            if (p.waitFor() != 0) {
                throw new PpoException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PpoException("interrupted while running keytool");
        }
    }
}
