// Storage of any record described by a RecordType: get, list with filters
// and paging done in SQL, insert, versioned update and delete, on both
// backends. Every function runs inside the caller's Transaction; auditing
// is the caller's job.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/record.h"
#include "store/database.h"

namespace jointly {

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // matching records, ignoring limit and offset
  int64_t limit = 0;
  int64_t offset = 0;
};

// Which records a list returns: fields equal to values, then a page of
// them in the type's order.
struct RecordQuery {
  std::vector<std::pair<std::string, SqlValue>> equal;  // field name, value
  int64_t limit = 0;                                    // 0: every match
  int64_t offset = 0;
};

namespace record_sql {

SqlValue ToSql(const FieldValue& value);
FieldValue FromSql(const FieldSpec& field, const SqlValue& value);
// "a, b, c" of every field's column.
std::string Columns(const std::vector<const FieldSpec*>& fields);
// " WHERE a = ? AND b = ?" (or "") and its parameters; InvalidArgument for a
// field the type does not have.
Status Where(const std::vector<const FieldSpec*>& fields, const RecordQuery& query,
             std::string& sql, SqlParams& params);

// NotFound: "No <label> with reference <id>".
Status Missing(const std::string& label, int64_t id);

// Why a write by id changed nothing: NotFound, or Aborted for a stale
// version.
Status Unchanged(Transaction& tx, const std::string& table, const std::string& label,
                 bool versioned, int64_t id, int64_t version);

template <typename T>
std::vector<const FieldSpec*> Specs(const RecordType<T>& type) {
  std::vector<const FieldSpec*> out;
  for (const auto& f : type.fields) out.push_back(&f);
  return out;
}

template <typename T>
T FromRow(const RecordType<T>& type, const SqlRow& row) {
  T record{};
  for (size_t i = 0; i < type.fields.size(); ++i) {
    type.fields[i].set(record, FromSql(type.fields[i], row.values.at(i)));
  }
  return record;
}

}  // namespace record_sql

// NotFound ("<label> <id> not found") if there is no such record.
template <typename T>
StatusOr<T> GetRecord(Transaction& tx, const RecordType<T>& type, int64_t id) {
  const std::string sql = "SELECT " + record_sql::Columns(record_sql::Specs(type)) + " FROM " +
                          type.table + " WHERE id = ?";
  ASSIGN_OR_RETURN(auto rows, tx.Query(sql, {id}));
  if (rows.empty()) return record_sql::Missing(type.label, id);
  const SqlRow& row = rows.front();
  return record_sql::FromRow(type, row);
}

template <typename T>
StatusOr<Page<T>> ListRecords(Transaction& tx, const RecordType<T>& type,
                              const RecordQuery& query) {
  const auto specs = record_sql::Specs(type);
  std::string where;
  SqlParams params;
  RETURN_IF_ERROR(record_sql::Where(specs, query, where, params));
  Page<T> page;
  page.limit = query.limit;
  page.offset = query.offset;
  std::string sql = "SELECT " + record_sql::Columns(specs) + " FROM " + type.table + where;
  if (!type.order_by.empty()) sql += " ORDER BY " + type.order_by;
  if (query.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    SqlParams paged = params;
    paged.push_back(query.limit);
    paged.push_back(query.offset);
    ASSIGN_OR_RETURN(auto rows, tx.Query(sql, paged));
    for (const auto& r : rows) page.items.push_back(record_sql::FromRow(type, r));
    ASSIGN_OR_RETURN(SqlRow count,
                     tx.QueryOne("SELECT COUNT(*) FROM " + type.table + where, params, "count"));
    page.total = count.Int(0);
  } else {
    ASSIGN_OR_RETURN(auto rows, tx.Query(sql, params));
    for (const auto& r : rows) page.items.push_back(record_sql::FromRow(type, r));
    page.total = static_cast<int64_t>(page.items.size());
  }
  return page;
}

// Inserts every field but the id (a version starts at 1) and returns the
// new id.
template <typename T>
StatusOr<int64_t> InsertRecord(Transaction& tx, const RecordType<T>& type, const T& record,
                               std::string_view now) {
  std::string columns, marks;
  SqlParams params;
  for (const auto& f : type.fields) {
    if (f.type == FieldType::kId) continue;
    columns += (columns.empty() ? "" : ", ") + f.name;
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(f.type == FieldType::kVersion ? SqlValue(int64_t{1})
                                                   : record_sql::ToSql(f.get(record)));
  }
  if (type.has_updated_at) {
    columns += ", updated_at";
    marks += ", ?";
    params.push_back(now);
  }
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("INSERT INTO " + type.table + " (" + columns +
                                               ") VALUES (" + marks + ") RETURNING id",
                                           params, "inserted " + type.label));
  return row.Int(0);
}

// Writes every field of `record` (found by its id). A versioned record is
// written only if its stored version is record's version, and gets the
// next one: Aborted if someone changed it since, NotFound if it is gone.
// Returns the new version (0 for an unversioned type).
template <typename T>
StatusOr<int64_t> UpdateRecord(Transaction& tx, const RecordType<T>& type, const T& record,
                               std::string_view now) {
  std::string sets;
  SqlParams params;
  for (const auto& f : type.fields) {
    if (f.type == FieldType::kId) continue;
    if (f.type == FieldType::kVersion) {
      sets += (sets.empty() ? "" : ", ") + f.name + " = " + f.name + " + 1";
      continue;
    }
    sets += (sets.empty() ? "" : ", ") + f.name + " = ?";
    params.push_back(record_sql::ToSql(f.get(record)));
  }
  if (type.has_updated_at) {
    sets += ", updated_at = ?";
    params.push_back(now);
  }
  const int64_t id = type.IdOf(record);
  std::string sql = "UPDATE " + type.table + " SET " + sets + " WHERE id = ?";
  params.push_back(id);
  if (type.versioned()) {
    sql += " AND version = ?";
    params.push_back(type.VersionOf(record));
  }
  ASSIGN_OR_RETURN(int64_t changed, tx.Execute(sql, params));
  if (changed == 0) {
    RETURN_IF_ERROR(record_sql::Unchanged(tx, type.table, type.label, type.versioned(), id,
                                          type.VersionOf(record)));
  }
  return type.versioned() ? type.VersionOf(record) + 1 : 0;
}

// Deletes the record, if its version is still `version` (for a versioned
// type): Aborted otherwise, NotFound if there is none, FailedPrecondition if
// other records still refer to it.
template <typename T>
Status DeleteRecord(Transaction& tx, const RecordType<T>& type, int64_t id, int64_t version) {
  std::string sql = "DELETE FROM " + type.table + " WHERE id = ?";
  SqlParams params{id};
  if (type.versioned()) {
    sql += " AND version = ?";
    params.push_back(version);
  }
  ASSIGN_OR_RETURN(int64_t changed, tx.Execute(sql, params));
  if (changed == 0) {
    return record_sql::Unchanged(tx, type.table, type.label, type.versioned(), id, version);
  }
  return OkStatus();
}

}  // namespace jointly
