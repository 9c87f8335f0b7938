package io.leadquality.app;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks at start-up that Kafka answers and every configured topic exists, so a typo stops the job
 * with one line instead of a restart loop in the source.
 */
final class KafkaTopicsCheck {
    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopicsCheck() {}

    static void verify(JobConfig config) {
        Properties properties = KafkaIo.clientProperties(config);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<String> missing = new ArrayList<>();
            for (String topic : config.inputTopics.keySet()) {
                if (!existing.contains(topic)) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                throw new ConfigException("kafka.input-topics", "no such topic on " + config.bootstrapServers + ": " + missing);
            }
            Set<String> outputs = new TreeSet<>(List.of(config.topicEnriched, config.topicAlerts,
                    config.topicStatusChanges, config.topicDeadLetter));
            outputs.removeAll(existing);
            if (!outputs.isEmpty()) {
                throw new ConfigException("kafka.topics", "no such output topic on " + config.bootstrapServers + ": " + outputs);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException("kafka.bootstrap-servers", "cannot list topics on " + config.bootstrapServers
                    + " within " + TIMEOUT_SECONDS + "s: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("kafka.bootstrap-servers", "interrupted while checking topics");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
