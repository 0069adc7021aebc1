-- The Welsh version of a published report, terms of reference or
-- consultation about bodies in Wales: its title, summary and text in Welsh,
-- entered by staff. Nothing here is public: the step that releases the
-- English copy releases the Welsh one with it (store/released_store.cc),
-- as a copy of language 'cy' in released_items, searched as any other.
CREATE TABLE welsh_versions (
  id {{ID}},
  kind TEXT NOT NULL CHECK (kind IN ('report', 'inspection', 'consultation')),
  record_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  text TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  updated_by BIGINT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (kind, record_id)
);
