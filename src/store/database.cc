#include "store/database.h"

#include <charconv>

#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace jointly {

int64_t SqlValue::AsInt() const {
  if (auto* i = std::get_if<int64_t>(&v_)) return *i;
  if (auto* d = std::get_if<double>(&v_)) return static_cast<int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v_)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string SqlValue::AsText() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  if (auto* i = std::get_if<int64_t>(&v_)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v_)) return std::to_string(*d);
  return {};
}

StatusOr<SqlRow> Transaction::QueryOne(std::string_view sql, const SqlParams& params,
                                       std::string_view what) {
  ASSIGN_OR_RETURN(std::vector<SqlRow> rows, Query(sql, params));
  if (rows.empty()) return NotFound(std::string(what) + " not found");
  return std::move(rows.front());
}

StatusOr<std::unique_ptr<Database>> OpenDatabase(const std::string& url,
                                                 const DatabaseOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) return OpenSqliteDatabase(url.substr(7), options);
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgresDatabase(url, options);
  }
  return InvalidArgument(
      "Database URL must start with sqlite: or postgresql:// (got \"" + url + "\")", "db-url");
}

}  // namespace jointly
