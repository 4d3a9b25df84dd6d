-- Every federation directory this node has taken, as the operator signed it: the keys that verified
-- a message stay provable after they rotate out of the directory in use (evidence bundles).
CREATE TABLE directory_revision (
    version    integer      PRIMARY KEY,
    issued_at  timestamptz  NOT NULL,
    sha256     varchar(64)  NOT NULL,
    jws        text         NOT NULL,
    loaded_at  timestamptz  NOT NULL
);
