package io.leadquality.testkit;

import io.leadquality.sim.SelaSimulator;

import java.util.List;
import java.util.Map;

/**
 * What the savepoint in {@code src/test/resources/savepoints/before-contact-stages} was taken on: a
 * job from before the contact stages (commit 4e02233, the suppression list in the join's broadcast
 * state) that read these records and stopped with a savepoint. Its README says how it was made. The
 * migration test writes the same records to a new broker, so the restored sources' offsets point to
 * the same places. Every record is keyed, so each lands in the same partition at the same offset.
 */
public final class BeforeContactStagesScenario {
    public static final String PREFIX = "mig-";
    public static final String TOKEN = "migration-token-7c";
    public static final int PARTITIONS = 2;
    public static final String LISTED_PHONE = "+18042221111";
    public static final String LISTED_EMAIL = "old@example.com";

    private BeforeContactStagesScenario() {}

    /** The Sela leads and the topics' records the savepoint's job saw (its two leads: both listed). */
    public static void seed(EmbeddedKafka kafka, SelaSimulator sela) throws Exception {
        sela.upsert(SelaLeads.lead(701, "m-1").set("phone_number", LISTED_PHONE).build());
        sela.upsert(SelaLeads.lead(702, "m-2").set("phone_number", "+18042222222").set("email", LISTED_EMAIL).build());
        JobSettings.createTopics(kafka, PREFIX, PARTITIONS);
        KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
        client.produceKeyed(PREFIX + "suppressions", List.of(
                Map.entry(LISTED_PHONE, "{\"phone_number\":\"" + LISTED_PHONE + "\",\"action\":\"ADD\",\"reason\":\"asked on a call\"}"),
                Map.entry(LISTED_EMAIL, "{\"email\":\"" + LISTED_EMAIL + "\",\"action\":\"ADD\",\"reason\":\"unsubscribed\"}")));
        client.produceKeyed(PREFIX + "in", List.of(
                Map.entry("m-1", "{\"external_id\":\"m-1\",\"phone_number\":\"" + LISTED_PHONE + "\"}"),
                Map.entry("m-2", "{\"external_id\":\"m-2\",\"phone_number\":\"+18042222222\",\"email\":\"" + LISTED_EMAIL + "\"}")));
    }

    /** The job's settings then and now: at least once, so no Kafka transaction of the old broker is left to commit. */
    public static JobSettings settings(EmbeddedKafka kafka, SelaSimulator sela, java.nio.file.Path dir) {
        return JobSettings.of(PREFIX, kafka, sela, dir, TOKEN).set("kafka.delivery", "at-least-once");
    }
}
