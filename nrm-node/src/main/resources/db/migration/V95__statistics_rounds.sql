-- Federation statistics by secure aggregation (docs/PROTOCOL.md section 17). One row per round this
-- node requested or takes part in. The vectors (own share, received seeds, partial sums, the
-- requester's own counts) are kept only while the round runs and set to null when it ends, so that
-- nothing of a round's arithmetic outlives it; a completed round keeps its released tables only.
CREATE TABLE statistics_round (
    id                  uuid          PRIMARY KEY,
    requester           varchar(2),                        -- null while only shares arrived, before the request
    participants        varchar(400),                      -- sorted, comma-separated
    last_year           integer,
    cells               integer,
    state               varchar(10)   NOT NULL CHECK (state IN ('WAITING', 'RUNNING', 'COMPLETE', 'FAILED')),
    deadline            timestamptz   NOT NULL,
    own_share           text,                              -- base64url vector, this node's counts minus its masks
    own_counts          text,                              -- requester only: its own counts, for the own-part rule
    seeds               text,                              -- JSON: country -> seed received
    partials            text,                              -- requester only, JSON: country -> partial sum
    partial_sent_at     timestamptz,                       -- when this node gave its partial sum (the overlap rule)
    result              text,                              -- requester only: the released tables, JSON
    problem_type        varchar(60),
    problem_countries   varchar(400),
    problem_detail      varchar(300),
    created_at          timestamptz   NOT NULL,
    finished_at         timestamptz,
    version             integer       NOT NULL
);
CREATE INDEX statistics_round_open_idx ON statistics_round (deadline) WHERE state IN ('WAITING', 'RUNNING');
CREATE INDEX statistics_round_answered_idx ON statistics_round (partial_sent_at) WHERE partial_sent_at IS NOT NULL;
CREATE INDEX statistics_round_requester_idx ON statistics_round (requester, created_at);

-- An audit entry names the round it is about and this node's part in it
-- ("statistics-round/<id>/requested" or ".../answered"): longer than the 40 characters a case's resources need.
ALTER TABLE audit_entry ALTER COLUMN resource TYPE varchar(80);
