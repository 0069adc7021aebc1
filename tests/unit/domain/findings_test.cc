// Rules of stage 5 of a joint thematic inspection: the emerging-findings
// meeting counts only with every participating inspectorate present (R17),
// the report structure goes for agreement only once the meeting is
// recorded in full, and the evidence register's version moves with every
// item added or changed (R18).
#include "domain/findings.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/inspection_fixtures.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

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
  EXPECT_EQ(ValidateFindingsMeeting(nullptr, shared).rule(), "shared-what");
}

TEST(Findings, meeting_date_kept_a_meeting_recorded_as_held_keeps_its_date) {
  FindingsMeeting before;
  before.held_on = "2027-03-12";
  FindingsMeeting after = before;
  after.held_on = " ";
  after.sharing = Sharing::kShared;
  const Status cleared = ValidateFindingsMeeting(&before, after);
  std::vector<std::string> fields;
  for (const auto& e : cleared.field_errors()) fields.push_back(e.field + " " + e.rule);
  EXPECT_THAT(fields,
              ::testing::UnorderedElementsAre("held_on meeting-date-kept", "shared shared-what"));
  after.sharing = Sharing::kNothing;
  after.held_on = "2027-03-13";
  EXPECT_THAT(ValidateFindingsMeeting(&before, after), IsOk());
  FindingsMeeting unheld;
  EXPECT_THAT(ValidateFindingsMeeting(&unheld, unheld), IsOk());
}

ReportSection Section(int64_t id, int64_t position) {
  ReportSection s;
  s.id = id;
  s.position = position;
  s.title = "Section " + std::to_string(id);
  return s;
}

std::vector<std::pair<int64_t, int64_t>> IdsAndPositions(const std::vector<ReportSection>& all) {
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& s : all) out.emplace_back(s.id, s.position);
  return out;
}

TEST(Findings, section_order_sections_are_numbered_one_to_n_without_gaps_or_duplicates) {
  using Order = std::vector<std::pair<int64_t, int64_t>>;
  // A gap and two at one position: numbered 1..n in report order.
  EXPECT_EQ(IdsAndPositions(Renumbered({Section(1, 4), Section(2, 2), Section(3, 2)})),
            (Order{{2, 1}, {3, 2}, {1, 3}}));
  const std::vector<ReportSection> three = {Section(1, 1), Section(2, 2), Section(3, 3)};
  // Inserting at a position shifts the rest down one.
  EXPECT_EQ(IdsAndPositions(Placed(three, Section(4, 2))), (Order{{1, 1}, {4, 2}, {2, 3}, {3, 4}}));
  EXPECT_EQ(IdsAndPositions(Placed(three, Section(4, 4))), (Order{{1, 1}, {2, 2}, {3, 3}, {4, 4}}));
  // Moving the third up one: the others keep their order around it.
  EXPECT_EQ(IdsAndPositions(Placed({three[0], three[1]}, Section(3, 2))),
            (Order{{1, 1}, {3, 2}, {2, 3}}));
  // Moving the first down one.
  EXPECT_EQ(IdsAndPositions(Placed({three[1], three[2]}, Section(1, 2))),
            (Order{{2, 1}, {1, 2}, {3, 3}}));
  // Removing one closes the gap.
  EXPECT_EQ(IdsAndPositions(Renumbered({three[0], three[2]})), (Order{{1, 1}, {3, 2}}));
  // A position past the end is refused, at its field.
  const Status past = CheckSectionPosition(Section(4, 5), 4);
  EXPECT_EQ(past.rule(), "section-order");
  ASSERT_EQ(past.field_errors().size(), 1u);
  EXPECT_EQ(past.field_errors()[0].field, "position");
  EXPECT_EQ(past.field_errors()[0].message, "Choose a position from 1 to 4");
  EXPECT_THAT(CheckSectionPosition(Section(4, 4), 4), IsOk());
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
