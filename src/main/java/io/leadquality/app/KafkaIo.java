package io.leadquality.app;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import io.leadquality.ingest.RawRecordDeserializer;
import io.leadquality.model.RawRecord;
import io.leadquality.output.OutboundRecord;
import io.leadquality.output.OutboundRecordSchema;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The Kafka source and sink, built from config. */
public final class KafkaIo {
    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private KafkaIo() {}

    public static KafkaSource<RawRecord> source(JobConfig config) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.bootstrapServers)
                .setTopics(config.sourceTopics())
                .setGroupId(config.groupId)
                // A new group starts at the beginning, so no lead is skipped; a restore uses the checkpoint.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer(false, config.topicSelaWebhooks))
                .setProperties(clientProperties(config))
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    /**
     * The suppression topic from its start to {@code end} (its end when the job first started):
     * bounded, so its end tells the join that the whole list is in.
     */
    public static KafkaSource<RawRecord> suppressionListSource(JobConfig config, Map<TopicPartition, Long> end) {
        return suppressionSource(config)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.offsets(end))
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
    }

    /** The suppression topic from {@code end} on, for as long as the job runs (partitions added later: from their start). */
    public static KafkaSource<RawRecord> suppressionUpdatesSource(JobConfig config, Map<TopicPartition, Long> end) {
        KafkaSourceBuilder<RawRecord> builder = suppressionSource(config)
                .setStartingOffsets(OffsetsInitializer.offsets(end, OffsetResetStrategy.EARLIEST))
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    private static KafkaSourceBuilder<RawRecord> suppressionSource(JobConfig config) {
        return KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.bootstrapServers)
                .setTopics(config.topicSuppressions)
                .setGroupId(config.groupId + "-suppressions")
                .setDeserializer(new RawRecordDeserializer(true))
                .setProperties(clientProperties(config))
                .setProperty("isolation.level", "read_committed");
    }

    /**
     * The suppression topic's committed end per partition, now: where reading the whole list ends.
     * Retries while Kafka is still settling (a topic just created has no leader for a moment).
     */
    public static Map<TopicPartition, Long> suppressionTopicEnd(JobConfig config) {
        Properties properties = clientProperties(config);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        String topic = config.topicSuppressions;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_TIMEOUT_SECONDS);
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                try {
                    return endOffsets(admin, topic);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw new ConfigException("kafka.topics.suppressions", "cannot read the end of " + topic + " on "
                                + config.bootstrapServers + ": " + e.getCause());
                    }
                    Thread.sleep(200);
                }
            }
        } catch (TimeoutException e) {
            throw new ConfigException("kafka.topics.suppressions", "cannot read the end of " + topic + " on "
                    + config.bootstrapServers + " within " + ADMIN_TIMEOUT_SECONDS + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("kafka.topics.suppressions", "interrupted while reading the end of " + topic);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic)
            throws ExecutionException, InterruptedException, TimeoutException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .forEach((partition, info) -> end.put(partition, info.offset()));
        return end;
    }

    public static KafkaSink<OutboundRecord> sink(JobConfig config) {
        boolean exactlyOnce = config.delivery == JobConfig.Delivery.EXACTLY_ONCE;
        return KafkaSink.<OutboundRecord>builder()
                .setBootstrapServers(config.bootstrapServers)
                .setKafkaProducerConfig(clientProperties(config))
                .setRecordSerializer(new OutboundRecordSchema())
                .setDeliveryGuarantee(exactlyOnce ? DeliveryGuarantee.EXACTLY_ONCE : DeliveryGuarantee.AT_LEAST_ONCE)
                .setTransactionalIdPrefix(config.transactionalIdPrefix)
                .setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout.toMillis()))
                .build();
    }

    /**
     * The refresh requests' own sink, at least once: a request is visible to the source as soon as it is
     * written, not at the next checkpoint's commit, so the lookup stage sees refreshes as they fall due
     * instead of a checkpoint interval's worth at once. A request written twice after a failure costs one
     * more lookup of an unchanged lead, which changes nothing (SnapshotOrder, StatusChangeDetector).
     */
    public static KafkaSink<OutboundRecord> refreshRequestSink(JobConfig config) {
        return KafkaSink.<OutboundRecord>builder()
                .setBootstrapServers(config.bootstrapServers)
                .setKafkaProducerConfig(clientProperties(config))
                .setRecordSerializer(new OutboundRecordSchema())
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** {@code kafka.properties.*}, passed to every client (SASL, SSL, ...). */
    static Properties clientProperties(JobConfig config) {
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties);
        return properties;
    }
}
