// What the use cases of an inspection share, within the service layer:
// today's date, inspectorates by id, the parts of one inspection, how a
// part the caller may not see is answered, and the one way a part is
// changed or deleted. Not for the layers above.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/directory.h"
#include "domain/programme.h"
#include "domain/publication_checks.h"
#include "service/inspection_service.h"
#include "store/decision_store.h"
#include "store/inspection_store.h"
#include "store/people_store.h"
#include "store/publication_store.h"
#include "store/record_store.h"

namespace jointly::inspection_parts {

inline std::string Today(const Clock& clock) { return Date::DayOf(clock.NowMicros()).ToIso(); }

// How a joint decision's subject says which version of what it asks about:
// as it stands on the day it is asked.
inline std::string AsItStands(const Clock& clock) {
  return ", as it stood on " + Date::DayOf(clock.NowMicros()).ToDayMonthYear();
}

// When `agreement` stands declined, keeps the newest decision of `kind` on
// the inspection in `v.declined`, and the names of those who declined it
// in `v.people`.
inline Status KeepDeclined(Transaction& tx, Agreement agreement, const std::string& kind,
                           InspectionView& v) {
  if (agreement != Agreement::kDeclined) return OkStatus();
  ASSIGN_OR_RETURN(std::optional<StoredDecision> d, NewestOn(tx, kind, v.inspection.id));
  if (!d) return OkStatus();
  for (const auto& [inspectorate, answer] : d->decision.responses) {
    if (answer.agreed || v.people.count(answer.by_user_id)) continue;
    if (auto who = GetUser(tx, answer.by_user_id); who.ok()) v.people[who->id] = who->name;
  }
  v.declined[kind] = std::move(d->decision);
  return OkStatus();
}

// A joint decision on `stage` of the inspection it is about may be answered
// only until the report's publication settles that stage
// (published-settled).
inline auto UnsettledIn(InspectionStage stage) {
  return [stage](Transaction& tx, const StoredDecision& d) -> Status {
    ASSIGN_OR_RETURN(std::optional<Publication> p, GetPublication(tx, d.subject_id));
    return CheckNotSettled(stage, p);
  };
}

inline std::map<int64_t, std::string> ShortNames(const std::vector<Inspectorate>& all) {
  std::map<int64_t, std::string> out;
  for (const auto& i : all) out[i.id] = i.short_name;
  return out;
}

inline const Inspectorate* Find(const std::vector<Inspectorate>& all, int64_t id) {
  for (const auto& i : all) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

// A criminal justice inspectorate still at work: one that takes part in a
// joint inspection (others are its partners).
inline bool IsOpenCj(const std::vector<Inspectorate>& all, int64_t id) {
  const Inspectorate* who = Find(all, id);
  return who && who->is_criminal_justice() && who->is_open();
}

// The inspectorate that leads an inspection of the work stream: its first
// criminal justice lead or joint lead; 0 if none.
inline int64_t LeadInspectorateOf(const Proposal& p, const std::vector<Inspectorate>& all) {
  for (const auto& part : p.participants) {
    const bool leads =
        part.involvement == Involvement::kLead || part.involvement == Involvement::kJointLead;
    if (leads && IsOpenCj(all, part.inspectorate_id)) return part.inspectorate_id;
  }
  return 0;
}

// What a joint decision on an inspection's working material names beside
// its own members: the inspection, and the page where the inspectorates
// see what they are asked to agree.
inline nlohmann::json OnInspection(int64_t inspection_id, const std::string& page,
                                   const std::string& words) {
  return nlohmann::json{{"inspection_id", inspection_id},
                        {"subject_page", "/inspections/" + std::to_string(inspection_id) + page},
                        {"subject_page_words", words}};
}

// A part of an inspection the caller may not see is, to them, no such part.
inline Status Hidden(const Status& load, const std::string& label, int64_t id) {
  if (load.code() == StatusCode::kNotFound) {
    return NotFound("No " + label + " with reference " + std::to_string(id));
  }
  return load;
}

template <typename T>
StatusOr<std::vector<T>> PartsOf(Transaction& tx, const RecordType<T>& type,
                                 int64_t inspection_id) {
  RecordQuery q;
  q.equal.push_back({"inspection_id", inspection_id});
  ASSIGN_OR_RETURN(auto page, ListRecords(tx, type, q));
  return std::move(page.items);
}

}  // namespace jointly::inspection_parts

namespace jointly {

template <typename T>
StatusOr<T> InspectionService::UpdatePart(const Caller& caller, RecordService<T>& records,
                                          const std::string& label, const PartCheck<T>& check,
                                          int64_t id, int64_t version, const PartChange<T>& change,
                                          const PartThen<T>& then) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  T after;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(T before, GetRecord(tx, records.type(), id));
    auto c = Load(tx, caller, before.inspection_id);
    RETURN_IF_ERROR(inspection_parts::Hidden(c.status(), label, id));
    RETURN_IF_ERROR(check(tx, *c, before));
    ASSIGN_OR_RETURN(after, records.UpdateIn(tx, caller, id, version,
                                             [&](T& x) { return change(tx, *c, before, x); }));
    if (!then || records.type().VersionOf(after) == records.type().VersionOf(before)) {
      return OkStatus();
    }
    return then(tx, before, &after);
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), records.type().name, id, version,
                          [&](Transaction& tx) -> StatusOr<nlohmann::json> {
                            ASSIGN_OR_RETURN(T now, GetRecord(tx, records.type(), id));
                            return RecordJson(records.type(), now);
                          });
  }
  RETURN_IF_ERROR(s);
  return after;
}

template <typename T>
Status InspectionService::DeletePart(const Caller& caller, RecordService<T>& records,
                                     const std::string& label, const PartCheck<T>& check,
                                     int64_t id, int64_t version, const PartThen<T>& then) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(T before, GetRecord(tx, records.type(), id));
    auto c = Load(tx, caller, before.inspection_id);
    RETURN_IF_ERROR(inspection_parts::Hidden(c.status(), label, id));
    RETURN_IF_ERROR(check(tx, *c, before));
    RETURN_IF_ERROR(records.DeleteIn(tx, caller, id, version));
    return then ? then(tx, before, nullptr) : OkStatus();
  });
  if (s.code() == StatusCode::kAborted && s.rule() == "stale-version") {
    // A stale removal says what changed since, as a stale save does.
    return ConflictDetail(db_, std::move(s), records.type().name, id, version,
                          [&](Transaction& tx) -> StatusOr<nlohmann::json> {
                            ASSIGN_OR_RETURN(T now, GetRecord(tx, records.type(), id));
                            return RecordJson(records.type(), now);
                          });
  }
  return s;
}

template <typename T>
Status InspectionService::OnTeam(Transaction&, const Context& c, const T&) {
  return CheckOnTeam(c.standing);
}

template <typename T>
Status InspectionService::LeadTeam(Transaction&, const Context& c, const T&) {
  return CheckLeadTeam(c.standing);
}

template <typename T>
InspectionService::PartCheck<T> InspectionService::ForTerms() {
  return [this](Transaction& tx, const Context& c, const T&) { return CheckForTerms(tx, c); };
}

template <typename T>
InspectionService::PartThen<T> InspectionService::BumpTerms() {
  return [this](Transaction& tx, const T& before, const T*) {
    return BumpTermsVersion(tx, before.inspection_id, NowText(clock_)).status();
  };
}

template <typename T>
InspectionService::PartThen<T> InspectionService::BumpTimetable() {
  return [this](Transaction& tx, const T& before, const T*) {
    return BumpTimetableVersion(tx, before.inspection_id, NowText(clock_)).status();
  };
}

}  // namespace jointly
