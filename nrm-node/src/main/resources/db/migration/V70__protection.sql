-- Protection in depth. Consent by facet: what a consent is for, which data it covers and until when
-- (existing consents keep null: no stated purpose, the whole of their scope, no end).
ALTER TABLE consent ADD COLUMN purpose varchar(500);
ALTER TABLE consent ADD COLUMN data_categories varchar(30)[];
ALTER TABLE consent ADD COLUMN valid_until date;

-- A disputed age: the person is treated as a child until an assessment decides (CoE Convention Art. 10(3)).
ALTER TABLE case_file ADD COLUMN age_disputed boolean NOT NULL DEFAULT false;

-- A child's protection records. Each names people acting for the child, so access is audited.
CREATE TABLE age_assessment (
    id            uuid          PRIMARY KEY,
    case_id       uuid          NOT NULL REFERENCES case_file (id),
    method        varchar(200)  NOT NULL,
    outcome       varchar(20)   NOT NULL,     -- CHILD, ADULT or UNDETERMINED
    assessed_age  integer,
    authority     varchar(200)  NOT NULL,
    assessed_on   date          NOT NULL,
    recorded_by   varchar(100)  NOT NULL,
    recorded_at   timestamptz   NOT NULL
);
CREATE INDEX age_assessment_case_idx ON age_assessment (case_id);

CREATE TABLE guardian_appointment (
    id            uuid          PRIMARY KEY,
    case_id       uuid          NOT NULL REFERENCES case_file (id),
    guardian      varchar(200)  NOT NULL,
    authority     varchar(200)  NOT NULL,
    appointed_on  date          NOT NULL,
    recorded_by   varchar(100)  NOT NULL,
    recorded_at   timestamptz   NOT NULL
);
CREATE INDEX guardian_appointment_case_idx ON guardian_appointment (case_id);

CREATE TABLE best_interests_determination (
    id              uuid          PRIMARY KEY,
    case_id         uuid          NOT NULL REFERENCES case_file (id),
    supports_return boolean       NOT NULL,
    authority       varchar(200)  NOT NULL,
    summary         varchar(4000),
    determined_on   date          NOT NULL,
    recorded_by     varchar(100)  NOT NULL,
    recorded_at     timestamptz   NOT NULL
);
CREATE INDEX best_interests_determination_case_idx ON best_interests_determination (case_id);

-- The victim's own request to return before the reflection and recovery period ends.
CREATE TABLE early_return_request (
    id            uuid          PRIMARY KEY,
    case_id       uuid          NOT NULL REFERENCES case_file (id),
    requested_on  date          NOT NULL,
    language      varchar(20),
    interpreter   varchar(200),
    recorded_by   varchar(100)  NOT NULL,
    recorded_at   timestamptz   NOT NULL
);
CREATE INDEX early_return_request_case_idx ON early_return_request (case_id);
