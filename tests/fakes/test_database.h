// Fresh, migrated databases for tests, on either backend, and the store's
// fake.
//
// The fake for the Database interface is the real SQLite implementation on
// a throwaway file: a hand-written in-memory Database would have to
// reimplement SQL, constraints, triggers and record versions, and would then
// itself be what the tests exercise. SQLite on a temporary file is fast,
// behaves exactly as in production, and the store contract suite holds it
// to the same behaviour as PostgreSQL.
//
// PostgreSQL needs JOINTLY_TEST_POSTGRES_URL (set by
// tests/support/with-postgres.sh); without it the PostgreSQL cases skip
// themselves.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace jointly::testing {

// "sqlite" or "postgres" -> a new empty database with every migration
// applied; nullptr (and a reason) if that backend is not available here.
// `pool`: the connections the database keeps.
std::unique_ptr<Database> NewTestDatabase(const std::string& backend, std::string* why_not,
                                          int pool = 4);

// The store's fake for unit tests: NewTestDatabase("sqlite").
inline std::unique_ptr<Database> NewFakeDatabase(std::string* why_not) {
  return NewTestDatabase("sqlite", why_not);
}

}  // namespace jointly::testing
