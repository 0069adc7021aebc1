#include "tests/fakes/test_database.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <pqxx/pqxx>
#include <vector>

#include "core/crypto.h"
#include "store/migrate.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"
#include "tests/fakes/fake_clock.h"

namespace jointly::testing {
namespace {

// The test databases' directories, removed when the test program ends.
class TemporaryDirectories {
 public:
  ~TemporaryDirectories() {
    std::error_code ignored;
    for (const auto& dir : dirs_) std::filesystem::remove_all(dir, ignored);
  }
  void Add(std::string dir) {
    std::lock_guard<std::mutex> lock(mu_);
    dirs_.push_back(std::move(dir));
  }

 private:
  std::mutex mu_;
  std::vector<std::string> dirs_;
};

TemporaryDirectories& Directories() {
  static TemporaryDirectories dirs;
  return dirs;
}

}  // namespace

std::unique_ptr<Database> NewTestDatabase(const std::string& backend, std::string* why_not,
                                          int pool) {
  static FakeClock clock;
  StatusOr<std::unique_ptr<Database>> db = Unavailable("no backend");
  if (backend == "sqlite") {
    // A directory of its own every time: a name made from the process id
    // alone can meet a file left by an earlier run that had the same id.
    std::string pattern = (std::filesystem::temp_directory_path() / "jointly-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      *why_not = "cannot create a directory for a test database";
      return nullptr;
    }
    Directories().Add(pattern);
    db = OpenSqliteDatabase(pattern + "/test.db", DatabaseOptions{pool});
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
