-- Agreement follow-up (docs/PROTOCOL.md section 16). Each transnational message records the
-- agreement revision it travelled under, as this node's own check found it in force when it queued
-- or took the message: the follow-up report counts per revision, and measures each referral against
-- the response time agreed in its revision. Null for messages before this migration (not counted)
-- and for a failure signal from the node's own gateway (no agreement needed).
ALTER TABLE transnational_message ADD COLUMN agreement_id varchar(64);
ALTER TABLE transnational_message ADD COLUMN agreement_revision integer CHECK (agreement_revision >= 1);
ALTER TABLE transnational_message ADD CONSTRAINT transnational_message_agreement_whole
    CHECK ((agreement_id IS NULL) = (agreement_revision IS NULL));
CREATE INDEX transnational_message_referral_agreement_idx ON transnational_message (agreement_id, created_at)
    WHERE type = 'REFERRAL';

-- The answer to the referral that opened a conversation, kept apart from its status, which moves on
-- (an accepted referral is CLOSED later, a pending one may be WITHDRAWN): ACCEPTED or DECLINED, and
-- when this node sent it (a referral it received) or took it (one it sent).
ALTER TABLE conversation ADD COLUMN answer varchar(10) CHECK (answer IN ('ACCEPTED', 'DECLINED'));
ALTER TABLE conversation ADD COLUMN answered_at timestamptz;
ALTER TABLE conversation ADD CONSTRAINT conversation_answer_whole CHECK ((answer IS NULL) = (answered_at IS NULL));
UPDATE conversation c SET answer = CASE WHEN (r.summary::jsonb ->> 'accepted')::boolean THEN 'ACCEPTED' ELSE 'DECLINED' END,
                          answered_at = r.created_at
FROM (SELECT DISTINCT ON (conversation_id) conversation_id, summary, created_at FROM transnational_message
      WHERE type = 'REFERRAL_RESPONSE' ORDER BY conversation_id, created_at) r
WHERE r.conversation_id = c.id;
