-- Failure signals (DELIVERY_FAILURE): a received message's row names the receipt this node issued
-- for it, so that a signal about that receipt (it died on its way back) finds what it reports on.
-- Rows received before this migration have none: a signal about their receipts is refused as
-- answering no message of this node, and stays a dead letter at the gateway.
ALTER TABLE transnational_message ADD COLUMN receipt_message_id uuid;
CREATE INDEX transnational_message_receipt_idx ON transnational_message (receipt_message_id)
    WHERE receipt_message_id IS NOT NULL;
