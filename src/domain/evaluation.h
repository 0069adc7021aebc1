// Stage 5's evaluation of how a joint inspection worked (M 29, M 32; R17)
// and the lessons it leaves for the next (principle 10, learning from
// experience): each team member and Development Group representative of
// the inspection says, heading by heading, what worked and what did not;
// the lead records the lessons drawn from it, each with its theme, the
// stage it concerns and what to do differently. The lessons of every
// inspection make one register, and the most relevant of them are shown
// when the next inspection is scoped. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/access.h"
#include "domain/inspection.h"
#include "domain/programme.h"
#include "domain/record.h"

namespace jointly {

// The headings of an evaluation, and the themes of a lesson, from the
// expectations of the methodology: joint working (core principles 1-4),
// scope and methodology (M 1-9), the timetable and project plan (M 10-11),
// choosing sites and commissioning (M 12-17), fieldwork (M 18-28),
// recording and sharing evidence (M 23), communication between the
// inspectorates (M 24, M 34), the report (M 33-40) and publication (M 41-47).
enum class LessonTheme {
  kJointWorking,
  kScopeAndMethodology,
  kTimetable,
  kSitesAndCommissioning,
  kFieldwork,
  kEvidence,
  kCommunication,
  kReport,
  kPublication,
};
inline constexpr LessonTheme kAllLessonThemes[] = {
    LessonTheme::kJointWorking,  LessonTheme::kScopeAndMethodology,
    LessonTheme::kTimetable,     LessonTheme::kSitesAndCommissioning,
    LessonTheme::kFieldwork,     LessonTheme::kEvidence,
    LessonTheme::kCommunication, LessonTheme::kReport,
    LessonTheme::kPublication};
std::string_view LessonThemeId(LessonTheme theme);     // "joint_working"
std::string_view LessonThemeLabel(LessonTheme theme);  // "Joint working"
std::optional<LessonTheme> ParseLessonTheme(std::string_view id);

// A stage as a lesson names it: "planning" ... "retention".
std::string_view StageId(InspectionStage stage);
std::optional<InspectionStage> ParseStage(std::string_view id);

// In what capacity someone evaluates the inspection (M 32): as one of its
// team, or as a Development Group representative of an inspectorate
// taking part.
enum class EvaluatorCapacity { kTeam, kDevelopmentGroup };
inline constexpr EvaluatorCapacity kAllEvaluatorCapacities[] = {
    EvaluatorCapacity::kTeam, EvaluatorCapacity::kDevelopmentGroup};
std::string_view EvaluatorCapacityId(EvaluatorCapacity capacity);
std::string_view EvaluatorCapacityLabel(EvaluatorCapacity capacity);

// One person's evaluation of the inspection under one heading. Who gave
// it, for which inspectorate and in what capacity are set by the service
// from the caller, never sent.
struct Evaluation {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t evaluator_id = 0;
  int64_t inspectorate_id = 0;
  EvaluatorCapacity capacity = EvaluatorCapacity::kTeam;
  LessonTheme theme = LessonTheme::kJointWorking;
  std::string worked;      // what worked
  std::string not_worked;  // what did not
  int64_t version = 0;
};
const RecordType<Evaluation>& EvaluationRecord();
// InvalidArgument (field "worked", rule "evaluation-empty") when the
// evaluation says neither what worked nor what did not.
Status ValidateEvaluation(const Evaluation& evaluation);

// A lesson learned from the inspection, recorded by its lead team.
struct Lesson {
  int64_t id = 0;
  int64_t inspection_id = 0;
  LessonTheme theme = LessonTheme::kJointWorking;
  InspectionStage stage = InspectionStage::kPlanning;
  std::string learned;      // what was learned
  std::string differently;  // what to do differently next time
  int64_t version = 0;
};
const RecordType<Lesson>& LessonRecord();

// M 32: the capacity in which `caller` evaluates `inspection`: someone who
// is or was on its team (for the inspectorate they joined for), else a
// Development Group representative of an inspectorate taking part; none
// for anyone else.
struct EvaluatorStanding {
  EvaluatorCapacity capacity = EvaluatorCapacity::kTeam;
  int64_t inspectorate_id = 0;
};
std::optional<EvaluatorStanding> EvaluatorOf(const Caller& caller, const Inspection& inspection,
                                             const std::vector<TeamMember>& team);
// PermissionDenied (rule "R17") unless EvaluatorOf names a capacity.
StatusOr<EvaluatorStanding> CheckEvaluator(const Caller& caller, const Inspection& inspection,
                                           const std::vector<TeamMember>& team);
// InvalidArgument (field "theme", rule "already-evaluated") when the
// evaluator has already evaluated the inspection under that heading
// (`given` are the inspection's evaluations; one with the same id is the
// evaluation itself being changed).
Status CheckOneEvaluationPerTheme(const std::vector<Evaluation>& given,
                                  const Evaluation& evaluation);

// M 29, M 32: the stage 5 check "Evaluation of how the joint inspection
// worked" is done once the team and the Development Group have both given
// their evaluation and the lead has recorded at least one lesson from it.
// It does not block report writing: M 35 names what drafting waits for
// (the emerging-findings meeting and the quality assurance of the
// evidence), and the evaluation is not among them.
struct EvaluationFacts {
  int team = 0;               // evaluations given by team members
  int development_group = 0;  // by Development Group representatives
  int lessons = 0;
};
EvaluationFacts EvaluationFactsOf(const std::vector<Evaluation>& evaluations,
                                  const std::vector<Lesson>& lessons);
bool EvaluationDone(const EvaluationFacts& facts);
// What the evaluation still lacks, in words, one sentence each.
std::vector<std::string> EvaluationGaps(const EvaluationFacts& facts);

// A lesson with what the register shows of its inspection, and what its
// relevance to another inspection is worked out from.
struct LessonEntry {
  Lesson lesson;
  std::string inspection_title;
  int64_t lead_inspectorate_id = 0;
  std::vector<int64_t> participating;
  std::set<Focus> focus;  // of the work stream the inspection runs, if any (R5)
};
// How relevant a lesson is to an inspection being scoped.
struct Relevance {
  int shared_focus = 0;  // focus areas (R5) both work streams cover
  bool same_lead = false;
  int shared_inspectorates = 0;
  bool operator==(const Relevance&) const = default;
};
Relevance RelevanceOf(const Inspection& next, const std::set<Focus>& next_focus,
                      const LessonEntry& entry);
// Principle 10: the lessons of other inspections, most relevant first to
// `next` (whose work stream covers `next_focus`): those sharing more focus
// areas with it, then those of inspections led by the same inspectorate,
// then those with more inspectorates in common, then the newest; at most
// `limit`. The inspection's own lessons are left out.
std::vector<LessonEntry> MostRelevantLessons(const Inspection& next,
                                             const std::set<Focus>& next_focus,
                                             std::vector<LessonEntry> entries, size_t limit);

// Who reads the register: the people of the four criminal justice
// inspectorates (`speaks_for_cj`: the caller works for one still at work)
// and the secretariat and administrators; never the public or a partner
// inspectorate's people.
bool MayReadLessons(const Caller& caller, bool speaks_for_cj);
// PermissionDenied (rule "lessons-readers") unless MayReadLessons.
Status CheckMayReadLessons(const Caller& caller, bool speaks_for_cj);

}  // namespace jointly
