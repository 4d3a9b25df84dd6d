-- A message waiting out a failed attempt (backing_off) is told from one leased right now (its
-- next_attempt_at is then the lease's end): when its peer answers again, only the former are made
-- due at once, so that a backlog does not wait out back-offs of up to minutes after the peer is back.
ALTER TABLE message ADD COLUMN backing_off boolean NOT NULL DEFAULT false;
CREATE INDEX message_backing_off ON message (direction, to_country, next_attempt_at)
    WHERE state = 'ACCEPTED' AND backing_off;
