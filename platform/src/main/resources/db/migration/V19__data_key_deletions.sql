-- Forgetting a user deletes its personal-data keys (crypto-shredding, ADR 0012). Every node caches unwrapped data
-- keys (io.embapi.platform.privacy.DataKeyVault), so each deletion is announced on the channel of V14; the caches
-- are emptied when it commits. Inserts and re-wraps (master-key rotation) change no key material and stay silent.
CREATE TRIGGER data_key_deleted AFTER DELETE OR TRUNCATE ON data_key
    FOR EACH STATEMENT EXECUTE FUNCTION embapi_announce_table_change();
