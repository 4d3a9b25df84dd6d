-- The own node's signed audit checkpoints (org.trm.gateway.anchor): an anchor for the node's audit
-- trail outside the node's database, so that cutting the trail's tail on the node no longer goes
-- unnoticed. One row per checkpointed sequence number; the JWS is kept as the node signed it.
CREATE TABLE audit_checkpoint (
    seq          bigint PRIMARY KEY,
    hash         varchar(64)  NOT NULL,
    country      varchar(2)   NOT NULL,
    issued_at    timestamptz  NOT NULL,
    signing_kid  varchar(200) NOT NULL,
    jws          text         NOT NULL,
    received_at  timestamptz  NOT NULL
);

-- Append-only: UPDATE, DELETE and TRUNCATE are refused for every role, the gateway's own included,
-- so neither a bug, an injected statement nor a careless operator's DELETE can move the anchor back.
-- What it does not stop: the table's owner or a superuser can drop or disable these triggers, or the
-- table (docs/ARCHITECTURE.md, the audit anchor, says what that leaves).
CREATE FUNCTION audit_checkpoint_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_checkpoint is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_checkpoint_no_change BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_append_only();
-- TRUNCATE fires no row triggers: it needs a statement trigger of its own.
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_append_only();
