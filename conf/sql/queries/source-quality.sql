-- The analytics feed as it stands: each window's newest revision, per lead source and type.
CREATE TEMPORARY VIEW IF NOT EXISTS source_quality_latest AS
SELECT lead_source, lead_type, window_start, window_end, events, leads, flagged, not_in_sela, duplicates,
       lookups_failed, revision
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY lead_source, lead_type, window_start ORDER BY revision DESC) AS newest
  FROM source_quality)
WHERE newest = 1;

SELECT lead_source, lead_type, window_start, events, leads, duplicates, not_in_sela, lookups_failed,
       COALESCE(flagged['CALL_DNC'], 0) AS call_dnc, COALESCE(flagged['OUT_OF_TERRITORY'], 0) AS out_of_territory,
       revision
FROM source_quality_latest
ORDER BY window_start, lead_source, lead_type;
