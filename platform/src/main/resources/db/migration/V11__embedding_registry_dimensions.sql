-- The sanity check compares every embedding's dimensions with its project's instance.
ALTER TABLE embedding_registry ADD COLUMN vector_dim INTEGER NOT NULL DEFAULT 0;
