#include "service/tracker_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <tuple>

#include "domain/owners.h"
#include "domain/recommendations.h"
#include "domain/tracker_csv.h"
#include "service/audit_trail.h"
#include "store/directory_store.h"
#include "store/people_store.h"
#include "store/released_store.h"

namespace jointly {

using nlohmann::json;

json TrackedJson(const TrackedRecommendation& t) {
  json actions = json::array();
  for (const auto& a : t.response.actions) actions.push_back({{"what", a.what}, {"by", a.by}});
  return {{"id", t.id},
          {"recommendation_id", t.recommendation_id ? json(*t.recommendation_id) : json()},
          {"inspectorate_id", t.inspectorate_id},
          {"report_title", t.report_title},
          {"published_on", t.published_on},
          {"number", t.number},
          {"kind", t.kind},
          {"owner_id", t.owner_id},
          {"text", t.text},
          {"measure", t.measure},
          {"findings", t.findings},
          {"first_target", t.first_target},
          {"target", t.target},
          {"answer", OwnerAnswerId(t.response.answer)},
          {"accepted_part", t.response.accepted_part},
          {"reason", t.response.reason},
          {"responded_on", t.response.responded_on},
          {"actions", actions},
          {"reported", TrackedStatusId(t.reported)},
          {"verified", TrackedStatusId(t.verified)},
          {"superseded_by", t.superseded_by ? json(*t.superseded_by) : json()},
          {"last_update_on", t.last_update_on},
          {"version", t.version}};
}

NextDue NextDueOfTracked(const TrackedRecommendation& t) {
  return NextDueOf({Date::ParseOrNone(t.published_on), t.response.answer != OwnerAnswer::kNone,
                    Date::ParseOrNone(t.last_update_on), t.verified});
}

namespace {

// The most earlier recommendations a search for repeats scores.
constexpr int64_t kRepeatCandidates = 50;

Status ReadNames(Transaction& tx, TrackerNames& names) {
  ASSIGN_OR_RETURN(names.all_inspectorates, ListInspectorates(tx));
  for (const auto& i : names.all_inspectorates) names.inspectorates[i.id] = i.short_name;
  ASSIGN_OR_RETURN(names.owners_tracked, TrackedOwners(tx));
  for (const auto& [id, name] : names.owners_tracked) names.owners[id] = name;
  return OkStatus();
}

Status MayTrack(const Caller& caller, int64_t inspectorate_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kTrackRecommendations));
  if (MayTrackFor(caller, inspectorate_id)) return OkStatus();
  return PermissionDenied(
      "Only the inspectorate that made a recommendation, or the joint secretariat, records its "
      "responses and statuses",
      "reporting-inspectorate");
}

}  // namespace

// A joint report's public page shows, for each recommendation (or concern,
// R19), its owner's response as recorded here. Public pages read only the
// released store (rule public-reads-released-only) and the report was
// released when it was published, before any response; so each change to a
// tracked recommendation of a published joint report re-releases the
// report's copy, in the same transaction, with that recommendation's public
// part under "responses" (by its number in the report): the owner's answer
// and words, the actions planned, and the status reported and verified.
// Progress updates, reasons for status changes and target moves stay
// inside. The copy keeps its release time (the report's publication) and
// notes when its responses last changed ("responses_at", for caches). A
// withdrawn report stays withdrawn: nothing is released for it.
Status ReleaseResponse(Transaction& tx, const TrackedRecommendation& t, const std::string& at) {
  if (!t.recommendation_id) return OkStatus();
  ASSIGN_OR_RETURN(const int64_t inspection, InspectionOfRecommendation(tx, *t.recommendation_id));
  ASSIGN_OR_RETURN(auto report, GetReleased(tx, kReleasedReport, std::to_string(inspection)));
  if (!report) return OkStatus();
  json content = json::parse(report->content, nullptr, false);
  if (!content.is_object()) return OkStatus();
  json actions = json::array();
  for (const auto& a : t.response.actions) actions.push_back({{"what", a.what}, {"by", a.by}});
  json& responses = content["responses"];
  if (!responses.is_object()) responses = json::object();
  responses[std::to_string(t.number)] = {
      {"answer",
       t.response.answer == OwnerAnswer::kNone ? "" : OwnerAnswerLabel(t.response.answer)},
      {"accepted_part", t.response.accepted_part},
      {"reason", t.response.reason},
      {"actions", actions},
      {"responded_on", t.response.responded_on},
      {"reported", TrackedStatusLabel(t.reported)},
      {"verified", TrackedStatusLabel(t.verified)}};
  content["responses_at"] = at;
  report->content = content.dump();
  return ReleaseItem(tx, *report);
}

StatusOr<TrackedRecommendation> TrackerService::TrackIn(Transaction& tx, const Caller& caller,
                                                        TrackedRecommendation t) {
  RETURN_IF_ERROR(CheckTracked(t));
  const std::string at = FormatTimestamp(clock_.NowMicros());
  auto inserted = InsertTracked(tx, t, at);
  if (inserted.status().code() == StatusCode::kAlreadyExists) {
    return std::move(
        InvalidArgument("That report already has a recommendation with this number", "tracked")
            .AddFieldError(
                "number", "tracked",
                "That report already has a recommendation numbered " + std::to_string(t.number)));
  }
  ASSIGN_OR_RETURN(t, std::move(inserted));
  RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "track", "tracked_recommendation", t.id, nullptr,
                               TrackedJson(t)));
  return t;
}

StatusOr<TrackedRecommendation> TrackerService::Track(const Caller& caller,
                                                      TrackedRecommendation t) {
  RETURN_IF_ERROR(MayTrack(caller, t.inspectorate_id));
  StatusOr<TrackedRecommendation> out = Internal("not tracked");
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    out = TrackIn(tx, caller, t);
    return out.status();
  }));
  return out;
}

StatusOr<int64_t> TrackerService::ImportCsv(const Caller& caller, std::string_view text) {
  RETURN_IF_ERROR(Require(caller, Permission::kTrackRecommendations));
  ASSIGN_OR_RETURN(std::vector<TrackerCsvRow> rows, ParseTrackerCsv(text));
  const Date today = Date::DayOf(clock_.NowMicros());
  int64_t imported = 0;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    std::vector<std::string> codes;
    for (const auto& r : rows) codes.push_back(r.owner);
    ASSIGN_OR_RETURN(auto bodies, FindBodiesByCode(tx, codes));
    Validation v;
    std::set<std::tuple<int64_t, std::string, std::string, int64_t>> seen;
    for (auto& r : rows) {
      const std::string where = "line " + std::to_string(r.line) + ": ";
      std::set<std::string> named;  // one error a column
      auto add = [&](const std::string& column, const std::string& rule,
                     const std::string& message) {
        if (named.insert(where + column).second) v.Add(where + column, rule, message);
      };
      for (const auto& e : r.errors) {
        named.insert(e.field);
        v.Add(e.field, e.rule, e.message);
      }
      if (named.contains(where + "columns")) continue;
      TrackedRecommendation& t = r.item;
      const Inspectorate* made_by = nullptr;
      for (const auto& i : inspectorates) {
        if (i.code == r.inspectorate) made_by = &i;
      }
      if (!made_by) {
        add("inspectorate", "one-of",
            "\"" + r.inspectorate + "\" is not the code of an inspectorate");
      } else if (!MayTrackFor(caller, made_by->id)) {
        add("inspectorate", "reporting-inspectorate",
            "You may import only your own inspectorate's recommendations");
      }
      // R19: HMI Prisons raises concerns, the others recommendations; a
      // line that does not say is what its inspectorate raises.
      const std::string raises =
          KindWord(KindFor(made_by ? made_by->findings : FindingsStyle::kRecommendations));
      if (t.kind.empty()) t.kind = raises;
      if (made_by && t.kind != raises) {
        add("kind", "R19",
            made_by->short_name + " raises " + raises + "s, not " + t.kind + "s (R19)");
      }
      if (made_by) t.inspectorate_id = made_by->id;
      if (const auto on = Date::Parse(t.published_on); on && *on > today) {
        add("published_on", "not-in-future", "The publication date must not be in the future");
      }
      if (auto b = bodies.find(r.owner); b != bodies.end()) {
        t.owner_id = b->second.id;
      } else {
        add("owner", "one-of", "\"" + r.owner + "\" is not the code of a body in the directory");
      }
      const Status checked = CheckTracked(t);
      for (const auto& e : checked.field_errors()) {
        add(TrackerCsvColumnOf(e.field), e.rule, e.message);
      }
      if (t.inspectorate_id == 0 || t.number < 1) continue;
      ASSIGN_OR_RETURN(bool taken, TrackedNumberTaken(tx, t.inspectorate_id, t.report_title,
                                                      t.published_on, t.number));
      if (taken ||
          !seen.insert({t.inspectorate_id, t.report_title, t.published_on, t.number}).second) {
        add("number", "tracked",
            "That report already has a recommendation numbered " + std::to_string(t.number) +
                (taken ? " on the tracker" : " earlier in the file"));
      }
    }
    RETURN_IF_ERROR(v.Finish("The file has errors; nothing was imported"));
    for (auto& r : rows) {
      RETURN_IF_ERROR(TrackIn(tx, caller, std::move(r.item)).status());
      ++imported;
    }
    return OkStatus();
  }));
  return imported;
}

StatusOr<TrackerPage> TrackerService::List(const Caller& caller, const TrackerFilter& filter,
                                           int64_t limit, int64_t offset) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  TrackerFilter f = filter;
  if (f.overdue && f.today.empty()) f.today = Date::DayOf(clock_.NowMicros()).ToIso();
  TrackerPage page;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(page, ListTracked(tx, f, limit, offset));
    return OkStatus();
  }));
  return page;
}

StatusOr<TrackerListView> TrackerService::ViewList(const Caller& caller, TrackerFilter filter,
                                                   int64_t limit, int64_t offset) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  if (filter.overdue && filter.today.empty()) {
    filter.today = Date::DayOf(clock_.NowMicros()).ToIso();
  }
  TrackerListView v;
  v.today = Date::DayOf(clock_.NowMicros()).ToIso();
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(v.page, ListTracked(tx, filter, limit, offset));
    return ReadNames(tx, v.names);
  }));
  return v;
}

StatusOr<TrackedView> TrackerService::Get(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  TrackedView v;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(v.item, GetTracked(tx, id));
    ASSIGN_OR_RETURN(v.events, EventsOf(tx, id));
    ASSIGN_OR_RETURN(auto sharing,
                     TrackedSharingWords(tx, v.item.owner_id, v.item.text, v.item.published_on,
                                         v.item.report_title, kRepeatCandidates));
    for (auto& other : sharing) {
      const double alike = Similarity(other.text, v.item.text);
      if (alike >= kRepeatThreshold) v.alike.push_back({std::move(other), alike});
    }
    if (v.item.recommendation_id) {
      ASSIGN_OR_RETURN(v.inspection_id, InspectionOfRecommendation(tx, *v.item.recommendation_id));
    }
    ASSIGN_OR_RETURN(v.same_owner, TrackedOfOwner(tx, v.item.owner_id));
    std::erase_if(v.same_owner, [id](const auto& t) { return t.id == id; });
    RETURN_IF_ERROR(ReadNames(tx, v.names));
    if (!v.names.owners.contains(v.item.owner_id)) {
      ASSIGN_OR_RETURN(auto owner, GetBody(tx, v.item.owner_id));
      v.names.owners[owner.id] = owner.name;
    }
    for (const auto& e : v.events) {
      if (v.names.people.contains(e.recorded_by)) continue;
      auto who = GetUser(tx, e.recorded_by);
      v.names.people[e.recorded_by] = who.ok() ? who->name : "Jointly";
    }
    return OkStatus();
  }));
  std::stable_sort(v.alike.begin(), v.alike.end(),
                   [](const auto& a, const auto& b) { return a.similarity > b.similarity; });
  std::vector<TargetMove> moves;
  for (const auto& e : v.events) {
    if (e.kind == TrackerEventKind::kTarget) moves.push_back({e.from, e.to, e.reason});
  }
  v.target_history = TargetHistory(v.item.first_target, moves);
  v.next = NextDueOfTracked(v.item);
  v.overdue = IsOverdue(v.next, Date::DayOf(clock_.NowMicros()));
  v.today = Date::DayOf(clock_.NowMicros()).ToIso();
  return v;
}

StatusOr<TrackedRecommendation> TrackerService::Changing(const Caller& caller, int64_t id,
                                                         int64_t version, std::string_view action,
                                                         const Change& change) {
  RETURN_IF_ERROR(Require(caller, Permission::kTrackRecommendations));
  TrackedRecommendation t;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(t, GetTracked(tx, id));
    RETURN_IF_ERROR(MayTrack(caller, t.inspectorate_id));
    const json before = TrackedJson(t);
    const int64_t held = t.version;
    t.version = version;
    const std::string at = FormatTimestamp(clock_.NowMicros());
    TrackerEvent event;
    event.tracked_id = id;
    event.recorded_at = at;
    event.recorded_by = caller.user_id;
    ASSIGN_OR_RETURN(const bool changed, change(tx, t, event));
    if (!changed) {
      t.version = held;
      return OkStatus();
    }
    return SaveTrackedChange(tx, clock_, caller, action, before, t, event);
  }));
  return t;
}

Status SaveTrackedChange(Transaction& tx, const Clock& clock, const Caller& caller,
                         std::string_view action, const json& before, TrackedRecommendation& t,
                         const TrackerEvent& event) {
  RETURN_IF_ERROR(UpdateTracked(tx, t, event.recorded_at));
  RETURN_IF_ERROR(ReleaseResponse(tx, t, event.recorded_at));
  RETURN_IF_ERROR(InsertTrackerEvent(tx, event).status());
  return RecordChange(tx, clock, caller, action, "tracked_recommendation", t.id, before,
                      TrackedJson(t));
}

StatusOr<TrackedRecommendation> TrackerService::RecordResponse(const Caller& caller, int64_t id,
                                                               int64_t version,
                                                               const OwnerResponse& response) {
  const Date today = Date::DayOf(clock_.NowMicros());
  return Changing(
      caller, id, version, "respond",
      [&](Transaction&, TrackedRecommendation& t, TrackerEvent& e) -> StatusOr<bool> {
        RETURN_IF_ERROR(CheckOwnerResponse(response, today, Date::ParseOrNone(t.published_on)));
        // Recorded again as it stands, on the same date: nothing happened.
        return TakeResponse(t, response, true, e);
      });
}

StatusOr<TrackedRecommendation> TrackerService::AddUpdate(const Caller& caller, int64_t id,
                                                          int64_t version, const std::string& text,
                                                          const std::string& on) {
  const Date today = Date::DayOf(clock_.NowMicros());
  return Changing(
      caller, id, version, "update",
      [&](Transaction&, TrackedRecommendation& t, TrackerEvent& e) -> StatusOr<bool> {
        RETURN_IF_ERROR(CheckProgressUpdate(text, on, today, Date::ParseOrNone(t.published_on)));
        e.kind = TrackerEventKind::kUpdate;
        e.evidence = text;
        e.happened_on = on;
        t.last_update_on = std::max(t.last_update_on, on);
        return true;
      });
}

StatusOr<TrackedRecommendation> TrackerService::ChangeStatus(const Caller& caller, int64_t id,
                                                             int64_t version, bool verified,
                                                             StatusChange change) {
  const std::string today = Date::DayOf(clock_.NowMicros()).ToIso();
  return Changing(
      caller, id, version, verified ? "verify" : "report",
      [&](Transaction& tx, TrackedRecommendation& t, TrackerEvent& e) -> StatusOr<bool> {
        change.from = verified ? t.verified : t.reported;
        std::optional<TrackedRecommendation> replacement;
        if (change.superseded_by) {
          auto found = GetTracked(tx, *change.superseded_by);
          if (found.ok()) replacement = std::move(*found);
        }
        RETURN_IF_ERROR(CheckStatusChange(change, verified, t, replacement));
        e.kind = verified ? TrackerEventKind::kVerified : TrackerEventKind::kReported;
        e.from = TrackedStatusId(change.from);
        e.to = TrackedStatusId(change.to);
        e.reason = change.reason;
        e.evidence = change.evidence;
        e.happened_on = today;
        (verified ? t.verified : t.reported) = change.to;
        if (verified) {
          t.superseded_by =
              change.to == TrackedStatus::kSuperseded ? change.superseded_by : std::nullopt;
        }
        return true;
      });
}

StatusOr<TrackedRecommendation> TrackerService::MoveTarget(const Caller& caller, int64_t id,
                                                           int64_t version, const std::string& to,
                                                           const std::string& reason) {
  const std::string today = Date::DayOf(clock_.NowMicros()).ToIso();
  return Changing(caller, id, version, "move-target",
                  [&](Transaction&, TrackedRecommendation& t, TrackerEvent& e) -> StatusOr<bool> {
                    const TargetMove move{t.target, to, reason};
                    RETURN_IF_ERROR(CheckTargetMove(move, Date::ParseOrNone(t.published_on)));
                    e.kind = TrackerEventKind::kTarget;
                    e.from = move.from;
                    e.to = move.to;
                    e.reason = move.reason;
                    e.happened_on = today;
                    t.target = to;
                    return true;
                  });
}

}  // namespace jointly
