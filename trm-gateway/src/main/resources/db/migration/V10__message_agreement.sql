-- The agreement revision each message travelled under, as the border check found it in force when
-- it was accepted: monitoring and follow-up reports count per revision, and evidence shows what
-- was agreed when the message crossed. Null for a failure signal within one country (no agreement
-- needed) and for messages accepted before revisions were recorded.
ALTER TABLE message ADD COLUMN agreement_id varchar(64);
ALTER TABLE message ADD COLUMN agreement_revision integer CHECK (agreement_revision >= 1);
ALTER TABLE message ADD CONSTRAINT message_agreement_whole
    CHECK ((agreement_id IS NULL) = (agreement_revision IS NULL));
