-- Lookup caches (io.embapi.platform.cache.TableChanges): every statement that changes a table an in-memory cache
-- is built from announces the table on the channel embapi_table_changes, after its transaction commits, to every
-- node that listens. Statement-level, so a bulk change (or a TRUNCATE) is one notification; PostgreSQL folds
-- identical notifications of one transaction into one.
CREATE FUNCTION embapi_announce_table_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('embapi_table_changes', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER user_registry_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_registry
    FOR EACH STATEMENT EXECUTE FUNCTION embapi_announce_table_change();
CREATE TRIGGER project_registry_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_registry
    FOR EACH STATEMENT EXECUTE FUNCTION embapi_announce_table_change();
CREATE TRIGGER project_member_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_member
    FOR EACH STATEMENT EXECUTE FUNCTION embapi_announce_table_change();
CREATE TRIGGER user_view_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON user_view
    FOR EACH STATEMENT EXECUTE FUNCTION embapi_announce_table_change();
CREATE TRIGGER project_view_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_view
    FOR EACH STATEMENT EXECUTE FUNCTION embapi_announce_table_change();
CREATE TRIGGER instance_view_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON instance_view
    FOR EACH STATEMENT EXECUTE FUNCTION embapi_announce_table_change();
