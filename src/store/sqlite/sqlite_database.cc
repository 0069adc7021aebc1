#include "store/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/text.h"

namespace jointly {
namespace {

Status MapError(sqlite3* db, int rc, std::string_view what) {
  const int ext = sqlite3_extended_errcode(db);
  std::string msg = std::string(what) + ": " + sqlite3_errmsg(db);
  switch (ext) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return AlreadyExists(msg, "unique");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return FailedPrecondition(msg, "foreign-key");
    case SQLITE_CONSTRAINT_TRIGGER:
      return FailedPrecondition(msg, "append-only");
    default:
      break;
  }
  if ((rc & 0xFF) == SQLITE_BUSY || (rc & 0xFF) == SQLITE_LOCKED) return Unavailable(msg);
  if ((rc & 0xFF) == SQLITE_CONSTRAINT) return FailedPrecondition(msg, "constraint");
  return Internal(msg);
}

class Connection {
 public:
  explicit Connection(sqlite3* db) : db_(db) {}
  ~Connection() {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }
  sqlite3* db() const { return db_; }

  // Runs a statement without parameters or results (BEGIN, COMMIT, ...)
  // from the statement cache.
  Status Run(std::string_view sql) {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Prepare(sql));
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) return MapError(db_, rc, sql);
    return OkStatus();
  }

  StatusOr<sqlite3_stmt*> Prepare(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) {
      sqlite3_reset(it->second);
      sqlite3_clear_bindings(it->second);
      return it->second;
    }
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK) return MapError(db_, rc, "preparing SQL");
    cache_.emplace(std::string(sql), stmt);
    return stmt;
  }

 private:
  sqlite3* db_;
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
};

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(Connection& conn) : conn_(conn) {}
  Dialect dialect() const override { return Dialect::kSqlite; }

  StatusOr<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
    std::vector<SqlRow> rows;
    RETURN_IF_ERROR(ForEachRow(sql, params, [&](SqlRow& row) {
      rows.push_back(std::move(row));
      return OkStatus();
    }));
    return rows;
  }

  Status ForEachRow(std::string_view sql, const SqlParams& params,
                    const std::function<Status(SqlRow&)>& each) override {
    ASSIGN_OR_RETURN(sqlite3_stmt * stmt, conn_.Prepare(sql));
    RETURN_IF_ERROR(Bind(stmt, params));
    const size_t cols = static_cast<size_t>(sqlite3_column_count(stmt));
    SqlRow row;
    Status status = OkStatus();
    while (status.ok()) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        status = MapError(conn_.db(), rc, "running SQL");
        break;
      }
      // The same row each time, its text overwritten in place; a row
      // `each` moved away starts again empty.
      row.values.resize(cols);
      for (size_t c = 0; c < cols; ++c) {
        const int i = static_cast<int>(c);
        SqlValue& value = row.values[c];
        switch (sqlite3_column_type(stmt, i)) {
          case SQLITE_NULL:
            value = SqlValue();
            break;
          case SQLITE_INTEGER:
            value = static_cast<int64_t>(sqlite3_column_int64(stmt, i));
            break;
          case SQLITE_FLOAT:
            value = sqlite3_column_double(stmt, i);
            break;
          default:
            value.AssignText(
                std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                                 static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
        }
      }
      status = each(row);
    }
    sqlite3_reset(stmt);
    return status;
  }

  StatusOr<int64_t> Execute(std::string_view sql, const SqlParams& params) override {
    ASSIGN_OR_RETURN(std::vector<SqlRow> rows, Query(sql, params));
    (void)rows;
    return static_cast<int64_t>(sqlite3_changes64(conn_.db()));
  }

  Status ExecuteScript(std::string_view sql) override {
    char* err = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(conn_.db(), text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      Status s = MapError(conn_.db(), rc, "running script");
      sqlite3_free(err);
      return s;
    }
    return OkStatus();
  }

 private:
  Status Bind(sqlite3_stmt* stmt, const SqlParams& params) {
    if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(stmt)) {
      return Internal("SQL expects " + std::to_string(sqlite3_bind_parameter_count(stmt)) +
                      " parameters, got " + std::to_string(params.size()));
    }
    for (size_t i = 0; i < params.size(); ++i) {
      const int idx = static_cast<int>(i) + 1;
      const auto& raw = params[i].raw();
      int rc = SQLITE_OK;
      if (std::holds_alternative<std::monostate>(raw)) {
        rc = sqlite3_bind_null(stmt, idx);
      } else if (auto* v = std::get_if<int64_t>(&raw)) {
        rc = sqlite3_bind_int64(stmt, idx, *v);
      } else if (auto* d = std::get_if<double>(&raw)) {
        rc = sqlite3_bind_double(stmt, idx, *d);
      } else {
        const auto& s = std::get<std::string>(raw);
        rc = sqlite3_bind_text64(stmt, idx, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
      }
      if (rc != SQLITE_OK) return MapError(conn_.db(), rc, "binding a parameter");
    }
    return OkStatus();
  }

  Connection& conn_;
};

StatusOr<std::unique_ptr<Connection>> OpenConnection(const std::string& path);

// A thread's own reading connection (ReserveReaderForThisThread) for each
// database, by the database's serial number, which is never reused: an
// entry that outlives its database is never matched again.
struct OwnReader {
  uint64_t database = 0;
  Connection* conn = nullptr;
  bool in_use = false;  // a Read() on it has not returned (a nested one uses the pool)
};
thread_local std::vector<OwnReader> own_readers;

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(std::string path, std::vector<std::unique_ptr<Connection>> conns)
      : path_(std::move(path)), all_(std::move(conns)) {
    for (auto& c : all_) free_.push_back(c.get());
  }

  Dialect dialect() const override { return Dialect::kSqlite; }

  // Writers take SQLite's single write lock in the order they arrive: each
  // waits for its turn here, holding no connection, and only then begins.
  // Left to the busy handler, waiting writers sleep and retry with growing
  // back-off, so a writer can lose the lock again and again (seconds at the
  // tail under load). Writers in other processes still meet the busy handler.
  Status Write(const std::function<Status(Transaction&)>& body) override {
    WriterTurn turn(*this);
    return Run(body, "BEGIN IMMEDIATE");
  }
  Status Read(const std::function<Status(Transaction&)>& body) override {
    for (OwnReader& own : own_readers) {
      if (own.database != serial_ || own.in_use) continue;
      own.in_use = true;
      Status result = RunOn(*own.conn, body, "BEGIN");
      own.in_use = false;
      return result;
    }
    return Run(body, "BEGIN");
  }

  // Another connection to the same file; WAL mode lets it read while the
  // pool's connections write.
  bool ReserveReaderForThisThread() override {
    if (path_ == ":memory:") return false;  // another connection would be another database
    for (const OwnReader& own : own_readers) {
      if (own.database == serial_) return true;
    }
    auto conn = OpenConnection(path_);
    if (!conn.ok()) return false;
    own_readers.push_back({.database = serial_, .conn = conn->get(), .in_use = false});
    std::lock_guard lock(mu_);
    reserved_.push_back(std::move(*conn));
    return true;
  }

  Status Compact(const std::vector<std::string>&) override {
    WriterTurn turn(*this);
    Lease lease(*this);
    RETURN_IF_ERROR(lease.conn->Run("PRAGMA wal_checkpoint(TRUNCATE)"));
    RETURN_IF_ERROR(lease.conn->Run("VACUUM"));
    return lease.conn->Run("PRAGMA wal_checkpoint(TRUNCATE)");
  }

  Status Backup(const std::string& path) override {
    Lease lease(*this);
    sqlite3* dest = nullptr;
    if (sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
        SQLITE_OK) {
      Status s = Unavailable("cannot create backup file " + path + ": " + sqlite3_errmsg(dest));
      sqlite3_close_v2(dest);
      return s;
    }
    sqlite3_backup* b = sqlite3_backup_init(dest, "main", lease.conn->db(), "main");
    if (!b) {
      Status s = Internal(std::string("backup failed: ") + sqlite3_errmsg(dest));
      sqlite3_close_v2(dest);
      return s;
    }
    int rc;
    // Copy in steps so writers are never blocked for long; a write between
    // steps restarts the copy, so the result is always consistent.
    while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY ||
           rc == SQLITE_LOCKED) {
      if (rc != SQLITE_OK) sqlite3_sleep(10);
    }
    sqlite3_backup_finish(b);
    Status s = rc == SQLITE_DONE ? OkStatus() : MapError(dest, rc, "backup");
    sqlite3_close_v2(dest);
    return s;
  }

 private:
  struct Lease {
    explicit Lease(SqliteDatabase& db) : db(db) {
      std::unique_lock lock(db.mu_);
      db.cv_.wait(lock, [&] { return !db.free_.empty(); });
      conn = db.free_.back();
      db.free_.pop_back();
    }
    ~Lease() {
      {
        std::lock_guard lock(db.mu_);
        db.free_.push_back(conn);
      }
      db.cv_.notify_one();
    }
    SqliteDatabase& db;
    Connection* conn;
  };

  // A ticket queue: FIFO, where a mutex promises no order.
  struct WriterTurn {
    explicit WriterTurn(SqliteDatabase& db) : db(db) {
      std::unique_lock lock(db.write_mu_);
      const uint64_t ticket = db.next_ticket_++;
      db.write_cv_.wait(lock, [&] { return db.serving_ == ticket; });
    }
    ~WriterTurn() {
      {
        std::lock_guard lock(db.write_mu_);
        ++db.serving_;
      }
      db.write_cv_.notify_all();
    }
    SqliteDatabase& db;
  };

  Status Run(const std::function<Status(Transaction&)>& body, const char* begin) {
    Lease lease(*this);
    return RunOn(*lease.conn, body, begin);
  }

  static Status RunOn(Connection& conn, const std::function<Status(Transaction&)>& body,
                      const char* begin) {
    Status begun = conn.Run(begin);
    if (!begun.ok()) return begun;
    SqliteTransaction tx(conn);
    Status result = body(tx);
    if (result.ok()) {
      Status committed = conn.Run("COMMIT");
      if (committed.ok()) return result;
      result = committed;
    }
    if (!sqlite3_get_autocommit(conn.db())) conn.Run("ROLLBACK").IgnoreError();
    return result;
  }

  static uint64_t NextSerial() {
    static std::atomic<uint64_t> next{1};
    return next++;
  }

  const std::string path_;
  const uint64_t serial_ = NextSerial();
  std::vector<std::unique_ptr<Connection>> all_;
  // Threads' own readers: only the thread that reserved one uses it.
  std::vector<std::unique_ptr<Connection>> reserved_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Connection*> free_;
  std::mutex write_mu_;
  std::condition_variable write_cv_;
  uint64_t next_ticket_ = 0;  // the next writer's turn
  uint64_t serving_ = 0;      // the turn of the writer that may write now
};

StatusOr<std::unique_ptr<Connection>> OpenConnection(const std::string& path) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  auto conn = std::make_unique<Connection>(db);
  if (rc != SQLITE_OK) {
    return Unavailable("cannot open SQLite database " + path + ": " + sqlite3_errmsg(db));
  }
  sqlite3_busy_timeout(db, 5000);
  // Pages are read through SQLite's own cache, not mapped: a mapped file's
  // pages count as the process's memory and fault in one by one, which made
  // reading the whole audit trail take 290 MB and longer than copying.
  const char* pragmas =
      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
      "PRAGMA cache_size=-2000; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=0;"
      "PRAGMA secure_delete=ON;";
  char* err = nullptr;
  if (sqlite3_exec(db, pragmas, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Unavailable("cannot use SQLite database " + path + ": " + msg);
  }
  return conn;
}

}  // namespace

StatusOr<std::unique_ptr<Database>> OpenSqliteDatabase(const std::string& path,
                                                       const DatabaseOptions& options) {
  if (path.empty()) return InvalidArgument("sqlite: URL needs a file path", "db-url");
  // SQLite counts every allocation under one process-wide mutex unless told
  // not to; the server's threads each read on their own connection, and
  // that count made them queue for each other. Set before SQLite starts.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  std::vector<std::unique_ptr<Connection>> conns;
  const int n = path == ":memory:" ? 1 : std::max(1, options.pool_size);
  for (int i = 0; i < n; ++i) {
    ASSIGN_OR_RETURN(auto conn, OpenConnection(path));
    conns.push_back(std::move(conn));
  }
  return std::unique_ptr<Database>(new SqliteDatabase(path, std::move(conns)));
}

}  // namespace jointly
