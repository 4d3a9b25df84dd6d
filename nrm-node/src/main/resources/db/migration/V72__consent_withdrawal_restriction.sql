-- Which identity-data consent a referral's identity data went under, so that withdrawing it tells
-- exactly the partners that received data under it.
ALTER TABLE conversation ADD COLUMN identity_consent_id uuid;
-- At the receiver: data received under a consent the victim withdrew, kept for the record and no
-- longer shown. restricted_scope is SHARE_WITH_COUNTRY (the case) or SHARE_IDENTITY_WITH_COUNTRY.
ALTER TABLE conversation ADD COLUMN restricted_at timestamptz;
ALTER TABLE conversation ADD COLUMN restricted_scope varchar(30);
