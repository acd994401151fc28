-- Similarity search (query side). Metadata filters test containment (@>) and key existence (?), both served by a
-- GIN index, so a selective filter finds its candidates without reading the whole project.
CREATE INDEX embedding_view_metadata_idx ON embedding_view USING gin (metadata);

-- The HNSW indexes are not created here: one partial expression index per (project, dimensions) is built at run
-- time by the embedding-view's SearchIndexes once a project is large enough to profit from it, e.g.
--   CREATE INDEX CONCURRENTLY embedding_view_hnsw_p42_d384 ON embedding_view
--       USING hnsw ((vector::halfvec(384)) halfvec_cosine_ops) WITH (m = 16, ef_construction = 64)
--       WHERE project_id = 42 AND vector_dim = 384;
-- and dropped again when the project shrinks or goes (docs/adr/0007-similarity-search.md).
