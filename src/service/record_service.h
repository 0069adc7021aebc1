// The use cases every described record shares: get, list, create, update
// and delete, each checking the caller's permission, the shape of every
// field (all errors at once) and the record's own rules, writing and
// auditing (before and after) in one transaction. A stale version is a
// conflict that carries the current record and what changed since the
// caller's version. Features wrap a RecordService with what is special
// about them. Thread-safe.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/clock.h"
#include "core/date.h"
#include "domain/record.h"
#include "service/audit_trail.h"
#include "service/record_json.h"
#include "store/record_store.h"

namespace jointly {

// `stale` (Aborted) with detail {current, changes_since_your_version}: each
// audited change of `entity_type` `id` after `seen_version`, with when, by
// whom, which fields, and each field's value before and after. Runs in its own read transaction;
// `stale` unchanged if that fails.
Status ConflictDetail(Database& db, Status stale, const std::string& entity_type, int64_t id,
                      int64_t seen_version,
                      const std::function<StatusOr<nlohmann::json>(Transaction&)>& current);

// "2026-11-23T15:04:05Z" now, for updated_at columns.
std::string NowText(const Clock& clock);

// The day it is now, by the clock, for the rules that turn on dates.
Date DayToday(const Clock& clock);

// A record's rules that look only at the record as it will be:
// RecordService<T>(db, clock, type, RulesOf<T, ValidateT>()).
template <typename T, Status (*Validate)(const T&)>
std::function<Status(const T*, const T&)> RulesOf() {
  return [](const T*, const T& after) { return Validate(after); };
}

template <typename T>
class RecordService {
 public:
  // The record's rules beyond the shape of its fields, pure; `before` is
  // null when the record is being created.
  using Rules = std::function<Status(const T* before, const T& after)>;
  // Checks that need the database (a referenced record exists, a parent is
  // in the right state), inside the write transaction.
  using Check = std::function<Status(Transaction& tx, const T* before, const T& after)>;

  RecordService(Database& db, const Clock& clock, const RecordType<T>& type, Rules rules = {},
                Check check = {})
      : db_(db), clock_(clock), type_(type), rules_(std::move(rules)), check_(std::move(check)) {}

  const RecordType<T>& type() const { return type_; }

  // NotFound if there is none.
  StatusOr<T> Get(const Caller& caller, int64_t id) {
    RETURN_IF_ERROR(Require(caller, type_.read));
    T out;
    RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, GetRecord(tx, type_, id));
      return OkStatus();
    }));
    return out;
  }

  StatusOr<Page<T>> List(const Caller& caller, const RecordQuery& query) {
    RETURN_IF_ERROR(Require(caller, type_.read));
    Page<T> out;
    RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(out, ListRecords(tx, type_, query));
      return OkStatus();
    }));
    return out;
  }

  // InvalidArgument naming every bad field, or what the rules and checks
  // say.
  StatusOr<T> Create(const Caller& caller, T record) {
    RETURN_IF_ERROR(Require(caller, type_.write));
    RETURN_IF_ERROR(Validate(nullptr, record));
    RETURN_IF_ERROR(db_.Write([&](Transaction& tx) { return CreateIn(tx, caller, record); }));
    return record;
  }

  // Applies `change` to the stored record, if it is still at `version` (for
  // a versioned type), checks and writes it: Aborted with the conflict's
  // detail if someone changed it since, NotFound if it is gone.
  StatusOr<T> Update(const Caller& caller, int64_t id, int64_t version,
                     const std::function<Status(T&)>& change) {
    RETURN_IF_ERROR(Require(caller, type_.write));
    T after;
    Status s = db_.Write([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(after, UpdateIn(tx, caller, id, version, change));
      return OkStatus();
    });
    if (s.code() == StatusCode::kAborted) return Conflict(std::move(s), id, version);
    RETURN_IF_ERROR(s);
    return after;
  }

  // Aborted with the conflict's detail if it changed since `version`;
  // FailedPrecondition if other records still refer to it, or what
  // `may_delete` (run in the same transaction) says.
  Status Delete(const Caller& caller, int64_t id, int64_t version,
                const std::function<Status(Transaction&, const T&)>& may_delete = {}) {
    RETURN_IF_ERROR(Require(caller, type_.write));
    Status s = db_.Write([&](Transaction& tx) -> Status {
      if (may_delete) {
        ASSIGN_OR_RETURN(T current, GetRecord(tx, type_, id));
        RETURN_IF_ERROR(may_delete(tx, current));
      }
      return DeleteIn(tx, caller, id, version);
    });
    if (s.code() == StatusCode::kAborted) return Conflict(std::move(s), id, version);
    return s;
  }

  // The same, inside a transaction the caller holds (for use cases that
  // change several records at once). The caller has checked permission.
  Status CreateIn(Transaction& tx, const Caller& caller, T& record) {
    RETURN_IF_ERROR(Validate(nullptr, record));
    if (check_) RETURN_IF_ERROR(check_(tx, nullptr, record));
    ASSIGN_OR_RETURN(int64_t id, InsertRecord(tx, type_, record, NowText(clock_)));
    type_.fields.front().set(record, FieldValue(id));
    if (const auto* v = type_.VersionField()) v->set(record, FieldValue(int64_t{1}));
    return RecordChange(tx, clock_, caller, "create", type_.name, id, nullptr,
                        RecordJson(type_, record));
  }

  StatusOr<T> UpdateIn(Transaction& tx, const Caller& caller, int64_t id, int64_t version,
                       const std::function<Status(T&)>& change) {
    ASSIGN_OR_RETURN(T before, GetRecord(tx, type_, id));
    if (type_.versioned() && type_.VersionOf(before) != version) {
      return record_sql::Unchanged(tx, type_.table, type_.label, true, id, version);
    }
    T after = before;
    RETURN_IF_ERROR(change(after));
    type_.fields.front().set(after, FieldValue(id));
    if (const auto* v = type_.VersionField()) v->set(after, FieldValue(version));
    RETURN_IF_ERROR(Validate(&before, after));
    // Saved unchanged: nothing to write, no new version, no empty audit entry.
    if (RecordJson(type_, after) == RecordJson(type_, before)) return before;
    if (check_) RETURN_IF_ERROR(check_(tx, &before, after));
    ASSIGN_OR_RETURN(int64_t next, UpdateRecord(tx, type_, after, NowText(clock_)));
    if (const auto* v = type_.VersionField()) v->set(after, FieldValue(next));
    RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "update", type_.name, id,
                                 RecordJson(type_, before), RecordJson(type_, after)));
    return after;
  }

  Status DeleteIn(Transaction& tx, const Caller& caller, int64_t id, int64_t version) {
    ASSIGN_OR_RETURN(T before, GetRecord(tx, type_, id));
    RETURN_IF_ERROR(DeleteRecord(tx, type_, id, version));
    return RecordChange(tx, clock_, caller, "delete", type_.name, id, RecordJson(type_, before),
                        nullptr);
  }

  // Shape of every field, then the record's rules, errors merged.
  Status Validate(const T* before, const T& after) const {
    Status shape = CheckShape(type_, after);
    Status rules = rules_ ? rules_(before, after) : OkStatus();
    if (shape.ok()) return rules;
    if (rules.code() == StatusCode::kInvalidArgument) return MergeFieldErrors(shape, rules);
    return shape;
  }

  // A stale write (Aborted) of record `id` at `version` as the 409 that
  // says what changed since, for a use case that wrote with UpdateIn().
  Status Conflict(Status stale, int64_t id, int64_t version) {
    return ConflictDetail(db_, std::move(stale), type_.name, id, version,
                          [&](Transaction& tx) -> StatusOr<nlohmann::json> {
                            ASSIGN_OR_RETURN(T current, GetRecord(tx, type_, id));
                            return RecordJson(type_, current);
                          });
  }

 private:
  Database& db_;
  const Clock& clock_;
  const RecordType<T>& type_;
  Rules rules_;
  Check check_;
};

}  // namespace jointly
