#include "domain/evaluation.h"

#include <algorithm>

#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

namespace {

constexpr Naming<LessonTheme> kThemeNames[] = {
    {LessonTheme::kJointWorking, "joint_working", "Joint working"},
    {LessonTheme::kScopeAndMethodology, "scope_and_methodology", "Scope and methodology"},
    {LessonTheme::kTimetable, "timetable", "Timetable and project plan"},
    {LessonTheme::kSitesAndCommissioning, "sites_and_commissioning",
     "Choosing sites and commissioning"},
    {LessonTheme::kFieldwork, "fieldwork", "Fieldwork"},
    {LessonTheme::kEvidence, "evidence", "Recording and sharing evidence"},
    {LessonTheme::kCommunication, "communication", "Communication between inspectorates"},
    {LessonTheme::kReport, "report", "Writing and agreeing the report"},
    {LessonTheme::kPublication, "publication", "Publication and media"},
};

constexpr Naming<InspectionStage> kStageNames[] = {
    {InspectionStage::kPlanning, "planning", "Stage 1: planning, scope and methodology"},
    {InspectionStage::kSites, "sites", "Stage 2: fieldwork sites and commissioning"},
    {InspectionStage::kPreFieldwork, "pre_fieldwork", "Stage 3: before onsite fieldwork"},
    {InspectionStage::kFieldwork, "fieldwork", "Stage 4: onsite fieldwork"},
    {InspectionStage::kFindings, "findings", "Stage 5: evaluation and emerging findings"},
    {InspectionStage::kReport, "report", "Stage 6: report writing"},
    {InspectionStage::kPublication, "publication", "Stage 7: publication and media"},
    {InspectionStage::kRetention, "retention", "Stage 8: retention and destruction"},
};

constexpr Naming<EvaluatorCapacity> kCapacityNames[] = {
    {EvaluatorCapacity::kTeam, "team", "Inspection team"},
    {EvaluatorCapacity::kDevelopmentGroup, "development_group", "Development Group"},
};

std::string_view StageLabelForLesson(InspectionStage stage) { return LabelIn(kStageNames, stage); }

}  // namespace

std::string_view LessonThemeId(LessonTheme theme) { return IdIn(kThemeNames, theme); }
std::string_view LessonThemeLabel(LessonTheme theme) { return LabelIn(kThemeNames, theme); }
std::optional<LessonTheme> ParseLessonTheme(std::string_view id) {
  return ParseById(id, kAllLessonThemes, LessonThemeId);
}

std::string_view StageId(InspectionStage stage) { return IdIn(kStageNames, stage); }
std::optional<InspectionStage> ParseStage(std::string_view id) {
  return ParseById(id, kAllInspectionStages, StageId);
}

std::string_view EvaluatorCapacityId(EvaluatorCapacity capacity) {
  return IdIn(kCapacityNames, capacity);
}
std::string_view EvaluatorCapacityLabel(EvaluatorCapacity capacity) {
  return LabelIn(kCapacityNames, capacity);
}

const RecordType<Evaluation>& EvaluationRecord() {
  static const RecordType<Evaluation> type{
      .name = "evaluation",
      .label = "evaluation",
      .table = "inspection_evaluations",
      .order_by = "theme, id",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Evaluation::id),
          ReferenceField("inspection_id", "Inspection", &Evaluation::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ReferenceField("evaluator_id", "Given by", &Evaluation::evaluator_id,
                         {.what = "who gave the evaluation", .writable = false}),
          ReferenceField("inspectorate_id", "For", &Evaluation::inspectorate_id,
                         {.what = "the inspectorate they gave it for", .writable = false}),
          ChoiceField(
              "capacity", "As", &Evaluation::capacity,
              ChoicesOf(kAllEvaluatorCapacities, EvaluatorCapacityId, EvaluatorCapacityLabel),
              {.what = "the capacity they gave it in", .writable = false}),
          ChoiceField("theme", "Heading", &Evaluation::theme,
                      ChoicesOf(kAllLessonThemes, LessonThemeId, LessonThemeLabel),
                      {.what = "the heading", .required = true}),
          TextField("worked", "What worked", &Evaluation::worked,
                    {.what = "what worked",
                     .max_chars = kMaxLongText,
                     .hint = "What went well under this heading, and why"}),
          TextField("not_worked", "What did not work", &Evaluation::not_worked,
                    {.what = "what did not work",
                     .max_chars = kMaxLongText,
                     .hint = "What got in the way under this heading, and its effect"}),
          VersionField(&Evaluation::version),
      }};
  return type;
}

Status ValidateEvaluation(const Evaluation& evaluation) {
  Validation v;
  if (Trim(evaluation.worked).empty() && Trim(evaluation.not_worked).empty()) {
    v.Add("worked", "evaluation-empty", "Say what worked, what did not, or both");
  }
  return v.Finish();
}

const RecordType<Lesson>& LessonRecord() {
  static const RecordType<Lesson> type{
      .name = "lesson",
      .label = "lesson",
      .table = "inspection_lessons",
      .order_by = "id DESC",
      .read = Permission::kSignedIn,
      .write = Permission::kRunInspections,
      .fields = {
          IdField(&Lesson::id),
          ReferenceField("inspection_id", "Inspection", &Lesson::inspection_id,
                         {.what = "the inspection", .writable = false}),
          ChoiceField("theme", "Theme", &Lesson::theme,
                      ChoicesOf(kAllLessonThemes, LessonThemeId, LessonThemeLabel),
                      {.what = "the theme", .required = true}),
          ChoiceField("stage", "Stage it concerns", &Lesson::stage,
                      ChoicesOf(kAllInspectionStages, StageId, StageLabelForLesson),
                      {.what = "the stage it concerns", .required = true}),
          TextField("learned", "What was learned", &Lesson::learned,
                    {.what = "what was learned", .required = true, .max_chars = kMaxLongText}),
          TextField("differently", "What to do differently", &Lesson::differently,
                    {.what = "what to do differently",
                     .required = true,
                     .max_chars = kMaxLongText,
                     .hint = "What the next joint inspection should do, and who"}),
          VersionField(&Lesson::version),
      }};
  return type;
}

std::optional<EvaluatorStanding> EvaluatorOf(const Caller& caller, const Inspection& inspection,
                                             const std::vector<TeamMember>& team) {
  if (caller.anonymous() || !caller.active) return std::nullopt;
  // A current place first, else the latest: the evaluation may come after
  // someone has left the team.
  const TeamMember* place = nullptr;
  for (const auto& m : team) {
    if (m.user_id != caller.user_id) continue;
    if (!place || (m.current() && !place->current()) || (m.current() == place->current())) {
      place = &m;
    }
  }
  if (place) return EvaluatorStanding{EvaluatorCapacity::kTeam, place->inspectorate_id};
  if (caller.Has(Role::kDgRepresentative) && caller.inspectorate_id &&
      Participates(inspection, *caller.inspectorate_id)) {
    return EvaluatorStanding{EvaluatorCapacity::kDevelopmentGroup, *caller.inspectorate_id};
  }
  return std::nullopt;
}

StatusOr<EvaluatorStanding> CheckEvaluator(const Caller& caller, const Inspection& inspection,
                                           const std::vector<TeamMember>& team) {
  if (auto standing = EvaluatorOf(caller, inspection, team)) return *standing;
  return PermissionDenied(
      "The inspection team and the Development Group representatives of the inspectorates "
      "taking part evaluate how the inspection worked",
      "R17");
}

Status CheckOneEvaluationPerTheme(const std::vector<Evaluation>& given,
                                  const Evaluation& evaluation) {
  for (const auto& e : given) {
    if (e.id == evaluation.id || e.evaluator_id != evaluation.evaluator_id) continue;
    if (e.theme != evaluation.theme) continue;
    const std::string message = "You have already evaluated the inspection under \"" +
                                std::string(LessonThemeLabel(evaluation.theme)) +
                                "\": change that evaluation instead";
    return std::move(InvalidArgument(message, "already-evaluated")
                         .AddFieldError("theme", "already-evaluated", message));
  }
  return OkStatus();
}

EvaluationFacts EvaluationFactsOf(const std::vector<Evaluation>& evaluations,
                                  const std::vector<Lesson>& lessons) {
  EvaluationFacts f;
  for (const auto& e : evaluations) {
    (e.capacity == EvaluatorCapacity::kTeam ? f.team : f.development_group) += 1;
  }
  f.lessons = static_cast<int>(lessons.size());
  return f;
}

bool EvaluationDone(const EvaluationFacts& f) {
  return f.team > 0 && f.development_group > 0 && f.lessons > 0;
}

std::vector<std::string> EvaluationGaps(const EvaluationFacts& f) {
  std::vector<std::string> out;
  if (f.team == 0) out.push_back("No member of the inspection team has evaluated it yet");
  if (f.development_group == 0) {
    out.push_back("No Development Group representative has evaluated it yet");
  }
  if (f.lessons == 0) out.push_back("No lesson has been recorded from the evaluation yet");
  return out;
}

Relevance RelevanceOf(const Inspection& next, const std::set<Focus>& next_focus,
                      const LessonEntry& entry) {
  Relevance r;
  for (Focus f : entry.focus) r.shared_focus += next_focus.count(f) ? 1 : 0;
  r.same_lead = entry.lead_inspectorate_id == next.lead_inspectorate_id;
  for (int64_t id : entry.participating) r.shared_inspectorates += Participates(next, id) ? 1 : 0;
  return r;
}

std::vector<LessonEntry> MostRelevantLessons(const Inspection& next,
                                             const std::set<Focus>& next_focus,
                                             std::vector<LessonEntry> entries, size_t limit) {
  std::erase_if(entries, [&](const LessonEntry& e) { return e.lesson.inspection_id == next.id; });
  std::vector<std::pair<Relevance, LessonEntry>> ranked;
  for (auto& e : entries) ranked.emplace_back(RelevanceOf(next, next_focus, e), std::move(e));
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    const Relevance& x = a.first;
    const Relevance& y = b.first;
    if (x.shared_focus != y.shared_focus) return x.shared_focus > y.shared_focus;
    if (x.same_lead != y.same_lead) return x.same_lead;
    if (x.shared_inspectorates != y.shared_inspectorates) {
      return x.shared_inspectorates > y.shared_inspectorates;
    }
    return a.second.lesson.id > b.second.lesson.id;  // the newest first
  });
  std::vector<LessonEntry> out;
  for (auto& [relevance, entry] : ranked) {
    if (out.size() == limit) break;
    out.push_back(std::move(entry));
  }
  return out;
}

bool MayReadLessons(const Caller& caller, bool speaks_for_cj) {
  if (caller.anonymous() || !caller.active) return false;
  if (caller.Has(Role::kAdministrator) || caller.Has(Role::kSecretariat)) return true;
  return speaks_for_cj;
}

Status CheckMayReadLessons(const Caller& caller, bool speaks_for_cj) {
  if (MayReadLessons(caller, speaks_for_cj)) return OkStatus();
  return PermissionDenied(
      "The lessons-learned register is for the people of the four criminal justice "
      "inspectorates and the secretariat",
      "lessons-readers");
}

}  // namespace jointly
