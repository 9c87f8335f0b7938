package io.leadquality.ingest;

import io.leadquality.normalize.Timestamps;
import io.leadquality.webhooks.SelaTriggers;
import org.apache.kafka.common.header.Header;
import java.nio.charset.StandardCharsets;

import io.leadquality.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps input records as bytes with their position: parsing happens later, where failures can be dead-lettered. */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final boolean keepKeys;
    private final String webhookTopic;

    /** @param keepKeys whether record keys are kept (lead inputs ignore them; a compacted topic's tombstones need them) */
    public RawRecordDeserializer(boolean keepKeys) {
        this(keepKeys, null);
    }

    /** @param webhookTopic the topic whose records carry the receiver's headers (sela-trigger, received-at) */
    public RawRecordDeserializer(boolean keepKeys, String webhookTopic) {
        this.keepKeys = keepKeys;
        this.webhookTopic = webhookTopic;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        RawRecord raw = new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.value());
        if (keepKeys) {
            raw.key = record.key();
        }
        if (record.topic().equals(webhookTopic)) {
            raw.selaTrigger = header(record, SelaTriggers.TRIGGER_HEADER);
            Long receivedAt = Timestamps.parseMillis(header(record, SelaTriggers.RECEIVED_AT_HEADER));
            raw.receivedAt = receivedAt != null ? receivedAt : record.timestamp();
        }
        out.collect(raw);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
