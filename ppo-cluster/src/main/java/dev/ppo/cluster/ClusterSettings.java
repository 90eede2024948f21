package dev.ppo.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.ppo.runner.error.PpoException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code cluster} block of a run (or of a worker's {@code --set}s), checked, and the Pekko
 * configuration it stands for: Cluster over Artery TCP (TLS with mutual authentication when a key
 * store is given), our binary serializer, the large-message channel for segments and weights, and
 * the Split Brain Resolver keeping the oldest member (the learner, the seed every worker joins).
 */
public record ClusterSettings(String host, int port, int minWorkers, Duration joinTimeout, Duration collectTimeout,
                              Duration heartbeatPause, long maxMessageBytes, Tls tls) {

    /** Every actor of ours lives at this path under the user guardian, on the learner and on workers. */
    static final String ACTOR = "ppo";
    static final String SYSTEM = "ppo";

    /** The key and trust stores of this member; null paths when TLS is off. */
    public record Tls(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword) {
        boolean enabled() {
            return keyStore != null;
        }
    }

    public static ClusterSettings from(Config config, String bindKeyOrValue) {
        Config c = config.getConfig("cluster");
        String bind = bindKeyOrValue != null ? bindKeyOrValue : c.getString("bind");
        HostPort hp = HostPort.parse("cluster.bind", bind);
        Tls tls = tls(c.getConfig("tls"));
        long maxBytes = c.getLong("max_message_bytes");
        if (maxBytes < 1 << 20 || maxBytes > Integer.MAX_VALUE) {
            throw new PpoException("cluster.max_message_bytes = " + maxBytes + ": allowed 1048576 (1 MiB) to "
                    + Integer.MAX_VALUE);
        }
        int minWorkers = c.getInt("min_workers");
        if (minWorkers < 0) {
            throw new PpoException("cluster.min_workers = " + minWorkers + ": allowed 0 or more");
        }
        ClusterSettings s = new ClusterSettings(hp.host(), hp.port(), minWorkers, c.getDuration("join_timeout"),
                c.getDuration("collect_timeout"), c.getDuration("heartbeat_pause"), maxBytes, tls);
        s.checkTransport();
        return s;
    }

    private static Tls tls(Config t) {
        String keyStore = t.getString("key_store");
        String trustStore = t.getString("trust_store");
        String passwordFile = t.getString("password_file");
        if (keyStore.isEmpty() && trustStore.isEmpty() && passwordFile.isEmpty()) {
            return new Tls(null, "", null, "");
        }
        if (keyStore.isEmpty() || trustStore.isEmpty() || passwordFile.isEmpty()) {
            throw new PpoException("cluster.tls needs key_store, trust_store and password_file together (bin/ppo"
                    + " cluster-keys DIR makes them); got key_store = '" + keyStore + "', trust_store = '" + trustStore
                    + "', password_file = '" + passwordFile + "'");
        }
        for (String[] f : new String[][] {{"cluster.tls.key_store", keyStore}, {"cluster.tls.trust_store", trustStore},
                {"cluster.tls.password_file", passwordFile}}) {
            if (!Files.isReadable(Path.of(f[1]))) {
                throw new PpoException(f[0] + " = " + f[1] + ": no such readable file");
            }
        }
        String password;
        try {
            password = Files.readString(Path.of(passwordFile)).strip();
        } catch (java.io.IOException e) {
            throw new PpoException("cluster.tls.password_file = " + passwordFile + ": " + e.getMessage());
        }
        checkStore("cluster.tls.key_store", Path.of(keyStore), password, true);
        checkStore("cluster.tls.trust_store", Path.of(trustStore), password, false);
        return new Tls(Path.of(keyStore).toAbsolutePath(), password, Path.of(trustStore).toAbsolutePath(), password);
    }

    /** Opens a PKCS12 store now, so a wrong file or password is one clear line rather than a failed handshake. */
    private static void checkStore(String key, Path file, String password, boolean needsKey) {
        try (var in = Files.newInputStream(file)) {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            boolean hasKey = false;
            for (String alias : java.util.Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (needsKey && !hasKey) {
                throw new PpoException(key + " = " + file + " holds no private key (use a member's .p12 from"
                        + " bin/ppo cluster-keys, not trust.p12)");
            }
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new PpoException(key + " = " + file + " cannot be opened as a PKCS12 store with the password of"
                    + " cluster.tls.password_file: " + e.getMessage());
        }
    }

    /** Off loopback the cluster runs over TLS only. */
    private void checkTransport() {
        if (tls.enabled()) {
            return;
        }
        boolean loopback;
        try {
            loopback = InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new PpoException("cluster.bind host '" + host + "' does not resolve: " + e.getMessage());
        }
        if (!loopback) {
            throw new PpoException("cluster.bind = " + host + ":" + port + " is not a loopback address, and off loopback"
                    + " the cluster runs only over TLS: set cluster.tls.key_store, cluster.tls.trust_store and"
                    + " cluster.tls.password_file (bin/ppo cluster-keys DIR makes them), or bind 127.0.0.1");
        }
    }

    /** The address workers join: {@code pekko://ppo@host:port}. */
    static String address(HostPort hp, boolean tls) {
        return "pekko://" + SYSTEM + "@" + hp.host() + ":" + hp.port();
    }

    /** The Pekko configuration of a member bound here that joins {@code seed}. */
    Config pekko(HostPort seed) {
        String largeFrame = String.valueOf(maxMessageBytes);
        Config ours = ConfigFactory.parseString("""
                pekko {
                  loglevel = WARNING
                  stdout-loglevel = WARNING
                  log-dead-letters = off
                  log-dead-letters-during-shutdown = off
                  jvm-exit-on-fatal-error = off
                  coordinated-shutdown.exit-jvm = off
                  coordinated-shutdown.run-by-jvm-shutdown-hook = off
                  actor {
                    provider = cluster
                    allow-java-serialization = off
                    warn-about-java-serializer-usage = off
                    serializers { ppo = "dev.ppo.cluster.WireSerializer" }
                    serialization-bindings { "dev.ppo.cluster.Wire$Message" = ppo }
                  }
                  remote.artery {
                    large-message-destinations = ["/user/ppo"]
                    advanced {
                      maximum-large-frame-size = %s
                      large-buffer-pool-size = 4
                      outbound-large-message-queue-size = 16
                    }
                  }
                  cluster {
                    downing-provider-class = "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"
                    split-brain-resolver {
                      active-strategy = keep-oldest
                      keep-oldest.down-if-alone = off
                      stable-after = 5s
                    }
                    failure-detector.acceptable-heartbeat-pause = %dms
                    log-info = off
                    jmx.enabled = off
                    min-nr-of-members = 1
                  }
                }
                """.formatted(largeFrame, heartbeatPause.toMillis()))
                .withValue("pekko.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(host))
                .withValue("pekko.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(port))
                .withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef(tls.enabled() ? "tls-tcp" : "tcp"))
                .withValue("pekko.cluster.seed-nodes", ConfigValueFactory.fromIterable(List.of(address(seed, tls.enabled()))));
        if (tls.enabled()) {
            String p = "pekko.remote.artery.ssl.config-ssl-engine.";
            ours = ours.withValue(p + "key-store", ConfigValueFactory.fromAnyRef(tls.keyStore().toString()))
                    .withValue(p + "key-store-password", ConfigValueFactory.fromAnyRef(tls.keyStorePassword()))
                    .withValue(p + "key-password", ConfigValueFactory.fromAnyRef(tls.keyStorePassword()))
                    .withValue(p + "trust-store", ConfigValueFactory.fromAnyRef(tls.trustStore().toString()))
                    .withValue(p + "trust-store-password", ConfigValueFactory.fromAnyRef(tls.trustStorePassword()))
                    .withValue(p + "protocol", ConfigValueFactory.fromAnyRef("TLSv1.3"))
                    .withValue(p + "enabled-algorithms", ConfigValueFactory.fromIterable(List.of("TLS_AES_256_GCM_SHA384")))
                    .withValue(p + "require-mutual-authentication", ConfigValueFactory.fromAnyRef(true))
                    .withValue(p + "hostname-verification", ConfigValueFactory.fromAnyRef(false));
        }
        return ours.withFallback(ConfigFactory.defaultReference(ClusterSettings.class.getClassLoader())).resolve();
    }

    /** {@code HOST:PORT}, checked. */
    public record HostPort(String host, int port) {
        public static HostPort parse(String what, String value) {
            int colon = value.lastIndexOf(':');
            if (colon <= 0) {
                throw new PpoException(what + " = '" + value + "': expected HOST:PORT, e.g. 127.0.0.1:25520");
            }
            int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new PpoException(what + " = '" + value + "': the port must be 0 to 65535");
            }
            return new HostPort(value.substring(0, colon), port);
        }
    }
}
