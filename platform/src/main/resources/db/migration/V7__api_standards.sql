-- Command-side lookups for API standards ("api-standard-registry", subscribing) and for LLM service definitions
-- (filled by the definitions slice; an API standard in use by a definition cannot be deleted).
CREATE TABLE api_standard_registry (
    api_standard_handle VARCHAR(20) PRIMARY KEY
);

CREATE TABLE definition_registry (
    definition_id     BIGINT      PRIMARY KEY,
    owner             VARCHAR(20) NOT NULL,
    definition_handle VARCHAR(20) NOT NULL,
    api_standard      VARCHAR(20) NOT NULL,
    is_public         BOOLEAN     NOT NULL,
    UNIQUE (owner, definition_handle)
);
CREATE INDEX definition_registry_standard_idx ON definition_registry (api_standard);

-- Query-side read model of API standards ("api-standard-view", tracking).
CREATE TABLE api_standard_view (
    api_standard_handle VARCHAR(20) PRIMARY KEY COLLATE handle_order,
    description         TEXT        NOT NULL,
    key_method          VARCHAR(20) NOT NULL,
    key_field           TEXT        NOT NULL,
    version             BIGINT      NOT NULL
);
