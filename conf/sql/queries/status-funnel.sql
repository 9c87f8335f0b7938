-- Status funnel from leads.status-changes: per lead, when its Sela status first became NEW, OPEN and
-- a final status (CLOSED, LOST, CANCELLED, BAD_NUMBER, OUT_OF_TERRITORY; SPEC section 7), by Sela's
-- modified_time (the job's observed_at where Sela gave none); then, per final status reached (or
-- "not final yet"), how many leads and how long NEW -> OPEN and OPEN -> final took, in seconds.
CREATE TEMPORARY VIEW IF NOT EXISTS status_steps AS
SELECT external_id, `to` AS status, COALESCE(CAST(changed_at AS TIMESTAMP_LTZ(3)), observed_at) AS reached_at
FROM status_changes
WHERE field = 'status';

CREATE TEMPORARY VIEW IF NOT EXISTS first_final AS
SELECT external_id, status AS final_status, reached_at AS final_at
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY external_id ORDER BY reached_at) AS nth
  FROM status_steps
  WHERE status IN ('CLOSED', 'LOST', 'CANCELLED', 'BAD_NUMBER', 'OUT_OF_TERRITORY'))
WHERE nth = 1;

CREATE TEMPORARY VIEW IF NOT EXISTS lead_funnel AS
SELECT s.external_id,
       MIN(CASE WHEN s.status = 'NEW' THEN s.reached_at END) AS new_at,
       MIN(CASE WHEN s.status = 'OPEN' THEN s.reached_at END) AS open_at,
       COALESCE(MAX(f.final_status), 'not final yet') AS final_status,
       MAX(f.final_at) AS final_at
FROM status_steps AS s LEFT JOIN first_final AS f ON s.external_id = f.external_id
GROUP BY s.external_id;

SELECT
  final_status,
  COUNT(*) AS leads,
  COUNT(new_at) AS were_new,
  COUNT(open_at) AS were_open,
  AVG(TIMESTAMPDIFF(SECOND, new_at, open_at)) AS avg_s_new_to_open,
  MAX(TIMESTAMPDIFF(SECOND, new_at, open_at)) AS max_s_new_to_open,
  AVG(TIMESTAMPDIFF(SECOND, open_at, final_at)) AS avg_s_open_to_final,
  MAX(TIMESTAMPDIFF(SECOND, open_at, final_at)) AS max_s_open_to_final
FROM lead_funnel
GROUP BY final_status
ORDER BY final_status;
