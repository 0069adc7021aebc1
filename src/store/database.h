// The one storage interface everything above store/ uses. A Database hands
// out Transactions; a Transaction runs SQL written with `?` placeholders in
// the portable subset both SQLite and PostgreSQL accept. Implementations:
// sqlite/ (default, embedded) and postgres/ (libpqxx), separate targets that
// only apps/ (which picks one from the --db URL), tests and benchmarks link.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/date.h"
#include "core/status.h"

namespace jointly {

enum class Dialect { kSqlite, kPostgres };

class SqlValue {
 public:
  SqlValue() = default;
  SqlValue(std::nullptr_t) {}                                // NOLINT
  SqlValue(int64_t v) : v_(v) {}                             // NOLINT
  SqlValue(int v) : v_(static_cast<int64_t>(v)) {}           // NOLINT
  SqlValue(bool v) : v_(static_cast<int64_t>(v ? 1 : 0)) {}  // NOLINT
  SqlValue(double v) : v_(v) {}                              // NOLINT
  SqlValue(std::string v) : v_(std::move(v)) {}              // NOLINT
  SqlValue(std::string_view v) : v_(std::string(v)) {}       // NOLINT
  SqlValue(const char* v) : v_(std::string(v)) {}            // NOLINT
  // Dates are stored as "YYYY-MM-DD" text; no date is NULL.
  SqlValue(Date v) {  // NOLINT
    if (v.ok()) v_ = v.ToIso();
  }
  template <typename T>
  SqlValue(const std::optional<T>& v) {  // NOLINT
    if (v) *this = SqlValue(*v);
  }

  bool is_null() const { return std::holds_alternative<std::monostate>(v_); }
  // Integer value; text is parsed (PostgreSQL returns text). 0 for NULL.
  int64_t AsInt() const;
  // Floating-point value; integers converted, text parsed. 0 for NULL.
  double AsDouble() const;
  // Text value; numbers are formatted (doubles exactly). "" for NULL.
  std::string AsText() const;
  // The same text, moved out of a value read once (a row about to be
  // dropped), so long columns are not copied.
  std::string TakeText();
  // Gives the text to `into` and takes `into`'s old text (its memory, to
  // be overwritten) in exchange: no copy either way. Numbers are formatted.
  void SwapText(std::string& into);
  // Overwrites the value with text, reusing this value's memory when it
  // already holds text: a row read again and again allocates nothing.
  void AssignText(std::string_view text);
  const std::variant<std::monostate, int64_t, double, std::string>& raw() const { return v_; }

 private:
  std::variant<std::monostate, int64_t, double, std::string> v_;
};

struct SqlRow {
  std::vector<SqlValue> values;
  int64_t Int(size_t i) const { return values.at(i).AsInt(); }
  bool Bool(size_t i) const { return values.at(i).AsInt() != 0; }
  double Double(size_t i) const { return values.at(i).AsDouble(); }
  std::string Text(size_t i) const { return values.at(i).AsText(); }
  std::string TakeText(size_t i) { return values.at(i).TakeText(); }
  void SwapText(size_t i, std::string& into) { values.at(i).SwapText(into); }
  bool IsNull(size_t i) const { return values.at(i).is_null(); }
  // A "YYYY-MM-DD" column; no date if it holds anything else.
  Date DateAt(size_t i) const { return Date::ParseOrNone(Text(i)); }
  std::optional<int64_t> OptInt(size_t i) const {
    return IsNull(i) ? std::nullopt : std::optional<int64_t>(Int(i));
  }
};

using SqlParams = std::vector<SqlValue>;

// A unit of work on one connection. Not thread-safe; lives only inside the
// callback given to Database::Write or Database::Read.
//
// Errors from the database are mapped: a unique key taken -> AlreadyExists;
// a foreign key or trigger refusing -> FailedPrecondition; busy/locked or a
// lost connection -> Unavailable; anything else -> Internal.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Dialect dialect() const = 0;
  virtual StatusOr<std::vector<SqlRow>> Query(std::string_view sql,
                                              const SqlParams& params = {}) = 0;
  // Returns the number of rows changed.
  virtual StatusOr<int64_t> Execute(std::string_view sql, const SqlParams& params = {}) = 0;
  // Several statements, no parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Hands `each` the rows one at a time as they are read, and keeps none:
  // for reads of many rows. The row may be the same object each time,
  // overwritten in place, so `each` takes what it keeps (SwapText gives
  // the row memory to overwrite in exchange). By default the rows are
  // read with Query first.
  virtual Status ForEachRow(std::string_view sql, const SqlParams& params,
                            const std::function<Status(SqlRow&)>& each);

  // Convenience: the first row, or NotFound(`what` + " not found").
  StatusOr<SqlRow> QueryOne(std::string_view sql, const SqlParams& params, std::string_view what);
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Runs `body` in a read-write transaction that commits if it returns OK
  // and rolls back otherwise; writers are serialised as the backend needs.
  // Thread-safe: each call takes a connection from a pool.
  virtual Status Write(const std::function<Status(Transaction&)>& body) = 0;
  // Runs `body` as a read: on SQLite one snapshot; on PostgreSQL each statement's own.
  virtual Status Read(const std::function<Status(Transaction&)>& body) = 0;
  // A consistent copy of the whole database at `path`, taken while others
  // keep working. FailedPrecondition where the backend has its own tool.
  virtual Status Backup(const std::string& path) = 0;
  // Gives the calling thread a connection of its own, kept as long as the
  // database, that its Read() calls use from then on instead of waiting
  // for one from the pool: for a thread that must never wait (the web
  // transport's I/O threads, which run short reads inline). False where
  // the backend keeps no such connection (PostgreSQL, whose reads are
  // round trips to the server; an in-memory SQLite database); the thread's
  // reads then go through the pool.
  virtual bool ReserveReaderForThisThread() { return false; }
  // R22: after content was destroyed, rewrites the storage so no copy of it
  // is left in the database's files: SQLite checkpoints and truncates its
  // write-ahead log and vacuums the file (deleted content is zeroed as it is
  // freed, secure_delete); PostgreSQL rewrites each of `tables` (VACUUM
  // FULL). Runs outside any transaction.
  virtual Status Compact(const std::vector<std::string>& tables) {
    (void)tables;
    return Internal("This database cannot be compacted");
  }
};

// After an UPDATE ... WHERE id = ? AND version = ? that changed nothing:
// NotFound if `table` has no such id, else Aborted saying the record (`what`)
// was changed by someone else since `version`.
Status StaleOrMissing(Transaction& tx, const char* table, const char* what, int64_t id,
                      int64_t version);

// Given to an implementation's Open function (sqlite/, postgres/).
struct DatabaseOptions {
  int pool_size = 8;
};

}  // namespace jointly
