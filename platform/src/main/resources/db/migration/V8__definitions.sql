-- LLM service definitions. Ids 1..4 belong to the seeded _system definitions; user definitions start at 5.
CREATE SEQUENCE definition_id_seq START WITH 5;

-- Command-side lookup (with definition_registry from V7): who a definition is shared with.
CREATE TABLE definition_share (
    definition_id BIGINT      NOT NULL REFERENCES definition_registry ON DELETE CASCADE,
    user_handle   VARCHAR(20) NOT NULL,
    PRIMARY KEY (definition_id, user_handle)
);
CREATE INDEX definition_share_user_idx ON definition_share (user_handle);

-- Query-side read model ("definition-view", tracking).
CREATE TABLE definition_view (
    definition_id     BIGINT      PRIMARY KEY,
    owner             VARCHAR(20) NOT NULL COLLATE handle_order,
    definition_handle VARCHAR(20) NOT NULL COLLATE handle_order,
    endpoint          TEXT        NOT NULL DEFAULT '',
    description       TEXT        NOT NULL DEFAULT '',
    api_standard      VARCHAR(20) NOT NULL,
    model             TEXT        NOT NULL DEFAULT '',
    dimensions        INTEGER     NOT NULL DEFAULT 0,
    context_limit     INTEGER     NOT NULL DEFAULT 0,
    is_public         BOOLEAN     NOT NULL,
    version           BIGINT      NOT NULL
);
CREATE UNIQUE INDEX definition_view_owner_handle_idx ON definition_view (owner, definition_handle);

CREATE TABLE definition_share_view (
    definition_id BIGINT      NOT NULL REFERENCES definition_view ON DELETE CASCADE,
    user_handle   VARCHAR(20) NOT NULL COLLATE handle_order,
    PRIMARY KEY (definition_id, user_handle)
);
CREATE INDEX definition_share_view_user_idx ON definition_share_view (user_handle);
