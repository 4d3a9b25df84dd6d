-- nrm-node schema. Case metadata, personal data, consent and the audit trail live in separate tables
-- so that personal data can be shown only to those who need it and erased while the history stays.

CREATE TABLE organisation (
    id          varchar(64)  PRIMARY KEY,          -- the value of the `org` claim of its users' tokens
    name        varchar(200) NOT NULL,
    type        varchar(40)  NOT NULL,             -- HTCDS org_Type
    country     varchar(2)   NOT NULL,
    active      boolean      NOT NULL,
    created_at  timestamptz  NOT NULL,
    version     integer      NOT NULL
);

-- One row per year: numbers of human-readable case references restart every year.
CREATE TABLE case_reference_counter (
    year        integer PRIMARY KEY,
    last_number integer NOT NULL
);

CREATE TABLE case_file (
    id                        uuid         PRIMARY KEY,
    reference                 varchar(20)  NOT NULL UNIQUE,
    phase                     varchar(30)  NOT NULL,
    identification_status     varchar(20)  NOT NULL,
    forms_of_exploitation     varchar(30)[] NOT NULL,
    citizenship               varchar(2),
    country_of_origin         varchar(2),
    country_of_exploitation   varchar(2),
    referring_organisation_id varchar(64)  REFERENCES organisation (id),
    lead_organisation_id      varchar(64)  REFERENCES organisation (id),
    sex                       varchar(40),
    age_at_identification     integer,
    anonymous                 boolean      NOT NULL,
    do_not_contact_origin     boolean      NOT NULL,
    reflection_period_start   date,
    reflection_period_end     date,
    closure_reason            varchar(500),
    personal_data_erased_at   timestamptz,
    created_at                timestamptz  NOT NULL,
    created_by                varchar(100) NOT NULL,
    updated_at                timestamptz  NOT NULL,
    version                   integer      NOT NULL
);
CREATE INDEX case_file_lead_idx ON case_file (lead_organisation_id);
CREATE INDEX case_file_referring_idx ON case_file (referring_organisation_id);
CREATE INDEX case_file_phase_idx ON case_file (phase);
CREATE INDEX case_file_created_idx ON case_file (created_at DESC);

CREATE TABLE personal_data (
    case_id            uuid          PRIMARY KEY REFERENCES case_file (id),
    given_name         varchar(200),
    family_name        varchar(200),
    aliases            varchar(500),
    date_of_birth      date,
    place_of_birth     varchar(200),
    gender             varchar(40),
    languages          varchar(200),
    address            varchar(500),
    phone              varchar(50),
    email              varchar(200),
    identity_document  varchar(200),
    notes              varchar(4000),
    updated_at         timestamptz   NOT NULL,
    updated_by         varchar(100)  NOT NULL,
    version            integer       NOT NULL
);

CREATE TABLE consent (
    id                 uuid          PRIMARY KEY,
    case_id            uuid          NOT NULL REFERENCES case_file (id),
    scope              varchar(30)   NOT NULL,
    country            varchar(2),
    given_by           varchar(20)   NOT NULL,     -- VICTIM or GUARDIAN
    guardian           varchar(200),
    interpreter        varchar(200),
    language           varchar(20),
    given_at           timestamptz   NOT NULL,
    recorded_by        varchar(100)  NOT NULL,
    withdrawn_at       timestamptz,
    withdrawn_recorded_by varchar(100)
);
CREATE INDEX consent_case_idx ON consent (case_id);

CREATE TABLE assessment (
    id           uuid          PRIMARY KEY,
    case_id      uuid          NOT NULL REFERENCES case_file (id),
    kind         varchar(10)   NOT NULL,         -- NEEDS or RISK
    risk_level   varchar(10),
    needs        varchar(30)[] NOT NULL,
    summary      varchar(4000),
    assessed_at  timestamptz   NOT NULL,
    assessed_by  varchar(100)  NOT NULL
);
CREATE INDEX assessment_case_idx ON assessment (case_id);

CREATE TABLE service_referral (
    id                        uuid          PRIMARY KEY,
    case_id                   uuid          NOT NULL REFERENCES case_file (id),
    service_type              varchar(30)   NOT NULL,
    provider_organisation_id  varchar(64)   NOT NULL REFERENCES organisation (id),
    status                    varchar(20)   NOT NULL,
    outcome                   varchar(1000),
    requested_at              timestamptz   NOT NULL,
    requested_by              varchar(100)  NOT NULL,
    updated_at                timestamptz   NOT NULL,
    version                   integer       NOT NULL
);
CREATE INDEX service_referral_case_idx ON service_referral (case_id);
CREATE INDEX service_referral_provider_idx ON service_referral (provider_organisation_id, case_id);

CREATE TABLE proceeding (
    id              uuid          PRIMARY KEY,
    case_id         uuid          NOT NULL REFERENCES case_file (id),
    kind            varchar(20)   NOT NULL,     -- CRIMINAL, CIVIL, ADMINISTRATIVE
    status          varchar(20)   NOT NULL,
    authority       varchar(200),
    file_reference  varchar(100),
    opened_on       date,
    closed_on       date,
    outcome         varchar(500),
    version         integer       NOT NULL
);
CREATE INDEX proceeding_case_idx ON proceeding (case_id);

-- Case monitoring: every change to a case, in order. Details never hold personal data.
CREATE TABLE case_event (
    id           bigserial     PRIMARY KEY,
    case_id      uuid          NOT NULL REFERENCES case_file (id),
    type         varchar(40)   NOT NULL,
    detail       varchar(500),
    actor        varchar(100)  NOT NULL,
    occurred_at  timestamptz   NOT NULL
);
CREATE INDEX case_event_case_idx ON case_event (case_id, id);

-- Every access to personal data. Each entry's hash covers its fields and the previous entry's hash,
-- so that a changed, inserted or deleted row breaks the chain from that point on.
CREATE TABLE audit_entry (
    seq           bigint        PRIMARY KEY,
    occurred_at   timestamptz   NOT NULL,
    actor         varchar(100)  NOT NULL,
    organisation  varchar(64),
    action        varchar(20)   NOT NULL,
    resource      varchar(40)   NOT NULL,
    case_id       uuid,
    prev_hash     varchar(64)   NOT NULL,
    hash          varchar(64)   NOT NULL
);
CREATE INDEX audit_entry_case_idx ON audit_entry (case_id, seq);

-- The chain's head, locked by each writer so that entries are appended one after the other.
CREATE TABLE audit_head (
    id    integer      PRIMARY KEY CHECK (id = 1),
    seq   bigint       NOT NULL,
    hash  varchar(64)  NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
