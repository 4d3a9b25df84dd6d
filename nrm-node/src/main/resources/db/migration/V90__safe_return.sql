-- Safe return. A conversation is opened by a REFERRAL or, ahead of a return, by a
-- RETURN_PRENOTIFICATION, which carries no case data (its conversation's status is NOTIFIED).
ALTER TABLE conversation ADD COLUMN opened_by varchar(30) NOT NULL DEFAULT 'REFERRAL';
-- Sender of a return request: the day the person left under it, recorded after the fact.
ALTER TABLE conversation ADD COLUMN return_departed_on date;

-- The follow-ups the country of return owes after a departure, at the times the agreement sets;
-- each RETURN_FOLLOW_UP received answers the earliest one still open.
CREATE TABLE return_follow_up (
    id                   uuid         PRIMARY KEY,
    conversation_id      uuid         NOT NULL REFERENCES conversation (id),
    case_id              uuid         NOT NULL REFERENCES case_file (id),
    partner              varchar(2)   NOT NULL,
    seq                  integer      NOT NULL CHECK (seq >= 1),   -- 1: the first after the departure
    due_on               date         NOT NULL,
    received_message_id  uuid,                                     -- the RETURN_FOLLOW_UP that answered it
    received_at          timestamptz,
    overdue_noted_at     timestamptz,                              -- when the case's timeline was told it is overdue
    UNIQUE (conversation_id, seq),
    CHECK ((received_message_id IS NULL) = (received_at IS NULL))
);
CREATE INDEX return_follow_up_open_idx ON return_follow_up (due_on) WHERE received_at IS NULL;
CREATE INDEX return_follow_up_case_idx ON return_follow_up (case_id);
