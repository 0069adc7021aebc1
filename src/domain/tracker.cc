#include "domain/tracker.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/crypto.h"
#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {
namespace {

constexpr Naming<OwnerAnswer> kAnswerNames[] = {
    {OwnerAnswer::kNone, "none", "No response yet"},
    {OwnerAnswer::kAccepted, "accepted", "Accepted"},
    {OwnerAnswer::kPartlyAccepted, "partly-accepted", "Partly accepted"},
    {OwnerAnswer::kNotAccepted, "not-accepted", "Not accepted"},
};

constexpr Naming<TrackedStatus> kStatusNames[] = {
    {TrackedStatus::kOpen, "open", "Open"},
    {TrackedStatus::kPartlyAddressed, "partly-addressed", "Partly addressed"},
    {TrackedStatus::kImplemented, "implemented", "Implemented"},
    {TrackedStatus::kNotImplemented, "not-implemented", "Not implemented"},
    {TrackedStatus::kSuperseded, "superseded", "Superseded by a later recommendation"},
};

constexpr Naming<TrackerEventKind> kEventNames[] = {
    {TrackerEventKind::kResponse, "response", "Response"},
    {TrackerEventKind::kUpdate, "update", "Progress update"},
    {TrackerEventKind::kReported, "reported", "Status reported"},
    {TrackerEventKind::kVerified, "verified", "Status verified"},
    {TrackerEventKind::kTarget, "target", "Target date moved"},
};

// "Enter the target date" or "The target date must be a real date", for
// `what` ("target date").
void CheckDateField(Validation& v, const std::string& field, const std::string& value,
                    const std::string& rule, const std::string& what) {
  if (IsBlank(value)) {
    v.Add(field, rule, "Enter the " + what);
  } else if (!Date::Parse(value)) {
    v.Add(field, rule, "The " + what + " must be a real date");
  }
}

// Adds an error at `field` for a real date `value` before the report's
// publication `published_on`.
void NotBeforePublication(Validation& v, const std::string& field, const std::string& value,
                          Date published_on, const std::string& rule, const std::string& what) {
  const auto on = Date::Parse(value);
  if (on && published_on.ok() && *on < published_on) {
    v.Add(field, rule,
          "The " + what + " must not be before the report's publication on " +
              published_on.ToDayMonthYear());
  }
}

void CheckActions(const OwnerResponse& r, Date published_on, Validation& v) {
  const bool accepts =
      r.answer == OwnerAnswer::kAccepted || r.answer == OwnerAnswer::kPartlyAccepted;
  if (accepts && r.actions.empty()) {
    v.Add("actions", "response", "Say at least one action planned and by when");
  }
  for (size_t i = 0; i < r.actions.size(); ++i) {
    const std::string at = "actions." + std::to_string(i);
    const PlannedAction& a = r.actions[i];
    v.Text(at + ".what", a.what, kMaxTrackerText, false, "what is planned");
    if (IsBlank(a.what)) v.Add(at + ".what", "response", "Say what is planned");
    if (IsBlank(a.by)) {
      v.Add(at + ".by", "response", "Enter the date by when it is planned");
    } else if (!Date::Parse(a.by)) {
      v.Add(at + ".by", "response", "The date by when it is planned must be a real date");
    }
    NotBeforePublication(v, at + ".by", a.by, published_on, "response",
                         "date by when it is planned");
  }
}

}  // namespace

std::string_view OwnerAnswerId(OwnerAnswer answer) { return IdIn(kAnswerNames, answer); }
std::string_view OwnerAnswerLabel(OwnerAnswer answer) { return LabelIn(kAnswerNames, answer); }
std::optional<OwnerAnswer> OwnerAnswerFromId(std::string_view id) {
  return ParseById(id, kAllOwnerAnswers, &OwnerAnswerId);
}

std::string_view TrackedStatusId(TrackedStatus status) { return IdIn(kStatusNames, status); }
std::string_view TrackedStatusLabel(TrackedStatus status) { return LabelIn(kStatusNames, status); }
std::optional<TrackedStatus> TrackedStatusFromId(std::string_view id) {
  return ParseById(id, kAllTrackedStatuses, &TrackedStatusId);
}

std::string_view TrackerEventKindId(TrackerEventKind kind) { return IdIn(kEventNames, kind); }
std::optional<TrackerEventKind> TrackerEventKindFromId(std::string_view id) {
  return ParseById(id, kAllTrackerEventKinds, &TrackerEventKindId);
}

Status CheckTracked(const TrackedRecommendation& t) {
  Validation v;
  v.Line("report_title", t.report_title, 500, true, "the report's title");
  CheckDateField(v, "published_on", t.published_on, "tracked", "publication date");
  if (t.number < 1) v.Add("number", "tracked", "Enter its number in the report, from 1");
  if (t.kind != "recommendation" && t.kind != "concern") {
    v.Add("kind", "tracked", "Choose recommendation or concern");
  }
  if (t.owner_id <= 0) v.Add("owner_id", "tracked", "Choose who owns it");
  v.Text("text", t.text, kMaxTrackerText, true, "what it asks");
  v.Text("measure", t.measure, kMaxTrackerText, false, "how it will be measured");
  for (size_t i = 0; i < t.findings.size(); ++i) {
    v.Text("findings." + std::to_string(i), t.findings[i], kMaxTrackerText, false,
           "the finding it answers");
  }
  CheckDateField(v, "target", t.target, "tracked", "target date");
  NotBeforePublication(v, "target", t.target, Date::ParseOrNone(t.published_on), "tracked",
                       "target date");
  return v.Finish();
}

bool IsClosed(TrackedStatus status) {
  return status == TrackedStatus::kImplemented || status == TrackedStatus::kNotImplemented ||
         status == TrackedStatus::kSuperseded;
}

Status CheckOwnerResponse(const OwnerResponse& r, Date today, Date published_on) {
  Validation v;
  if (r.answer == OwnerAnswer::kNone) {
    v.Add("answer", "response", "Choose whether the recommendation is accepted");
  }
  v.Text("accepted_part", r.accepted_part, kMaxTrackerText, false, "which part is accepted");
  v.Text("reason", r.reason, kMaxTrackerText, false, "the reason");
  if (r.answer == OwnerAnswer::kPartlyAccepted && IsBlank(r.accepted_part)) {
    v.Add("accepted_part", "response", "Say which part is accepted");
  }
  if (r.answer == OwnerAnswer::kPartlyAccepted && IsBlank(r.reason)) {
    v.Add("reason", "response", "Say why the rest is not accepted");
  }
  if (r.answer == OwnerAnswer::kNotAccepted && IsBlank(r.reason)) {
    v.Add("reason", "response", "Say why it is not accepted");
  }
  // Nothing typed is dropped unseen: words that do not go with the answer
  // are refused, not lost.
  if (r.answer == OwnerAnswer::kAccepted && !IsBlank(r.reason)) {
    v.Add("reason", "response",
          "Leave why not empty when all of it is accepted, or choose partly accepted");
  }
  if ((r.answer == OwnerAnswer::kAccepted || r.answer == OwnerAnswer::kNotAccepted) &&
      !IsBlank(r.accepted_part)) {
    v.Add("accepted_part", "response",
          "Say which part is accepted only when it is partly accepted");
  }
  CheckActions(r, published_on, v);
  const auto on = Date::Parse(r.responded_on);
  if (IsBlank(r.responded_on)) {
    v.Add("responded_on", "response", "Enter the date of the response");
  } else if (!on) {
    v.Add("responded_on", "response", "The date of the response must be a real date");
  } else if (*on > today) {
    v.Add("responded_on", "not-in-future", "The date of the response must not be in the future");
  }
  NotBeforePublication(v, "responded_on", r.responded_on, published_on, "response",
                       "date of the response");
  return v.Finish();
}

bool MaySupersede(const TrackedRecommendation& later, const TrackedRecommendation& t) {
  const auto from = Date::Parse(t.published_on);
  const auto on = Date::Parse(later.published_on);
  return later.id != t.id && later.owner_id == t.owner_id && from && on && *on > *from;
}

Status CheckProgressUpdate(const std::string& text, const std::string& on, Date today,
                           Date published_on) {
  Validation v;
  v.Text("text", text, kMaxTrackerText, true, "what was done");
  v.Date("on", on, "the date of the update");
  if (const auto d = Date::Parse(on); d && *d > today) {
    v.Add("on", "not-in-future", "The date of the update must not be in the future");
  }
  NotBeforePublication(v, "on", on, published_on, "response", "date of the update");
  return v.Finish();
}

Status CheckStatusChange(const StatusChange& c, bool verified, const TrackedRecommendation& t,
                         const std::optional<TrackedRecommendation>& replacement) {
  Validation v;
  if (c.to == c.from) {
    v.Add("to", "status-change",
          "Choose a status other than " + std::string(TrackedStatusLabel(c.from)));
  }
  v.Text("reason", c.reason, kMaxTrackerText, false, "the reason");
  v.Text("evidence", c.evidence, kMaxTrackerText, false, "the evidence");
  if (IsBlank(c.reason)) v.Add("reason", "status-change", "Say why the status changes");
  if (verified && IsBlank(c.evidence)) {
    v.Add("evidence", "status-change", "Say what evidence shows the change was checked");
  }
  if (c.to == TrackedStatus::kSuperseded) {
    if (!c.superseded_by) {
      v.Add("superseded_by", "status-change", "Choose the later recommendation that replaces it");
    } else if (!replacement || replacement->id != *c.superseded_by ||
               !MaySupersede(*replacement, t)) {
      v.Add("superseded_by", "status-change",
            "Choose a recommendation to the same owner from a report published later");
    }
  }
  return v.Finish();
}

Status CheckTargetMove(const TargetMove& m, Date published_on) {
  Validation v;
  if (IsBlank(m.to)) {
    v.Add("to", "target-date", "Enter the new target date");
  } else if (!Date::Parse(m.to)) {
    v.Add("to", "target-date", "The new target date must be a real date");
  } else if (m.to == m.from) {
    v.Add("to", "target-date", "The new target date must differ from the current one");
  }
  NotBeforePublication(v, "to", m.to, published_on, "target-date", "new target date");
  v.Text("reason", m.reason, kMaxTrackerText, false, "the reason");
  if (IsBlank(m.reason)) v.Add("reason", "target-date", "Say why the target date moves");
  return v.Finish();
}

std::string CurrentTarget(const std::string& original, const std::vector<TargetMove>& moves) {
  return moves.empty() ? original : moves.back().to;
}

std::vector<std::string> TargetHistory(const std::string& original,
                                       const std::vector<TargetMove>& moves) {
  std::vector<std::string> out;
  out.push_back(Date::ParseOrNone(original).ToDayMonthYear() + " (first set)");
  for (const auto& m : moves) {
    out.push_back(Date::ParseOrNone(m.to).ToDayMonthYear() + ", moved from " +
                  Date::ParseOrNone(m.from).ToDayMonthYear() + " (" + m.reason + ")");
  }
  return out;
}

NextDue NextDueOf(const TrackedFacts& f) {
  if (!f.published_on.ok() || IsClosed(f.verified)) return {};
  if (!f.responded) return {AskedOf::kResponse, f.published_on.AddDays(kResponseDays)};
  const Date from = f.last_update_on.ok() ? f.last_update_on : f.published_on;
  return {AskedOf::kUpdate, from.AddDays(kUpdateDays)};
}

bool IsOverdue(const NextDue& due, Date today) {
  return due.what != AskedOf::kNothing && today > due.due_on;
}

ReminderKind ReminderFor(const NextDue& due, Date today, Date last_sent) {
  if (due.what == AskedOf::kNothing) return ReminderKind::kNone;
  const Date soon = due.due_on.AddDays(-kReminderBefore);
  if (today > due.due_on) {
    // The day after it fell due, then every kOverdueEvery days.
    const int64_t late = today.DaysSince(due.due_on.AddDays(1));
    const Date occasion = due.due_on.AddDays(1 + late / kOverdueEvery * kOverdueEvery);
    return last_sent.ok() && last_sent >= occasion ? ReminderKind::kNone : ReminderKind::kOverdue;
  }
  if (today >= soon) {
    return last_sent.ok() && last_sent >= soon ? ReminderKind::kNone : ReminderKind::kDueSoon;
  }
  return ReminderKind::kNone;
}

std::string TrackerDigest(std::string_view quarter, const std::vector<TrackerLine>& lines) {
  // Each field's length before it, so no two different trackers can spell
  // the same text.
  std::string text;
  auto put = [&text](std::string_view field) {
    text += std::to_string(field.size());
    text += ':';
    text += field;
  };
  put(quarter);
  for (const auto& l : lines) {
    put(std::to_string(l.recommendation_id));
    for (const std::string* field :
         {&l.reference, &l.owner, &l.text, &l.answer, &l.reported, &l.verified, &l.target}) {
      put(*field);
    }
  }
  return Sha256Hex(text);
}

std::vector<TrackerMove> CompareTrackers(const std::vector<TrackerLine>& previous,
                                         const std::vector<TrackerLine>& current) {
  std::map<int64_t, const TrackerLine*> before;
  for (const auto& l : previous) before[l.recommendation_id] = &l;
  std::vector<TrackerMove> out;
  for (const auto& l : current) {
    auto add = [&](std::string what) {
      out.push_back({l.recommendation_id, l.reference, std::move(what)});
    };
    const auto was = before.find(l.recommendation_id);
    if (was == before.end()) {
      add("New");
      continue;
    }
    const TrackerLine& p = *was->second;
    if (p.answer != l.answer) add("Response: " + p.answer + " → " + l.answer);
    if (p.reported != l.reported) add("Reported: " + p.reported + " → " + l.reported);
    if (p.verified != l.verified) add("Verified: " + p.verified + " → " + l.verified);
    if (p.target != l.target) {
      add("Target moved from " + Date::ParseOrNone(p.target).ToDayMonthYear() + " to " +
          Date::ParseOrNone(l.target).ToDayMonthYear());
    }
  }
  return out;
}

namespace {

// Lower-case words of three letters or more, without the commonest words
// of a recommendation's English.
std::set<std::string> Significant(std::string_view text) {
  static const std::set<std::string> kCommon = {
      "the",  "and",   "for",  "that", "with",  "should", "must", "will",  "are",   "all",
      "its",  "their", "they", "this", "from",  "have",   "has",  "been",  "into",  "any",
      "each", "make",  "made", "who",  "whom",  "which",  "when", "where", "what",  "can",
      "not",  "but",   "also", "more", "other", "within", "such", "these", "those", "there"};
  std::set<std::string> out;
  std::string word;
  auto flush = [&] {
    if (word.size() >= 3 && !kCommon.count(word)) out.insert(word);
    word.clear();
  };
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c >= 0x80) {
      word += static_cast<char>(std::tolower(c));
    } else {
      flush();
    }
  }
  flush();
  return out;
}

}  // namespace

double Similarity(std::string_view a, std::string_view b) {
  const auto x = Significant(a);
  const auto y = Significant(b);
  if (x.empty() || y.empty()) return 0;
  size_t shared = 0;
  for (const auto& w : x) shared += y.count(w);
  return static_cast<double>(shared) / static_cast<double>(x.size() + y.size() - shared);
}

}  // namespace jointly
