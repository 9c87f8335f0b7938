package io.leadquality.config;

import io.leadquality.model.LeadFormat;
import io.leadquality.testkit.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigTest {

    @Test
    void theShippedConfigFileIsValidAndDocumentsEveryKey() throws Exception {
        Map<String, String> raw = RawConfig.readYaml(Path.of("conf/lead-quality.yaml"));
        JobConfig config = JobConfig.from(raw);
        assertThat(config.inputTopics).containsEntry("leads.incoming", LeadFormat.AUTO);
        assertThat(config.delivery).isEqualTo(JobConfig.Delivery.EXACTLY_ONCE);
        String text = Files.readString(Path.of("conf/lead-quality.yaml"));
        for (String key : new String[] {"kafka.bootstrap-servers", "kafka.group-id", "kafka.input-topics",
            "kafka.topics.enriched", "kafka.topics.alerts", "kafka.topics.status-changes", "kafka.topics.dead-letter",
            "kafka.delivery", "kafka.properties.", "sela.base-url", "sela.token-env", "sela.timeout", "sela.max-retries",
            "sela.max-in-flight", "sela.max-requests-per-second", "sela.cache-ttl", "territory.default",
            "calling-window.default", "checkpoint.interval", "state.ttl", "parallelism", "sela.refresh-interval",
            "kafka.topics.refresh-requests", "state.checkpoints.dir", "kafka.topics.suppressions", "state.backend",
            "checkpoint.timeout", "checkpoint.unaligned", "checkpoint.aligned-timeout"}) {
            assertThat(text).as("conf/lead-quality.yaml mentions %s", key).contains(key);
        }
    }

    @Test
    void defaultsFollowTheSpec() {
        JobConfig config = TestConfigs.with();
        assertThat(config.topicEnriched).isEqualTo("leads.enriched");
        assertThat(config.topicAlerts).isEqualTo("leads.alerts");
        assertThat(config.topicStatusChanges).isEqualTo("leads.status-changes");
        assertThat(config.topicDeadLetter).isEqualTo("leads.dead-letter");
        assertThat(config.topicSuppressions).isEqualTo("leads.suppressions");
        assertThat(config.selaTokenEnv).isEqualTo("SELA_API_TOKEN");
        assertThat(config.maxRecordBytes).isEqualTo(1 << 20);
        assertThat(config.territories.licensedStates("anything")).isNull();
    }

    @Test
    void parsesFlinkDurationsAndTopicFormats() {
        JobConfig config = TestConfigs.with("sela.timeout", "500ms", "sela.cache-ttl", "15min", "state.ttl", "30d",
                "kafka.input-topics", "a:sela, b:instantly,c:pollybot,d:auto,e");
        assertThat(config.selaTimeout).isEqualTo(Duration.ofMillis(500));
        assertThat(config.selaCacheTtl).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.stateTtl).isEqualTo(Duration.ofDays(30));
        assertThat(config.inputTopics).containsExactly(Map.entry("a", LeadFormat.SELA), Map.entry("b", LeadFormat.INSTANTLY),
                Map.entry("c", LeadFormat.POLLYBOT), Map.entry("d", LeadFormat.AUTO), Map.entry("e", LeadFormat.AUTO));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "kafka.bootstrap-servers|''|kafka.bootstrap-servers: is required but not set",
        "sela.base-url|ftp://x|sela.base-url: 'ftp://x' is not an http(s) URL",
        "sela.timeout|5 parsecs|sela.timeout: '5 parsecs' is not a duration",
        "sela.timeout|0s|sela.timeout: must be longer than zero",
        "sela.max-retries|-1|sela.max-retries: must be at least 0, got -1",
        "sela.max-in-flight|lots|sela.max-in-flight: 'lots' is not a whole number",
        "sela.max-requests-per-second|0|sela.max-requests-per-second: must be a positive number",
        "kafka.delivery|maybe-once|kafka.delivery: 'maybe-once' is not exactly-once or at-least-once",
        "kafka.input-topics|leads:csv|kafka.input-topics: unknown format 'csv' for topic leads",
        "territory.7|CA,XX|territory.7: 'XX' is not a US state code",
        "calling-window.TX|9-5|calling-window.TX: '9-5' is not a window such as 08:00-21:00",
        "calling-window.Texas|09:00-21:00|calling-window.Texas: 'Texas' is not a two-letter US state code",
        "calling-window.default|21:00-08:00|calling-window.default: '21:00-08:00' ends before it starts",
        "compliance.rules-file|/nonexistent/calling-rules.yaml|compliance.rules-file: cannot read /nonexistent/calling-rules.yaml",
        "analytics.window|0s|analytics.window: must be longer than zero",
        "analytics.allowed-lateness|a day|analytics.allowed-lateness: 'a day' is not a duration",
        "kafka.topics.source-quality|leads.alerts|kafka.topics.source-quality: topic leads.alerts is also kafka.topics.alerts",
        "checkpoint.timeout|5min|checkpoint.timeout: with checkpoint.timeout 5 min and checkpoint.interval 10 s a transaction may stay open 10 min, which is not below kafka.transaction-timeout 10 min",
        "format.mapped.shoe_size|/x|format.mapped.shoe_size: unknown field",
        "parallelism|0|parallelism: must be at least 1, got 0",
        "state.backend|leveldb|state.backend: 'leveldb' is not hashmap or rocksdb",
    })
    void aWrongValueStopsStartUpWithOneLineNamingTheKey(String key, String value, String message) {
        Map<String, String> raw = TestConfigs.minimal();
        raw.put(key, value);
        assertThatThrownBy(() -> JobConfig.from(raw))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.key()).isEqualTo(key);
                    assertThat(e.getMessage()).startsWith(message).doesNotContain("\n");
                });
    }

    @Test
    void anUnknownKeyStopsStartUpNamingItAndTheKeyItResembles() {
        assertThatThrownBy(() -> TestConfigs.with("sela.max-request-per-second", "20"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sela.max-request-per-second"))
                .hasMessage("sela.max-request-per-second: unknown key; did you mean sela.max-requests-per-second?");
        assertThatThrownBy(() -> TestConfigs.with("shoe.size", "44")).hasMessage("shoe.size: unknown key");
        // Open families of keys and the scripts' own keys are known.
        assertThat(TestConfigs.with("kafka.properties.security.protocol", "SSL", "territory.solar", "CA",
                "flink.rest-address", "http://flink:8081").kafkaProperties).containsEntry("security.protocol", "SSL");
    }

    @Test
    void plainHttpIsForThisMachineOnlyUnlessAskedFor() {
        assertThatThrownBy(() -> TestConfigs.with("sela.base-url", "http://api.sela.example"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sela.base-url"))
                .hasMessageContaining("clear text");
        assertThat(TestConfigs.with("sela.base-url", "http://api.sela.example", "sela.allow-insecure-http", "true")
                .selaBaseUrl.getHost()).isEqualTo("api.sela.example");
        assertThat(TestConfigs.with("sela.base-url", "http://localhost:8089").selaAllowInsecureHttp).isFalse();
        assertThat(TestConfigs.with("sela.base-url", "https://api.sela.example").selaBaseUrl.getScheme()).isEqualTo("https");
    }

    @Test
    void aTrustStorePasswordInTheConfigIsRefusedForItWouldTravelInTheJobGraph() {
        assertThatThrownBy(() -> TestConfigs.with("sela.trust-store-password", "changeit"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("sela.trust-store-password"))
                .hasMessageContaining("sela.trust-store-password-env").hasMessageNotContaining("changeit");
    }

    @Test
    void twoSettingsNamingOneTopicStopStartUp() {
        assertThatThrownBy(() -> TestConfigs.with("kafka.topics.alerts", "leads.incoming"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.topics.alerts"))
                .hasMessageContaining("topic leads.incoming is also kafka.input-topics");
        assertThatThrownBy(() -> TestConfigs.with("kafka.topics.dead-letter", "leads.enriched"))
                .hasMessageStartingWith("kafka.topics.dead-letter: topic leads.enriched is also kafka.topics.enriched");
    }

    @Test
    void aCheckpointPathIsALocalDirectoryUriThatEveryWayOfRunningAccepts() {
        assertThat(TestConfigs.with("state.checkpoints.dir", "/var/lq/checkpoints").checkpointsDir)
                .isEqualTo("file:///var/lq/checkpoints");
        assertThat(TestConfigs.with("state.checkpoints.dir", "work/checkpoints").checkpointsDir)
                .isEqualTo(Path.of("work/checkpoints").toAbsolutePath().toUri().toString());
        assertThat(TestConfigs.with("state.checkpoints.dir", "s3://bucket/lq").checkpointsDir).isEqualTo("s3://bucket/lq");
    }

    @Test
    void aTransactionTimeoutShorterThanACheckpointCanTakeNamesBothKeys() {
        assertThatThrownBy(() -> TestConfigs.with("kafka.transaction-timeout", "5min"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("checkpoint.timeout"))
                .hasMessageContaining("kafka.transaction-timeout 5 min").hasMessageContaining("checkpoint.timeout 4 min");
        assertThat(TestConfigs.with("kafka.transaction-timeout", "5min", "checkpoint.timeout", "2min").checkpointTimeout)
                .hasMinutes(2);
        assertThat(TestConfigs.with("kafka.transaction-timeout", "5min", "kafka.delivery", "at-least-once").delivery)
                .isEqualTo(JobConfig.Delivery.AT_LEAST_ONCE); // no transactions, no limit
    }

    @Test
    void commandLineOverridesTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.yaml");
        Files.writeString(file, "kafka:\n  bootstrap-servers: a:1\nsela.base-url: https://sela\nparallelism: 3\n");
        JobConfig config = JobConfig.fromArgs(new String[] {"--config", file.toString(), "--parallelism", "5",
            "--kafka.group-id=g2"});
        assertThat(config.bootstrapServers).isEqualTo("a:1");
        assertThat(config.parallelism).isEqualTo(5);
        assertThat(config.groupId).isEqualTo("g2");
    }

    @Test
    void badCommandLinesNameTheProblem() {
        assertThatThrownBy(() -> RawConfig.parseArgs(new String[] {"parallelism", "2"}))
                .hasMessageContaining("expected --key value");
        assertThatThrownBy(() -> RawConfig.parseArgs(new String[] {"--parallelism"}))
                .hasMessage("parallelism: no value given on the command line");
        assertThatThrownBy(() -> JobConfig.fromArgs(new String[] {"--config", "/no/such.yaml"}))
                .hasMessage("config: file /no/such.yaml does not exist");
    }

    @Test
    void secretsAreMaskedInTheStartUpLine() {
        JobConfig config = TestConfigs.with("kafka.properties.sasl.jaas.config", "user=x password=hunter2",
                "kafka.properties.ssl.truststore.password", "pw");
        assertThat(config.maskedSettings().toString()).doesNotContain("hunter2").doesNotContain("=pw");
        assertThat(config.maskedSettings()).containsEntry("kafka.properties.sasl.jaas.config", "******");
    }
}
