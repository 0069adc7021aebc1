// Rules of the report's approval chain, stage 6 (M 37-40; R11): every
// approval is bound to the version of the report (sections, findings,
// recommendations) it was given on, and lapses when it changes; the steps
// go in order; the submitter of a step does not approve it for their own
// inspectorate; critical readers are answered before the final sign-off.
#include "domain/approvals.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

constexpr int64_t kPolice = 1, kCps = 2;
const std::set<int64_t> kBoth = {kPolice, kCps};

Caller Person(int64_t id, int64_t inspectorate, Role role) {
  Caller c;
  c.user_id = id;
  c.inspectorate_id = inspectorate;
  c.roles = {role};
  c.active = true;
  return c;
}
const Caller kPoliceRep = Person(10, kPolice, Role::kDgRepresentative);
const Caller kCpsRep = Person(11, kCps, Role::kDgRepresentative);
const Caller kPoliceHmi = Person(12, kPolice, Role::kHmInspector);
const Caller kCpsChief = Person(13, kCps, Role::kChiefInspector);
const Caller kPoliceLead = Person(14, kPolice, Role::kLeadInspector);

SectionDraft Draft(int64_t section, int64_t number) {
  SectionDraft d;
  d.section_id = section;
  d.number = number;
  return d;
}

ReportContent Report(int64_t section_number, int64_t finding_version = 1,
                     int64_t recommendation_version = 1) {
  Finding f;
  f.id = 4;
  f.version = finding_version;
  Recommendation r;
  r.id = 6;
  r.version = recommendation_version;
  return ContentOf({Draft(1, 1), Draft(1, section_number), Draft(2, 1)}, {f},
                   {FindingEvidence{7, 0, 4, 9}}, {r}, {RecommendationFinding{8, 0, 6, 4}});
}

ReportStep Submitted(int64_t id, ApprovalStep step, const ReportContent& on, int64_t by) {
  ReportStep s;
  s.id = id;
  s.step = step;
  s.content = ContentText(on);
  s.content_version = ContentVersion(on);
  s.submitted_by = by;
  return s;
}

StepApproval Approved(int64_t step_id, int64_t inspectorate, const ReportContent& on) {
  StepApproval a;
  a.step_id = step_id;
  a.inspectorate_id = inspectorate;
  a.content_version = ContentVersion(on);
  return a;
}

CriticalReader Reader(std::string response = "", ReaderOutcome outcome = ReaderOutcome::kNone) {
  CriticalReader r;
  r.name = "Dr Ada Reader";
  r.deadline = "2026-12-20";
  r.response = std::move(response);
  r.outcome = outcome;
  return r;
}

TEST(Approvals, the_version_covers_sections_findings_recommendations_and_their_links) {
  const ReportContent now = Report(2);
  EXPECT_EQ(now.at("section:1"), 2);
  EXPECT_EQ(now.at("section:2"), 1);
  EXPECT_EQ(now.at("finding:4"), 1);
  EXPECT_EQ(now.at("recommendation:6"), 1);
  EXPECT_EQ(now.count("finding-evidence:7"), 1u);
  EXPECT_EQ(now.count("recommendation-finding:8"), 1u);
  EXPECT_EQ(ParseContent(ContentText(now)), now);
  EXPECT_NE(ContentVersion(now), ContentVersion(Report(3)));
  EXPECT_NE(ContentVersion(now), ContentVersion(Report(2, 2)));
  EXPECT_NE(ContentVersion(now), ContentVersion(Report(2, 1, 2)));
  EXPECT_EQ(ContentVersion(now), ContentVersion(Report(2)));
  EXPECT_EQ(ContentVersion({}), 0);
  EXPECT_LT(ContentVersion(now), int64_t{1} << 53);
}

TEST(Approvals, R11_approvals_are_bound_to_the_version) {
  const ReportContent then = Report(2);
  const ReportStep step = Submitted(1, ApprovalStep::kAgreement, then, kPoliceLead.user_id);
  auto chain = ChainOf(kBoth, then, {step}, {}, {});
  EXPECT_EQ(chain[0].state, StepState::kAwaiting);
  const int64_t v = ContentVersion(then);
  EXPECT_THAT(CheckApprove(chain[0], kPoliceRep, kBoth, v, v), IsOk());
  // An approval of a version that is not the newest is refused.
  const Status stale = CheckApprove(chain[0], kPoliceRep, kBoth, v + 1, v);
  EXPECT_THAT(stale, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(stale.rule(), "R11");
  // A change to a finding after the step was submitted lapses it, with
  // approvals given: shown lapsed with what changed, and refused.
  const ReportContent now = Report(2, 2);
  chain = ChainOf(kBoth, now, {step}, {Approved(1, kPolice, then), Approved(1, kCps, then)}, {});
  EXPECT_EQ(chain[0].state, StepState::kLapsed);
  ASSERT_EQ(chain[0].changes.size(), 1u);
  EXPECT_EQ(chain[0].changes[0], (ContentChange{"finding", 4, ContentChangeKind::kChanged}));
  const Status lapsed =
      CheckApprove(chain[0], kPoliceRep, kBoth, ContentVersion(now), ContentVersion(now));
  EXPECT_EQ(lapsed.rule(), "R11");
  // Asked again on the new version.
  EXPECT_THAT(CheckSubmit(ApprovalStep::kAgreement, chain, now, {}), IsOk());
}

TEST(Approvals, any_change_to_sections_or_recommendations_lapses_a_step) {
  const ReportContent then = Report(2);
  const ReportStep step = Submitted(1, ApprovalStep::kAgreement, then, kPoliceLead.user_id);
  const std::vector<StepApproval> both = {Approved(1, kPolice, then), Approved(1, kCps, then)};
  EXPECT_EQ(ChainOf(kBoth, then, {step}, both, {})[0].state, StepState::kComplete);
  EXPECT_EQ(ChainOf(kBoth, Report(3), {step}, both, {})[0].state, StepState::kLapsed);
  EXPECT_EQ(ChainOf(kBoth, Report(2, 1, 2), {step}, both, {})[0].state, StepState::kLapsed);
  ReportContent removed = then;
  removed.erase("recommendation-finding:8");
  const auto chain = ChainOf(kBoth, removed, {step}, both, {});
  EXPECT_EQ(chain[0].state, StepState::kLapsed);
  EXPECT_EQ(chain[0].changes[0].kind, ContentChangeKind::kRemoved);
}

TEST(Approvals, M37_every_representative_agrees_first) {
  const ReportContent now = Report(2);
  const ReportStep agreement = Submitted(1, ApprovalStep::kAgreement, now, kPoliceLead.user_id);
  // Nothing submitted: approval cannot be submitted.
  auto chain = ChainOf(kBoth, now, {}, {}, {});
  EXPECT_EQ(CheckSubmit(ApprovalStep::kApproval, chain, now, {}).rule(), "R18");
  EXPECT_THAT(CheckSubmit(ApprovalStep::kAgreement, chain, now, {}), IsOk());
  // One representative of two: still refused.
  chain = ChainOf(kBoth, now, {agreement}, {Approved(1, kPolice, now)}, {});
  EXPECT_EQ(chain[0].awaiting, std::set<int64_t>{kCps});
  EXPECT_EQ(CheckSubmit(ApprovalStep::kApproval, chain, now, {}).rule(), "R18");
  // Only a Development Group representative agrees for an inspectorate.
  EXPECT_EQ(
      CheckApprove(chain[0], kCpsChief, kBoth, ContentVersion(now), ContentVersion(now)).rule(),
      "approver-role");
  chain = ChainOf(kBoth, now, {agreement}, {Approved(1, kPolice, now), Approved(1, kCps, now)}, {});
  EXPECT_THAT(CheckSubmit(ApprovalStep::kApproval, chain, now, {}), IsOk());
  EXPECT_EQ(CheckSubmit(ApprovalStep::kAgreement, chain, now, {}).rule(), "already-submitted");
}

TEST(Approvals, M38_every_inspectorate_approves_before_critical_readers_see_it) {
  const ReportContent now = Report(2);
  const std::vector<ReportStep> steps = {
      Submitted(1, ApprovalStep::kAgreement, now, kPoliceLead.user_id),
      Submitted(2, ApprovalStep::kApproval, now, kPoliceLead.user_id)};
  std::vector<StepApproval> given = {Approved(1, kPolice, now), Approved(1, kCps, now),
                                     Approved(2, kPolice, now)};
  auto chain = ChainOf(kBoth, now, steps, given, {Reader()});
  EXPECT_EQ(CheckSubmit(ApprovalStep::kCriticalReading, chain, now, {Reader()}).rule(), "R18");
  // Only an HM Inspector or the Chief Inspector approves.
  const int64_t v = ContentVersion(now);
  EXPECT_EQ(CheckApprove(chain[1], kCpsRep, kBoth, v, v).rule(), "approver-role");
  EXPECT_THAT(CheckApprove(chain[1], kCpsChief, kBoth, v, v), IsOk());
  given.push_back(Approved(2, kCps, now));
  chain = ChainOf(kBoth, now, steps, given, {Reader()});
  EXPECT_THAT(CheckSubmit(ApprovalStep::kCriticalReading, chain, now, {Reader()}), IsOk());
}

TEST(Approvals, M39_critical_readers_are_named_and_every_response_answered_before_sign_off) {
  const ReportContent now = Report(2);
  std::vector<ReportStep> steps = {Submitted(1, ApprovalStep::kAgreement, now, 14),
                                   Submitted(2, ApprovalStep::kApproval, now, 14)};
  const std::vector<StepApproval> given = {Approved(1, kPolice, now), Approved(1, kCps, now),
                                           Approved(2, kPolice, now), Approved(2, kCps, now)};
  // No reader named: the report is not sent.
  auto chain = ChainOf(kBoth, now, steps, given, {});
  EXPECT_EQ(CheckSubmit(ApprovalStep::kCriticalReading, chain, now, {}).rule(),
            "no-critical-readers");
  steps.push_back(Submitted(3, ApprovalStep::kCriticalReading, now, 14));
  // A response not yet answered holds the final sign-off back.
  const std::vector<CriticalReader> open = {Reader("Page 3 is wrong")};
  chain = ChainOf(kBoth, now, steps, given, open);
  EXPECT_EQ(chain[2].state, StepState::kAwaiting);
  EXPECT_EQ(CheckSubmit(ApprovalStep::kSignOff, chain, now, open).rule(), "R18");
  EXPECT_EQ(CheckApprove(chain[2], kPoliceHmi, kBoth, 1, 1).rule(), "not-an-approval");
  // Answered (the text changed in answer): sign-off follows, critical
  // reading does not lapse.
  std::vector<CriticalReader> answered = {Reader("Page 3 is wrong", ReaderOutcome::kAccepted),
                                          Reader("Too long", ReaderOutcome::kNotAccepted)};
  answered[1].reason = "The length was agreed";
  const ReportContent changed = Report(3);
  chain = ChainOf(kBoth, changed, steps, given, answered);
  EXPECT_EQ(chain[2].state, StepState::kComplete);
  EXPECT_THAT(CheckSubmit(ApprovalStep::kSignOff, chain, changed, answered), IsOk());
}

TEST(Approvals, M39_changes_in_answer_to_critical_readers_keep_the_gates_and_M40_signs_them_off) {
  const ReportContent sent = Report(2);
  std::vector<ReportStep> steps = {Submitted(1, ApprovalStep::kAgreement, sent, 14),
                                   Submitted(2, ApprovalStep::kApproval, sent, 14),
                                   Submitted(3, ApprovalStep::kCriticalReading, sent, 14)};
  std::vector<StepApproval> given = {Approved(1, kPolice, sent), Approved(1, kCps, sent),
                                     Approved(2, kPolice, sent), Approved(2, kCps, sent)};
  const std::vector<CriticalReader> answered = {
      Reader("Page 3 is wrong", ReaderOutcome::kAccepted)};
  // Changed in answer: the agreement and the approval, the gates to the
  // readers, stay complete, and the final sign-off follows.
  const ReportContent changed = Report(3);
  auto chain = ChainOf(kBoth, changed, steps, given, answered);
  EXPECT_EQ(chain[0].state, StepState::kComplete);
  EXPECT_EQ(chain[1].state, StepState::kComplete);
  EXPECT_TRUE(chain[0].changes.empty());
  EXPECT_THAT(CheckSubmit(ApprovalStep::kSignOff, chain, changed, answered), IsOk());
  steps.push_back(Submitted(4, ApprovalStep::kSignOff, changed, 14));
  given.push_back(Approved(4, kPolice, changed));
  given.push_back(Approved(4, kCps, changed));
  EXPECT_EQ(StepsComplete(ChainOf(kBoth, changed, steps, given, answered)), 4);
  // A change after the final sign-off lapses it alone.
  chain = ChainOf(kBoth, Report(4), steps, given, answered);
  EXPECT_EQ(chain[3].state, StepState::kLapsed);
  EXPECT_EQ(chain[0].state, StepState::kComplete);
  EXPECT_EQ(StepsComplete(chain), 3);
  // Sending it to the readers again is not offered once they all answered,
  // and a sending again leaves the gates passed.
  EXPECT_EQ(CheckSubmit(ApprovalStep::kCriticalReading, chain, Report(4), answered).rule(),
            "already-submitted");
  std::vector<ReportStep> again = steps;
  again.push_back(Submitted(5, ApprovalStep::kCriticalReading, Report(4), 14));
  chain = ChainOf(kBoth, Report(4), again, given, answered);
  EXPECT_EQ(chain[0].state, StepState::kComplete);
  EXPECT_EQ(chain[1].state, StepState::kComplete);
  // Before the readers were sent it, a change lapses the gates as ever.
  chain = ChainOf(kBoth, changed, {steps[0], steps[1]}, given, answered);
  EXPECT_EQ(chain[0].state, StepState::kLapsed);
  EXPECT_EQ(chain[1].state, StepState::kLapsed);
}

TEST(Approvals, M40_final_sign_off_waits_for_every_earlier_step_not_only_the_one_before) {
  const ReportContent sent = Report(2);
  const ReportContent changed = Report(3);
  const std::vector<ReportStep> steps = {Submitted(1, ApprovalStep::kAgreement, sent, 14),
                                         Submitted(2, ApprovalStep::kApproval, sent, 14),
                                         Submitted(3, ApprovalStep::kCriticalReading, sent, 14),
                                         Submitted(5, ApprovalStep::kAgreement, changed, 14)};
  const std::vector<StepApproval> given = {Approved(1, kPolice, sent), Approved(1, kCps, sent),
                                           Approved(2, kPolice, sent), Approved(2, kCps, sent),
                                           Approved(5, kPolice, changed)};
  const std::vector<CriticalReader> answered = {
      Reader("Page 3 is wrong", ReaderOutcome::kAccepted)};
  // The agreement asked again after the readers awaits an inspectorate:
  // critical reading is complete, yet the final sign-off is refused.
  const auto chain = ChainOf(kBoth, changed, steps, given, answered);
  EXPECT_EQ(chain[0].state, StepState::kAwaiting);
  EXPECT_EQ(chain[2].state, StepState::kComplete);
  EXPECT_EQ(CheckSubmit(ApprovalStep::kSignOff, chain, changed, answered).rule(), "R18");
}

TEST(Approvals, M40_final_sign_off_by_every_inspectorate) {
  const ReportContent now = Report(2);
  const std::vector<ReportStep> steps = {Submitted(1, ApprovalStep::kAgreement, now, 14),
                                         Submitted(2, ApprovalStep::kApproval, now, 14),
                                         Submitted(3, ApprovalStep::kCriticalReading, now, 14),
                                         Submitted(4, ApprovalStep::kSignOff, now, 14)};
  std::vector<StepApproval> given = {Approved(1, kPolice, now), Approved(1, kCps, now),
                                     Approved(2, kPolice, now), Approved(2, kCps, now),
                                     Approved(4, kPolice, now)};
  const std::vector<CriticalReader> readers = {Reader("Fine", ReaderOutcome::kAccepted)};
  auto chain = ChainOf(kBoth, now, steps, given, readers);
  EXPECT_EQ(chain[3].state, StepState::kAwaiting);
  EXPECT_EQ(StepsComplete(chain), 3);
  const int64_t v = ContentVersion(now);
  EXPECT_EQ(CheckApprove(chain[3], kCpsRep, kBoth, v, v).rule(), "approver-role");
  EXPECT_EQ(CheckApprove(chain[3], kPoliceHmi, kBoth, v, v).rule(), "already-approved");
  given.push_back(Approved(4, kCps, now));
  chain = ChainOf(kBoth, now, steps, given, readers);
  EXPECT_EQ(chain[3].state, StepState::kComplete);
  EXPECT_EQ(StepsComplete(chain), 4);
}

TEST(Approvals, submitter_cannot_approve_alone) {
  const ReportContent now = Report(2);
  const ReportStep step = Submitted(1, ApprovalStep::kAgreement, now, kPoliceRep.user_id);
  const auto chain = ChainOf(kBoth, now, {step}, {}, {});
  const int64_t v = ContentVersion(now);
  const Status own = CheckApprove(chain[0], kPoliceRep, kBoth, v, v);
  EXPECT_THAT(own, StatusIs(StatusCode::kPermissionDenied));
  EXPECT_EQ(own.rule(), "submitter-cannot-approve-alone");
  // Another person of the same inspectorate, or another inspectorate's
  // representative, approves.
  EXPECT_THAT(CheckApprove(chain[0], Person(20, kPolice, Role::kDgRepresentative), kBoth, v, v),
              IsOk());
  EXPECT_THAT(CheckApprove(chain[0], kCpsRep, kBoth, v, v), IsOk());
  // Someone of an inspectorate not taking part does not.
  EXPECT_EQ(CheckApprove(chain[0], Person(21, 3, Role::kDgRepresentative), kBoth, v, v).rule(),
            "not-participating");
}

TEST(Approvals, a_reader_is_asked_in_words_and_a_response_not_accepted_says_why) {
  CriticalReader r = Reader();
  EXPECT_THAT(CheckCriticalReader(r), IsOk());
  r.scope = ReaderScope::kMore;
  EXPECT_EQ(CheckCriticalReader(r).field_errors()[0].rule, "asked-required");
  r.asked = "Whether the recommendations can be achieved";
  r.outcome = ReaderOutcome::kAccepted;
  EXPECT_EQ(CheckCriticalReader(r).field_errors()[0].rule, "no-response");
  r.response = "They cannot by March";
  r.outcome = ReaderOutcome::kNotAccepted;
  const Status no_reason = CheckCriticalReader(r);
  ASSERT_EQ(no_reason.field_errors().size(), 1u);
  EXPECT_EQ(no_reason.field_errors()[0].field, "reason");
  EXPECT_EQ(no_reason.field_errors()[0].rule, "reason-required");
  EXPECT_FALSE(ReaderAnswered(r));
  r.reason = "The owner agreed March in writing";
  EXPECT_THAT(CheckCriticalReader(r), IsOk());
  EXPECT_TRUE(ReaderAnswered(r));
}

}  // namespace
}  // namespace jointly
