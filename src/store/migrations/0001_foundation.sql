-- Foundation: directory, people, sign-in, audit trail.
-- {{ID}} is an auto-generated BIGINT primary key in either dialect.
-- Booleans are INTEGER 0/1; timestamps are ISO 8601 UTC text.

CREATE TABLE inspectorates (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  short_name TEXT NOT NULL,
  full_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('criminal_justice', 'partner', 'joint_body')),
  closed_year INTEGER,
  findings TEXT NOT NULL CHECK (findings IN ('recommendations', 'concerns')),
  sends_embargoed_copies INTEGER NOT NULL DEFAULT 0,
  senior_oversight_title TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

CREATE TABLE bodies (
  id {{ID}},
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  region TEXT NOT NULL DEFAULT '',
  nation TEXT NOT NULL CHECK (nation IN ('england', 'wales', 'england_and_wales')),
  in_london INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);
CREATE INDEX bodies_by_name ON bodies (name, id);
CREATE INDEX bodies_by_type ON bodies (type, name, id);

CREATE TABLE users (
  id {{ID}},
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  inspectorate_id BIGINT REFERENCES inspectorates (id),
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  version BIGINT NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users (id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

CREATE TABLE api_tokens (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  prefix TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at TEXT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at TEXT NOT NULL,
  actor_id BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id BIGINT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_by_entity ON audit_log (entity_type, entity_id, seq);

-- The newest entry's seq and hash: deleting entries from the end of the log
-- is caught by comparing with this row.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Shipped reference data sets already loaded, so a restart never re-adds
-- what people have since changed.
CREATE TABLE reference_data_loads (
  name TEXT PRIMARY KEY,
  loaded_at TEXT NOT NULL
);
