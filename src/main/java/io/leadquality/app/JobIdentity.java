package io.leadquality.app;

import io.leadquality.config.JobConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

/**
 * Which job a retained checkpoint belongs to: its consumer group, its Kafka cluster (by Kafka's own
 * cluster id, so a fresh broker at the same address is another job) and its input topics. jobs/run-local
 * keeps each identity's checkpoints in a folder of its own and resumes only its own.
 */
record JobIdentity(String groupId, String kafkaClusterId, String bootstrapServers, TreeSet<String> inputTopics) {

    static JobIdentity of(JobConfig config, String kafkaClusterId) {
        return new JobIdentity(config.groupId, kafkaClusterId, config.bootstrapServers, new TreeSet<>(config.inputTopics.keySet()));
    }

    /** {@code <group>-<hash>}: readable, and distinct for every other cluster or set of topics. */
    String folderName() {
        String readable = groupId.replaceAll("[^A-Za-z0-9._-]", "_");
        return readable + "-" + HexFormat.of().formatHex(sha256(kafkaClusterId + "\n" + String.join(",", inputTopics)), 0, 6);
    }

    String describe() {
        return "group " + groupId + ", Kafka cluster " + kafkaClusterId + " at " + bootstrapServers + ", topics "
                + String.join(",", inputTopics);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
