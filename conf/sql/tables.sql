-- The job's output topics as Flink SQL tables (SPEC sections 4 and 11): Kafka connector, JSON,
-- read_committed, from the earliest offset. The placeholders (dollar, braces, a config key) are the
-- job's own settings: `jobs/sql` fills them in from conf/lead-quality.yaml and its --key value overrides
-- (kafka.properties: every kafka.properties.* key, as the tables' properties.* options), and
-- `jobs/sql --print-init` prints the filled-in script for the Flink SQL client (`sql-client.sh -i`).
-- Timestamps are ISO-8601 UTC instants (TIMESTAMP_LTZ); the nested `sela` and `lead` objects are
-- rows with the fields these queries use (add any field of SPEC section 4 the same way).

CREATE TABLE enriched (
  external_id STRING,
  `source` ROW<`topic` STRING, `partition` INT, `offset` BIGINT, `format` STRING>,
  event_time TIMESTAMP_LTZ(3),
  `lead` ROW<phone_number STRING, email STRING, us_state STRING, lead_type STRING, lead_source STRING,
           first_name STRING, last_name STRING>,
  sela ROW<id BIGINT, external_id STRING, status STRING, status_detail STRING, status_reason STRING,
           call_dnc BOOLEAN, sms_dnc BOOLEAN, us_state STRING, lead_type STRING, lead_source STRING,
           next_call_time STRING, modified_time STRING>,
  lookup STRING,
  flags ARRAY<STRING>,
  evidence MAP<STRING, STRING>,
  next_allowed_call_at TIMESTAMP_LTZ(3),
  processed_at TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'kafka',
  'topic' = '${kafka.topics.enriched}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.group.id' = '${kafka.group-id}-sql',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'${kafka.properties}
);

CREATE TABLE alerts (
  alert_id STRING,
  external_id STRING,
  sela_id BIGINT,
  flag STRING,
  state STRING,
  severity STRING,
  reason STRING,
  `at` TIMESTAMP_LTZ(3),
  next_allowed_call_at TIMESTAMP_LTZ(3),
  rules_version STRING,
  `lead` ROW<phone_number STRING, us_state STRING, lead_type STRING>
) WITH (
  'connector' = 'kafka',
  'topic' = '${kafka.topics.alerts}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.group.id' = '${kafka.group-id}-sql',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'${kafka.properties}
);

-- `from` and `to` hold text or, for call_dnc and sms_dnc, true/false: read as text.
CREATE TABLE status_changes (
  external_id STRING,
  sela_id BIGINT,
  field STRING,
  `from` STRING,
  `to` STRING,
  changed_at TIMESTAMP_LTZ(6),
  observed_at TIMESTAMP_LTZ(3),
  seconds_in_previous BIGINT
) WITH (
  'connector' = 'kafka',
  'topic' = '${kafka.topics.status-changes}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.group.id' = '${kafka.group-id}-sql',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'${kafka.properties}
);

CREATE TABLE dead_letters (
  error_code STRING,
  error STRING,
  `source` ROW<`topic` STRING, `partition` INT, `offset` BIGINT>,
  `raw` STRING,
  raw_encoding STRING,
  raw_truncated BOOLEAN,
  raw_bytes INT,
  received_at TIMESTAMP_LTZ(3)
) WITH (
  'connector' = 'kafka',
  'topic' = '${kafka.topics.dead-letter}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.group.id' = '${kafka.group-id}-sql',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'${kafka.properties}
);

-- Every revision the compacted topic still holds (queries/source-quality.sql keeps each window's newest).
CREATE TABLE source_quality (
  lead_source STRING,
  lead_type STRING,
  window_start TIMESTAMP_LTZ(3),
  window_end TIMESTAMP_LTZ(3),
  events BIGINT,
  leads BIGINT,
  flagged MAP<STRING, BIGINT>,
  not_in_sela BIGINT,
  duplicates BIGINT,
  lookups_failed BIGINT,
  revision INT
) WITH (
  'connector' = 'kafka',
  'topic' = '${kafka.topics.source-quality}',
  'properties.bootstrap.servers' = '${kafka.bootstrap-servers}',
  'properties.group.id' = '${kafka.group-id}-sql',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json',
  'json.timestamp-format.standard' = 'ISO-8601'${kafka.properties}
);
