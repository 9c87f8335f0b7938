package io.leadquality.bench;

import io.leadquality.app.KafkaIo;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import io.leadquality.config.JobConfig;
import io.leadquality.model.RawRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The practical ceiling: the same records read by the same Kafka source and written unchanged by an
 * exactly-once Kafka sink with the same checkpointing, at the same parallelism. Each output record
 * carries the time it was written, for its rate.
 */
final class PassThroughJob {
    private PassThroughJob() {}

    static BenchRig.Run run(BenchRig rig, JobConfig config) throws Exception {
        StreamExecutionEnvironment env = rig.localFlink(new Configuration());
        env.enableCheckpointing(config.checkpointInterval.toMillis());
        String out = config.topicEnriched;
        Properties producer = new Properties();
        producer.setProperty("transaction.timeout.ms", Long.toString(config.transactionTimeout.toMillis()));
        env.fromSource(KafkaIo.source(config), WatermarkStrategy.noWatermarks(), "Kafka leads")
                .sinkTo(KafkaSink.<RawRecord>builder()
                        .setBootstrapServers(config.bootstrapServers)
                        .setKafkaProducerConfig(producer)
                        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                        .setTransactionalIdPrefix(config.transactionalIdPrefix + "-passthrough")
                        .setRecordSerializer((KafkaRecordSerializationSchema<RawRecord>) (record, context, timestamp) ->
                                new ProducerRecord<>(out, null, System.currentTimeMillis(), null, record.value))
                        .build())
                .name("Kafka out, unchanged");
        CpuMeter cpu = CpuMeter.start();
        long started = System.nanoTime();
        env.execute("bench-pass-through");
        long wallNanos = System.nanoTime() - started;
        CpuMeter.Cpu used = cpu.stop();
        List<Long> written = new ArrayList<>();
        rig.readCommitted(out, record -> written.add(record.timestamp()));
        return new BenchRig.Run(BenchRig.Rate.of(written), 0, used, wallNanos);
    }
}
