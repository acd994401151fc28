-- Command-side lookup table (written in the command's own transaction by the subscribing "user-registry"
-- processor): which users exist, their key hash for authentication, and e-mail uniqueness.
CREATE TABLE user_registry (
    user_handle VARCHAR(20)  PRIMARY KEY,
    email_key   VARCHAR(100) UNIQUE,
    key_hash    CHAR(64)     UNIQUE,
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
