-- An answer to a Minister's comment is changed only by someone who saw its
-- newest version, like other versioned records.
ALTER TABLE minister_comments ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
