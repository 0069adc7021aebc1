#include "store/record_store.h"

namespace jointly::record_sql {

SqlValue ToSql(const FieldValue& value) {
  if (const auto* n = std::get_if<int64_t>(&value)) return SqlValue(*n);
  if (const auto* s = std::get_if<std::string>(&value)) return SqlValue(*s);
  return SqlValue();
}

FieldValue FromSql(const FieldSpec& field, const SqlValue& value) {
  if (value.is_null()) return FieldValue();
  switch (field.type) {
    case FieldType::kId:
    case FieldType::kVersion:
    case FieldType::kInteger:
    case FieldType::kReference:
    case FieldType::kBoolean:
      return FieldValue(value.AsInt());
    default:
      return FieldValue(value.AsText());
  }
}

std::string Columns(const std::vector<const FieldSpec*>& fields) {
  std::string out;
  for (const auto* f : fields) out += (out.empty() ? "" : ", ") + f->name;
  return out;
}

Status Where(const std::vector<const FieldSpec*>& fields, const RecordQuery& query,
             std::string& sql, SqlParams& params) {
  for (const auto& [name, value] : query.equal) {
    bool known = false;
    for (const auto* f : fields) known = known || f->name == name;
    if (!known) return InvalidArgument("Cannot filter by " + name, "unknown-parameter");
    sql += (sql.empty() ? " WHERE " : " AND ") + name + (value.is_null() ? " IS NULL" : " = ?");
    if (!value.is_null()) params.push_back(value);
  }
  return OkStatus();
}

Status Missing(const std::string& label, int64_t id) {
  return NotFound("No " + label + " with reference " + std::to_string(id));
}

Status Unchanged(Transaction& tx, const std::string& table, const std::string& label,
                 bool versioned, int64_t id, int64_t version) {
  if (!versioned) {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM " + table + " WHERE id = ?", {id}));
    if (rows.empty()) return Missing(label, id);
    return OkStatus();
  }
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT version FROM " + table + " WHERE id = ?", {id}));
  if (rows.empty()) return Missing(label, id);
  return Aborted("This " + label + " was changed by someone else since you opened it (you had " +
                     "version " + std::to_string(version) + ", it is now version " +
                     rows[0].Text(0) + "); reload it and make your change again",
                 "stale-version");
}

}  // namespace jointly::record_sql
