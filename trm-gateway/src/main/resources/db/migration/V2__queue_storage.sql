-- Every relay step rewrites a row (lease, outcome, receipt), so the queue churns: vacuum it
-- sooner than the default fifth of the table, or leases scan ever more dead row versions.
ALTER TABLE message SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);
-- The JWS is base64url of a signature over ciphertext: it does not compress, so do not try.
ALTER TABLE message ALTER COLUMN jws SET STORAGE EXTERNAL;
