// SQLite behind the Database interface: a pool of connections in WAL mode
// with foreign keys on, a busy timeout, full sync on commit (a crash loses
// no committed work), and a statement cache per connection.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace jointly {

// Opens (creating if absent) the SQLite database at `path`.
// Unavailable if it cannot be opened or is not a database.
StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(const std::string& path,
                                                       const DatabaseOptions& options);

}  // namespace jointly
