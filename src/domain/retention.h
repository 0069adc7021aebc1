// Stage 8 of a joint thematic inspection (M 48, R22): retention and
// destruction of what the inspection holds, as each inspectorate's own
// schedule says. The schedules are data (data/retention_schedules.csv): one
// line per inspectorate and kind of material, saying whether it is kept,
// destroyed or reviewed, and from when. Each item takes its owning
// inspectorate's date; a legal hold placed by any inspectorate blocks
// destruction until the inspectorate that placed it lifts it. Pure: the
// caller gives today's date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "domain/fieldwork.h"

namespace jointly {

// What an item of the inspection's material is, as the schedules tell
// them apart.
enum class MaterialKind {
  kElectronicEvidence,
  kPaper,
  kNotebook,
  kDocument,
  kData,
  kPublishedReport
};
inline constexpr MaterialKind kAllMaterialKinds[] = {
    MaterialKind::kElectronicEvidence, MaterialKind::kPaper, MaterialKind::kNotebook,
    MaterialKind::kDocument,           MaterialKind::kData,  MaterialKind::kPublishedReport};
std::string_view MaterialKindId(MaterialKind k);     // "electronic_evidence"
std::string_view MaterialKindLabel(MaterialKind k);  // "Electronic evidence"
std::optional<MaterialKind> ParseMaterialKind(std::string_view id);

// How sensitive the material is (HMI Probation keeps it from three months
// to ten years by it).
enum class Sensitivity { kLow, kStandard, kHigh };
inline constexpr Sensitivity kAllSensitivities[] = {Sensitivity::kLow, Sensitivity::kStandard,
                                                    Sensitivity::kHigh};
std::string_view SensitivityId(Sensitivity s);  // "high"
std::string_view SensitivityLabel(Sensitivity s);
std::optional<Sensitivity> ParseSensitivity(std::string_view id);
// OFFICIAL material is of standard sensitivity, OFFICIAL-SENSITIVE high.
Sensitivity SensitivityOf(Classification c);

// What a schedule does with material once its date comes.
enum class RetentionAction { kKeep, kDestroy, kReview };
std::string_view RetentionActionId(RetentionAction a);
// The day a schedule counts from: the day the item was recorded on the
// system, or the day the report is published.
enum class RetentionFrom { kNone, kRecorded, kPublication };

// One line of an inspectorate's schedule. `kind` empty: any kind;
// `sensitivity` empty: any sensitivity. The first line that matches an item
// is its line, so specific lines come first.
struct RetentionRule {
  std::string inspectorate;  // the inspectorate's code, "HMCPSI"
  std::optional<MaterialKind> kind;
  std::optional<Sensitivity> sensitivity;
  RetentionAction action = RetentionAction::kKeep;
  RetentionFrom from = RetentionFrom::kNone;
  int months = 0;
  int days = 0;
  std::string words;  // "Destroyed the day before publication"
};
using RetentionSchedules = std::vector<RetentionRule>;

// The schedules file: a header
// "inspectorate,kind,sensitivity,action,from,months,days,words", then one
// line per rule ("*" or "" for any kind). InvalidArgument with one
// FieldError per bad line.
StatusOr<RetentionSchedules> ParseRetentionSchedulesCsv(std::string_view text);
// The lines of one inspectorate's schedule, in order.
RetentionSchedules ScheduleOf(const RetentionSchedules& all, std::string_view inspectorate);
// An inspectorate's schedule in words, one sentence per line: "Notebook:
// inspectors' notebooks may be destroyed once their notes are on the
// system."
std::vector<std::string> ScheduleWords(const RetentionSchedules& schedule);

// What the schedules need to know of an item.
struct RetentionFacts {
  std::string inspectorate;  // the owning inspectorate's code
  MaterialKind kind = MaterialKind::kElectronicEvidence;
  Sensitivity sensitivity = Sensitivity::kStandard;
  Date recorded_on;
  Date published_on;  // no date while publication is not set
  Date extended_to;   // a review that kept it set its next review for this day
};

// An item's date under its owner's schedule.
struct RetentionDue {
  RetentionAction action = RetentionAction::kKeep;
  // The day it is due for review or destruction; no date when it is kept,
  // or when the schedule counts from a publication not yet set.
  Date due_on;
  bool awaits_publication = false;
  std::string words;  // the schedule's words for it
};
// R22: the line of the owner's schedule that matches the item, and the date
// it gives. An item no line matches is kept ("No schedule: kept").
RetentionDue DueFor(const RetentionSchedules& schedules, const RetentionFacts& facts);
// "Destroy on Monday 14 June 2027", "Review on ...", "None: it is never
// destroyed" (kept for good), "Destroy the
// day before publication (not yet set)".
std::string DueWords(const RetentionDue& due);

// A legal hold placed by an inspectorate on an inspection's material, with
// its reason; lifted (by the same inspectorate) when `lifted_on` is set.
struct LegalHold {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t inspectorate_id = 0;  // who placed it
  std::string reason;
  std::string placed_on;  // YYYY-MM-DD
  int64_t placed_by = 0;
  std::string lifted_on;  // "" while in force
  int64_t lifted_by = 0;
  std::string lift_reason;
  int64_t version = 0;
  bool in_force() const { return lifted_on.empty(); }
};
inline constexpr size_t kMaxHoldReason = 2000;
// InvalidArgument (field "reason"): a reason is required and at most
// kMaxHoldReason characters.
Status CheckHoldReason(std::string_view reason, std::string_view field = "reason");
// R22: only the inspectorate that placed a hold lifts it (PermissionDenied),
// and only while it is in force (FailedPrecondition).
Status CheckLiftHold(const LegalHold& hold, int64_t caller_inspectorate,
                     std::string_view holder_name);

// One item the retention job looks at.
struct RetentionItem {
  std::string entity_type;  // "evidence", "document"
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t owner_inspectorate_id = 0;
  RetentionFacts facts;
  std::string label;  // words, for the page
};
// What the job proposes for an item that is due on or before today.
struct RetentionProposal {
  RetentionItem item;
  RetentionDue due;
  std::vector<int64_t> held_by;  // inspectorates whose holds block it
};
// R22: the items due for destruction or review on or before `today`, in
// the order of their dates; those under a hold in force are proposed too,
// with who holds them, so the page can say why they wait.
std::vector<RetentionProposal> ProposeRetention(const RetentionSchedules& schedules,
                                                const std::vector<RetentionItem>& items,
                                                const std::vector<LegalHold>& holds, Date today);

// R22: an item is destroyed only when its owner's schedule destroys it (or
// a review decided so), its date has come, no hold is in force on its
// inspection, and the approver acts for the owning inspectorate. Every
// refusal names R22; `holder_names` name the holds' inspectorates, in the
// order of `holds`.
Status CheckDestroy(const RetentionItem& item, const RetentionDue& due,
                    const std::vector<LegalHold>& holds,
                    const std::vector<std::string>& holder_names, int64_t approver_inspectorate,
                    Date today);
// R22: a review is decided by the owning inspectorate, once its date has
// come; extending needs a reason (field "reason") and a later date (field
// "review_on", after `today`).
Status CheckExtend(const RetentionItem& item, const RetentionDue& due,
                   int64_t approver_inspectorate, std::string_view reason,
                   std::string_view review_on, Date today);

// R22: what a destroyed item's place in a list says: "Destroyed on 3
// December 2026 under HMCPSI's schedule; its destruction certificate is
// in the audit trail". `destroyed_at` is the destruction's timestamp or
// day.
std::string DestroyedWords(std::string_view destroyed_at, std::string_view owner);
// R22: nothing is done to a destroyed item: it is not changed, reviewed,
// attached to nor rested on by a finding. FailedPrecondition naming R22,
// `what` ("Evidence item 12") and the destruction (`destroyed_words`), and
// the field `field` if one is given.
Status RefuseDestroyed(std::string_view what, std::string_view destroyed_words,
                       std::string_view field = "");

}  // namespace jointly
