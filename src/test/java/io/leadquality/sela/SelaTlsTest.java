package io.leadquality.sela;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.leadquality.config.JobConfig;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.SelaLookup;
import io.leadquality.testkit.ScriptedSelaServer;
import io.leadquality.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** https base URLs against a real TLS server: a configured trust store works, hostname verification stays on. */
class SelaTlsTest {
    private static final String PASSWORD = "changeit";

    @Test
    void trustStoreAndHostnameVerification(@TempDir Path dir) throws Exception {
        Path localhost = keyPair(dir, "localhost", "SAN=dns:localhost,ip:127.0.0.1");
        Path other = keyPair(dir, "other", "SAN=dns:other.example");
        Path trustStore = trustStore(dir, localhost, other);
        String passwordFile = Files.writeString(dir.resolve("trust-store-password"), PASSWORD).toString();

        HttpsServer server = httpsServer(localhost);
        try {
            String url = "https://localhost:" + server.getAddress().getPort();
            assertThat(lookup(TestConfigs.with("sela.base-url", url, "sela.trust-store", trustStore.toString(),
                    "sela.trust-store-password-file", passwordFile)).outcome).isEqualTo(LookupOutcome.FOUND);
            SelaLookup untrusted = lookup(TestConfigs.with("sela.base-url", url));
            assertThat(untrusted.outcome).isEqualTo(LookupOutcome.FAILED);
            assertThat(untrusted.failure).startsWith("TLS handshake failed").contains("certification path");
        } finally {
            server.stop(0);
        }

        HttpsServer impostor = httpsServer(other); // a trusted certificate, but for another host
        try {
            String url = "https://localhost:" + impostor.getAddress().getPort();
            SelaLookup mismatch = lookup(TestConfigs.with("sela.base-url", url, "sela.trust-store", trustStore.toString(),
                    "sela.trust-store-password-file", passwordFile));
            assertThat(mismatch.outcome).isEqualTo(LookupOutcome.FAILED);
            assertThat(mismatch.failure).startsWith("TLS handshake failed").containsIgnoringCase("localhost");
        } finally {
            impostor.stop(0);
        }
    }

    private static SelaLookup lookup(JobConfig base) throws Exception {
        JobConfig config = base.with(java.util.Map.of("sela.max-retries", "0", "sela.timeout", "3s"));
        try (SelaClient client = new SelaClient(config, SelaToken.of("t"), 1, Duration.ofSeconds(10), SelaClientMetrics.NONE)) {
            return client.lookup(new LookupQuery(null, null, List.of(new LookupQuery.Criterion("external_id", "x"))))
                    .get(15, TimeUnit.SECONDS);
        }
    }

    private static HttpsServer httpsServer(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            byte[] body = ScriptedSelaServer.page(ScriptedSelaServer.lead(1, "x", "")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private static Path keyPair(Path dir, String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-ext", san, "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve(name + ".crt").toString());
        return store;
    }

    private static Path trustStore(Path dir, Path... keyPairs) throws Exception {
        Path trust = dir.resolve("trust.p12");
        for (Path pair : keyPairs) {
            String name = pair.getFileName().toString().replace(".p12", "");
            keytool("-importcert", "-noprompt", "-alias", name, "-file", dir.resolve(name + ".crt").toString(),
                    "-keystore", trust.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        }
        return trust;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }
}
