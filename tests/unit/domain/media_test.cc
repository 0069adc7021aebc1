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

// A spokesperson chosen from the people (user `user`), or, with `user` 0,
// one typed in by name before they were.
Spokesperson Speaker(int64_t inspectorate, const std::string& name, SpokespersonRole role,
                     int64_t user = 100) {
  Spokesperson s;
  s.inspectorate_id = inspectorate;
  if (user) s.user_id = user + inspectorate;
  s.spokesperson = name;
  s.role = role;
  return s;
}

User Person(int64_t id, std::optional<int64_t> inspectorate, std::vector<Role> roles) {
  User u;
  u.id = id;
  u.name = "Person " + std::to_string(id);
  u.inspectorate_id = inspectorate;
  u.roles = std::move(roles);
  return u;
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

TEST(Media, R11_spokespeople_are_chief_inspectors_or_hmis_chosen_from_the_people) {
  Inspection i;
  i.id = 9;
  i.lead_inspectorate_id = kPolice;
  i.participating = {kPolice, kCps};
  const User chief = Person(1, kPolice, {Role::kChiefInspector, Role::kHmInspector});
  auto made = SpokespersonFor(i, {}, chief.id, &chief);
  ASSERT_THAT(made.status(), IsOk());
  EXPECT_EQ(made->inspectorate_id, kPolice);
  EXPECT_EQ(made->user_id.value_or(0), 1);
  EXPECT_EQ(made->spokesperson, "Person 1");
  EXPECT_EQ(made->role, SpokespersonRole::kChiefInspector);
  const User hmi = Person(2, kCps, {Role::kHmInspector});
  EXPECT_EQ(SpokespersonFor(i, {}, hmi.id, &hmi)->role, SpokespersonRole::kHmInspector);
  // Every refusal at "user_id", with its rule.
  auto refused = [&](std::optional<int64_t> id, const User* person,
                     const std::vector<Spokesperson>& named = {}) {
    const Status s = SpokespersonFor(i, named, id, person).status();
    EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
    EXPECT_EQ(s.field_errors().size(), 1u);
    return s.field_errors().empty() ? ""
                                    : s.field_errors()[0].field + " " + s.field_errors()[0].rule;
  };
  EXPECT_EQ(refused(std::nullopt, nullptr), "user_id required");
  EXPECT_EQ(refused(44, nullptr), "user_id unknown-user");
  const User lead = Person(3, kCps, {Role::kLeadInspector});
  EXPECT_EQ(refused(lead.id, &lead), "user_id R11");
  const User probation = Person(4, kProbation, {Role::kChiefInspector});
  EXPECT_EQ(refused(probation.id, &probation), "user_id not-participating");
  const User nobody = Person(5, std::nullopt, {Role::kChiefInspector});
  EXPECT_EQ(refused(nobody.id, &nobody), "user_id not-participating");
  User gone = Person(6, kCps, {Role::kChiefInspector});
  gone.active = false;
  EXPECT_EQ(refused(gone.id, &gone), "user_id R11");
  EXPECT_EQ(refused(chief.id, &chief, {*made}), "user_id already-named");
  // Only the person's own inspectorate: speaking as a Chief Inspector of
  // another is nothing.
  EXPECT_FALSE(SpeaksAs(chief, kCps).has_value());
}

TEST(Media, R11_a_media_plan_names_a_spokesperson_for_every_participating_inspectorate) {
  const std::vector<int64_t> both = {kPolice, kCps};
  const std::vector<Spokesperson> people = {
      Speaker(kPolice, "Andy Cooke", SpokespersonRole::kChiefInspector),
      // Typed in before spokespeople were chosen from the people: kept,
      // counts for nobody.
      Speaker(kCps, "Anthony Rogers", SpokespersonRole::kChiefInspector, 0)};
  EXPECT_TRUE(SpeaksForInspectorate(people[0]));
  EXPECT_FALSE(SpeaksForInspectorate(people[1]));
  EXPECT_EQ(WithoutSpokesperson(people, both), std::vector<int64_t>{kCps});
  EXPECT_EQ(MissingFromNotice("Andy Cooke and Anthony Rogers said", people, both),
            std::vector<int64_t>{kCps});
  const std::map<int64_t, std::string> names = {{kPolice, "HMICFRS"}, {kCps, "HMCPSI"}};
  // No notice yet: the spokespeople alone are refused, naming HMCPSI.
  const Status early = CheckMediaPlan({kCps}, {kCps}, false, names);
  EXPECT_THAT(early, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(early.rule(), "R11");
  ASSERT_EQ(early.field_errors().size(), 1u);
  EXPECT_EQ(early.field_errors()[0].field, "spokespeople");
  EXPECT_THAT(early.field_errors()[0].message, testing::HasSubstr("HMCPSI"));
  // With a notice, both are named at once.
  const Status both_wrong = CheckMediaPlan({kCps}, {kCps}, true, names);
  ASSERT_EQ(both_wrong.field_errors().size(), 2u);
  EXPECT_EQ(both_wrong.field_errors()[1].field, "press_notice");
  // Every inspectorate has one, but the notice leaves one out.
  const Status notice = CheckMediaPlan({}, {kPolice}, true, names);
  ASSERT_EQ(notice.field_errors().size(), 1u);
  EXPECT_EQ(notice.field_errors()[0].field, "press_notice");
  EXPECT_THAT(notice.message(), testing::HasSubstr("HMICFRS"));
  EXPECT_THAT(CheckMediaPlan({}, {kPolice}, false, names), IsOk());
  EXPECT_THAT(CheckMediaPlan({}, {}, true, names), IsOk());
}

TEST(Media, R21_correction_not_accepted_needs_a_reason) {
  FactualCheck check;
  check.sent_on = "2027-03-01";
  FactualCorrection c;
  c.received_on = "2027-03-02";
  c.decision = CorrectionDecision::kNotAccepted;
  const Status s = CheckCorrection(c, check, "2027-03-10");
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].field, "reason");
  c.reason = "The figure is right";
  EXPECT_THAT(CheckCorrection(c, check, "2027-03-10"), IsOk());
  c.received_on = "2027-02-28";
  EXPECT_EQ(CheckCorrection(c, check, "2027-03-10").field_errors()[0].rule, "received-before-sent");
}

TEST(Media, not_in_future_a_correction_is_received_today_or_earlier) {
  FactualCheck check;
  check.sent_on = "2027-03-01";
  FactualCorrection c;
  c.received_on = "2027-03-10";
  EXPECT_THAT(CheckCorrection(c, check, "2027-03-10"), IsOk());
  c.received_on = "2027-03-11";
  const Status s = CheckCorrection(c, check, "2027-03-10");
  ASSERT_EQ(s.field_errors().size(), 1u);
  EXPECT_EQ(s.field_errors()[0].field, "received_on");
  EXPECT_EQ(s.field_errors()[0].rule, "not-in-future");
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
