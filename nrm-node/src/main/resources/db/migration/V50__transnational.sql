-- Transnational referrals: conversations with other countries' nodes and every signed message of
-- them, in and out. Outgoing rows in state QUEUED are the outbox (written in the transaction of the
-- change that causes them); incoming rows are the inbox, whose primary key makes delivery idempotent.

CREATE TABLE conversation (
    id                      uuid          PRIMARY KEY,       -- the envelopes' conversationId
    direction               varchar(10)   NOT NULL,          -- OUTGOING: we referred; INCOMING: we were referred to
    partner                 varchar(2)    NOT NULL,
    case_id                 uuid          REFERENCES case_file (id),  -- null until an incoming referral is accepted
    status                  varchar(20)   NOT NULL,          -- PENDING, ACCEPTED, DECLINED, WITHDRAWN, CLOSED
    partner_case_reference  varchar(40),
    -- The referral as received (incoming only). May hold personal data the victim consented to share;
    -- it is erased when the consent is withdrawn.
    received_referral       text,
    consent_withdrawn_at    timestamptz,
    created_at              timestamptz   NOT NULL,
    updated_at              timestamptz   NOT NULL,
    version                 integer       NOT NULL
);
CREATE INDEX conversation_case_idx ON conversation (case_id);
CREATE INDEX conversation_status_idx ON conversation (direction, status);

CREATE TABLE transnational_message (
    message_id            uuid          PRIMARY KEY,
    conversation_id       uuid          NOT NULL REFERENCES conversation (id),
    direction             varchar(3)    NOT NULL,            -- OUT or IN
    type                  varchar(30)   NOT NULL,
    state                 varchar(20)   NOT NULL,            -- QUEUED, SENT, DELIVERED, RECEIPTED, FAILED; RECEIVED for IN
    jws                   text          NOT NULL,            -- the signed envelope exactly as sent or received: evidence
    sha256                varchar(64)   NOT NULL,
    summary               text,                              -- the payload without personal data, for the thread view
    created_at            timestamptz   NOT NULL,
    expires_at            timestamptz   NOT NULL,
    attempts              integer       NOT NULL,
    next_attempt_at       timestamptz,
    last_error            varchar(300),
    receipt_jws           text,                              -- OUT: the partner's receipt; IN: the receipt we issued
    receipt_sha256        varchar(64),                       -- OUT: the hash the partner's receipt states
    receipt_received_at   timestamptz
);
CREATE INDEX transnational_message_conversation_idx ON transnational_message (conversation_id, created_at);
CREATE INDEX transnational_message_outbox_idx ON transnational_message (next_attempt_at) WHERE state = 'QUEUED';
CREATE INDEX transnational_message_sent_idx ON transnational_message (created_at) WHERE state IN ('SENT', 'DELIVERED');
