-- One direction for the whole federation (common-model's Direction, as the gateway reports it):
-- OUTBOUND, we sent it or referred the case; INBOUND, a partner did. The stored values of both
-- tables change to it; the message column is widened first, as it held only OUT and IN.

ALTER TABLE transnational_message ALTER COLUMN direction TYPE varchar(10);
UPDATE transnational_message SET direction = CASE direction WHEN 'OUT' THEN 'OUTBOUND' WHEN 'IN' THEN 'INBOUND' END;
UPDATE conversation SET direction = CASE direction WHEN 'OUTGOING' THEN 'OUTBOUND' WHEN 'INCOMING' THEN 'INBOUND' END;
