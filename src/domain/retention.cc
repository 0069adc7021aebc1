#include "domain/retention.h"

#include <algorithm>
#include <charconv>

#include "core/text.h"
#include "domain/csv.h"

namespace jointly {
namespace {

struct KindName {
  MaterialKind kind;
  std::string_view id;
  std::string_view label;
};
constexpr KindName kKinds[] = {
    {MaterialKind::kElectronicEvidence, "electronic_evidence", "Electronic evidence"},
    {MaterialKind::kPaper, "paper", "Paper copies"},
    {MaterialKind::kNotebook, "notebook", "Inspectors' notebooks"},
    {MaterialKind::kDocument, "document", "Documents"},
    {MaterialKind::kData, "data", "Data"},
    {MaterialKind::kPublishedReport, "published_report", "The published report"},
};

struct SensitivityName {
  Sensitivity s;
  std::string_view id;
  std::string_view label;
};
constexpr SensitivityName kSensitivities[] = {
    {Sensitivity::kLow, "low", "Low sensitivity"},
    {Sensitivity::kStandard, "standard", "Standard sensitivity"},
    {Sensitivity::kHigh, "high", "High sensitivity"},
};

constexpr std::string_view kColumns[] = {"inspectorate", "kind",   "sensitivity", "action",
                                         "from",         "months", "days",        "words"};

std::optional<int> SmallInt(const std::string& text) {
  if (text.empty()) return 0;
  int n = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || n < -1200 || n > 1200) {
    return std::nullopt;
  }
  return n;
}

// `months` calendar months after `d`, on the same day or the month's last.
Date AddMonths(Date d, int months) {
  const int index = d.year() * 12 + static_cast<int>(d.month()) - 1 + months;
  const int year = index / 12;
  const unsigned month = static_cast<unsigned>(index % 12 + 1);
  const std::chrono::year_month_day_last last{
      std::chrono::year{year}, std::chrono::month_day_last{std::chrono::month{month}}};
  const unsigned day = std::min(d.day(), static_cast<unsigned>(last.day()));
  return Date::FromCivil(year, month, day);
}

bool Matches(const RetentionRule& r, const RetentionFacts& f) {
  return r.inspectorate == f.inspectorate && (!r.kind || *r.kind == f.kind) &&
         (!r.sensitivity || *r.sensitivity == f.sensitivity);
}

bool HeldBy(const std::vector<LegalHold>& holds, int64_t inspection_id, std::vector<int64_t>* who) {
  bool any = false;
  for (const LegalHold& h : holds) {
    if (h.inspection_id != inspection_id || !h.in_force()) continue;
    any = true;
    if (who && std::find(who->begin(), who->end(), h.inspectorate_id) == who->end()) {
      who->push_back(h.inspectorate_id);
    }
  }
  return any;
}

}  // namespace

std::string_view MaterialKindId(MaterialKind k) {
  for (const auto& n : kKinds) {
    if (n.kind == k) return n.id;
  }
  return "";
}
std::string_view MaterialKindLabel(MaterialKind k) {
  for (const auto& n : kKinds) {
    if (n.kind == k) return n.label;
  }
  return "";
}
std::optional<MaterialKind> ParseMaterialKind(std::string_view id) {
  for (const auto& n : kKinds) {
    if (n.id == id) return n.kind;
  }
  return std::nullopt;
}

std::string_view SensitivityId(Sensitivity s) {
  for (const auto& n : kSensitivities) {
    if (n.s == s) return n.id;
  }
  return "";
}
std::string_view SensitivityLabel(Sensitivity s) {
  for (const auto& n : kSensitivities) {
    if (n.s == s) return n.label;
  }
  return "";
}
std::optional<Sensitivity> ParseSensitivity(std::string_view id) {
  for (const auto& n : kSensitivities) {
    if (n.id == id) return n.s;
  }
  return std::nullopt;
}
Sensitivity SensitivityOf(Classification c) {
  return c == Classification::kOfficialSensitive ? Sensitivity::kHigh : Sensitivity::kStandard;
}

std::string_view RetentionActionId(RetentionAction a) {
  switch (a) {
    case RetentionAction::kKeep:
      return "keep";
    case RetentionAction::kDestroy:
      return "destroy";
    case RetentionAction::kReview:
      return "review";
  }
  return "";
}

StatusOr<RetentionSchedules> ParseRetentionSchedulesCsv(std::string_view text) {
  ASSIGN_OR_RETURN(CsvTable t,
                   ParseCsvTable(text, {std::begin(kColumns), std::end(kColumns)},
                                 {"inspectorate", "kind", "action", "words"}, "schedules"));
  Validation v;
  RetentionSchedules out;
  for (const CsvRecord& row : t.rows) {
    const std::string where = "line " + std::to_string(row.line) + ": ";
    if (row.fields.size() != t.width) {
      v.Add(where + "columns", "csv-columns",
            "Line " + std::to_string(row.line) + " has a different number of values to the header");
      continue;
    }
    RetentionRule r;
    r.inspectorate = t.Get(row, "inspectorate");
    if (r.inspectorate.empty()) v.Add(where + "inspectorate", "required", "Name the inspectorate");
    const std::string kind = t.Get(row, "kind");
    if (!kind.empty() && kind != "*") {
      r.kind = ParseMaterialKind(kind);
      if (!r.kind) v.Add(where + "kind", "one-of", "\"" + kind + "\" is not a kind of material");
    }
    const std::string sensitivity = t.Get(row, "sensitivity");
    if (!sensitivity.empty()) {
      r.sensitivity = ParseSensitivity(sensitivity);
      if (!r.sensitivity) {
        v.Add(where + "sensitivity", "one-of", "The sensitivity must be low, standard or high");
      }
    }
    const std::string action = t.Get(row, "action");
    const std::string from = t.Get(row, "from");
    if (action == "keep") {
      r.action = RetentionAction::kKeep;
    } else if (action == "destroy" || action == "review") {
      r.action = action == "destroy" ? RetentionAction::kDestroy : RetentionAction::kReview;
      if (from == "recorded") {
        r.from = RetentionFrom::kRecorded;
      } else if (from == "publication") {
        r.from = RetentionFrom::kPublication;
      } else {
        v.Add(where + "from", "one-of", "Count from recorded or publication");
      }
    } else {
      v.Add(where + "action", "one-of", "The action must be keep, destroy or review");
    }
    const auto months = SmallInt(t.Get(row, "months"));
    const auto days = SmallInt(t.Get(row, "days"));
    if (!months) v.Add(where + "months", "type", "The months must be a whole number");
    if (!days) v.Add(where + "days", "type", "The days must be a whole number");
    r.months = months.value_or(0);
    r.days = days.value_or(0);
    r.words = t.Get(row, "words");
    v.Line(where + "words", r.words, 300, true, "the schedule's words");
    out.push_back(std::move(r));
  }
  RETURN_IF_ERROR(v.Finish("The retention schedules are not valid"));
  return out;
}

RetentionSchedules ScheduleOf(const RetentionSchedules& all, std::string_view inspectorate) {
  RetentionSchedules out;
  for (const RetentionRule& r : all) {
    if (r.inspectorate == inspectorate) out.push_back(r);
  }
  return out;
}

std::vector<std::string> ScheduleWords(const RetentionSchedules& schedule) {
  std::vector<std::string> out;
  for (const RetentionRule& r : schedule) {
    std::string what = r.kind ? std::string(MaterialKindLabel(*r.kind)) : "All material";
    if (r.sensitivity) {
      what += " (" + AsciiLower(SensitivityLabel(*r.sensitivity)) + ")";
    }
    std::string words = r.words;
    if (!words.empty()) words[0] = static_cast<char>(AsciiLower(words.substr(0, 1))[0]);
    out.push_back(what + ": " + words + ".");
  }
  return out;
}

RetentionDue DueFor(const RetentionSchedules& schedules, const RetentionFacts& facts) {
  RetentionDue due;
  for (const RetentionRule& r : schedules) {
    if (!Matches(r, facts)) continue;
    due.action = r.action;
    due.words = r.words;
    if (r.action == RetentionAction::kKeep) return due;
    const Date from =
        r.from == RetentionFrom::kPublication ? facts.published_on : facts.recorded_on;
    if (!from.ok()) {
      due.awaits_publication = r.from == RetentionFrom::kPublication;
      return due;
    }
    due.due_on = AddMonths(from, r.months).AddDays(r.days);
    if (r.action == RetentionAction::kReview && facts.extended_to.ok()) {
      due.due_on = facts.extended_to;
    }
    return due;
  }
  due.words = "No schedule: kept";
  return due;
}

std::string DueWords(const RetentionDue& due) {
  if (due.action == RetentionAction::kKeep) return "None: it is never destroyed";
  const std::string verb = due.action == RetentionAction::kDestroy ? "Destroy" : "Review";
  if (due.due_on.ok()) return verb + " on " + due.due_on.ToLong();
  if (due.awaits_publication) return verb + " after publication (the date is not yet set)";
  return verb + " (no date yet)";
}

Status CheckHoldReason(std::string_view reason, std::string_view field) {
  Validation v;
  v.Text(std::string(field), reason, kMaxHoldReason, true, "the reason");
  return v.Finish();
}

Status CheckLiftHold(const LegalHold& hold, int64_t caller_inspectorate,
                     std::string_view holder_name) {
  if (hold.inspectorate_id != caller_inspectorate) {
    return PermissionDenied(
        "Only " + std::string(holder_name) + ", which placed this legal hold, can lift it (R22)",
        "R22");
  }
  if (!hold.in_force()) {
    return FailedPrecondition(
        "This legal hold was lifted on " + Date::ParseOrNone(hold.lifted_on).ToLong(), "R22");
  }
  return OkStatus();
}

std::vector<RetentionProposal> ProposeRetention(const RetentionSchedules& schedules,
                                                const std::vector<RetentionItem>& items,
                                                const std::vector<LegalHold>& holds, Date today) {
  std::vector<RetentionProposal> out;
  for (const RetentionItem& item : items) {
    RetentionDue due = DueFor(schedules, item.facts);
    if (due.action == RetentionAction::kKeep || !due.due_on.ok() || due.due_on > today) continue;
    RetentionProposal p{item, std::move(due), {}};
    HeldBy(holds, item.inspection_id, &p.held_by);
    out.push_back(std::move(p));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.due.due_on < b.due.due_on; });
  return out;
}

Status CheckDestroy(const RetentionItem& item, const RetentionDue& due,
                    const std::vector<LegalHold>& holds,
                    const std::vector<std::string>& holder_names, int64_t approver_inspectorate,
                    Date today) {
  for (size_t i = 0; i < holds.size(); ++i) {
    const LegalHold& h = holds[i];
    if (h.inspection_id != item.inspection_id || !h.in_force()) continue;
    const std::string who = i < holder_names.size() ? holder_names[i] : "an inspectorate";
    return FailedPrecondition("This cannot be destroyed: " + who +
                                  " has placed a legal hold on the inspection's material, and "
                                  "nothing is destroyed while a hold is in force (R22)",
                              "R22");
  }
  if (item.owner_inspectorate_id != approver_inspectorate) {
    return PermissionDenied(
        "Only the inspectorate that owns this item approves its destruction, under its own "
        "retention schedule (R22)",
        "R22");
  }
  if (due.action == RetentionAction::kKeep) {
    return FailedPrecondition("Its owner's retention schedule keeps this item (R22)", "R22");
  }
  if (!due.due_on.ok() || due.due_on > today) {
    return FailedPrecondition(
        "This is not yet due under its owner's retention schedule (" + DueWords(due) + ") (R22)",
        "R22");
  }
  return OkStatus();
}

Status CheckExtend(const RetentionItem& item, const RetentionDue& due,
                   int64_t approver_inspectorate, std::string_view reason,
                   std::string_view review_on, Date today) {
  if (item.owner_inspectorate_id != approver_inspectorate) {
    return PermissionDenied("Only the inspectorate that owns this item decides its review (R22)",
                            "R22");
  }
  if (due.action != RetentionAction::kReview) {
    return FailedPrecondition("Its owner's retention schedule does not review this item (R22)",
                              "R22");
  }
  if (!due.due_on.ok() || due.due_on > today) {
    return FailedPrecondition("This is not yet due for review (" + DueWords(due) + ") (R22)",
                              "R22");
  }
  Validation v;
  v.Text("reason", reason, kMaxHoldReason, true, "the reason for keeping it");
  const auto next = Date::Parse(review_on);
  if (!next) {
    v.Add("review_on", "date", "Enter the next review date as a real date");
  } else if (*next <= today) {
    v.Add("review_on", "R22", "The next review must be after today");
  }
  return v.Finish();
}

std::string DestroyedWords(std::string_view destroyed_at, std::string_view owner) {
  const Date on =
      Date::ParseOrNone(destroyed_at.substr(0, std::min<size_t>(destroyed_at.size(), 10)));
  return "Destroyed on " + (on.ok() ? on.ToDayMonthYear() : std::string(destroyed_at)) + " under " +
         std::string(owner) + "'s schedule; its destruction certificate is in the audit trail";
}

Status RefuseDestroyed(std::string_view what, std::string_view destroyed_words,
                       std::string_view field) {
  const std::string message = std::string(what) +
                              " cannot be changed, reviewed, attached to or have a finding rest on "
                              "it: it was destroyed under its owner's retention schedule (R22). " +
                              std::string(destroyed_words);
  Status s = FailedPrecondition(message, "R22");
  if (!field.empty()) s.AddFieldError(std::string(field), "R22", message);
  return s;
}

}  // namespace jointly
