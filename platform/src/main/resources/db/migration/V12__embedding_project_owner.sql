-- The embedding-view processor's own record of who owns each project, so that deleting a user also drops the
-- embeddings of the user's projects (in the processor's own event order, independent of other projections).
CREATE TABLE embedding_project_owner (
    project_id BIGINT      PRIMARY KEY,
    owner      VARCHAR(20) NOT NULL
);
CREATE INDEX embedding_project_owner_owner_idx ON embedding_project_owner (owner);
