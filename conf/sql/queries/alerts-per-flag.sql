-- Alerts raised per flag: how many times each flag was raised and cleared, and on how many leads.
SELECT
  flag,
  severity,
  COUNT(*) FILTER (WHERE state = 'RAISED') AS raised,
  COUNT(*) FILTER (WHERE state = 'CLEARED') AS cleared,
  COUNT(DISTINCT external_id) FILTER (WHERE state = 'RAISED') AS leads
FROM alerts
GROUP BY flag, severity
ORDER BY raised DESC, flag;
