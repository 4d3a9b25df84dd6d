-- Phase alone selects a large share of all cases, so its index serves no search better than a scan
-- (searches by phase go through case_file_citizenship_idx or the creation-time index), while every
-- case write pays for keeping it.
DROP INDEX case_file_phase_idx;
