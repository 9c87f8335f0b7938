package io.leadquality.ingest;

import io.leadquality.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Keeps input records as bytes with their position: parsing happens later, where failures can be dead-lettered. */
public class RawRecordDeserializer implements KafkaRecordDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final boolean keepKeys;

    /** @param keepKeys whether record keys are kept (lead inputs ignore them; a compacted topic's tombstones need them) */
    public RawRecordDeserializer(boolean keepKeys) {
        this.keepKeys = keepKeys;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<RawRecord> out) {
        RawRecord raw = new RawRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), record.value());
        if (keepKeys) {
            raw.key = record.key();
        }
        out.collect(raw);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
