-- What the public website shows: a copy of each thing as it was released,
-- written only by the step that publishes it, in the same transaction. The
-- public pages, search, feeds, sitemap and public API read this table and
-- nothing else, so no draft can reach them by a forgotten filter. A thing
-- released again replaces its copy; a withdrawn one keeps its row, marked.
CREATE TABLE released_items (
  id {{ID}},
  kind TEXT NOT NULL,
  slug TEXT NOT NULL,
  language TEXT NOT NULL,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  content TEXT NOT NULL,
  search_text TEXT NOT NULL,
  released_at TEXT NOT NULL,
  withdrawn_at TEXT,
  UNIQUE (kind, slug, language)
);
CREATE INDEX released_items_by_kind ON released_items (kind, released_at);
