-- Replies to customers (the bot's and the operators') leave through a delivery channel as a transactional outbox:
-- delivery is 'pending' when the reply is stored (in the same transaction), then 'delivered' or 'failed'; null for
-- messages that are not delivered (inbound ones, and replies stored while no reply channel was configured).
ALTER TABLE cs_message
    ADD COLUMN delivery          text CHECK (delivery IN ('pending', 'delivered', 'failed')),
    ADD COLUMN delivery_attempts integer NOT NULL DEFAULT 0,
    ADD COLUMN delivery_detail   text,
    ADD COLUMN delivered_at      timestamptz;
CREATE INDEX cs_message_pending ON cs_message (id) WHERE delivery = 'pending';
