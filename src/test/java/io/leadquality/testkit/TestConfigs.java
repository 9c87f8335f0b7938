package io.leadquality.testkit;

import io.leadquality.config.JobConfig;

import java.util.HashMap;
import java.util.Map;

/** A valid config with test defaults; tests override what they are about. */
public final class TestConfigs {
    private TestConfigs() {}

    public static Map<String, String> minimal() {
        Map<String, String> raw = new HashMap<>();
        raw.put("kafka.bootstrap-servers", "127.0.0.1:9092");
        raw.put("sela.base-url", "http://127.0.0.1:8089");
        return raw;
    }

    public static JobConfig with(String... keyValues) {
        Map<String, String> raw = minimal();
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put(keyValues[i], keyValues[i + 1]);
        }
        return JobConfig.from(raw);
    }
}
