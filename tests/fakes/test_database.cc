#include "tests/fakes/test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include "core/crypto.h"
#include "store/migrate.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"
#include "tests/fakes/fake_clock.h"

namespace jointly::testing {

std::unique_ptr<Database> NewTestDatabase(const std::string& backend, std::string* why_not,
                                          int pool) {
  static FakeClock clock;
  StatusOr<std::unique_ptr<Database>> db = Unavailable("no backend");
  if (backend == "sqlite") {
    static std::atomic<int> counter{0};
    auto dir = std::filesystem::temp_directory_path() /
               ("jointly-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
    db = OpenSqliteDatabase((dir / "test.db").string(), DatabaseOptions{pool});
  } else {
    const char* base = std::getenv("JOINTLY_TEST_POSTGRES_URL");
    if (!base || !*base) {
      *why_not = "JOINTLY_TEST_POSTGRES_URL is not set (run under tests/support/with-postgres.sh)";
      return nullptr;
    }
    std::string name = "t_";
    for (char c : Sha256Hex(RandomToken(16)).substr(0, 20)) name.push_back(c);
    try {
      pqxx::connection admin(base);
      pqxx::nontransaction tx(admin);
      tx.exec("CREATE DATABASE " + name);
    } catch (const std::exception& e) {
      *why_not = std::string("cannot create a test database: ") + e.what();
      return nullptr;
    }
    const std::string url = base;
    db = OpenPostgresDatabase(url.substr(0, url.rfind('/') + 1) + name, DatabaseOptions{pool});
  }
  if (!db.ok()) {
    *why_not = db.status().ToString();
    return nullptr;
  }
  Status migrated = Migrate(**db, clock);
  if (!migrated.ok()) {
    *why_not = migrated.ToString();
    return nullptr;
  }
  return std::move(db).value();
}

}  // namespace jointly::testing
