// Rules of stage 7 of a joint thematic inspection (M 41-47): factual
// accuracy corrections decided by the section's author or the lead, a
// rejection with a reason (R21); distribution lists cross-referenced so an
// address on two lists is sent to once (R21); a press notice naming the
// Chief Inspector or an HM Inspector of every participating inspectorate
// (R11); the stage opening once stage 6 is signed off.
#include "domain/media.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

constexpr int64_t kPolice = 1;
constexpr int64_t kCps = 2;
constexpr int64_t kProbation = 3;

Recipient On(int64_t id, int64_t list, const std::string& email) {
  Recipient r;
  r.id = id;
  r.inspectorate_id = list;
  r.recipient_name = "Someone";
  r.organisation = "Somewhere";
  r.email = email;
  return r;
}

Spokesperson Speaker(int64_t inspectorate, const std::string& name, SpokespersonRole role) {
  Spokesperson s;
  s.inspectorate_id = inspectorate;
  s.spokesperson = name;
  s.role = role;
  return s;
}

TEST(Media, R21_recipient_on_two_lists_is_flagged_and_sent_to_once) {
  const std::vector<Recipient> all = {On(1, kCps, "Minister@Example.gov.uk"),
                                      On(2, kPolice, "minister@example.gov.uk "),
                                      On(3, kCps, "dpp@example.gov.uk")};
  const auto each = CrossReference(all, Sender::kEachInspectorate, kPolice, {kPolice, kCps});
  ASSERT_EQ(each.size(), 3u);
  // The lead's list comes first and keeps the address.
  EXPECT_EQ(each[0].recipient.id, 2);
  EXPECT_FALSE(each[0].duplicate);
  EXPECT_EQ(each[0].also_on, std::vector<int64_t>{kCps});
  EXPECT_EQ(each[1].recipient.id, 1);
  EXPECT_TRUE(each[1].duplicate);
  EXPECT_EQ(each[1].sent_by, kCps);
  EXPECT_FALSE(each[2].duplicate);
  EXPECT_EQ(CountSentTo(each), 2);
  // When the lead sends, it sends to everyone.
  const auto lead = CrossReference(all, Sender::kLead, kPolice, {kPolice, kCps});
  for (const auto& d : lead) EXPECT_EQ(d.sent_by, kPolice);
  EXPECT_EQ(CountSentTo(lead), 2);
}

TEST(Media, R11_press_notice_names_every_inspectorates_chief_inspector_or_hmi) {
  const std::vector<Spokesperson> people = {
      Speaker(kPolice, "Andy Cooke", SpokespersonRole::kChiefInspector),
      Speaker(kCps, "Anthony Rogers", SpokespersonRole::kHmInspector),
      Speaker(kProbation, "A Press Officer", SpokespersonRole::kOther)};
  const std::vector<int64_t> three = {kPolice, kCps, kProbation};
  const std::string notice = "andy cooke and Anthony Rogers said... A Press Officer said...";
  // Someone other than a Chief Inspector or HM Inspector does not count.
  EXPECT_EQ(MissingFromNotice(notice, people, three), std::vector<int64_t>{kProbation});
  // Named as a spokesperson but not in the text: missing too.
  EXPECT_EQ(MissingFromNotice("Andy Cooke said", people, {kPolice, kCps}),
            std::vector<int64_t>{kCps});
  EXPECT_TRUE(MissingFromNotice(notice, people, {kPolice, kCps}).empty());
  const Status refused =
      CheckPressNotice({kCps, kProbation}, {{kCps, "HMCPSI"}, {kProbation, "HMI Probation"}});
  EXPECT_THAT(refused, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(refused.rule(), "R11");
  EXPECT_THAT(refused.message(), testing::HasSubstr("HMCPSI and HMI Probation"));
  EXPECT_THAT(CheckPressNotice({}, {}), IsOk());
}

TEST(Media, R21_correction_not_accepted_needs_a_reason) {
  FactualCheck check;
  check.sent_on = "2027-03-01";
  FactualCorrection c;
  c.received_on = "2027-03-02";
  c.decision = CorrectionDecision::kNotAccepted;
  const Status s = CheckCorrection(c, check);
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].field, "reason");
  c.reason = "The figure is right";
  EXPECT_THAT(CheckCorrection(c, check), IsOk());
  c.received_on = "2027-02-28";
  EXPECT_EQ(CheckCorrection(c, check).field_errors()[0].rule, "received-before-sent");
}

TEST(Media, R21_correction_decided_by_the_sections_author_or_the_lead) {
  Standing cps;
  cps.inspectorate = kCps;
  Standing police;
  police.inspectorate = kPolice;
  Standing probation;
  probation.inspectorate = kProbation;
  EXPECT_THAT(CheckMayDecide(cps, kPolice, kCps, "them"), IsOk());
  EXPECT_THAT(CheckMayDecide(police, kPolice, kCps, "them"), IsOk());
  EXPECT_THAT(CheckMayDecide(probation, kPolice, kCps, "them"),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckMayDecide(cps, kPolice, std::nullopt, "them"),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckMayDecide(Standing{}, kPolice, kCps, "them"),
              StatusIs(StatusCode::kPermissionDenied));
}

TEST(Media, R21_factual_checks_decided_once_every_correction_is) {
  EXPECT_FALSE(FactualChecksDecided({}, {}));
  const std::vector<FactualCheck> checks = {FactualCheck{}};
  EXPECT_TRUE(FactualChecksDecided(checks, {}));
  FactualCorrection open;
  EXPECT_FALSE(FactualChecksDecided(checks, {open}));
  open.decision = CorrectionDecision::kAccepted;
  EXPECT_TRUE(FactualChecksDecided(checks, {open}));
}

TEST(Media, factual_check_due_on_or_after_it_was_sent) {
  FactualCheck c;
  c.sent_on = "2027-03-10";
  c.due_on = "2027-03-09";
  EXPECT_EQ(CheckFactualCheck(c).field_errors().at(0).field, "due_on");
  c.due_on = "2027-03-10";
  EXPECT_THAT(CheckFactualCheck(c), IsOk());
}

TEST(Media, stage_7_opens_once_stage_6_is_signed_off_and_needs_its_media_checks) {
  InspectionFacts f;
  f.leads_named = f.terms_published = true;
  f.terms = f.timetable = f.sites_agreement = f.arrangements = Agreement::kAgreed;
  f.sites = f.letters = f.letters_authorised = f.letters_sent = 1;
  f.evidence_assured = f.meeting_held = true;
  f.structure = f.evidence_assurance = f.red_lines_confirmed = Agreement::kAgreed;
  f.findings = f.findings_on_evidence = f.recommendations = f.recommendations_answering = 1;
  f.approval_steps = 3;
  EXPECT_THAT(CheckStageOpen(StagesOf(f), InspectionStage::kPublication),
              StatusIs(StatusCode::kFailedPrecondition));
  f.approval_steps = 4;
  auto stages = StagesOf(f);
  EXPECT_THAT(CheckStageOpen(stages, InspectionStage::kPublication), IsOk());
  EXPECT_EQ(stages[6].progress, StageProgress::kNotStarted);
  f.factual_checks_decided = f.distribution_lists = f.media_strategy = true;
  EXPECT_EQ(StagesOf(f)[6].progress, StageProgress::kInProgress);
  f.press_notice = true;
  stages = StagesOf(f);
  EXPECT_EQ(stages[6].checks[3].rule, "R11");
  // The stage is complete once the report is published too.
  EXPECT_EQ(stages[6].progress, StageProgress::kInProgress);
  f.publication_set = f.published = true;
  EXPECT_EQ(StagesOf(f)[6].progress, StageProgress::kCompleted);
}

}  // namespace
}  // namespace jointly
