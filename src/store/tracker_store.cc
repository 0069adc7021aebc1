#include "store/tracker_store.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "store/text_search.h"

namespace jointly {
namespace {

constexpr const char* kColumns =
    "id, recommendation_id, inspectorate_id, report_title, published_on, number, kind, owner_id, "
    "text, first_target, target, answer, accepted_part, reason, responded_on, reported, verified, "
    "superseded_by, last_update_on, version, measure, findings";

// The most words of a recommendation a search for repeats looks for.
constexpr size_t kMaxRepeatWords = 16;

std::vector<std::string> FindingsFrom(const std::string& text) {
  const auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!j.is_array()) return out;
  for (const auto& f : j) {
    if (f.is_string()) out.push_back(f.get<std::string>());
  }
  return out;
}

std::string FindingsText(const std::vector<std::string>& findings) {
  return nlohmann::json(findings).dump();
}

TrackedRecommendation TrackedFrom(SqlRow& r) {
  TrackedRecommendation t;
  t.id = r.Int(0);
  t.recommendation_id = r.OptInt(1);
  t.inspectorate_id = r.Int(2);
  t.report_title = r.TakeText(3);
  t.published_on = r.TakeText(4);
  t.number = r.Int(5);
  t.kind = r.TakeText(6);
  t.owner_id = r.Int(7);
  t.text = r.TakeText(8);
  t.first_target = r.TakeText(9);
  t.target = r.TakeText(10);
  t.response.answer = OwnerAnswerFromId(r.Text(11)).value_or(OwnerAnswer::kNone);
  t.response.accepted_part = r.TakeText(12);
  t.response.reason = r.TakeText(13);
  t.response.responded_on = r.TakeText(14);
  t.reported = TrackedStatusFromId(r.Text(15)).value_or(TrackedStatus::kOpen);
  t.verified = TrackedStatusFromId(r.Text(16)).value_or(TrackedStatus::kOpen);
  t.superseded_by = r.OptInt(17);
  t.last_update_on = r.TakeText(18);
  t.version = r.Int(19);
  t.measure = r.TakeText(20);
  t.findings = FindingsFrom(r.Text(21));
  return t;
}

StatusOr<std::vector<TrackedRecommendation>> Select(Transaction& tx, const std::string& rest,
                                                    const SqlParams& params) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kColumns +
                                           " FROM tracked_recommendations " + rest,
                                       params));
  std::vector<TrackedRecommendation> out;
  for (auto& r : rows) out.push_back(TrackedFrom(r));
  return out;
}

Status ReadActions(Transaction& tx, TrackedRecommendation& t) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT what, by_date FROM tracker_actions WHERE "
                                       "tracked_id = ? ORDER BY position",
                                       {t.id}));
  for (auto& r : rows) t.response.actions.push_back({r.TakeText(0), r.TakeText(1)});
  return OkStatus();
}

Status WriteActions(Transaction& tx, const TrackedRecommendation& t) {
  RETURN_IF_ERROR(tx.Execute("DELETE FROM tracker_actions WHERE tracked_id = ?", {t.id}).status());
  int64_t position = 0;
  for (const auto& a : t.response.actions) {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO tracker_actions (tracked_id, position, what, by_date) "
                               "VALUES (?, ?, ?, ?)",
                               {t.id, ++position, a.what, a.by})
                        .status());
  }
  return OkStatus();
}

}  // namespace

StatusOr<TrackedRecommendation> GetTracked(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto found, Select(tx, "WHERE id = ?", {id}));
  if (found.empty()) return NotFound("Tracked recommendation " + std::to_string(id) + " not found");
  RETURN_IF_ERROR(ReadActions(tx, found[0]));
  return std::move(found[0]);
}

StatusOr<std::optional<TrackedRecommendation>> TrackedOf(Transaction& tx,
                                                         int64_t recommendation_id) {
  ASSIGN_OR_RETURN(auto found, Select(tx, "WHERE recommendation_id = ?", {recommendation_id}));
  if (found.empty()) return std::optional<TrackedRecommendation>();
  RETURN_IF_ERROR(ReadActions(tx, found[0]));
  return std::optional<TrackedRecommendation>(std::move(found[0]));
}

StatusOr<TrackerPage> ListTracked(Transaction& tx, const TrackerFilter& filter, int64_t limit,
                                  int64_t offset) {
  std::string where = "WHERE 1 = 1";
  SqlParams params;
  if (filter.owner_id) {
    where += " AND owner_id = ?";
    params.push_back(*filter.owner_id);
  }
  if (filter.inspectorate_id) {
    where += " AND inspectorate_id = ?";
    params.push_back(*filter.inspectorate_id);
  }
  if (filter.verified) {
    where += " AND verified = ?";
    params.push_back(TrackedStatusId(*filter.verified));
  }
  if (filter.overdue) {
    // NextDueOf(): nothing is asked once the verified status is closed; a
    // response is due kResponseDays after publication, then an update
    // kUpdateDays after the last one. Overdue the day after.
    const Date today = Date::ParseOrNone(filter.today);
    where +=
        " AND verified NOT IN ('implemented', 'not-implemented', 'superseded') AND ((answer = "
        "'none' AND published_on < ?) OR (answer <> 'none' AND COALESCE(NULLIF(last_update_on, "
        "''), published_on) < ?))";
    params.push_back(today.AddDays(-kResponseDays).ToIso());
    params.push_back(today.AddDays(-kUpdateDays).ToIso());
  }
  TrackerPage page;
  ASSIGN_OR_RETURN(
      SqlRow count,
      tx.QueryOne("SELECT COUNT(*) FROM tracked_recommendations " + where, params, "count"));
  page.total = count.Int(0);
  SqlParams paged = params;
  paged.push_back(limit);
  paged.push_back(offset);
  const std::string order =
      " ORDER BY published_on DESC, report_title, number, id LIMIT ? OFFSET ?";
  ASSIGN_OR_RETURN(page.items, Select(tx, where + order, paged));
  // The planned actions of the page's items, in one read.
  ASSIGN_OR_RETURN(auto actions,
                   tx.Query("SELECT tracked_id, what, by_date FROM tracker_actions WHERE "
                            "tracked_id IN (SELECT id FROM tracked_recommendations " +
                                where + order + ") ORDER BY tracked_id, position",
                            paged));
  std::map<int64_t, TrackedRecommendation*> by_id;
  for (auto& t : page.items) by_id[t.id] = &t;
  for (auto& r : actions) {
    if (auto it = by_id.find(r.Int(0)); it != by_id.end()) {
      it->second->response.actions.push_back({r.TakeText(1), r.TakeText(2)});
    }
  }
  return page;
}

StatusOr<std::vector<TrackedRecommendation>> TrackedSharingWords(Transaction& tx, int64_t owner_id,
                                                                 const std::string& text,
                                                                 const std::string& published_on,
                                                                 const std::string& report_title,
                                                                 int64_t limit) {
  // Any of the words of four letters or more, each once, as a prefix.
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size() && words.size() < kMaxRepeatWords) {
    size_t end = text.find_first_of(" \t\n", start);
    if (end == std::string::npos) end = text.size();
    for (auto& w : SearchWords(std::string_view(text).substr(start, end - start))) {
      if (w.size() >= 4 && std::find(words.begin(), words.end(), w) == words.end() &&
          words.size() < kMaxRepeatWords) {
        words.push_back(std::move(w));
      }
    }
    start = end + 1;
  }
  if (words.empty()) return std::vector<TrackedRecommendation>();
  SearchTerms any;
  any.all = {words};
  std::string columns = "t.";  // kColumns, each of table t
  for (const char c : std::string_view(kColumns)) {
    columns += c;
    if (c == ' ') columns += "t.";
  }
  ASSIGN_OR_RETURN(
      auto rows,
      tx.dialect() == Dialect::kSqlite
          ? tx.Query(
                "SELECT " + columns +
                    " FROM tracked_search s JOIN tracked_recommendations t ON t.id = s.rowid "
                    "WHERE tracked_search MATCH ? AND t.owner_id = ? AND t.published_on <= ? "
                    "AND (t.published_on < ? OR t.report_title <> ?) "
                    "ORDER BY bm25(tracked_search), t.id LIMIT ?",
                {Fts5TermsQuery(any), owner_id, published_on, published_on, report_title, limit})
          : tx.Query(
                "SELECT " + columns +
                    " FROM tracked_recommendations t, to_tsquery('jointly_words', ?) q "
                    "WHERE t.search_words @@ q AND t.owner_id = ? AND t.published_on <= ? "
                    "AND (t.published_on < ? OR t.report_title <> ?) "
                    "ORDER BY ts_rank(t.search_words, q) DESC, t.id LIMIT ?",
                {TsTermsQuery(any), owner_id, published_on, published_on, report_title, limit}));
  std::vector<TrackedRecommendation> out;
  for (auto& r : rows) out.push_back(TrackedFrom(r));
  return out;
}

StatusOr<std::vector<std::pair<int64_t, std::string>>> TrackedOwners(Transaction& tx) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT b.id, b.name FROM bodies b WHERE EXISTS (SELECT 1 "
                                       "FROM tracked_recommendations t WHERE t.owner_id = b.id) "
                                       "ORDER BY b.name, b.id"));
  std::vector<std::pair<int64_t, std::string>> out;
  for (auto& r : rows) out.emplace_back(r.Int(0), r.TakeText(1));
  return out;
}

StatusOr<std::vector<TrackedRecommendation>> TrackedOfOwner(Transaction& tx, int64_t owner_id) {
  return Select(tx, "WHERE owner_id = ? ORDER BY published_on, id", {owner_id});
}

StatusOr<int64_t> InspectionOfRecommendation(Transaction& tx, int64_t recommendation_id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("SELECT inspection_id FROM inspection_recommendations "
                                           "WHERE id = ?",
                                           {recommendation_id}, "recommendation"));
  return row.Int(0);
}

StatusOr<bool> TrackedNumberTaken(Transaction& tx, int64_t inspectorate_id,
                                  const std::string& report_title, const std::string& published_on,
                                  int64_t number) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT 1 FROM tracked_recommendations WHERE "
                                       "inspectorate_id = ? AND report_title = ? AND "
                                       "published_on = ? AND number = ?",
                                       {inspectorate_id, report_title, published_on, number}));
  return !rows.empty();
}

StatusOr<TrackedRecommendation> InsertTracked(Transaction& tx, TrackedRecommendation t,
                                              const std::string& at) {
  if (t.first_target.empty()) t.first_target = t.target;
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne(
          "INSERT INTO tracked_recommendations (recommendation_id, inspectorate_id, "
          "report_title, published_on, number, kind, owner_id, text, first_target, "
          "target, updated_at, measure, findings) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {t.recommendation_id, t.inspectorate_id, t.report_title, t.published_on, t.number, t.kind,
           t.owner_id, t.text, t.first_target, t.target, at, t.measure, FindingsText(t.findings)},
          "tracked recommendation"));
  t.id = row.Int(0);
  t.version = 1;
  return t;
}

Status UpdateTracked(Transaction& tx, TrackedRecommendation& t, const std::string& at) {
  const auto& r = t.response;
  ASSIGN_OR_RETURN(
      int64_t changed,
      tx.Execute("UPDATE tracked_recommendations SET target = ?, answer = ?, accepted_part = ?, "
                 "reason = ?, responded_on = ?, reported = ?, verified = ?, superseded_by = ?, "
                 "last_update_on = ?, version = version + 1, updated_at = ? "
                 "WHERE id = ? AND version = ?",
                 {t.target, OwnerAnswerId(r.answer), r.accepted_part, r.reason, r.responded_on,
                  TrackedStatusId(t.reported), TrackedStatusId(t.verified), t.superseded_by,
                  t.last_update_on, at, t.id, t.version}));
  if (changed == 0) {
    return StaleOrMissing(tx, "tracked_recommendations", "tracked recommendation", t.id, t.version);
  }
  ++t.version;
  return WriteActions(tx, t);
}

StatusOr<std::vector<TrackerEvent>> EventsOf(Transaction& tx, int64_t tracked_id) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query("SELECT id, tracked_id, kind, from_value, to_value, reason, evidence, "
                            "happened_on, recorded_at, recorded_by FROM tracker_events "
                            "WHERE tracked_id = ? ORDER BY id",
                            {tracked_id}));
  std::vector<TrackerEvent> out;
  for (auto& r : rows) {
    TrackerEvent e;
    e.id = r.Int(0);
    e.tracked_id = r.Int(1);
    e.kind = TrackerEventKindFromId(r.Text(2)).value_or(TrackerEventKind::kUpdate);
    e.from = r.TakeText(3);
    e.to = r.TakeText(4);
    e.reason = r.TakeText(5);
    e.evidence = r.TakeText(6);
    e.happened_on = r.TakeText(7);
    e.recorded_at = r.TakeText(8);
    e.recorded_by = r.Int(9);
    out.push_back(std::move(e));
  }
  return out;
}

StatusOr<TrackerEvent> InsertTrackerEvent(Transaction& tx, TrackerEvent e) {
  ASSIGN_OR_RETURN(
      SqlRow row,
      tx.QueryOne("INSERT INTO tracker_events (tracked_id, kind, from_value, to_value, reason, "
                  "evidence, happened_on, recorded_at, recorded_by) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  {e.tracked_id, TrackerEventKindId(e.kind), e.from, e.to, e.reason, e.evidence,
                   e.happened_on, e.recorded_at, e.recorded_by},
                  "tracker event"));
  e.id = row.Int(0);
  return e;
}

}  // namespace jointly
