#include "service/quarterly_tracker.h"

#include <map>

#include "domain/owners.h"
#include "service/audit_trail.h"
#include "store/directory_store.h"
#include "store/released_store.h"
#include "store/tracker_store.h"

namespace jointly {

using nlohmann::json;

namespace {

constexpr int64_t kEveryItem = 1000000;

json LinesJson(const std::vector<TrackerLine>& lines) {
  json out = json::array();
  for (const auto& l : lines) {
    out.push_back({{"recommendation_id", l.recommendation_id},
                   {"reference", l.reference},
                   {"owner", l.owner},
                   {"text", l.text},
                   {"answer", l.answer},
                   {"reported", l.reported},
                   {"verified", l.verified},
                   {"target", l.target}});
  }
  return out;
}

StatusOr<std::vector<TrackerLine>> LinesFrom(const json& j) {
  if (!j.is_array()) return Internal("A tracker's lines are a list");
  std::vector<TrackerLine> out;
  try {
    for (const auto& l : j) {
      out.push_back({l.at("recommendation_id").get<int64_t>(), l.at("reference").get<std::string>(),
                     l.at("owner").get<std::string>(), l.at("text").get<std::string>(),
                     l.at("answer").get<std::string>(), l.at("reported").get<std::string>(),
                     l.at("verified").get<std::string>(), l.at("target").get<std::string>()});
    }
  } catch (const json::exception&) {
    return Internal("A tracker's line is not as a tracker writes it");
  }
  return out;
}

std::string Summary(const QuarterlyTrackerView& v) {
  const auto n = v.lines.size();
  std::string s = std::to_string(n) +
                  (n == 1 ? " recommendation or concern" : " recommendations and concerns") +
                  " as they stood on " + Date::ParseOrNone(v.ends_on).ToDayMonthYear();
  if (!v.previous_slug.empty()) {
    s += "; " + std::to_string(v.moves.size()) + (v.moves.size() == 1 ? " change" : " changes") +
         " since " + v.previous_in_words;
  }
  return s;
}

}  // namespace

json QuarterlyTrackerJson(const QuarterlyTrackerView& v) {
  json moves = json::array();
  for (const auto& m : v.moves) {
    moves.push_back(
        {{"recommendation_id", m.recommendation_id}, {"reference", m.reference}, {"what", m.what}});
  }
  return {{"quarter", v.slug},
          {"in_words", v.in_words},
          {"ends_on", v.ends_on},
          {"published_at", v.published_at},
          {"digest", v.digest},
          {"lines", LinesJson(v.lines)},
          {"moves", moves},
          {"previous", v.previous_slug.empty() ? json() : json(v.previous_slug)},
          {"previous_in_words", v.previous_in_words}};
}

StatusOr<QuarterlyTrackerView> QuarterlyTrackerFromJson(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (!j.is_object()) return Internal("A tracker is a JSON object");
  QuarterlyTrackerView v;
  try {
    v.slug = j.at("quarter").get<std::string>();
    v.in_words = j.at("in_words").get<std::string>();
    v.ends_on = j.at("ends_on").get<std::string>();
    v.published_at = j.at("published_at").get<std::string>();
    v.digest = j.at("digest").get<std::string>();
    ASSIGN_OR_RETURN(v.lines, LinesFrom(j.at("lines")));
    for (const auto& m : j.at("moves")) {
      v.moves.push_back({m.at("recommendation_id").get<int64_t>(),
                         m.at("reference").get<std::string>(), m.at("what").get<std::string>()});
    }
    if (j.at("previous").is_string()) v.previous_slug = j.at("previous").get<std::string>();
    v.previous_in_words = j.value("previous_in_words", "");
  } catch (const json::exception&) {
    return Internal("A tracker is not as a tracker writes it");
  }
  v.digest_matches = TrackerDigest(v.slug, v.lines) == v.digest;
  return v;
}

StatusOr<QuarterlyTrackerView> QuarterlyTrackers::Publish(const Caller& caller,
                                                          std::optional<FinancialQuarter> asked) {
  RETURN_IF_ERROR(Require(caller, Permission::kPublishTracker));
  const Date today = Date::DayOf(clock_.NowMicros());
  const FinancialQuarter quarter = asked.value_or(LastEndedQuarter(today));
  QuarterlyTrackerView v;
  v.slug = QuarterSlug(quarter);
  v.in_words = QuarterInWords(quarter);
  v.ends_on = quarter.last_day().ToIso();
  v.published_at = FormatTimestamp(clock_.NowMicros());
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto frozen, GetQuarterlyTracker(tx, v.slug));
    RETURN_IF_ERROR(CheckTrackerToPublish(quarter, today, frozen.has_value()));
    ASSIGN_OR_RETURN(auto bodies, AllBodies(tx));
    std::map<int64_t, std::string> owners;
    for (const auto& b : bodies) owners[b.id] = b.name;
    ASSIGN_OR_RETURN(auto all, ListTracked(tx, {}, kEveryItem, 0));
    for (const auto& t : all.items) {
      ASSIGN_OR_RETURN(auto events, EventsOf(tx, t.id));
      if (auto line = LineAsAt(t, events, quarter.last_day(), owners[t.owner_id])) {
        v.lines.push_back(std::move(*line));
      }
    }
    ASSIGN_OR_RETURN(auto previous, PreviousQuarterlyTracker(tx, v.ends_on));
    std::vector<TrackerLine> before;
    if (previous) {
      ASSIGN_OR_RETURN(before, LinesFrom(json::parse(previous->lines, nullptr, false)));
      v.previous_slug = previous->quarter;
      if (auto q = QuarterFromSlug(previous->quarter)) v.previous_in_words = QuarterInWords(*q);
    }
    v.moves = CompareTrackers(before, v.lines);
    v.digest = TrackerDigest(v.slug, v.lines);
    v.digest_matches = true;
    RETURN_IF_ERROR(InsertQuarterlyTracker(tx, {v.slug, v.ends_on, LinesJson(v.lines).dump(),
                                                v.digest, v.published_at, caller.user_id}));
    std::string search_text;
    for (const auto& l : v.lines) search_text += l.reference + " " + l.owner + " " + l.text + "\n";
    RETURN_IF_ERROR(ReleaseItem(tx, {.kind = std::string(kReleasedTracker),
                                     .slug = v.slug,
                                     .title = "Recommendations tracker: " + v.in_words,
                                     .summary = Summary(v),
                                     .content = QuarterlyTrackerJson(v).dump(),
                                     .search_text = search_text,
                                     .released_at = v.published_at,
                                     .changed_at = v.published_at}));
    return RecordChange(tx, clock_, caller, "publish", "quarterly_tracker", quarter.Index(),
                        nullptr,
                        {{"quarter", v.slug},
                         {"ends_on", v.ends_on},
                         {"lines", v.lines.size()},
                         {"digest", v.digest}});
  }));
  return v;
}

StatusOr<QuarterlyTrackers::Published> QuarterlyTrackers::List(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kPublishTracker));
  Published out;
  out.next = LastEndedQuarter(Date::DayOf(clock_.NowMicros()));
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out.trackers, ListQuarterlyTrackers(tx));
    return OkStatus();
  }));
  for (const auto& t : out.trackers) {
    if (t.quarter == QuarterSlug(out.next)) out.next_published = true;
  }
  return out;
}

}  // namespace jointly
