// Rules of stage 8 (M 48, R22): each inspectorate's retention schedule, as
// shipped in data/retention_schedules.csv, gives each item its review or
// destruction date; a legal hold blocks destruction and only its holder
// lifts it; the retention job proposes what is due.
#include "domain/retention.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/text.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

const RetentionSchedules& Shipped() {
  static const RetentionSchedules* schedules = [] {
    std::ifstream in(std::string(JOINTLY_DATA_DIR) + "/retention_schedules.csv", std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = ParseRetentionSchedulesCsv(text.str());
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    return new RetentionSchedules(parsed.ok() ? *parsed : RetentionSchedules{});
  }();
  return *schedules;
}

Date D(const char* iso) { return *Date::Parse(iso); }

RetentionFacts Facts(const char* inspectorate, MaterialKind kind,
                     Sensitivity sensitivity = Sensitivity::kStandard) {
  RetentionFacts f;
  f.inspectorate = inspectorate;
  f.kind = kind;
  f.sensitivity = sensitivity;
  f.recorded_on = D("2026-03-10");
  f.published_on = D("2026-09-15");
  return f;
}

RetentionItem Item(int64_t id, int64_t owner, RetentionFacts facts) {
  RetentionItem i;
  i.entity_type = "evidence";
  i.id = id;
  i.inspection_id = 7;
  i.owner_inspectorate_id = owner;
  i.facts = std::move(facts);
  return i;
}

LegalHold Hold(int64_t inspectorate, const char* lifted_on = "") {
  LegalHold h;
  h.id = 1;
  h.inspection_id = 7;
  h.inspectorate_id = inspectorate;
  h.reason = "Judicial review of the inspection's findings";
  h.placed_on = "2026-09-01";
  h.lifted_on = lifted_on;
  return h;
}

TEST(Retention, R22_the_shipped_schedules_cover_the_four_inspectorates) {
  for (const char* code : {"HMICFRS", "HMCPSI", "HMIPROBATION", "HMIPRISONS"}) {
    EXPECT_FALSE(ScheduleOf(Shipped(), code).empty()) << code;
    EXPECT_FALSE(ScheduleWords(ScheduleOf(Shipped(), code)).empty()) << code;
  }
  EXPECT_THAT(ScheduleWords(ScheduleOf(Shipped(), "HMCPSI")),
              testing::Contains("Electronic evidence: destroyed the day before publication."));
  EXPECT_THAT(ScheduleWords(ScheduleOf(Shipped(), "HMCPSI")),
              testing::Contains("Data: kept for good."));
  // Each line names its material once ("Data: kept for good.", not "Data: data is kept for good.").
  for (const char* code : {"HMICFRS", "HMCPSI", "HMIPROBATION", "HMIPRISONS"}) {
    for (const std::string& line : ScheduleWords(ScheduleOf(Shipped(), code))) {
      const std::string subject = AsciiLower(
          line.substr(0, line.find(" (") < line.find(": ") ? line.find(" (") : line.find(": ")));
      const std::string rest = AsciiLower(line.substr(line.find(": ") + 2));
      EXPECT_EQ(rest.find(subject), std::string::npos) << line;
    }
  }
}

TEST(Retention, R22_hmcpsi_destroys_material_the_day_before_publication) {
  for (MaterialKind k : {MaterialKind::kElectronicEvidence, MaterialKind::kPaper,
                         MaterialKind::kNotebook, MaterialKind::kDocument}) {
    const RetentionDue due = DueFor(Shipped(), Facts("HMCPSI", k));
    EXPECT_EQ(due.action, RetentionAction::kDestroy) << MaterialKindId(k);
    EXPECT_EQ(due.due_on, D("2026-09-14")) << MaterialKindId(k);
  }
  // Data and the published report are kept.
  EXPECT_EQ(DueFor(Shipped(), Facts("HMCPSI", MaterialKind::kData)).action, RetentionAction::kKeep);
  EXPECT_EQ(DueFor(Shipped(), Facts("HMCPSI", MaterialKind::kPublishedReport)).action,
            RetentionAction::kKeep);
  // A kept item's schedule and its date say different things, not "Kept" twice.
  const RetentionDue kept = DueFor(Shipped(), Facts("HMCPSI", MaterialKind::kData));
  EXPECT_EQ(kept.words, "Kept for good");
  EXPECT_EQ(DueWords(kept), "None: it is never destroyed");
  // Before publication is set there is no date, and nothing is proposed.
  RetentionFacts unset = Facts("HMCPSI", MaterialKind::kPaper);
  unset.published_on = Date();
  const RetentionDue waiting = DueFor(Shipped(), unset);
  EXPECT_FALSE(waiting.due_on.ok());
  EXPECT_TRUE(waiting.awaits_publication);
  EXPECT_TRUE(ProposeRetention(Shipped(), {Item(1, 2, unset)}, {}, D("2030-01-01")).empty());
}

TEST(Retention, R22_hmicfrs_keeps_documents_and_destroys_notebooks_once_on_the_system) {
  EXPECT_EQ(DueFor(Shipped(), Facts("HMICFRS", MaterialKind::kDocument)).action,
            RetentionAction::kKeep);
  EXPECT_EQ(DueFor(Shipped(), Facts("HMICFRS", MaterialKind::kElectronicEvidence)).action,
            RetentionAction::kKeep);
  const RetentionDue notebook = DueFor(Shipped(), Facts("HMICFRS", MaterialKind::kNotebook));
  EXPECT_EQ(notebook.action, RetentionAction::kDestroy);
  EXPECT_EQ(notebook.due_on, D("2026-03-10"));
}

TEST(Retention, R22_hmi_probation_keeps_from_three_months_to_ten_years_by_sensitivity) {
  const auto low =
      DueFor(Shipped(), Facts("HMIPROBATION", MaterialKind::kPaper, Sensitivity::kLow));
  const auto high =
      DueFor(Shipped(), Facts("HMIPROBATION", MaterialKind::kPaper, Sensitivity::kHigh));
  EXPECT_EQ(low.due_on, D("2026-06-10"));
  EXPECT_EQ(high.due_on, D("2036-03-10"));
  EXPECT_EQ(SensitivityOf(Classification::kOfficialSensitive), Sensitivity::kHigh);
  EXPECT_EQ(
      DueFor(Shipped(), Facts("HMIPROBATION", MaterialKind::kPublishedReport, Sensitivity::kHigh))
          .action,
      RetentionAction::kKeep);
}

TEST(Retention, R22_hmi_prisons_reviews_electronic_evidence_after_three_years_and_may_extend) {
  RetentionFacts f = Facts("HMIPRISONS", MaterialKind::kElectronicEvidence);
  const RetentionDue due = DueFor(Shipped(), f);
  EXPECT_EQ(due.action, RetentionAction::kReview);
  EXPECT_EQ(due.due_on, D("2029-03-10"));
  const RetentionItem item = Item(1, 4, f);
  // Not before the review date; then by the owner only, with a reason and
  // a later date.
  EXPECT_THAT(CheckExtend(item, due, 4, "Follow-up thematic", "2031-01-01", D("2029-01-01")),
              StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(CheckExtend(item, due, 2, "Follow-up thematic", "2031-01-01", D("2029-04-01")),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckExtend(item, due, 4, "", "2029-03-01", D("2029-04-01")),
              StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckExtend(item, due, 4, "Follow-up thematic", "2031-01-01", D("2029-04-01")),
              IsOk());
  f.extended_to = D("2031-01-01");
  EXPECT_EQ(DueFor(Shipped(), f).due_on, D("2031-01-01"));
  // Paper is destroyed soon after publication.
  const RetentionDue paper = DueFor(Shipped(), Facts("HMIPRISONS", MaterialKind::kPaper));
  EXPECT_EQ(paper.action, RetentionAction::kDestroy);
  EXPECT_EQ(paper.due_on, D("2026-10-15"));
}

TEST(Retention, R22_a_hold_blocks_destruction) {
  const RetentionItem item = Item(1, 2, Facts("HMCPSI", MaterialKind::kPaper));
  const RetentionDue due = DueFor(Shipped(), item.facts);
  const Date today = D("2026-09-20");
  EXPECT_THAT(CheckDestroy(item, due, {}, {}, 2, today), IsOk());
  const Status held = CheckDestroy(item, due, {Hold(3)}, {"HMI Probation"}, 2, today);
  EXPECT_THAT(held, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(held.rule(), "R22");
  EXPECT_THAT(held.message(), testing::HasSubstr("HMI Probation"));
  // A lifted hold no longer blocks.
  EXPECT_THAT(CheckDestroy(item, due, {Hold(3, "2026-09-10")}, {"HMI Probation"}, 2, today),
              IsOk());
  // The job proposes what is held, saying who holds it.
  const auto proposals = ProposeRetention(Shipped(), {item}, {Hold(3)}, today);
  ASSERT_EQ(proposals.size(), 1u);
  EXPECT_THAT(proposals[0].held_by, testing::ElementsAre(3));
}

TEST(Retention, R22_only_the_owner_destroys_and_only_when_due) {
  const RetentionItem item = Item(1, 2, Facts("HMCPSI", MaterialKind::kPaper));
  const RetentionDue due = DueFor(Shipped(), item.facts);
  EXPECT_THAT(CheckDestroy(item, due, {}, {}, 3, D("2026-09-20")),
              StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckDestroy(item, due, {}, {}, 2, D("2026-09-13")),
              StatusIs(StatusCode::kFailedPrecondition));
  const RetentionItem data = Item(2, 2, Facts("HMCPSI", MaterialKind::kData));
  EXPECT_THAT(CheckDestroy(data, DueFor(Shipped(), data.facts), {}, {}, 2, D("2040-01-01")),
              StatusIs(StatusCode::kFailedPrecondition));
}

TEST(Retention, R22_only_the_holder_lifts_a_hold) {
  const LegalHold hold = Hold(3);
  const Status other = CheckLiftHold(hold, 2, "HMI Probation");
  EXPECT_THAT(other, StatusIs(StatusCode::kPermissionDenied));
  EXPECT_EQ(other.rule(), "R22");
  EXPECT_THAT(other.message(), testing::HasSubstr("Only HMI Probation"));
  EXPECT_THAT(CheckLiftHold(hold, 3, "HMI Probation"), IsOk());
  EXPECT_THAT(CheckLiftHold(Hold(3, "2026-09-10"), 3, "HMI Probation"),
              StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_THAT(CheckHoldReason(""), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckHoldReason(std::string(20000, 'x')), StatusIs(StatusCode::kInvalidArgument));
  EXPECT_THAT(CheckHoldReason("Litigation"), IsOk());
}

TEST(Retention, R22_the_job_proposes_what_is_due_in_date_order) {
  const std::vector<RetentionItem> items = {
      Item(1, 4, Facts("HMIPRISONS", MaterialKind::kPaper)),  // 2026-10-15
      Item(2, 2, Facts("HMCPSI", MaterialKind::kNotebook)),   // 2026-09-14
      Item(3, 1, Facts("HMICFRS", MaterialKind::kDocument)),  // kept
      Item(4, 2, Facts("HMCPSI", MaterialKind::kData)),       // kept
  };
  EXPECT_TRUE(ProposeRetention(Shipped(), items, {}, D("2026-09-13")).empty());
  auto due = ProposeRetention(Shipped(), items, {}, D("2026-09-14"));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].item.id, 2);
  due = ProposeRetention(Shipped(), items, {}, D("2027-01-01"));
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].item.id, 2);
  EXPECT_EQ(due[1].item.id, 1);
  EXPECT_EQ(DueWords(due[1].due), "Destroy on Thursday 15 October 2026");
}

TEST(Retention, R22_nothing_is_done_to_a_destroyed_item) {
  const std::string words = DestroyedWords("2026-12-03T09:15:00Z", "HMCPSI");
  EXPECT_EQ(words,
            "Destroyed on 3 December 2026 under HMCPSI's schedule; its destruction certificate "
            "is in the audit trail");
  const Status s = RefuseDestroyed("Evidence item 12", words);
  EXPECT_THAT(s, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(s.rule(), "R22");
  EXPECT_THAT(s.message(), testing::HasSubstr("Evidence item 12"));
  EXPECT_THAT(s.message(), testing::HasSubstr("(R22)"));
  EXPECT_THAT(s.message(), testing::HasSubstr("destruction certificate"));
  EXPECT_THAT(s.message(), testing::Not(testing::HasSubstr("412")))
      << "an audit sequence number means nothing to people";
  EXPECT_TRUE(s.field_errors().empty());
  // On a form, the refusal is shown at the field that named the item.
  const Status at = RefuseDestroyed("Evidence item 12", words, "evidence_ids");
  ASSERT_EQ(at.field_errors().size(), 1u);
  EXPECT_EQ(at.field_errors()[0].field, "evidence_ids");
  EXPECT_EQ(at.field_errors()[0].rule, "R22");
}

TEST(Retention, a_bad_schedules_file_is_refused_line_by_line) {
  const auto bad = ParseRetentionSchedulesCsv(
      "inspectorate,kind,sensitivity,action,from,months,days,words\n"
      "HMCPSI,scrolls,,destroy,publication,0,-1,Gone\n"
      "HMCPSI,paper,,burn,publication,x,0,Gone\n");
  ASSERT_FALSE(bad.ok());
  EXPECT_GE(bad.status().field_errors().size(), 3u);
}

}  // namespace
}  // namespace jointly
