-- Per-subject data keys for personal data in events (crypto-shredding). Kept outside the immutable log:
-- deleting a row makes that subject's sealed fields in the history unreadable for good.
-- The data key itself is stored wrapped (AES-256-GCM) under the master key named by master_key_id.
CREATE TABLE personal_data_key (
    key_id        UUID         PRIMARY KEY,
    subject       VARCHAR(100) NOT NULL,
    master_key_id VARCHAR(32)  NOT NULL,
    wrapped_key   BYTEA        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX personal_data_key_subject_idx ON personal_data_key (subject);
