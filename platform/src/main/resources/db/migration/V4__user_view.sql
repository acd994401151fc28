-- Query-side read model of users (tracking processor "user-view"). Handles sort as the reference's database
-- collation does: punctuation such as the leading underscore of "_system" is ignored at the first level.
CREATE COLLATION IF NOT EXISTS handle_order (provider = icu, locale = 'und-u-ka-shifted');

CREATE TABLE user_view (
    user_handle   VARCHAR(20)  PRIMARY KEY COLLATE handle_order,
    name          TEXT,
    email         TEXT,
    key_hash      CHAR(64),
    registered_at TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL
);
