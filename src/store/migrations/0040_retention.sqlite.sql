-- The audit trail's entries from now on hash the SHA-256 of the record
-- contents they hold rather than the contents (format 2), so that the
-- contents of a destroyed record can be removed from them while the chain
-- still verifies: a removed entry keeps the two digests and the seq of the
-- destruction certificate that removed it.
ALTER TABLE audit_log ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit_log ADD COLUMN before_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN after_sha256 TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN removed_by BIGINT NOT NULL DEFAULT 0;

-- The one change the audit log allows (R22): a destruction certificate
-- removing a destroyed record's contents from an entry, which keeps every
-- other field and its hash.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.removed_by = 0 AND NEW.removed_by > 0 AND NEW.before_json = '' AND NEW.after_json = '' AND NEW.seq = OLD.seq AND NEW.at = OLD.at AND NEW.actor_id = OLD.actor_id AND NEW.actor = OLD.actor AND NEW.action = OLD.action AND NEW.entity_type = OLD.entity_type AND NEW.entity_id = OLD.entity_id AND NEW.prev_hash = OLD.prev_hash AND NEW.hash = OLD.hash AND NEW.format = OLD.format)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
