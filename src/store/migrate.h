// Versioned schema migrations, shipped inside the binary from
// store/migrations/. NNNN_name.sql runs on both backends; an optional
// NNNN_name.sqlite.sql or NNNN_name.postgres.sql runs after it on that one.
// Each applied migration is recorded with a checksum; a shipped migration is
// never edited, and Migrate() refuses to start if one was.
#pragma once

#include "core/clock.h"
#include "store/database.h"

namespace jointly {

// Applies every migration not yet recorded, each in its own transaction.
// FailedPrecondition if a recorded migration's checksum differs from the
// shipped one, or the database is newer than this binary.
Status Migrate(Database& db, const Clock& clock);

// Number of migrations this binary ships.
int ShippedMigrationCount();

// FailedPrecondition if two shipped migrations share a number (whose
// changes would otherwise be merged as one) or the numbers skip one.
Status CheckShippedMigrations();

}  // namespace jointly
