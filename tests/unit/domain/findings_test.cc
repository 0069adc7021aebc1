// Rules of stage 5 of a joint thematic inspection: the emerging-findings
// meeting counts only with every participating inspectorate present (R17),
// the report structure goes for agreement only once the meeting is
// recorded in full, and the evidence register's version moves with every
// item added or changed (R18).
#include "domain/findings.h"

#include <gtest/gtest.h>

#include "tests/support/inspection_fixtures.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

const std::map<int64_t, std::string> kNames = {{kPolice, "HMICFRS"}, {kCps, "HMCPSI"}};

MeetingAttendance Present(int64_t inspectorate) {
  MeetingAttendance a;
  a.id = inspectorate;
  a.inspection_id = 7;
  a.inspectorate_id = inspectorate;
  a.attendees = "Lead inspector";
  return a;
}

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors()) out.push_back(e.field);
  return out;
}

TEST(Findings, R17_the_meeting_counts_only_with_every_participating_inspectorate_present) {
  FindingsMeeting m;
  m.held_on = "2017-10-19";
  const Status alone = CheckMeetingHeld(HateCrime(), m, {Present(kPolice)}, kNames);
  EXPECT_THAT(alone, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(alone.rule(), "R17");
  EXPECT_NE(alone.message().find("record HMCPSI at the meeting"), std::string::npos);
  // A partner outside criminal justice (Ofsted) need not be present.
  EXPECT_THAT(CheckMeetingHeld(HateCrime(), m, {Present(kPolice), Present(kCps)}, kNames), IsOk());
  m.held_on.clear();
  EXPECT_EQ(Fields(CheckMeetingHeld(HateCrime(), m, {Present(kPolice), Present(kCps)}, kNames)),
            std::vector<std::string>{"held_on"});
}

TEST(Findings, R17_the_structure_names_every_missing_part_at_once) {
  const Status s = CheckStructureReady(HateCrime(), FindingsMeeting{}, {}, {}, kNames);
  EXPECT_EQ(s.rule(), "R17");
  EXPECT_EQ(Fields(s), (std::vector<std::string>{"held_on", "attendance", "dg_involvement",
                                                 "sections", "sharing"}));
  FindingsMeeting m;
  m.held_on = "2017-10-19";
  m.dg_involvement = "Both representatives";
  m.sharing = Sharing::kNothing;
  ReportSection section;
  section.title = "Introduction";
  EXPECT_THAT(
      CheckStructureReady(HateCrime(), m, {Present(kPolice), Present(kCps)}, {section}, kNames),
      IsOk());
}

TEST(Findings, R17_attendance_and_contributors_are_participating_inspectorates_once) {
  EXPECT_EQ(CheckAttendance(HateCrime(), {}, Present(kProbation)).rule(), "not-participating");
  MeetingAttendance again = Present(kPolice);
  again.id = 99;
  EXPECT_EQ(CheckAttendance(HateCrime(), {Present(kPolice)}, again).rule(), "already-recorded");
  ReportSection s;
  s.contributor_id = kOfsted;
  EXPECT_EQ(CheckSectionContributor(HateCrime(), s).rule(), "not-participating");
  s.contributor_id.reset();
  EXPECT_THAT(CheckSectionContributor(HateCrime(), s), IsOk());
  FindingsMeeting shared;
  shared.sharing = Sharing::kShared;
  EXPECT_EQ(ValidateFindingsMeeting(shared).rule(), "shared-what");
}

TEST(Findings, R18_the_register_version_moves_with_every_item_added_or_changed) {
  EvidenceItem a;
  a.version = 1;
  EvidenceItem b = a;
  const int64_t one = EvidenceRegisterVersion({a});
  const int64_t two = EvidenceRegisterVersion({a, b});
  b.version = 2;
  const int64_t changed = EvidenceRegisterVersion({a, b});
  EXPECT_LT(one, two);
  EXPECT_LT(two, changed);
}

TEST(Findings, R17_stage_five_opens_after_fieldwork_and_its_meeting_blocks) {
  InspectionFacts f;
  f.evidence_assured = true;
  f.dg_involved = true;
  const auto stages = StagesOf(f);
  const auto& five = stages[4];
  ASSERT_EQ(five.stage, InspectionStage::kFindings);
  EXPECT_EQ(five.checks.front().rule, "R17");
  EXPECT_FALSE(five.checks.front().done);
}

}  // namespace
}  // namespace jointly
