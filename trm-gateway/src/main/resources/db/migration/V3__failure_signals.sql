-- The DELIVERY_FAILURE that ended a message: the signal a peer sent about it (at the sender's
-- gateway) or the one this gateway sent when it gave up on it. A message that a signal made DEAD is
-- not brought back by a late success of its own delivery; one the deadline sweep made DEAD without
-- a signal's word is.
ALTER TABLE message ADD COLUMN failure_message_id uuid;
