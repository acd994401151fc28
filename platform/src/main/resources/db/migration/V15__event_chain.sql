-- Tamper evidence for the event history (io.embapi.platform.audit, ADR 0008).
--
-- Every event gets the id of the transaction that wrote it. A transaction id below the oldest one still running
-- (pg_snapshot_xmin) belongs to a finished transaction, so every event it wrote is visible or never will be: the
-- chainer follows the store in (xact_id, globalindex) order up to that horizon and never skips an event that a
-- slow transaction commits late (a lower globalindex than events already chained). pg_current_xact_id() is
-- stable, so existing rows get this migration's transaction id as a stored default without rewriting the table;
-- they are chained in globalindex order.
ALTER TABLE domainevententry ADD COLUMN xact_id xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX domainevententry_xact_idx ON domainevententry (xact_id, globalindex);

-- The hash chain, in the order the chainer appended the events (chain_seq = the position, from 1).
-- hash = SHA-256(prev_hash || canonical bytes of the stored event row); the first prev_hash is 32 zero bytes.
-- event_xact_id and global_index are the event's order key, so the chainer and the verifier know where the chain
-- stands even when the head's event row is gone.
CREATE TABLE event_chain (
    chain_seq     BIGINT      PRIMARY KEY,
    global_index  BIGINT      NOT NULL UNIQUE,
    event_xact_id xid8        NOT NULL,
    prev_hash     BYTEA       NOT NULL CHECK (length(prev_hash) = 32),
    hash          BYTEA       NOT NULL CHECK (length(hash) = 32),
    chained_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
