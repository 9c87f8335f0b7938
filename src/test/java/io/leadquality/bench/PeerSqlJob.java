package io.leadquality.bench;

import io.leadquality.config.JobConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer a Flink user would reach for instead: a Flink SQL lookup join through GetInData's HTTP
 * lookup connector ({@code com.getindata:flink-http-connector}, its async mode and Flink's partial
 * lookup cache) against the same simulator, Kafka in and out, exactly-once, parallelism 2.
 * "Defaults" leaves the connector's own settings alone (8 request threads per instance); "tuned"
 * gives it the same in-flight limit as our job ({@code sela.max-in-flight} threads, and Flink's async
 * lookup buffer to match).
 */
final class PeerSqlJob {
    private PeerSqlJob() {}

    static BenchRig.Run run(BenchRig rig, JobConfig config, String token, boolean tuned) throws Exception {
        StreamExecutionEnvironment env = rig.localFlink(new Configuration());
        env.enableCheckpointing(config.checkpointInterval.toMillis());
        StreamTableEnvironment sql = StreamTableEnvironment.create(env);
        if (tuned) {
            sql.getConfig().set("table.exec.async-lookup.buffer-capacity", Integer.toString(config.selaMaxInFlight));
        }
        String kafka = config.bootstrapServers;
        sql.executeSql("CREATE TABLE leads_in (external_id STRING, phone_number STRING, proc AS PROCTIME()) WITH ("
                + "'connector'='kafka', 'topic'='" + BenchRig.topic(config) + "', 'properties.bootstrap.servers'='" + kafka + "',"
                + "'properties.group.id'='" + config.groupId + "-peer', 'scan.startup.mode'='earliest-offset',"
                + "'scan.bounded.mode'='latest-offset', 'format'='json', 'json.ignore-parse-errors'='true')");
        sql.executeSql("CREATE TABLE sela (external_id STRING, `count` INT, results ARRAY<ROW<id BIGINT, status STRING,"
                + " status_detail STRING, call_dnc BOOLEAN, sms_dnc BOOLEAN, us_state STRING>>) WITH ("
                + "'connector'='rest-lookup', 'format'='json', 'url'='" + config.selaBaseUrl + "/api/leads/',"
                + "'asyncPolling'='true', 'gid.connector.http.source.lookup.header.Authorization'='Token " + token + "',"
                + "'gid.connector.http.source.lookup.use-raw-authorization-header'='true',"
                + "'lookup.cache'='PARTIAL', 'lookup.partial-cache.expire-after-write'='"
                + config.selaCacheTtl.toSeconds() + " s', 'lookup.partial-cache.max-rows'='1000000'"
                + (tuned ? ", 'gid.connector.http.source.lookup.request.thread-pool.size'='" + config.selaMaxInFlight + "'" : "")
                + ")");
        sql.executeSql("CREATE TABLE leads_out (external_id STRING, status STRING, call_dnc BOOLEAN, processed_at TIMESTAMP_LTZ(3)) WITH ("
                + "'connector'='kafka', 'topic'='" + config.topicEnriched + "', 'properties.bootstrap.servers'='" + kafka + "',"
                + "'format'='json', 'json.timestamp-format.standard'='ISO-8601', 'sink.delivery-guarantee'='exactly-once',"
                + "'sink.transactional-id-prefix'='" + config.transactionalIdPrefix + "-peer',"
                + "'properties.transaction.timeout.ms'='" + config.transactionTimeout.toMillis() + "')");
        long requestsBefore = rig.sela.apiRequests();
        CpuMeter cpu = CpuMeter.start();
        long started = System.nanoTime();
        sql.executeSql("INSERT INTO leads_out SELECT e.external_id, s.results[1].status, s.results[1].call_dnc, "
                + "CURRENT_TIMESTAMP "
                + "FROM leads_in AS e JOIN sela FOR SYSTEM_TIME AS OF e.proc AS s ON e.external_id = s.external_id").await();
        long wallNanos = System.nanoTime() - started;
        CpuMeter.Cpu used = cpu.stop();
        List<Long> times = new ArrayList<>();
        rig.readCommitted(config.topicEnriched,
                record -> times.add(Instant.parse(BenchRig.json(record).get("processed_at").asText()).toEpochMilli()));
        return new BenchRig.Run(BenchRig.Rate.of(times), rig.sela.apiRequests() - requestsBefore, used, wallNanos);
    }
}
