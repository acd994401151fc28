-- Query-side index of the event history (tracking processor "history-index", docs/adr/0011). Both tables are
-- derived from events alone and rebuilt by a replay; the events themselves stay in domainevententry.

-- Which project an owner/handle named, and when: one row per period (creation or transfer to deletion, transfer
-- away or the owner's deletion). Answers "the project known as alice/papers at time T" for as_of reads and history.
CREATE TABLE project_name_history (
    project_id     BIGINT      NOT NULL,
    owner          VARCHAR(20) NOT NULL,
    project_handle VARCHAR(20) NOT NULL,
    from_index     BIGINT      NOT NULL,
    from_time      TIMESTAMPTZ NOT NULL,
    until_index    BIGINT,
    until_time     TIMESTAMPTZ,
    PRIMARY KEY (project_id, from_index)
);
CREATE INDEX project_name_history_name_idx ON project_name_history (owner, project_handle, from_index);
CREATE INDEX project_name_history_open_idx ON project_name_history (owner) WHERE until_index IS NULL;

-- Which events touched which embedding: upload batches (one row per text id in the batch), single deletions, and
-- project-wide events (text_id NULL: delete-all, project deletion, deletion of the owner) that apply to every
-- text id of the project at that position. global_index points into domainevententry.
CREATE TABLE embedding_event_index (
    project_id   BIGINT      NOT NULL,
    text_id      TEXT        COLLATE "C",
    global_index BIGINT      NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    kind         VARCHAR(16) NOT NULL CHECK (kind IN ('upserted', 'deleted', 'all-deleted', 'project-deleted'))
);
CREATE UNIQUE INDEX embedding_event_index_key ON embedding_event_index (project_id, text_id, global_index)
    NULLS NOT DISTINCT;
