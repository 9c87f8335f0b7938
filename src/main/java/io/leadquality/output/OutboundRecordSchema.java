package io.leadquality.output;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Writes {@link OutboundRecord}s to their own topics, keyed by external_id, stamped with the time the
 * job produced them, so retention and consumers see when an alert happened, not when its input did.
 */
public class OutboundRecordSchema implements KafkaRecordSerializationSchema<OutboundRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutboundRecord record, KafkaSinkContext context, Long timestamp) {
        byte[] key = record.key == null ? null : record.key.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(record.topic, null, record.producedAt, key, record.value);
    }
}
