-- Query-side read model of projects (tracking processor "project-view").
CREATE TABLE project_view (
    project_id      BIGINT      PRIMARY KEY,
    owner           VARCHAR(20) NOT NULL COLLATE handle_order,
    project_handle  VARCHAR(20) NOT NULL COLLATE handle_order,
    description     TEXT        NOT NULL DEFAULT '',
    metadata_scheme TEXT,
    instance_owner  VARCHAR(20),
    instance_handle VARCHAR(20),
    public_read     BOOLEAN     NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    version         BIGINT      NOT NULL
);
CREATE UNIQUE INDEX project_view_owner_handle_idx ON project_view (owner, project_handle);

CREATE TABLE project_member_view (
    project_id  BIGINT      NOT NULL REFERENCES project_view ON DELETE CASCADE,
    user_handle VARCHAR(20) NOT NULL COLLATE handle_order,
    role        VARCHAR(10) NOT NULL,
    PRIMARY KEY (project_id, user_handle)
);
CREATE INDEX project_member_view_user_idx ON project_member_view (user_handle);
