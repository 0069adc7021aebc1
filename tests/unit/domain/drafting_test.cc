// Rules of drafting the report, stage 6 (R18): drafting waits for the
// emerging-findings meeting and the quality assurance of the evidence,
// every save is a new version and a stale one is refused, a section is
// written by its contributing inspectorate's team, any two versions are
// compared word by word, and a save lapses the confirmations that red
// lines are respected.
#include "domain/drafting.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/support/inspection_fixtures.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

using namespace fixtures;  // NOLINT(google-build-using-namespace)

SectionDraft Draft(int64_t section, int64_t number, std::string text = "Text") {
  SectionDraft d;
  d.id = section * 100 + number;
  d.section_id = section;
  d.number = number;
  d.text = std::move(text);
  return d;
}

std::vector<std::string> Fields(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors()) out.push_back(e.field);
  return out;
}

TEST(Drafting,
     R18_drafting_waits_for_the_emerging_findings_meeting_and_the_quality_assurance_of_evidence) {
  FindingsMeeting m;
  const Status nothing = CheckDraftingOpen(HateCrime(), m, {}, Agreement::kNotAsked, kNames);
  EXPECT_THAT(nothing, StatusIs(StatusCode::kFailedPrecondition));
  EXPECT_EQ(nothing.rule(), "R18");
  EXPECT_EQ(Fields(nothing), (std::vector<std::string>{"held_on", "attendance", "assurance"}));
  EXPECT_NE(nothing.message().find("record HMICFRS and HMCPSI at the meeting"), std::string::npos);
  m.held_on = "2017-10-19";
  const std::vector<MeetingAttendance> both = {Present(kPolice), Present(kCps)};
  // The meeting counts, but the assurance is lapsed: still refused.
  const Status lapsed = CheckDraftingOpen(HateCrime(), m, both, Agreement::kLapsed, kNames);
  EXPECT_EQ(Fields(lapsed), std::vector<std::string>{"assurance"});
  EXPECT_EQ(lapsed.rule(), "R18");
  // Assured, but one inspectorate absent: refused.
  EXPECT_EQ(
      Fields(CheckDraftingOpen(HateCrime(), m, {Present(kPolice)}, Agreement::kAgreed, kNames)),
      std::vector<std::string>{"attendance"});
  EXPECT_THAT(CheckDraftingOpen(HateCrime(), m, both, Agreement::kAgreed, kNames), IsOk());
}

TEST(Drafting, section_author_the_contributing_inspectorates_team_writes_a_section) {
  ReportSection cps;
  cps.contributor_id = kCps;
  ReportSection joint;
  Standing police_team{.sees = true, .on_team = true, .inspectorate = kPolice};
  Standing cps_team{.sees = true, .on_team = true, .inspectorate = kCps};
  Standing steward{.sees = true, .steward = true, .inspectorate = std::nullopt};
  EXPECT_THAT(CheckSectionAuthor(cps_team, cps), IsOk());
  EXPECT_EQ(CheckSectionAuthor(police_team, cps).rule(), "section-author");
  EXPECT_THAT(CheckSectionAuthor(police_team, cps), StatusIs(StatusCode::kPermissionDenied));
  EXPECT_THAT(CheckSectionAuthor(police_team, joint), IsOk());
  EXPECT_THAT(CheckSectionAuthor(cps_team, joint), IsOk());
  EXPECT_EQ(CheckSectionAuthor(steward, joint).rule(), "section-author");
  Standing past_member = cps_team;
  past_member.on_team = false;
  EXPECT_EQ(CheckSectionAuthor(past_member, cps).rule(), "section-author");
}

TEST(Drafting, R18_every_save_is_a_new_version_and_a_stale_save_is_refused) {
  std::vector<SectionDraft> drafts;
  EXPECT_EQ(*NextNumber(drafts, 1, 0), 1);
  drafts = {Draft(1, 1), Draft(1, 2), Draft(2, 1)};
  EXPECT_EQ(*NextNumber(drafts, 1, 2), 3);
  EXPECT_EQ(*NextNumber(drafts, 3, 0), 1);
  const auto stale = NextNumber(drafts, 1, 1);
  EXPECT_THAT(stale.status(), StatusIs(StatusCode::kAborted));
  EXPECT_EQ(stale.status().rule(), "stale-version");
  EXPECT_EQ(NextNumber(drafts, 1, 0).status().rule(), "stale-version");
  EXPECT_EQ(LatestOf(drafts, 1)->number, 2);
  EXPECT_FALSE(LatestOf(drafts, 3).has_value());
  const auto versions = VersionsOf(drafts, 1);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions.front().number, 2) << "newest first";
}

TEST(Drafting, long_text_a_section_takes_twenty_thousand_characters) {
  EXPECT_THAT(ValidateDraftText(std::string(20000, 'x')), IsOk());
  EXPECT_EQ(Fields(ValidateDraftText(std::string(20001, 'x'))), std::vector<std::string>{"text"});
  EXPECT_EQ(Fields(ValidateDraftText("  \n ")), std::vector<std::string>{"text"});
}

TEST(Drafting, R18_a_save_after_red_lines_are_confirmed_lapses_the_confirmation) {
  std::vector<SectionDraft> drafts = {Draft(1, 1), Draft(2, 1)};
  const int64_t confirmed_on = ReportVersion(drafts);
  const std::vector<AgreementFacts> asked = {{AgreementFacts::State::kAgreed, confirmed_on}};
  EXPECT_EQ(AgreementOf(asked, ReportVersion(drafts)), Agreement::kAgreed);
  drafts.push_back(Draft(2, 2));
  EXPECT_GT(ReportVersion(drafts), confirmed_on);
  EXPECT_EQ(AgreementOf(asked, ReportVersion(drafts)), Agreement::kLapsed);
  // Whichever section is saved, the report's version moves.
  drafts.push_back(Draft(1, 2));
  EXPECT_GT(ReportVersion(drafts), confirmed_on + 1);
}

TEST(Drafting, R18_every_section_of_the_structure_is_drafted) {
  ReportSection one, two;
  one.id = 1;
  two.id = 2;
  EXPECT_FALSE(EverySectionDrafted({}, {}));
  EXPECT_FALSE(EverySectionDrafted({one, two}, {Draft(1, 1)}));
  EXPECT_TRUE(EverySectionDrafted({one, two}, {Draft(1, 1), Draft(2, 1)}));
}

TEST(Drafting, word_diff_shows_words_kept_added_and_removed_in_reading_order) {
  using P = DiffPart;
  EXPECT_EQ(WordDiff("the cat sat", "the cat sat"),
            (std::vector<P>{{DiffKind::kSame, "the cat sat"}}));
  EXPECT_EQ(WordDiff("the cat sat on the mat", "the dog sat on the mat today"),
            (std::vector<P>{{DiffKind::kSame, "the"},
                            {DiffKind::kRemoved, "cat"},
                            {DiffKind::kAdded, "dog"},
                            {DiffKind::kSame, "sat on the mat"},
                            {DiffKind::kAdded, "today"}}));
  EXPECT_EQ(WordDiff("", "new words"), (std::vector<P>{{DiffKind::kAdded, "new words"}}));
  EXPECT_EQ(WordDiff("old words", ""), (std::vector<P>{{DiffKind::kRemoved, "old words"}}));
  EXPECT_TRUE(WordDiff("", "").empty());
  // Spaces alone are no difference, nor blank lines between paragraphs.
  EXPECT_EQ(WordDiff("a  b\tc", "a b c"), (std::vector<P>{{DiffKind::kSame, "a b c"}}));
  EXPECT_EQ(WordDiff("a b\n\n\r\n  c", "a  b\nc"), (std::vector<P>{{DiffKind::kSame, "a b\nc"}}));
  // A word moved is removed where it was and added where it is.
  EXPECT_EQ(WordDiff("a b c", "b c a"),
            (std::vector<P>{
                {DiffKind::kRemoved, "a"}, {DiffKind::kSame, "b c"}, {DiffKind::kAdded, "a"}}));
  EXPECT_EQ(DiffKindId(DiffKind::kAdded), "added");
}

TEST(Drafting, word_diff_keeps_paragraph_breaks_and_shows_those_added_or_removed) {
  using P = DiffPart;
  EXPECT_EQ(WordDiff("One two.\n\nThree four.\nFive.", "One two.\nThree four, more.\nFive."),
            (std::vector<P>{{DiffKind::kSame, "One two.\nThree"},
                            {DiffKind::kRemoved, "four."},
                            {DiffKind::kAdded, "four, more."},
                            {DiffKind::kSame, "\nFive."}}));
  // Two paragraphs joined: the break is removed; one split: it is added.
  EXPECT_EQ(
      WordDiff("a\nb", "a b"),
      (std::vector<P>{{DiffKind::kSame, "a"}, {DiffKind::kRemoved, "\n"}, {DiffKind::kSame, "b"}}));
  EXPECT_EQ(
      WordDiff("a b c", "a b\nc"),
      (std::vector<P>{{DiffKind::kSame, "a b"}, {DiffKind::kAdded, "\n"}, {DiffKind::kSame, "c"}}));
  // A paragraph added whole comes with its break.
  EXPECT_EQ(WordDiff("a", "a\nb c"),
            (std::vector<P>{{DiffKind::kSame, "a"}, {DiffKind::kAdded, "\nb c"}}));
  EXPECT_EQ(WordDiff("\n\n a \n", "a"), (std::vector<P>{{DiffKind::kSame, "a"}}))
      << "no break before the first paragraph or after the last";
}

TEST(Drafting, word_diff_of_two_long_texts_changed_throughout_stays_whole) {
  std::string a, b;
  for (int i = 0; i < 3000; ++i) {
    a += "a" + std::to_string(i) + " ";
    b += "b" + std::to_string(i) + " ";
  }
  const auto parts = WordDiff(a, b);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].kind, DiffKind::kRemoved);
  EXPECT_EQ(parts[1].kind, DiffKind::kAdded);
}

SectionComment Suggest(std::string replace, std::string with) {
  SectionComment c;
  c.kind = CommentKind::kSuggestion;
  c.replace = std::move(replace);
  c.with = std::move(with);
  return c;
}

TEST(Drafting, R18_a_suggested_edit_names_words_the_newest_version_has) {
  SectionComment comment;
  EXPECT_EQ(Fields(ValidateComment(comment, std::nullopt)), std::vector<std::string>{"text"});
  comment.text = "Say more about charging";
  EXPECT_THAT(ValidateComment(comment, std::nullopt), IsOk());
  const auto latest = Draft(1, 2, "Police forces record hate crime well.");
  EXPECT_EQ(Fields(ValidateComment(Suggest("", "x"), latest)), std::vector<std::string>{"replace"});
  const Status missing = ValidateComment(Suggest("record badly", "x"), latest);
  EXPECT_EQ(Fields(missing), std::vector<std::string>{"replace"});
  EXPECT_EQ(missing.field_errors()[0].rule, "suggestion-not-found");
  EXPECT_THAT(ValidateComment(Suggest("well", "inconsistently"), latest), IsOk());
  const Status overflows = ValidateComment(Suggest("well", std::string(20000, 'x')), latest);
  EXPECT_EQ(Fields(overflows), std::vector<std::string>{"with"})
      << "accepted, it would leave a section longer than may be saved";
  EXPECT_EQ(overflows.field_errors()[0].rule, "max-length");
  EXPECT_EQ(*ApplySuggestion(latest.text, Suggest("well", "inconsistently")),
            "Police forces record hate crime inconsistently.");
  EXPECT_EQ(*ApplySuggestion(latest.text, Suggest(" well", "")),
            "Police forces record hate crime.");
  EXPECT_EQ(ApplySuggestion("Changed since", Suggest("well", "x")).status().rule(),
            "suggestion-not-found");
  EXPECT_EQ(Fields(ApplySuggestion("ab", Suggest("a", std::string(20000, 'x'))).status()),
            std::vector<std::string>{"text"});
}

TEST(Drafting, R18_the_author_resolves_comments_and_declines_a_suggestion_with_a_reason) {
  SectionComment comment;
  comment.text = "A comment";
  EXPECT_THAT(CheckClosing(comment, CommentState::kResolved, ""), IsOk());
  EXPECT_FALSE(CheckClosing(comment, CommentState::kAccepted, "").ok());
  const auto edit = Suggest("a", "b");
  EXPECT_THAT(CheckClosing(edit, CommentState::kAccepted, ""), IsOk());
  EXPECT_FALSE(CheckClosing(edit, CommentState::kResolved, "").ok());
  const Status no_reason = CheckClosing(edit, CommentState::kDeclined, " ");
  EXPECT_EQ(Fields(no_reason), std::vector<std::string>{"reason"});
  EXPECT_EQ(no_reason.field_errors()[0].rule, "reason-required");
  EXPECT_THAT(CheckClosing(edit, CommentState::kDeclined, "Not what we found"), IsOk());
  auto closed = edit;
  closed.state = CommentState::kDeclined;
  EXPECT_EQ(CheckClosing(closed, CommentState::kAccepted, "").rule(), "already-closed");
  EXPECT_EQ(OpenComments({comment, edit, closed}), 2);
}

TEST(Drafting, R18_every_participating_inspectorate_comments_and_sees_the_comments) {
  Standing cps_rep{.sees = true, .inspectorate = kCps};
  EXPECT_TRUE(MayComment(HateCrime(), cps_rep));
  Standing ofsted{.sees = true, .inspectorate = kOfsted};
  EXPECT_FALSE(MayComment(HateCrime(), ofsted)) << "a partner outside criminal justice";
  Standing delegate{.sees = true, .delegate = true, .inspectorate = kCps};
  EXPECT_FALSE(MayComment(HateCrime(), delegate));
  Standing steward{.sees = true, .steward = true, .inspectorate = std::nullopt};
  EXPECT_FALSE(MayComment(HateCrime(), steward));
}

}  // namespace
}  // namespace jointly
