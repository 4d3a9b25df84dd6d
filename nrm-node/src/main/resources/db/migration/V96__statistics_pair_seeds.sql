-- Federation statistics: the seeds of every pair of participants are agreed from their keys in the
-- directory (docs/PROTOCOL.md section 17.3), no longer sent; a participant answers a request with
-- its partial sum at once, and keeps no share or received seed in between.
ALTER TABLE statistics_round DROP COLUMN own_share;
ALTER TABLE statistics_round DROP COLUMN seeds;
COMMENT ON COLUMN statistics_round.requester IS 'null while only an abort arrived, before the request';
