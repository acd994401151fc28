-- The project's metadata schema, for the ingestion's checks.
ALTER TABLE project_registry ADD COLUMN metadata_scheme TEXT;

-- Command-side lookup ("embedding-registry", subscribing): the current text and metadata of every embedding, so an
-- upload can merge metadata and keep text; rows are locked while a batch that touches them is checked.
CREATE TABLE embedding_registry (
    project_id BIGINT NOT NULL REFERENCES project_registry ON DELETE CASCADE,
    text_id    TEXT   NOT NULL,
    text       TEXT   NOT NULL DEFAULT '',
    metadata   JSONB,
    PRIMARY KEY (project_id, text_id)
);

-- Query-side read model ("embedding-view", tracking): vectors in half precision as the reference stores them;
-- full float32 precision stays in the events.
CREATE TABLE embedding_view (
    project_id BIGINT      NOT NULL,
    text_id    TEXT        NOT NULL COLLATE "C",
    text       TEXT        NOT NULL DEFAULT '',
    vector     halfvec     NOT NULL,
    vector_dim INTEGER     NOT NULL,
    metadata   JSONB,
    updated_at TIMESTAMPTZ NOT NULL,
    position   BIGINT      NOT NULL,
    PRIMARY KEY (project_id, text_id)
);
