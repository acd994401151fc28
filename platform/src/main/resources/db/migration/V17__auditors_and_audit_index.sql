-- Auditor credentials (command-side lookup, written in the command's transaction by the subscribing processor
-- "auditor-registry" from AuditorGrantedEvent/AuditorRevokedEvent; read by the AUDITOR step of authentication).
-- It holds nothing the auditor events do not, so it can be rebuilt from them.
CREATE TABLE auditor_registry (
    auditor_handle VARCHAR(20) PRIMARY KEY,
    key_hash       CHAR(64)    NOT NULL UNIQUE,
    granted_at     TIMESTAMPTZ NOT NULL,
    granted_by     VARCHAR(64) NOT NULL
);
-- Auditor lookups are cached per node (io.embapi.platform.cache.TableChanges, V14): announce every change.
CREATE TRIGGER auditor_registry_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON auditor_registry
    FOR EACH STATEMENT EXECUTE FUNCTION embapi_announce_table_change();

-- The audit API (query-side audit/) reads the event store itself. Two expression indexes let it page by actor and
-- by event type in position order without reading the events it skips.
-- convert_from is only STABLE (it depends on the server encoding, which never changes for a database), so the
-- actor is read through an IMMUTABLE wrapper; metadata is Axon's JSON of the audit keys (MetadataKeys).
CREATE FUNCTION embapi_event_actor(metadata BYTEA) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT convert_from(metadata, 'UTF8')::jsonb ->> 'actor'
$$;
-- The short type name: the payload type's simple class name (e.g. UserRegisteredEvent).
CREATE FUNCTION embapi_event_type(payloadtype TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT substring(payloadtype FROM '[^.$]+$')
$$;
CREATE INDEX domainevententry_actor_idx ON domainevententry (embapi_event_actor(metadata), globalindex);
CREATE INDEX domainevententry_type_idx ON domainevententry (embapi_event_type(payloadtype), globalindex);

-- Which events concern which resource (projection "audit-resources", query-side audit/AuditResourceProjection):
-- one row per (resource, event). Resources are stream ids (user:alice, project:7, instance:3, auditor:carol, …),
-- the readable names of numbered streams at the time of the event (project:alice/p1, instance:alice/emb1,
-- definition:alice/d1), and single embeddings (embedding:alice/p1/<text id>), which live inside batch streams.
CREATE TABLE audit_resource (
    resource     VARCHAR(1200) NOT NULL,
    global_index BIGINT        NOT NULL,
    PRIMARY KEY (resource, global_index)
);
-- The projection's own memory of the readable name of each numbered stream (project:7 -> project:alice/p1).
CREATE TABLE audit_resource_name (
    stream VARCHAR(255) PRIMARY KEY,
    name   VARCHAR(300) NOT NULL
);
