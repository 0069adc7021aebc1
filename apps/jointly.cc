// jointly: the one executable, and the one place that picks the
// implementations behind the interfaces: the database from the --db URL
// (SQLite or PostgreSQL) and the MIP solver (CBC). Everything else is in
// the libraries.
#include <malloc.h>

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "cli/cli.h"
#include "planning/cbc/cbc_solver.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace {

// "sqlite:PATH" (creating PATH's folder if needed) or "postgresql://..." /
// "postgres://...".
jointly::StatusOr<std::unique_ptr<jointly::Database>> OpenDatabase(
    const std::string& url, const jointly::DatabaseOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    const std::filesystem::path file = url.substr(7);
    std::error_code ec;  // an unusable folder is reported by the open below
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    return jointly::OpenSqliteDatabase(file.string(), options);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return jointly::OpenPostgresDatabase(url, options);
  }
  return jointly::InvalidArgument(
      "Database URL must start with sqlite: or postgresql:// (got \"" + url + "\")", "db-url");
}

}  // namespace

int main(int argc, char** argv) {
  // Each request frees many small blocks (JSON, rows) and then allocates a
  // 4 KB buffer; with glibc's fast bins on, that allocation consolidates
  // them every time (7% of the CPU in bench/). Small blocks still go
  // through the per-thread cache.
  mallopt(M_MXFAST, 0);
  jointly::cli::Implementations implementations;
  implementations.open_database = OpenDatabase;
  implementations.new_solver = [] { return std::make_unique<jointly::CbcSolver>(); };
  return jointly::cli::Main(argc, argv, implementations);
}
