package io.leadquality.sela;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Sela API token, read where the lookups run (task managers), from {@code sela.token-file}
 * when set, else the environment variable named by {@code sela.token-env}. Its {@code toString}
 * never shows it.
 */
public final class SelaToken {
    private final String value;

    private SelaToken(String value) {
        this.value = value;
    }

    public static SelaToken resolve(JobConfig config) {
        if (config.selaTokenFile != null) {
            try {
                String token = Files.readString(Path.of(config.selaTokenFile), StandardCharsets.UTF_8).strip();
                if (token.isEmpty()) {
                    throw new ConfigException("sela.token-file", "file " + config.selaTokenFile + " is empty");
                }
                return new SelaToken(token);
            } catch (IOException e) {
                throw new ConfigException("sela.token-file", "cannot read " + config.selaTokenFile);
            }
        }
        String token = System.getenv(config.selaTokenEnv);
        if (token == null || token.isBlank()) {
            throw new ConfigException("sela.token-env", "environment variable " + config.selaTokenEnv
                    + " is not set (or set sela.token-file)");
        }
        return new SelaToken(token.strip());
    }

    public static SelaToken of(String value) {
        return new SelaToken(value);
    }

    String authorizationHeader() {
        return "Token " + value;
    }

    @Override
    public String toString() {
        return "SelaToken(******)";
    }
}
