#include "store/database.h"

#include <charconv>

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
  if (auto* d = std::get_if<double>(&v_)) {
    char buffer[32];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, *d);  // shortest round trip
    return ec == std::errc() ? std::string(buffer, end) : std::string("0");
  }
  return {};
}

std::string SqlValue::TakeText() {
  if (auto* s = std::get_if<std::string>(&v_)) return std::move(*s);
  return AsText();
}

void SqlValue::SwapText(std::string& into) {
  if (auto* s = std::get_if<std::string>(&v_)) {
    s->swap(into);
  } else {
    into = AsText();
  }
}

void SqlValue::AssignText(std::string_view text) {
  if (auto* s = std::get_if<std::string>(&v_)) {
    s->assign(text);
  } else {
    v_ = std::string(text);
  }
}

double SqlValue::AsDouble() const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<int64_t>(&v_)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v_)) {
    double out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

Status Transaction::ForEachRow(std::string_view sql, const SqlParams& params,
                               const std::function<Status(SqlRow&)>& each) {
  ASSIGN_OR_RETURN(std::vector<SqlRow> rows, Query(sql, params));
  for (SqlRow& row : rows) RETURN_IF_ERROR(each(row));
  return OkStatus();
}

StatusOr<SqlRow> Transaction::QueryOne(std::string_view sql, const SqlParams& params,
                                       std::string_view what) {
  ASSIGN_OR_RETURN(std::vector<SqlRow> rows, Query(sql, params));
  if (rows.empty()) return NotFound(std::string(what) + " not found");
  return std::move(rows.front());
}

// NotFound or Aborted after an UPDATE ... WHERE id = ? AND version = ? changed nothing.
Status StaleOrMissing(Transaction& tx, const char* table, const char* what, int64_t id,
                      int64_t version) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(std::string("SELECT version FROM ") + table + " WHERE id = ?", {id}));
  if (rows.empty()) return NotFound(std::string(what) + " " + std::to_string(id) + " not found");
  return Aborted(std::string("This ") + what + " was changed by someone else since you opened it " +
                     "(you had version " + std::to_string(version) + ", it is now version " +
                     rows[0].Text(0) + "); reload it and make your change again",
                 "stale-version");
}

}  // namespace jointly
