-- The outbox hands messages to the gateway under a lease (next_attempt_at moved past the call), not
-- under a row lock held across it. backing_off tells a message waiting out a failed attempt from one
-- leased right now: when the gateway answers again, only the former are made due at once.
ALTER TABLE transnational_message ADD COLUMN backing_off boolean NOT NULL DEFAULT false;
CREATE INDEX transnational_message_backing_off_idx ON transnational_message (next_attempt_at)
    WHERE state = 'QUEUED' AND backing_off;
