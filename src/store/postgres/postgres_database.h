// PostgreSQL behind the Database interface, through libpqxx: a pool of
// connections, `?` placeholders rewritten to $n, errors mapped by SQLSTATE,
// lost connections replaced on next use.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace jointly {

// Unavailable if the server cannot be reached with `url`.
StatusOr<std::unique_ptr<Database>> OpenPostgresDatabase(const std::string& url,
                                                         const DatabaseOptions& options);

// "a = ? AND b = '?'" -> "a = $1 AND b = '?'" (quoted text is left alone).
std::string RewritePlaceholders(std::string_view sql);

}  // namespace jointly
