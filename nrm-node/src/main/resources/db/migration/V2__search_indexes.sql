-- Searches filter by citizenship (often with phase) and list newest first: serve them from an index
-- rather than a scan of every case.
CREATE INDEX case_file_citizenship_idx ON case_file (citizenship, phase, created_at DESC);
