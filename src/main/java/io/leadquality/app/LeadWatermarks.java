package io.leadquality.app;

import io.leadquality.model.RawRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.time.Duration;

/** Event time is the Kafka record time; providers deliver out of order by up to a minute, and some topics go quiet. */
public final class LeadWatermarks {
    private LeadWatermarks() {}

    public static WatermarkStrategy<RawRecord> strategy() {
        return WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(Duration.ofMinutes(1))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.timestamp)
                .withIdleness(Duration.ofMinutes(1));
    }
}
