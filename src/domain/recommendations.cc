#include "domain/recommendations.h"

#include <algorithm>
#include <set>

#include "core/date.h"
#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

namespace {

constexpr Naming<RecommendationKind> kKindNames[] = {
    {RecommendationKind::kRecommendation, "recommendation", "Recommendation"},
    {RecommendationKind::kConcern, "concern", "Concern"},
};

bool Contains(const std::vector<int64_t>& ids, int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Each of `ids` among `known` is named once, else an error at
// "field[i]" (rule "linked-once"); the places of those not among `known`.
std::vector<std::string> CheckLinks(const std::string& field, const std::vector<int64_t>& ids,
                                    const std::vector<int64_t>& known, Validation& v) {
  std::vector<std::string> unknown;
  std::set<int64_t> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (!Contains(known, ids[i])) {
      unknown.push_back(at);
    } else if (!seen.insert(ids[i]).second) {
      v.Add(at, "linked-once", "Choose each only once");
    }
  }
  return unknown;
}

}  // namespace

const RecordType<Finding>& FindingRecord() {
  static const RecordType<Finding> type{
      .name = "finding",
      .label = "finding",
      .table = "inspection_report_findings",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Finding::id),
          ReferenceField("inspection_id", "Inspection", &Finding::inspection_id,
                         {.what = "the inspection", .writable = false}),
          TextField("statement", "Finding", &Finding::statement,
                    {.what = "the finding",
                     .required = true,
                     .max_chars = kMaxLongText,
                     .hint = "What the inspection found, as the report will say it"}),
          OptionalReferenceField("section_id", "Section of the report", &Finding::section_id,
                                 {.what = "the section of the report"}),
          VersionField(&Finding::version),
      }};
  return type;
}

const RecordType<FindingEvidence>& FindingEvidenceRecord() {
  static const RecordType<FindingEvidence> type{
      .name = "finding_evidence",
      .label = "evidence a finding rests on",
      .table = "inspection_finding_evidence",
      .order_by = "finding_id, evidence_id",
      .has_updated_at = false,
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&FindingEvidence::id),
          ReferenceField("inspection_id", "Inspection", &FindingEvidence::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("finding_id", "Finding", &FindingEvidence::finding_id,
                         {.what = "the finding", .required = true}),
          ReferenceField("evidence_id", "Evidence item", &FindingEvidence::evidence_id,
                         {.what = "the evidence item", .required = true}),
      }};
  return type;
}

Triangulation TriangulationOf(const std::vector<EvidenceItem>& rests_on) {
  std::set<Method> methods;
  std::set<int64_t> inspectorates;
  for (const auto& e : rests_on) {
    methods.insert(e.method);
    inspectorates.insert(e.recorded_for);
  }
  Triangulation t;
  t.items = static_cast<int>(rests_on.size());
  t.methods = static_cast<int>(methods.size());
  t.inspectorates = static_cast<int>(inspectorates.size());
  t.single_source = t.items <= 1 || (t.methods <= 1 && t.inspectorates <= 1);
  return t;
}

std::string TriangulationWords(const Triangulation& t) {
  auto count = [](int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  return count(t.methods, "method", "methods") + ", " +
         count(t.inspectorates, "inspectorate", "inspectorates") + ", " +
         count(t.items, "evidence item", "evidence items");
}

FindingSupport SupportOf(const std::vector<EvidenceItem>& rests_on,
                         const std::vector<int64_t>& destroyed_ids) {
  FindingSupport s;
  s.recorded = TriangulationOf(rests_on);
  std::vector<EvidenceItem> held;
  for (const auto& e : rests_on) {
    if (Contains(destroyed_ids, e.id)) {
      s.destroyed.push_back(e.id);
    } else {
      held.push_back(e);
    }
  }
  s.held = TriangulationOf(held);
  return s;
}

std::string SupportWords(const FindingSupport& s) {
  if (s.destroyed.empty()) return TriangulationWords(s.recorded);
  const std::string leaving = s.held.items == 0 ? std::string("leaving no evidence item held")
                                                : "leaving " + TriangulationWords(s.held) + " held";
  return TriangulationWords(s.recorded) + " when recorded; " + std::to_string(s.destroyed.size()) +
         " since destroyed, " + leaving;
}

Status CheckFindingEvidence(const std::vector<int64_t>& evidence_ids,
                            const std::vector<int64_t>& register_ids) {
  Validation v;
  if (evidence_ids.empty()) {
    v.Add("evidence_ids", "findings-evidence",
          "Choose at least one evidence item the finding rests on");
  }
  for (const auto& at : CheckLinks("evidence_ids", evidence_ids, register_ids, v)) {
    v.Add(at, "not-in-register", "Choose an item of the inspection's evidence register");
  }
  return v.Finish();
}

Status CheckFindingSection(const Finding& finding, const std::vector<int64_t>& section_ids) {
  if (!finding.section_id || Contains(section_ids, *finding.section_id)) return OkStatus();
  const char* message = "Choose a section of the agreed report structure";
  return std::move(InvalidArgument(message, "not-in-structure")
                       .AddFieldError("section_id", "not-in-structure", message));
}

std::string_view RecommendationKindId(RecommendationKind kind) { return IdIn(kKindNames, kind); }
std::string_view RecommendationKindLabel(RecommendationKind kind) {
  return LabelIn(kKindNames, kind);
}

RecommendationKind KindFor(FindingsStyle style) {
  return style == FindingsStyle::kConcerns ? RecommendationKind::kConcern
                                           : RecommendationKind::kRecommendation;
}

std::string KindWord(RecommendationKind kind) {
  return kind == RecommendationKind::kConcern ? "concern" : "recommendation";
}

const RecordType<Recommendation>& RecommendationRecord() {
  static const RecordType<Recommendation> type{
      .name = "recommendation",
      .label = "recommendation or concern",
      .table = "inspection_recommendations",
      .order_by = "id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Recommendation::id),
          ReferenceField("inspection_id", "Inspection", &Recommendation::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ChoiceField(
              "kind", "Recommendation or concern", &Recommendation::kind,
              ChoicesOf(kAllRecommendationKinds, RecommendationKindId, RecommendationKindLabel),
              {.what = "whether it is a recommendation or a concern", .required = true}),
          OptionalReferenceField("owner_id", "Owner", &Recommendation::owner_id,
                                 {.what = "the owner",
                                  .hint = "The body that must act: a government department, an "
                                          "agency or a body inspected"}),
          TextField("action", "What must be done", &Recommendation::action,
                    {.what = "what must be done", .max_chars = kMaxLongText}),
          TextField("measure", "How it will be measured", &Recommendation::measure,
                    {.what = "how it will be measured", .max_chars = kMaxLongText}),
          DateField("due_on", "By when", &Recommendation::due_on, {.what = "by when"}),
          VersionField(&Recommendation::version),
      }};
  return type;
}

const RecordType<RecommendationFinding>& RecommendationFindingRecord() {
  static const RecordType<RecommendationFinding> type{
      .name = "recommendation_finding",
      .label = "finding a recommendation answers",
      .table = "inspection_recommendation_findings",
      .order_by = "recommendation_id, finding_id",
      .has_updated_at = false,
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&RecommendationFinding::id),
          ReferenceField("inspection_id", "Inspection", &RecommendationFinding::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("recommendation_id", "Recommendation",
                         &RecommendationFinding::recommendation_id,
                         {.what = "the recommendation", .required = true}),
          ReferenceField("finding_id", "Finding", &RecommendationFinding::finding_id,
                         {.what = "the finding", .required = true}),
      }};
  return type;
}

namespace {

void CheckKind(const Recommendation& r, FindingsStyle lead_style, Validation& v) {
  const RecommendationKind wanted = KindFor(lead_style);
  if (r.kind == wanted) return;
  v.Add("kind", "R19",
        wanted == RecommendationKind::kConcern
            ? "An inspection led by HMI Prisons raises concerns, not recommendations"
            : "Only an inspection led by HMI Prisons raises concerns: this inspection makes "
              "recommendations");
}

}  // namespace

Status CheckRecommendation(const Recommendation& r, FindingsStyle lead_style,
                           const std::vector<int64_t>& finding_ids,
                           const std::vector<int64_t>& finding_ids_known, const std::string& today,
                           const std::string& published_on) {
  Validation v;
  CheckKind(r, lead_style, v);
  const std::string word = KindWord(KindFor(lead_style));
  if (!r.owner_id) v.Add("owner_id", "smart", "Choose who owns the " + word);
  if (IsBlank(r.action)) v.Add("action", "smart", "Say what must be done");
  if (IsBlank(r.measure)) v.Add("measure", "smart", "Say how it will be measured");
  if (IsBlank(r.due_on)) {
    v.Add("due_on", "smart", "Enter the date by when it must be done");
  } else if (!published_on.empty() && published_on >= today) {
    // It is published with the report: a date by then would be overdue on
    // the day it is read.
    if (r.due_on <= published_on) {
      const auto on = Date::Parse(published_on);
      v.Add("due_on", "smart",
            "The date by when it must be done must be after the report is published, on " +
                (on ? on->ToDayMonthYear() : published_on));
    }
  } else if (r.due_on <= today) {
    v.Add("due_on", "smart", "The date by when it must be done must be in the future");
  }
  if (finding_ids.empty()) {
    v.Add("finding_ids", "smart", "Choose at least one finding the " + word + " answers");
  }
  for (const auto& at : CheckLinks("finding_ids", finding_ids, finding_ids_known, v)) {
    v.Add(at, "not-a-finding", "Choose a finding of this inspection");
  }
  return v.Finish();
}

const RecordType<Engagement>& EngagementRecord() {
  static const RecordType<Engagement> type{
      .name = "engagement",
      .label = "engagement with an owner",
      .table = "inspection_owner_engagements",
      .order_by = "engaged_on, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Engagement::id),
          ReferenceField("inspection_id", "Inspection", &Engagement::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("recommendation_id", "Recommendation", &Engagement::recommendation_id,
                         {.what = "the recommendation", .writable = false}),
          DateField("engaged_on", "Date", &Engagement::engaged_on,
                    {.what = "the date of the engagement", .required = true}),
          LineField("who", "Who for the owner", &Engagement::who,
                    {.what = "who was engaged for the owner",
                     .required = true,
                     .max_chars = kMaxShortText}),
          LineField("how", "How", &Engagement::how,
                    {.what = "how they were engaged",
                     .max_chars = kMaxShortText,
                     .hint = "For example a meeting, a call or a letter"}),
          TextField("said", "What they said", &Engagement::said,
                    {.what = "what they said", .max_chars = kMaxLongText}),
          VersionField(&Engagement::version),
      }};
  return type;
}

Status CheckEngagement(const Engagement& e, const std::string& today) {
  if (e.engaged_on.empty() || e.engaged_on <= today) return OkStatus();
  const char* message = "The date of the engagement must be today or in the past";
  return std::move(InvalidArgument(message, "not-in-future")
                       .AddFieldError("engaged_on", "not-in-future", message));
}

}  // namespace jointly
