#include "store/postgres/postgres_database.h"

#include <cctype>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <pqxx/pqxx>
#include <unordered_map>
#include <vector>

#include "core/text.h"

namespace jointly {

std::string RewritePlaceholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += "$" + std::to_string(++n);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace {

Status MapException(const std::exception& e, std::string_view what) {
  const std::string msg = std::string(what) + ": " + e.what();
  if (dynamic_cast<const pqxx::unique_violation*>(&e)) return AlreadyExists(msg, "unique");
  if (dynamic_cast<const pqxx::foreign_key_violation*>(&e)) {
    return FailedPrecondition(msg, "foreign-key");
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) return Unavailable(msg);
  if (auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    const std::string& state = sql->sqlstate();
    if (state == "P0001") return FailedPrecondition(msg, "append-only");
    if (state.rfind("23", 0) == 0) return FailedPrecondition(msg, "constraint");
    if (state == "40001" || state == "40P01") return Unavailable(msg);
  }
  return Internal(msg);
}

// Whether PostgreSQL can prepare `sql` (PREPARE takes only these).
bool Preparable(std::string_view sql) {
  size_t i = 0;
  while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
  std::string word;
  while (i < sql.size() && std::isalpha(static_cast<unsigned char>(sql[i]))) {
    word += static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++])));
  }
  return word == "SELECT" || word == "INSERT" || word == "UPDATE" || word == "DELETE" ||
         word == "WITH" || word == "VALUES";
}

// A pooled connection and the statements prepared on it, by their SQL: each
// statement the store runs is parsed and planned once per connection.
struct Connection {
  std::unique_ptr<pqxx::connection> conn;
  // SQL -> name, looked up by the caller's string_view without copying the SQL.
  std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> prepared;
};

class PostgresTransaction final : public Transaction {
 public:
  PostgresTransaction(pqxx::transaction_base& txn, Connection& conn) : txn_(txn), conn_(conn) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

  StatusOr<std::vector<SqlRow>> Query(std::string_view sql, const SqlParams& params) override {
    std::vector<SqlRow> rows;
    RETURN_IF_ERROR(Each(sql, params, [&](SqlRow& row) {
      rows.push_back(std::move(row));
      return OkStatus();
    }));
    return rows;
  }

  // The result's rows one at a time into the same row, its text
  // overwritten in place: no row is kept beyond the call.
  Status ForEachRow(std::string_view sql, const SqlParams& params,
                    const std::function<Status(SqlRow&)>& each) override {
    return Each(sql, params, each);
  }

  StatusOr<int64_t> Execute(std::string_view sql, const SqlParams& params) override {
    ASSIGN_OR_RETURN(std::vector<SqlRow> rows, Query(sql, params));
    (void)rows;
    return last_affected_;
  }

  Status ExecuteScript(std::string_view sql) override {
    try {
      txn_.exec(std::string(sql));
      return OkStatus();
    } catch (const std::exception& e) {
      return MapException(e, "running script");
    }
  }

 private:
  // Runs `sql` and hands `each` its rows in order in one SqlRow (a row
  // `each` moved away starts again empty).
  Status Each(std::string_view sql, const SqlParams& params,
              const std::function<Status(SqlRow&)>& each) {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> ptrs(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].is_null()) continue;
      texts[i] = params[i].AsText();
      ptrs[i] = texts[i].c_str();
    }
    try {
      pqxx::result r = Run(sql, ptrs);
      last_affected_ = static_cast<int64_t>(r.affected_rows());
      SqlRow row;
      for (const auto& pr : r) {
        row.values.resize(pr.size());
        size_t c = 0;
        for (const auto& f : pr) {
          if (f.is_null()) {
            row.values[c++] = SqlValue();
          } else {
            row.values[c++].AssignText(std::string_view(f.c_str(), f.size()));
          }
        }
        RETURN_IF_ERROR(each(row));
      }
      return OkStatus();
    } catch (const std::exception& e) {
      return MapException(e, "running SQL");
    }
  }

  pqxx::result Run(std::string_view sql, const std::vector<const char*>& params) {
    if (!Preparable(sql)) {
      return txn_.exec_params(RewritePlaceholders(sql), pqxx::prepare::make_dynamic_params(params));
    }
    auto it = conn_.prepared.find(sql);
    if (it == conn_.prepared.end()) {
      std::string name = "s" + std::to_string(conn_.prepared.size() + 1);
      conn_.conn->prepare(name, RewritePlaceholders(sql));
      it = conn_.prepared.emplace(std::string(sql), std::move(name)).first;
    }
    return txn_.exec_prepared(it->second, pqxx::prepare::make_dynamic_params(params));
  }

  pqxx::transaction_base& txn_;
  Connection& conn_;
  int64_t last_affected_ = 0;
};

class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, int size) : url_(std::move(url)), size_(size) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

  Status Write(const std::function<Status(Transaction&)>& body) override {
    return Run<pqxx::work>(body);
  }
  // A read sends its statements alone, with no BEGIN and COMMIT around
  // them: a single statement is then one round trip. Each statement sees
  // what was committed when it began, as in a read-committed transaction.
  Status Read(const std::function<Status(Transaction&)>& body) override {
    return Run<pqxx::nontransaction>(body);
  }
  // Each table is rewritten by VACUUM FULL, which cannot run in a
  // transaction: the read's connection runs without one.
  Status Compact(const std::vector<std::string>& tables) override {
    return Run<pqxx::nontransaction>([&](Transaction& tx) -> Status {
      for (const std::string& table : tables) {
        RETURN_IF_ERROR(tx.ExecuteScript("VACUUM FULL " + table));
      }
      return OkStatus();
    });
  }
  Status Backup(const std::string&) override {
    return FailedPrecondition(
        "On PostgreSQL, take a consistent copy with pg_dump (for example: pg_dump --format=custom "
        "--file=jointly.dump \"$DATABASE_URL\"); it does not block the running server",
        "backup-postgres");
  }

  Status Connect() {
    std::lock_guard lock(mu_);
    for (int i = 0; i < size_; ++i) {
      try {
        free_.push_back(Connection{std::make_unique<pqxx::connection>(url_), {}});
      } catch (const std::exception& e) {
        return Unavailable(std::string("cannot connect to PostgreSQL: ") + e.what());
      }
    }
    return OkStatus();
  }

 private:
  template <typename Txn>
  Status Run(const std::function<Status(Transaction&)>& body) {
    // Callers take the pool's connections in the order they came: one that
    // finds none free waits in line, and a connection given back goes
    // straight to the first in line, waking that caller alone.
    Connection conn;
    {
      std::unique_lock lock(mu_);
      if (waiting_.empty() && !free_.empty()) {
        conn = std::move(free_.back());
        free_.pop_back();
      } else {
        Waiter me;
        waiting_.push_back(&me);
        me.cv.wait(lock, [&] { return me.given; });
        conn = std::move(me.conn);
      }
    }
    Status result;
    try {
      if (!conn.conn || !conn.conn->is_open()) {
        conn = Connection{std::make_unique<pqxx::connection>(url_), {}};
      }
      Txn txn(*conn.conn);
      PostgresTransaction tx(txn, conn);
      result = body(tx);
      if (result.ok()) txn.commit();
    } catch (const std::exception& e) {
      result = MapException(e, "PostgreSQL transaction");
      if (conn.conn && !conn.conn->is_open()) conn = Connection{};
    }
    {
      std::lock_guard lock(mu_);
      if (waiting_.empty()) {
        free_.push_back(std::move(conn));
      } else {
        Waiter* next = waiting_.front();
        waiting_.pop_front();
        next->conn = std::move(conn);
        next->given = true;
        next->cv.notify_one();
      }
    }
    return result;
  }

  const std::string url_;
  const int size_;
  // A caller waiting for a connection, given one by the caller before it.
  struct Waiter {
    std::condition_variable cv;
    bool given = false;
    Connection conn;
  };
  std::mutex mu_;
  std::vector<Connection> free_;
  std::deque<Waiter*> waiting_;  // first in line first
};

}  // namespace

StatusOr<std::unique_ptr<Database>> OpenPostgresDatabase(const std::string& url,
                                                         const DatabaseOptions& options) {
  auto db = std::make_unique<PostgresDatabase>(url, std::max(1, options.pool_size));
  RETURN_IF_ERROR(db->Connect());
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace jointly
