package io.leadquality.output;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundRecordSchemaTest {
    @Test
    void aRecordCarriesTheTimeItWasProducedNotItsInputs() {
        long inputTimestamp = 1_577_836_800_000L; // a replayed lead from 2020
        long producedAt = 1_796_000_000_000L;
        ProducerRecord<byte[], byte[]> record = new OutboundRecordSchema().serialize(
                new OutboundRecord("leads.alerts", "crm-1", "{}".getBytes(StandardCharsets.UTF_8), producedAt), null,
                inputTimestamp);
        assertThat(record.timestamp()).isEqualTo(producedAt);
        assertThat(record.topic()).isEqualTo("leads.alerts");
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("crm-1");
    }
}
