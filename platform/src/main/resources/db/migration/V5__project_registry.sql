-- Command-side lookup tables for projects, written in the command's transaction by the subscribing
-- "project-registry" processor: (owner, handle) -> project id, the public flag and the members with their roles
-- (the owner included, as role 'owner'). Authentication's editor and reader steps read them.
CREATE SEQUENCE project_id_seq;

CREATE TABLE project_registry (
    project_id     BIGINT      PRIMARY KEY,
    owner          VARCHAR(20) NOT NULL,
    project_handle VARCHAR(20) NOT NULL,
    public_read    BOOLEAN     NOT NULL,
    UNIQUE (owner, project_handle)
);

CREATE TABLE project_member (
    project_id  BIGINT      NOT NULL REFERENCES project_registry ON DELETE CASCADE,
    user_handle VARCHAR(20) NOT NULL,
    role        VARCHAR(10) NOT NULL CHECK (role IN ('owner', 'editor', 'reader')),
    PRIMARY KEY (project_id, user_handle)
);
CREATE INDEX project_member_user_idx ON project_member (user_handle);

-- LLM service instances a project may link to, by (owner, handle). Filled by the LLM services slice.
CREATE TABLE instance_registry (
    instance_id     BIGINT      PRIMARY KEY,
    owner           VARCHAR(20) NOT NULL,
    instance_handle VARCHAR(20) NOT NULL,
    dimensions      INTEGER,
    UNIQUE (owner, instance_handle)
);
