-- Flag rate per lead source and day (UTC, by the input event's event_time): how many distinct leads
-- each source sent, and the share of them flagged on any of their events that day.
-- The source is Sela's lead_source, else the event's (as in leads.source-quality).
SELECT
  COALESCE(sela.lead_source, `lead`.lead_source, 'unknown') AS lead_source,
  CAST(event_time AS DATE) AS `day`,
  COUNT(DISTINCT external_id) AS leads,
  COUNT(DISTINCT CASE WHEN ARRAY_CONTAINS(flags, 'CALL_DNC') THEN external_id END) AS call_dnc,
  COUNT(DISTINCT CASE WHEN ARRAY_CONTAINS(flags, 'OUT_OF_TERRITORY') THEN external_id END) AS out_of_territory,
  COUNT(DISTINCT CASE WHEN ARRAY_CONTAINS(flags, 'BAD_NUMBER') THEN external_id END) AS bad_number,
  COUNT(DISTINCT CASE WHEN ARRAY_CONTAINS(flags, 'NOT_IN_SELA') THEN external_id END) AS not_in_sela,
  COUNT(DISTINCT CASE WHEN CARDINALITY(flags) > 0 THEN external_id END) AS flagged,
  CAST(ROUND(100.0 * COUNT(DISTINCT CASE WHEN CARDINALITY(flags) > 0 THEN external_id END)
             / COUNT(DISTINCT external_id), 1) AS DECIMAL(4, 1)) AS flagged_pct
FROM enriched
GROUP BY COALESCE(sela.lead_source, `lead`.lead_source, 'unknown'), CAST(event_time AS DATE)
ORDER BY `day`, lead_source;
