-- One row per envelope this gateway has accepted, in either direction. The JWS is the only copy of
-- the (encrypted) body this gateway holds; it is purged after retention once receipted, while the
-- metadata and the receipt link stay as evidence.
CREATE TABLE message (
    message_id         uuid PRIMARY KEY,
    direction          varchar(8)  NOT NULL CHECK (direction IN ('OUTBOUND', 'INBOUND')),
    type               varchar(32) NOT NULL,
    from_country       varchar(2)     NOT NULL,
    to_country         varchar(2)     NOT NULL,
    conversation_id    uuid        NOT NULL,
    in_reply_to        uuid,
    signing_kid        varchar(64) NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz NOT NULL,
    sha256             varchar(64) NOT NULL,
    size_bytes         integer     NOT NULL,
    jws                text,
    state              varchar(16) NOT NULL CHECK (state IN ('ACCEPTED', 'FORWARDED', 'DELIVERED', 'RECEIPTED', 'DEAD')),
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz NOT NULL,
    -- Until when the workers keep trying: expiresAt, or an operator's retry window.
    deadline           timestamptz NOT NULL,
    last_error         varchar(300),
    accepted_at        timestamptz NOT NULL,
    forwarded_at       timestamptz,
    delivered_at       timestamptz,
    receipted_at       timestamptz,
    dead_at            timestamptz,
    body_purged_at     timestamptz,
    receipt_message_id uuid
);

-- The workers' queue: only rows still to be sent are indexed.
CREATE INDEX message_due ON message (direction, next_attempt_at) WHERE state = 'ACCEPTED';
CREATE INDEX message_dead ON message (dead_at) WHERE state = 'DEAD';
CREATE INDEX message_retention ON message (receipted_at) WHERE state = 'RECEIPTED' AND jws IS NOT NULL;
