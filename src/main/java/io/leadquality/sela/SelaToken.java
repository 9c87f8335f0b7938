package io.leadquality.sela;

import io.leadquality.config.JobConfig;


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
        return new SelaToken(Secrets.read("sela.token-file", config.selaTokenFile, "sela.token-env", config.selaTokenEnv, true));
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
