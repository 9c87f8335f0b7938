package io.leadquality.sela;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * TLS for https base URLs: the JVM's trusted certificates, or those of {@code sela.trust-store}.
 * Hostname verification stays on either way (Async HTTP Client's default).
 */
final class SelaTls {
    private SelaTls() {}

    /** The client SSL context, or null for the JVM's defaults. */
    static SslContext sslContext(JobConfig config) {
        if (config.selaTrustStore == null) {
            return null;
        }
        String secret = Secrets.read("sela.trust-store-password-file", config.selaTrustStorePasswordFile,
                "sela.trust-store-password-env", config.selaTrustStorePasswordEnv, false);
        char[] password = secret == null ? null : secret.toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(config.selaTrustStore))) {
            KeyStore store = KeyStore.getInstance(config.selaTrustStoreType);
            store.load(in, password);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return SslContextBuilder.forClient().trustManager(trust).build();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("sela.trust-store", "cannot load " + config.selaTrustStore + " as "
                    + config.selaTrustStoreType + ": " + e.getClass().getSimpleName());
        }
    }
}
