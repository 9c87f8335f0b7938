-- Answers once, from the output topics as they are now: each table read to the end it has when the
-- query starts (batch mode), days and times in UTC. `jobs/sql` runs this after tables.sql.
SET 'execution.runtime-mode' = 'batch';
SET 'table.local-time-zone' = 'UTC';
ALTER TABLE enriched SET ('scan.bounded.mode' = 'latest-offset');
ALTER TABLE alerts SET ('scan.bounded.mode' = 'latest-offset');
ALTER TABLE status_changes SET ('scan.bounded.mode' = 'latest-offset');
ALTER TABLE dead_letters SET ('scan.bounded.mode' = 'latest-offset');
ALTER TABLE source_quality SET ('scan.bounded.mode' = 'latest-offset');
