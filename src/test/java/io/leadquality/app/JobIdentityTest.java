package io.leadquality.app;

import io.leadquality.config.JobConfig;
import io.leadquality.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JobIdentityTest {
    @Test
    void theSameJobAgainstTheSameClusterFindsItsOwnFolder() {
        JobConfig config = TestConfigs.with("kafka.group-id", "ops/leads");
        String folder = JobIdentity.of(config, "cluster-A").folderName();
        assertThat(folder).startsWith("ops_leads-").hasSize("ops_leads-".length() + 12);
        assertThat(JobIdentity.of(TestConfigs.with("kafka.group-id", "ops/leads"), "cluster-A").folderName()).isEqualTo(folder);
    }

    @Test
    void aFreshBrokerAtTheSameAddressOrOtherTopicsMakeAnotherJob() {
        JobConfig config = TestConfigs.with();
        String folder = JobIdentity.of(config, "cluster-A").folderName();
        assertThat(JobIdentity.of(config, "cluster-B").folderName()).isNotEqualTo(folder);
        assertThat(JobIdentity.of(TestConfigs.with("kafka.input-topics", "leads.other:auto"), "cluster-A").folderName())
                .isNotEqualTo(folder);
        assertThat(JobIdentity.of(TestConfigs.with("kafka.group-id", "other"), "cluster-A").folderName()).isNotEqualTo(folder);
        assertThat(JobIdentity.of(config, "cluster-A").describe()).contains("cluster-A").contains("leads.incoming");
    }
}
