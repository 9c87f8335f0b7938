package io.leadquality.sql;

import io.leadquality.config.JobConfig;
import io.leadquality.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * conf/sql/tables.sql with a job's settings filled in (AnalyticsITCase runs it, and every example query,
 * on Flink SQL against the job's output topics).
 */
class ConfSqlTest {
    private static final Path DIR = Path.of("conf", "sql");

    @Test
    void theTablesReadTheConfiguredTopicsReadCommitted() {
        JobConfig config = TestConfigs.with("kafka.topics.alerts", "ops.alerts",
                "kafka.properties.security.protocol", "PLAINTEXT");
        String init = OutputTables.initScript(config, DIR);
        assertThat(init).contains("'topic' = 'ops.alerts'", "'properties.security.protocol' = 'PLAINTEXT'")
                .doesNotContain("${");
        assertThat(init.split("'properties.isolation.level' = 'read_committed'")).hasSize(6); // five tables
    }

    @Test
    void anUnknownQueryIsAnErrorNamingTheKnownOnes() {
        assertThatThrownBy(() -> OutputTables.query(DIR, "flag-rate"))
                .hasMessage("no query flag-rate in conf/sql/queries; there are [alerts-per-flag, flag-rate-per-source,"
                        + " source-quality, status-funnel]");
    }

    @Test
    void aValueWithAQuoteStaysOneLiteral() {
        assertThat(SqlScript.render("'${kafka.group-id}'", SqlScript.placeholders(TestConfigs.with("kafka.group-id", "ops'x"))))
                .isEqualTo("'ops''x'");
    }
}
