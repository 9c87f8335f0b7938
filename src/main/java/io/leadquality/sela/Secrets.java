package io.leadquality.sela;

import io.leadquality.config.ConfigException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Secrets are read where they are used (the task managers), from a file when one is named, else
 * from an environment variable: never from the job's configuration, which travels in the job graph
 * and shows in Flink's web UI. No message names a secret's value.
 */
public final class Secrets {
    private Secrets() {}

    /**
     * @param fileKey, envKey the config keys that name the file and the variable, for error messages
     * @return the secret, or null when neither is set and it is not required
     */
    public static String read(String fileKey, String file, String envKey, String envName, boolean required) {
        if (file != null) {
            try {
                String secret = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
                if (secret.isEmpty()) {
                    throw new ConfigException(fileKey, "file " + file + " is empty");
                }
                return secret;
            } catch (IOException e) {
                throw new ConfigException(fileKey, "cannot read " + file);
            }
        }
        String secret = envName == null ? null : System.getenv(envName);
        if (secret == null || secret.isBlank()) {
            if (required) {
                throw new ConfigException(envKey, "environment variable " + envName + " is not set (or set " + fileKey + ")");
            }
            return null;
        }
        return secret.strip();
    }
}
