-- Segmented HNSW indexes (docs/adr/0018-segmented-hnsw-ingestion.md). A project's rows are searched as an unindexed
-- tail (scanned exactly) plus sealed segments: partial HNSW indexes over ranges of the rows' event positions, built
-- in the background by SearchIndexes, e.g.
--   CREATE INDEX CONCURRENTLY embedding_view_hnsw_p42_d384_s0_51234 ON embedding_view
--       USING hnsw ((vector::halfvec(384)) halfvec_cosine_ops) WITH (m = 16, ef_construction = 64)
--       WHERE project_id = 42 AND vector_dim = 384 AND position BETWEEN 0 AND 51234;
-- A new or updated row gets a higher position than every sealed range, so it lands in the tail and pays no HNSW
-- maintenance. This btree finds the tail (and counts segments) without reading the table.
CREATE INDEX embedding_view_position_idx ON embedding_view (project_id, vector_dim, position);
