-- Data keys now seal provider API keys too, not only personal data.
ALTER TABLE personal_data_key RENAME TO data_key;
ALTER INDEX personal_data_key_subject_idx RENAME TO data_key_subject_idx;

CREATE SEQUENCE instance_id_seq;

-- Command-side lookups (with instance_registry from V5): instance shares, and which instance each project uses.
CREATE TABLE instance_share (
    instance_id BIGINT      NOT NULL REFERENCES instance_registry ON DELETE CASCADE,
    user_handle VARCHAR(20) NOT NULL,
    role        VARCHAR(10) NOT NULL CHECK (role IN ('editor', 'reader')),
    PRIMARY KEY (instance_id, user_handle)
);
CREATE INDEX instance_share_user_idx ON instance_share (user_handle);

ALTER TABLE project_registry ADD COLUMN instance_owner VARCHAR(20), ADD COLUMN instance_handle VARCHAR(20);
CREATE INDEX project_registry_instance_idx ON project_registry (instance_owner, instance_handle);

-- Query-side read model ("instance-view", tracking). The provider key itself never reaches a read model.
CREATE TABLE instance_view (
    instance_id     BIGINT      PRIMARY KEY,
    owner           VARCHAR(20) NOT NULL COLLATE handle_order,
    instance_handle VARCHAR(20) NOT NULL COLLATE handle_order,
    definition_id   BIGINT,
    endpoint        TEXT        NOT NULL DEFAULT '',
    description     TEXT        NOT NULL DEFAULT '',
    api_standard    VARCHAR(20) NOT NULL,
    model           TEXT        NOT NULL DEFAULT '',
    dimensions      INTEGER,
    context_limit   INTEGER     NOT NULL DEFAULT 0,
    has_api_key     BOOLEAN     NOT NULL,
    version         BIGINT      NOT NULL
);
CREATE UNIQUE INDEX instance_view_owner_handle_idx ON instance_view (owner, instance_handle);

CREATE TABLE instance_share_view (
    instance_id BIGINT      NOT NULL REFERENCES instance_view ON DELETE CASCADE,
    user_handle VARCHAR(20) NOT NULL COLLATE handle_order,
    role        VARCHAR(10) NOT NULL,
    PRIMARY KEY (instance_id, user_handle)
);
CREATE INDEX instance_share_view_user_idx ON instance_share_view (user_handle);
