// Rules of stages 3 and 4 of a joint thematic inspection: the stages open
// in order, every participating inspectorate quality-assures all evidence
// (R15), interviews are joint unless a reason is recorded (R16),
// OFFICIAL-SENSITIVE material stays with the team, attachments are what
// they say they are, and clearances that will not cover fieldwork warn.
#include "domain/fieldwork.h"

#include <gtest/gtest.h>

#include "tests/support/inspection_fixtures.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

EvidenceItem Item(int64_t id, int64_t version) {
  EvidenceItem e;
  e.id = id;
  e.inspection_id = 7;
  e.version = version;
  e.method = Method::kDocumentReview;
  e.summary = "The force's hate crime policy is out of date";
  return e;
}

EvidenceReview Reviewed(int64_t id, int64_t evidence, int64_t version, int64_t inspectorate,
                        ReviewState state) {
  EvidenceReview r;
  r.id = id;
  r.evidence_id = evidence;
  r.evidence_version = version;
  r.inspectorate_id = inspectorate;
  r.state = state;
  return r;
}

Standing Speaking(std::optional<int64_t> inspectorate, bool on_team) {
  Standing s;
  s.sees = true;
  s.on_team = on_team;
  s.inspectorate = inspectorate;
  return s;
}

InspectionFacts StageOneAndTwoDone() {
  InspectionFacts f;
  f.leads_named = true;
  f.terms = Agreement::kAgreed;
  f.terms_published = true;
  f.timetable = Agreement::kAgreed;
  f.sites = 2;
  f.sites_agreement = Agreement::kAgreed;
  f.letters = 2;
  f.letters_authorised = 2;
  f.letters_sent = 2;
  return f;
}

TEST(Fieldwork, stages_open_in_order_and_name_what_holds_them_back) {
  InspectionFacts f = StageOneAndTwoDone();
  f.letters_sent = 1;
  auto stages = StagesOf(f);
  ASSERT_EQ(stages.size(), 8u);
  EXPECT_EQ(stages[2].progress, StageProgress::kCannotStartYet);
  const Status closed = CheckStageOpen(stages, InspectionStage::kPreFieldwork);
  EXPECT_EQ(closed.rule(), "stage-order");
  EXPECT_NE(closed.message().find("Every letter sent at least six weeks before fieldwork"),
            std::string::npos);
  // Stage 2 waits for stage 1's rules, whatever is recorded in stage 2.
  InspectionFacts early;
  early.leads_named = true;
  EXPECT_EQ(CheckStageOpen(StagesOf(early), InspectionStage::kSites).rule(), "stage-order");
  f.letters_sent = 2;
  stages = StagesOf(f);
  EXPECT_TRUE(CheckStageOpen(stages, InspectionStage::kPreFieldwork).ok());
  EXPECT_EQ(stages[2].progress, StageProgress::kNotStarted);
  // Stage 4 waits for the fieldwork arrangements to be agreed (R11).
  EXPECT_EQ(stages[3].progress, StageProgress::kCannotStartYet);
  f.arrangements = Agreement::kAgreed;
  EXPECT_EQ(StagesOf(f)[3].progress, StageProgress::kNotStarted);
  // A site added late, its letter not sent yet, does not stop fieldwork
  // already under way.
  f.evidence = 3;
  f.sites = 3;
  f.letters = 3;
  EXPECT_EQ(StagesOf(f)[2].progress, StageProgress::kInProgress);
  EXPECT_TRUE(CheckStageOpen(StagesOf(f), InspectionStage::kPreFieldwork).ok());
}

TEST(Fieldwork, R15_every_participating_inspectorate_quality_assures_all_evidence) {
  const Inspection i = HateCrime();
  const EvidenceItem a = Item(1, 1), b = Item(2, 3);
  std::vector<EvidenceReview> reviews = {
      Reviewed(10, 1, 1, kPolice, ReviewState::kAgreed),
      Reviewed(11, 1, 1, kCps, ReviewState::kQueryRaised),
      Reviewed(12, 2, 3, kPolice, ReviewState::kAgreed),
      Reviewed(13, 2, 3, kCps, ReviewState::kAgreed),
  };
  EXPECT_EQ(ReviewOf(a, reviews, kCps), ReviewState::kQueryRaised);
  EXPECT_EQ(ReviewOf(a, reviews, kProbation), ReviewState::kNotReviewed);
  EXPECT_FALSE(EvidenceAssured(i, {a, b}, reviews));
  // The query answered, the CPS agrees: the newest review counts.
  reviews.push_back(Reviewed(14, 1, 1, kCps, ReviewState::kAgreed));
  EXPECT_TRUE(EvidenceAssured(i, {a, b}, reviews));
  // A change to an item asks every inspectorate again.
  EXPECT_EQ(ReviewOf(Item(2, 4), reviews, kPolice), ReviewState::kNotReviewed);
  EXPECT_FALSE(EvidenceAssured(i, {a, Item(2, 4)}, reviews));
  EXPECT_FALSE(EvidenceAssured(i, {}, reviews));

  // Any participating inspectorate reviews, not only the lead; others may
  // not; a query says what it asks.
  EvidenceReview agree = Reviewed(0, 1, 1, kCps, ReviewState::kAgreed);
  EXPECT_TRUE(CheckReview(i, Speaking(kCps, false), agree).ok());
  EXPECT_EQ(CheckReview(i, Speaking(kProbation, false), agree).rule(), "R15");
  EXPECT_EQ(CheckReview(i, Speaking(std::nullopt, false), agree).rule(), "R15");
  EvidenceReview query = Reviewed(0, 1, 1, kCps, ReviewState::kQueryRaised);
  const Status bare = CheckReview(i, Speaking(kCps, true), query);
  ASSERT_FALSE(bare.field_errors().empty());
  EXPECT_EQ(bare.field_errors().back().rule, "query-comment");
  query.comment = "Which version of the policy was read?";
  EXPECT_TRUE(CheckReview(i, Speaking(kCps, true), query).ok());
}

TEST(Fieldwork, R16_single_inspectorate_interviews_need_a_reason) {
  Interview joint;
  joint.held_on = "2017-10-03";
  joint.with_whom = "Hate crime leads";
  EXPECT_TRUE(ValidateInterview(joint).ok());
  Interview single = joint;
  single.staffing = Staffing::kSingle;
  const Status s = ValidateInterview(single);
  EXPECT_EQ(s.rule(), "R16");
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[0].field, "single_inspectorate");
  EXPECT_EQ(s.field_errors()[1].field, "single_reason");
  single.single_inspectorate = kCps;
  single.single_reason = "   ";
  EXPECT_EQ(ValidateInterview(single).rule(), "R16");
  single.single_reason = "Prosecutors' case decisions are for HMCPSI alone to examine";
  EXPECT_TRUE(ValidateInterview(single).ok());
}

TEST(Fieldwork, official_sensitive_is_seen_by_the_team_only) {
  EXPECT_TRUE(MaySee(Speaking(kCps, false), Classification::kOfficial));
  EXPECT_FALSE(MaySee(Speaking(kCps, false), Classification::kOfficialSensitive));
  EXPECT_TRUE(MaySee(Speaking(kCps, true), Classification::kOfficialSensitive));
  Standing outsider;
  EXPECT_FALSE(MaySee(outsider, Classification::kOfficial));
}

TEST(Fieldwork, file_examinations_carry_their_case_reference) {
  EvidenceItem e = Item(1, 1);
  e.method = Method::kFileExamination;
  EXPECT_EQ(ValidateEvidence(e).rule(), "case-reference");
  e.case_reference = "01KN0123456";
  EXPECT_TRUE(ValidateEvidence(e).ok());
}

TEST(Fieldwork, not_in_future_evidence_is_not_gathered_after_today) {
  const Date today = *Date::Parse("2026-12-01");
  EvidenceItem e = Item(1, 1);
  e.gathered_on = "2026-12-01";
  EXPECT_TRUE(CheckGatheredBy(e, today).ok());
  e.gathered_on = "2026-12-02";
  const Status later = CheckGatheredBy(e, today);
  EXPECT_EQ(later.rule(), "not-in-future");
  ASSERT_EQ(later.field_errors().size(), 1u);
  EXPECT_EQ(later.field_errors()[0].field, "gathered_on");
  e.gathered_on = "not a date";
  EXPECT_TRUE(CheckGatheredBy(e, today).ok());
}

TEST(Fieldwork, attachments_are_what_their_names_say_and_within_the_limit) {
  EXPECT_EQ(*CheckAttachment("notes.txt", "Interview notes\n"), "text/plain");
  EXPECT_EQ(*CheckAttachment("Policy.PDF", "%PDF-1.7 rest"), "application/pdf");
  EXPECT_EQ(*CheckAttachment("photo.png", std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  // A program renamed to look like a document, and a type not accepted.
  EXPECT_EQ(CheckAttachment("policy.pdf", "MZ\x90").status().rule(), "attachment-type");
  EXPECT_EQ(CheckAttachment("tool.exe", "MZ\x90").status().rule(), "attachment-type");
  EXPECT_EQ(CheckAttachment("notes.txt", std::string("a\0b", 3)).status().rule(),
            "attachment-type");
  EXPECT_EQ(CheckAttachment("empty.txt", "").status().rule(), "attachment-size");
  EXPECT_EQ(CheckAttachment("big.txt", std::string(kMaxAttachmentBytes + 1, 'a')).status().rule(),
            "attachment-size");
  EXPECT_TRUE(CheckAttachment("big.txt", std::string(kMaxAttachmentBytes, 'a')).ok());
  EXPECT_EQ(CheckAttachment("../etc/passwd.txt", "x").status().rule(), "filename");
}

TEST(Fieldwork, clearances_that_will_not_cover_fieldwork_warn) {
  Clearance awaited;
  awaited.user_id = 5;
  awaited.kind = ClearanceKind::kItAccess;
  awaited.detail = "Kent Police crime system";
  Clearance expiring;
  expiring.user_id = 6;
  expiring.detail = "Police vetting level 2";
  expiring.held = true;
  expiring.expires_on = "2017-10-15";
  Clearance fine = expiring;
  fine.expires_on = "2018-10-15";
  const std::map<int64_t, std::string> names = {{5, "Asha Patel"}, {6, "Tom Jones"}};
  const Date today = *Date::Parse("2017-09-01");
  const auto warnings =
      ClearanceWarnings({awaited, expiring, fine}, Date::Parse("2017-10-20"), today, names);
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find("Asha Patel does not hold"), std::string::npos);
  EXPECT_NE(warnings[1].find("15 October 2017, before onsite fieldwork ends"), std::string::npos);
  EXPECT_EQ(ClearanceWarnings({expiring}, std::nullopt, today, names).size(), 0u);
}

TEST(Fieldwork, a_clearance_past_its_expiry_date_has_expired_and_is_not_held) {
  Clearance vetting;
  vetting.user_id = 6;
  vetting.detail = "Police vetting level 2";
  vetting.held = true;
  vetting.expires_on = "2017-10-15";
  const std::map<int64_t, std::string> names = {{6, "Tom Jones"}};
  EXPECT_FALSE(ClearanceExpired(vetting, *Date::Parse("2017-10-15")));
  EXPECT_TRUE(ClearanceExpired(vetting, *Date::Parse("2017-10-16")));
  // No fieldwork dated yet: still a warning once it has expired.
  const auto warnings =
      ClearanceWarnings({vetting}, std::nullopt, *Date::Parse("2017-10-16"), names);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "Tom Jones's Security clearance (Police vetting level 2) expired on 15 October 2017: "
            "it is not held until it is renewed");
  Clearance awaited = vetting;
  awaited.held = false;
  EXPECT_FALSE(ClearanceExpired(awaited, *Date::Parse("2017-10-16")));
}

TEST(Fieldwork, a_clearance_is_judged_against_fieldwork_not_only_today) {
  Clearance vetting;
  vetting.user_id = 6;
  vetting.detail = "Police vetting level 2";
  vetting.held = true;
  vetting.expires_on = "2019-03-31";
  const std::map<int64_t, std::string> names = {{6, "Tom Jones"}};
  const auto fieldwork_ends = Date::Parse("2017-11-08");
  const Date long_after = *Date::Parse("2026-12-01");
  // Expired today, but only after the last day of fieldwork: it covered
  // the fieldwork, and an inspection of 2017 looked at now does not warn.
  EXPECT_TRUE(ClearanceExpired(vetting, long_after));
  EXPECT_FALSE(ClearanceLapsed(vetting, fieldwork_ends, long_after));
  EXPECT_TRUE(ClearanceWarnings({vetting}, fieldwork_ends, long_after, names).empty());
  // Nor for a visit that it covered.
  Visit visit;
  visit.id = 1;
  visit.visit_on = "2017-10-03";
  VisitPlace place;
  place.visit_id = 1;
  place.user_id = 6;
  EXPECT_TRUE(VisitClearanceWarnings(visit, {place}, {vetting}, long_after, names).empty());
  // Expired today and before fieldwork ends: it lapsed, and says so.
  const auto later_fieldwork = Date::Parse("2019-05-10");
  const Date in_april = *Date::Parse("2019-04-15");
  EXPECT_TRUE(ClearanceLapsed(vetting, later_fieldwork, in_april));
  const auto warnings = ClearanceWarnings({vetting}, later_fieldwork, in_april, names);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0],
            "Tom Jones's Security clearance (Police vetting level 2) expired on 31 March 2019, "
            "before onsite fieldwork ends on Friday 10 May 2019: it is not held until it is "
            "renewed");
}

TEST(Fieldwork, arrangements_are_complete_before_agreement) {
  FieldworkArrangements a;
  const Status empty = CheckArrangementsComplete(a);
  EXPECT_EQ(empty.rule(), "arrangements-incomplete");
  EXPECT_EQ(empty.field_errors().size(), 9u);
  a.onsite_and_remote = a.inspectors_per_visit = a.security = a.shared_before =
      a.evidence_recording = a.debriefs = a.live_cases = "Agreed";
  a.drafting = TimetableDrafting::kEachLead;
  a.interviews = InterviewApproach::kQuestionList;
  EXPECT_TRUE(CheckArrangementsComplete(a).ok());
}

TEST(Fieldwork, R15_what_an_inspectorate_has_still_to_quality_assure) {
  EvidenceItem a;
  a.id = 1;
  a.version = 2;
  EvidenceItem b;
  b.id = 2;
  b.version = 1;
  auto review = [](int64_t id, int64_t item, ReviewState state) {
    EvidenceReview r;
    r.id = id;
    r.evidence_id = item;
    r.evidence_version = 1;
    r.inspectorate_id = 7;
    r.state = state;
    return r;
  };
  const EvidenceReview old_agreement = review(10, 1, ReviewState::kAgreed);
  EvidenceReview query = review(11, 2, ReviewState::kQueryRaised);
  query.comment = "Which policy?";
  query.reviewed_by = 40;
  // Item 1 changed since inspectorate 7 agreed it; item 2 is queried.
  auto awaiting = AwaitingReviewBy({a, b}, {old_agreement, query}, 7);
  ASSERT_EQ(awaiting.size(), 1u);
  EXPECT_EQ(awaiting[0].id, 1);
  EXPECT_EQ(AwaitingReviewBy({a, b}, {old_agreement, query}, 8).size(), 2u);
  // The query is the asker's to look at again once answered, until their
  // inspectorate reviews the item again.
  EXPECT_TRUE(AnsweredQueriesOf({query}, 40).empty());
  query.answer = "The 2016 policy";
  ASSERT_EQ(AnsweredQueriesOf({query}, 40).size(), 1u);
  EXPECT_TRUE(AnsweredQueriesOf({query}, 41).empty());
  EXPECT_TRUE(AnsweredQueriesOf({query, review(12, 2, ReviewState::kAgreed)}, 40).empty());
}

TEST(Fieldwork,
     R23_a_delegate_of_fieldwork_sees_the_live_cases_recorded_for_the_delegating_inspectorate) {
  Standing delegate;
  delegate.sees = true;
  delegate.delegate = true;
  LiveCaseIssue police;
  police.recorded_for = 1;
  LiveCaseIssue cps;
  cps.recorded_for = 2;
  LiveCaseIssue older;  // recorded before issues said for whom: the team's
  EXPECT_TRUE(MaySeeLiveCase(delegate, police, 1));
  EXPECT_FALSE(MaySeeLiveCase(delegate, cps, 1));
  EXPECT_FALSE(MaySeeLiveCase(delegate, older, 1));
  EXPECT_FALSE(MaySeeLiveCase(delegate, police, std::nullopt)) << "no delegation of fieldwork";
  Standing team = delegate;
  team.delegate = false;
  team.on_team = true;
  EXPECT_TRUE(MaySeeLiveCase(team, cps, std::nullopt));
  Standing outsider;
  EXPECT_FALSE(MaySeeLiveCase(outsider, police, 1));
}

}  // namespace
}  // namespace jointly
