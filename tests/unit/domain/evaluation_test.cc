// Stage 5's evaluation of how the joint inspection worked (R17; M 29,
// M 32) and the lessons-learned register (principle 10): who evaluates,
// once per heading; when the stage's check is done, and that it does not
// hold back report writing (M 35); which earlier lessons are the most
// relevant to an inspection being scoped; who reads the register.
#include "domain/evaluation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/inspection_fixtures.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

TeamMember OnTeam(int64_t user, int64_t inspectorate, std::string left_on = "") {
  TeamMember m;
  m.user_id = user;
  m.inspectorate_id = inspectorate;
  m.left_on = std::move(left_on);
  return m;
}

Evaluation Given(int64_t id, int64_t by, EvaluatorCapacity capacity, LessonTheme theme) {
  Evaluation e;
  e.id = id;
  e.evaluator_id = by;
  e.capacity = capacity;
  e.theme = theme;
  e.worked = "Joint pairs at every site";
  return e;
}

TEST(Evaluation, R17_the_team_and_the_development_group_evaluate_and_no_one_else) {
  const std::vector<TeamMember> team = {OnTeam(10, kCps), OnTeam(11, kPolice, "2017-09-01")};
  const auto member = EvaluatorOf(Someone(10, kCps, Role::kInspector), HateCrime(), team);
  ASSERT_TRUE(member.has_value());
  EXPECT_EQ(member->capacity, EvaluatorCapacity::kTeam);
  EXPECT_EQ(member->inspectorate_id, kCps);
  // Someone who has left the team still evaluates the work they did.
  const auto left = EvaluatorOf(Someone(11, kPolice, Role::kInspector), HateCrime(), team);
  ASSERT_TRUE(left.has_value());
  EXPECT_EQ(left->capacity, EvaluatorCapacity::kTeam);
  const auto dg = EvaluatorOf(Someone(20, kPolice, Role::kDgRepresentative), HateCrime(), team);
  ASSERT_TRUE(dg.has_value());
  EXPECT_EQ(dg->capacity, EvaluatorCapacity::kDevelopmentGroup);
  // A representative of an inspectorate not taking part, an inspector not
  // on the team, a partner's people and the secretariat do not.
  EXPECT_THAT(
      CheckEvaluator(Someone(21, kProbation, Role::kDgRepresentative), HateCrime(), team).status(),
      StatusIs(StatusCode::kPermissionDenied));
  EXPECT_EQ(CheckEvaluator(Someone(22, kCps, Role::kInspector), HateCrime(), team).status().rule(),
            "R17");
  EXPECT_FALSE(EvaluatorOf(Someone(23, kOfsted, Role::kDgRepresentative), HateCrime(), team));
  EXPECT_FALSE(EvaluatorOf(Someone(24, std::nullopt, Role::kSecretariat), HateCrime(), team));
}

TEST(Evaluation, R17_one_evaluation_per_person_per_heading) {
  const std::vector<Evaluation> given = {
      Given(1, 10, EvaluatorCapacity::kTeam, LessonTheme::kFieldwork)};
  Evaluation again = Given(0, 10, EvaluatorCapacity::kTeam, LessonTheme::kFieldwork);
  const Status s = CheckOneEvaluationPerTheme(given, again);
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].field, "theme");
  EXPECT_EQ(s.field_errors()[0].rule, "already-evaluated");
  // Someone else under the same heading, the same person under another,
  // and the evaluation itself being changed are all fine.
  EXPECT_THAT(CheckOneEvaluationPerTheme(
                  given, Given(0, 11, EvaluatorCapacity::kTeam, LessonTheme::kFieldwork)),
              IsOk());
  EXPECT_THAT(CheckOneEvaluationPerTheme(
                  given, Given(0, 10, EvaluatorCapacity::kTeam, LessonTheme::kTimetable)),
              IsOk());
  EXPECT_THAT(CheckOneEvaluationPerTheme(given, given[0]), IsOk());
}

TEST(Evaluation, R17_an_evaluation_says_what_worked_or_what_did_not) {
  Evaluation e;
  const Status empty = ValidateEvaluation(e);
  ASSERT_EQ(empty.field_errors().size(), 1u);
  EXPECT_EQ(empty.field_errors()[0].rule, "evaluation-empty");
  e.not_worked = "Evidence was shared late";
  EXPECT_THAT(ValidateEvaluation(e), IsOk());
}

TEST(Evaluation, R17_the_evaluation_is_done_with_the_team_the_development_group_and_a_lesson) {
  Lesson lesson;
  const std::vector<Evaluation> team_only = {
      Given(1, 10, EvaluatorCapacity::kTeam, LessonTheme::kFieldwork)};
  EXPECT_FALSE(EvaluationDone(EvaluationFactsOf(team_only, {lesson})));
  EXPECT_EQ(EvaluationGaps(EvaluationFactsOf(team_only, {lesson})).size(), 1u);
  std::vector<Evaluation> both = team_only;
  both.push_back(Given(2, 20, EvaluatorCapacity::kDevelopmentGroup, LessonTheme::kJointWorking));
  EXPECT_FALSE(EvaluationDone(EvaluationFactsOf(both, {})));
  EXPECT_TRUE(EvaluationDone(EvaluationFactsOf(both, {lesson})));
  EXPECT_EQ(EvaluationGaps(EvaluationFacts{}).size(), 3u);
}

TEST(Evaluation, R17_the_evaluation_is_a_stage_5_check_that_does_not_hold_back_report_writing) {
  InspectionFacts f;
  f.meeting_held = true;
  f.structure = Agreement::kAgreed;
  f.evidence_assurance = Agreement::kAgreed;
  f.evidence_assured = true;
  f.evaluated = false;
  const auto stages = StagesOf(f);
  const auto& findings = stages[StageNumber(InspectionStage::kFindings) - 1];
  const auto check =
      std::find_if(findings.checks.begin(), findings.checks.end(), [](const StageCheck& c) {
        return c.label == "Evaluation of how the joint inspection worked";
      });
  ASSERT_NE(check, findings.checks.end());
  EXPECT_FALSE(check->done);
  EXPECT_TRUE(check->rule.empty());  // M 35: drafting does not wait for it
  f.evaluated = true;
  const auto after = StagesOf(f);
  const auto& done = after[StageNumber(InspectionStage::kFindings) - 1].checks;
  EXPECT_TRUE(std::any_of(done.begin(), done.end(), [](const StageCheck& c) {
    return c.label == "Evaluation of how the joint inspection worked" && c.done;
  }));
}

LessonEntry Entry(int64_t id, int64_t inspection, int64_t lead, std::vector<int64_t> with,
                  std::set<Focus> focus) {
  LessonEntry e;
  e.lesson.id = id;
  e.lesson.inspection_id = inspection;
  e.lead_inspectorate_id = lead;
  e.participating = std::move(with);
  e.focus = std::move(focus);
  return e;
}

std::vector<int64_t> Ids(const std::vector<LessonEntry>& entries) {
  std::vector<int64_t> out;
  for (const auto& e : entries) out.push_back(e.lesson.id);
  return out;
}

TEST(Lessons, Principle10_the_most_relevant_lessons_come_first_when_an_inspection_is_scoped) {
  const Inspection next = HateCrime();  // led by HMICFRS with HMCPSI
  const std::set<Focus> focus = {Focus::kVictimAndWitnessExperience};
  const std::vector<LessonEntry> all = {
      Entry(1, 50, kProbation, {kProbation, kPrisons}, {}),  // nothing in common
      Entry(2, 51, kProbation, {kProbation, kCps}, {Focus::kVictimAndWitnessExperience}),
      Entry(3, 52, kPolice, {kPolice, kProbation}, {}),  // same lead
      Entry(4, 53, kCps, {kCps, kPolice}, {}),           // two inspectorates in common
      Entry(5, next.id, kPolice, {kPolice, kCps}, {}),   // its own: left out
      Entry(6, 54, kProbation, {kProbation, kPrisons}, {}),
  };
  // Same theme (focus area) first, then the same lead, then more
  // inspectorates in common, then the newest.
  EXPECT_EQ(Ids(MostRelevantLessons(next, focus, all, 10)), (std::vector<int64_t>{2, 3, 4, 6, 1}));
  EXPECT_EQ(Ids(MostRelevantLessons(next, focus, all, 2)), (std::vector<int64_t>{2, 3}));
  const Relevance r = RelevanceOf(next, focus, all[1]);
  EXPECT_EQ(r.shared_focus, 1);
  EXPECT_FALSE(r.same_lead);
  EXPECT_EQ(r.shared_inspectorates, 1);
}

TEST(Lessons, Principle10_the_register_is_for_the_four_inspectorates_and_the_secretariat) {
  EXPECT_TRUE(MayReadLessons(Someone(1, kPolice, Role::kInspector), true));
  EXPECT_TRUE(MayReadLessons(Someone(2, std::nullopt, Role::kSecretariat), false));
  EXPECT_FALSE(MayReadLessons(Someone(3, kOfsted, Role::kInspector), false));
  EXPECT_FALSE(MayReadLessons(Caller{}, false));
  EXPECT_EQ(CheckMayReadLessons(Someone(3, kOfsted, Role::kInspector), false).rule(),
            "lessons-readers");
}

TEST(Lessons, a_stage_and_a_theme_read_back_from_their_ids) {
  for (InspectionStage s : kAllInspectionStages) EXPECT_EQ(ParseStage(StageId(s)), s);
  for (LessonTheme t : kAllLessonThemes) EXPECT_EQ(ParseLessonTheme(LessonThemeId(t)), t);
  EXPECT_FALSE(ParseStage("stage9"));
}

}  // namespace
}  // namespace jointly
