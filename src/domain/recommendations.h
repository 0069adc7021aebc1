// Stage 6 of a joint thematic inspection (M 33-40; R18, R19): the findings
// of the report, each resting on items of the evidence register and as
// triangulated as their methods and inspectorates make them; the
// recommendations that answer them, SMART (an owner, what must be done, how
// it will be measured, by when), or the concerns an inspection led by HMI
// Prisons raises instead (R19); and how each owner was engaged on the
// proposed wording (M 36). Pure: the caller gives today's date.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/directory.h"
#include "domain/fieldwork.h"
#include "domain/record.h"

namespace jointly {

// A finding of the report, optionally placed in a section of the agreed
// report structure. The evidence it rests on is linked item by item.
struct Finding {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string statement;
  std::optional<int64_t> section_id;
  int64_t version = 0;
};
const RecordType<Finding>& FindingRecord();

// One evidence item a finding rests on.
struct FindingEvidence {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t finding_id = 0;
  int64_t evidence_id = 0;
};
const RecordType<FindingEvidence>& FindingEvidenceRecord();

inline constexpr size_t kMaxLinks = 200;

// How well a finding is supported: the items it rests on, and how many
// distinct methods and inspectorates gathered them.
struct Triangulation {
  int items = 0;
  int methods = 0;
  int inspectorates = 0;
  // One item, or one method gathered by one inspectorate: the finding
  // rests on a single source.
  bool single_source = true;
};
Triangulation TriangulationOf(const std::vector<EvidenceItem>& rests_on);
// "2 methods, 2 inspectorates, 3 items", in words.
std::string TriangulationWords(const Triangulation& t);

// R22: how a finding stands once items it rests on have been destroyed
// under their owners' schedules (stage 8). What it was found on stays true
// history: `recorded` counts every item it rests on, as the report was
// approved and published; `held` counts only the items not destroyed, the
// evidence still there to show for it.
struct FindingSupport {
  Triangulation recorded;
  Triangulation held;
  std::vector<int64_t> destroyed;  // the items it rests on that were destroyed, in order
};
// `destroyed_ids`: the items of the register that have been destroyed.
FindingSupport SupportOf(const std::vector<EvidenceItem>& rests_on,
                         const std::vector<int64_t>& destroyed_ids);
// TriangulationWords of what was recorded, and, once an item has been
// destroyed, what is still held: "2 methods, 2 inspectorates, 2 evidence
// items when recorded; 1 since destroyed, leaving 1 method, 1 inspectorate,
// 1 evidence item held".
std::string SupportWords(const FindingSupport& s);

// InvalidArgument (field "evidence_ids") unless the finding rests on at
// least one item (rule "findings-evidence"), each once, and each from the
// inspection's register (rule "not-in-register"). `register_ids` are the
// register's items.
Status CheckFindingEvidence(const std::vector<int64_t>& evidence_ids,
                            const std::vector<int64_t>& register_ids);
// InvalidArgument (field "section_id", rule "not-in-structure") for a
// section not of the inspection's report structure.
Status CheckFindingSection(const Finding& finding, const std::vector<int64_t>& section_ids);

// What the report asks of an owner: a recommendation, or, from an
// inspection led by HMI Prisons, a concern (R19).
enum class RecommendationKind { kRecommendation, kConcern };
inline constexpr RecommendationKind kAllRecommendationKinds[] = {
    RecommendationKind::kRecommendation, RecommendationKind::kConcern};
std::string_view RecommendationKindId(RecommendationKind kind);
std::string_view RecommendationKindLabel(RecommendationKind kind);  // "Recommendation"
// R19: what an inspection whose lead writes in `style` raises.
RecommendationKind KindFor(FindingsStyle style);
// "recommendation" or "concern", as a sentence speaks of it.
std::string KindWord(RecommendationKind kind);

// A recommendation (or concern) of the report. The findings it answers
// are linked one by one.
struct Recommendation {
  int64_t id = 0;
  int64_t inspection_id = 0;
  RecommendationKind kind = RecommendationKind::kRecommendation;
  std::optional<int64_t> owner_id;  // a body of the directory: a department, an agency
  std::string action;               // what must be done
  std::string measure;              // how it will be measured
  std::string due_on;               // by when, YYYY-MM-DD
  int64_t version = 0;
};
const RecordType<Recommendation>& RecommendationRecord();

// One finding a recommendation answers.
struct RecommendationFinding {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t recommendation_id = 0;
  int64_t finding_id = 0;
};
const RecordType<RecommendationFinding>& RecommendationFindingRecord();

// Every error of a recommendation at once, each at its field. R19 (field
// "kind"): an inspection led by HMI Prisons raises concerns, the others
// recommendations. SMART (rule "smart"): an owner ("owner_id"), what
// must be done ("action"), how it will be measured ("measure"), a date
// ("due_on") after the report's date of publication `published_on` when
// one is set ("YYYY-MM-DD") and not already past, else after `today` (""
// to check no date against it), and at least one finding it answers
// ("finding_ids"), each from the inspection's findings
// (`finding_ids_known`; rule "not-a-finding").
Status CheckRecommendation(const Recommendation& r, FindingsStyle lead_style,
                           const std::vector<int64_t>& finding_ids,
                           const std::vector<int64_t>& finding_ids_known, const std::string& today,
                           const std::string& published_on = "");

// M 36: when and how a recommendation's owner was engaged on its proposed
// wording, who for the owner, and what they said.
struct Engagement {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t recommendation_id = 0;
  std::string engaged_on;  // YYYY-MM-DD
  std::string who;         // who for the owner
  std::string how;         // a meeting, a call, by letter
  std::string said;        // what they said
  int64_t version = 0;
};
const RecordType<Engagement>& EngagementRecord();
// InvalidArgument (field "engaged_on", rule "not-in-future") for an
// engagement dated after `today`.
Status CheckEngagement(const Engagement& e, const std::string& today);

}  // namespace jointly
