package io.leadquality.app;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.flink.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopicsCheck.class);
    private static final long TIMEOUT_SECONDS = 30;

    private KafkaTopicsCheck() {}

    static void verify(JobConfig config) {
        Properties properties = KafkaIo.clientProperties(config);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        try (Admin admin = Admin.create(properties)) {
            Set<String> existing = new HashSet<>(admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
            if (config.refreshEnabled() && !existing.contains(config.topicRefreshRequests)) {
                createLikeTheInput(admin, config, config.topicRefreshRequests, existing);
            }
            if (!existing.contains(config.topicSelaWebhooks)) {
                createLikeTheInput(admin, config, config.topicSelaWebhooks, existing);
            }
            if (!existing.contains(config.topicSourceQuality)) { // keyed by source and window: the newest revision kept
                createLikeTheInput(admin, config, config.topicSourceQuality, existing, Map.of("cleanup.policy", "compact"));
            }
            List<String> missing = new ArrayList<>();
            for (String topic : config.sourceTopics()) {
                if (!existing.contains(topic)) {
                    missing.add(topic);
                }
            }
            if (!missing.isEmpty()) {
                throw new ConfigException(missing.contains(config.topicRefreshRequests) ? "kafka.topics.refresh-requests"
                        : missing.contains(config.topicSelaWebhooks) ? "kafka.topics.sela-webhooks" : "kafka.input-topics",
                        "no such topic on " + config.bootstrapServers + ": " + missing);
            }
            if (!existing.contains(config.topicSuppressions)) {
                throw new ConfigException("kafka.topics.suppressions", "no such topic on " + config.bootstrapServers
                        + ": " + config.topicSuppressions + " (create it with cleanup.policy=compact)");
            }
            warnUnlessCompacted(admin, config.topicSuppressions);
            Set<String> outputs = new TreeSet<>(List.of(config.topicEnriched, config.topicAlerts,
                    config.topicStatusChanges, config.topicDeadLetter, config.topicSourceQuality));
            outputs.removeAll(existing);
            if (!outputs.isEmpty()) {
                throw new ConfigException("kafka.topics", "no such output topic on " + config.bootstrapServers + ": " + outputs);
            }
            if (config.delivery == JobConfig.Delivery.EXACTLY_ONCE) {
                checkTransactionTimeout(admin, config);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException("kafka.bootstrap-servers", "cannot list topics on " + config.bootstrapServers
                    + " within " + TIMEOUT_SECONDS + "s: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("kafka.bootstrap-servers", "interrupted while checking topics");
        }
    }

    /**
     * The refresh loop's topic is the job's own, as Kafka Streams' internal topics are, and the webhook
     * topic is one the job and its receiver share: each is created when missing, with as many partitions
     * as the first input topic and the cluster's default replication. A broker that refuses (no ACL)
     * leaves the topic missing, which then stops start-up.
     */
    private static void createLikeTheInput(Admin admin, JobConfig config, String topic, Set<String> existing)
            throws InterruptedException, TimeoutException {
        createLikeTheInput(admin, config, topic, existing, Map.of());
    }

    private static void createLikeTheInput(Admin admin, JobConfig config, String topic, Set<String> existing,
                                           Map<String, String> topicConfig) throws InterruptedException, TimeoutException {
        String input = config.inputTopics.keySet().iterator().next();
        try {
            int partitions = existing.contains(input) ? admin.describeTopics(List.of(input)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(input).partitions().size() : 1;
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty()).configs(topicConfig)))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            existing.add(topic);
            LOG.info("Created the topic {} ({} partitions, like {})", topic, partitions, input);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                existing.add(topic); // another instance created it first
            } else {
                LOG.warn("Could not create the topic {}: {}", topic, rootMessage(e));
            }
        }
    }

    /** Kafka's own id of the cluster: a fresh broker at the same address is another cluster. */
    static String clusterId(JobConfig config) {
        Properties properties = KafkaIo.clientProperties(config);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            return admin.describeCluster().clusterId().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ConfigException("kafka.bootstrap-servers", "cannot describe the cluster at " + config.bootstrapServers
                    + " within " + TIMEOUT_SECONDS + "s: " + rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("kafka.bootstrap-servers", "interrupted while describing the cluster");
        }
    }

    /** Not fatal: a list kept by retention instead of compaction forgets old entries, which a user should hear of. */
    private static void warnUnlessCompacted(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config topicConfig = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
        ConfigEntry policy = topicConfig == null ? null : topicConfig.get("cleanup.policy");
        if (policy != null && policy.value() != null && !policy.value().contains("compact")) {
            LOG.warn("The suppression topic {} has cleanup.policy={}, not compact: entries older than its retention "
                    + "will be forgotten when the job next starts afresh", topic, policy.value());
        }
    }

    /** A transaction timeout above the broker's maximum makes every transactional producer fail at start. */
    private static void checkTransactionTimeout(Admin admin, JobConfig config)
            throws ExecutionException, InterruptedException, TimeoutException {
        Collection<Node> brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (brokers.isEmpty()) {
            return;
        }
        ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, brokers.iterator().next().idString());
        Config brokerConfig = admin.describeConfigs(List.of(broker)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(broker);
        ConfigEntry max = brokerConfig == null ? null : brokerConfig.get("transaction.max.timeout.ms");
        if (max != null && max.value() != null && config.transactionTimeout.toMillis() > Long.parseLong(max.value())) {
            throw new ConfigException("kafka.transaction-timeout", TimeUtils.formatWithHighestUnit(config.transactionTimeout)
                    + " is above the broker's transaction.max.timeout.ms (" + max.value() + " ms)");
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
