package io.leadquality.app;

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
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.Properties;

/** The Kafka source and sink, built from config. */
public final class KafkaIo {
    private KafkaIo() {}

    public static KafkaSource<RawRecord> source(JobConfig config) {
        KafkaSourceBuilder<RawRecord> builder = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(config.bootstrapServers)
                .setTopics(config.sourceTopics())
                .setGroupId(config.groupId)
                // A new group starts at the beginning, so no lead is skipped; a restore uses the checkpoint.
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(clientProperties(config))
                .setProperty("isolation.level", "read_committed")
                .setProperty("commit.offsets.on.checkpoint", "true");
        if (config.bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
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

    /** {@code kafka.properties.*}, passed to every client (SASL, SSL, ...). */
    static Properties clientProperties(JobConfig config) {
        Properties properties = new Properties();
        properties.putAll(config.kafkaProperties);
        return properties;
    }
}
