// Stage 6 of a joint thematic inspection, its first part (M 33-40; R18):
// the report drafted in the sections of the agreed structure. Drafting
// waits for the emerging-findings meeting and the quality assurance of the
// evidence; every save of a section is a new version of it, kept, so any
// two can be compared word by word; anyone taking part comments on a
// section or suggests an edit to it, which its author accepts, declines or
// resolves; and each participating inspectorate confirms on the report as
// it stands that its red lines are respected. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/findings.h"
#include "domain/inspection.h"

namespace jointly {

// One saved version of a section's text: the first save of a section is
// number 1, each save after it the next number.
struct SectionDraft {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t section_id = 0;
  int64_t number = 0;
  std::string text;
  int64_t written_by = 0;
  std::string written_at;  // the moment it was saved
};
inline constexpr size_t kMaxDraftText = kMaxLongText;

// R18: drafting starts once the emerging-findings meeting counts (R17:
// dated, every participating inspectorate present) and every inspectorate
// has agreed that the quality assurance of the evidence is done, on the
// register as it is. FailedPrecondition (rule "R18") naming each missing
// part at its field ("held_on", "attendance", "assurance"), each absent
// inspectorate by `name_of`.
Status CheckDraftingOpen(const Inspection& inspection, const FindingsMeeting& meeting,
                         const std::vector<MeetingAttendance>& present, Agreement assurance,
                         const std::map<int64_t, std::string>& name_of);

// Whether the caller writes `section`: a current member of the team of the
// inspectorate that contributes it, or of any participating inspectorate
// for a section written jointly.
bool WritesSection(const Standing& standing, const ReportSection& section);
// PermissionDenied (rule "section-author") unless WritesSection.
Status CheckSectionAuthor(const Standing& standing, const ReportSection& section);

// The text of a save: free text, required, up to kMaxDraftText characters.
// InvalidArgument at field "text".
Status ValidateDraftText(std::string_view text);

// The drafts of `section_id` among `drafts`, newest first.
std::vector<SectionDraft> VersionsOf(const std::vector<SectionDraft>& drafts, int64_t section_id);
// The newest draft of the section, if it has one.
std::optional<SectionDraft> LatestOf(const std::vector<SectionDraft>& drafts, int64_t section_id);
// The number the next save of the section takes, when it is based on
// version `based_on` (0: none yet). Aborted (rule "stale-version") when
// someone saved the section since that version.
StatusOr<int64_t> NextNumber(const std::vector<SectionDraft>& drafts, int64_t section_id,
                             int64_t based_on);

// The version of the whole report, to which each inspectorate's
// confirmation that its red lines are respected binds: the sum of the
// newest version numbers of its sections, so every save moves it.
int64_t ReportVersion(const std::vector<SectionDraft>& drafts);
// Whether every section of the structure has a draft.
bool EverySectionDrafted(const std::vector<ReportSection>& sections,
                         const std::vector<SectionDraft>& drafts);

// A word-level difference between two texts: runs of words kept, added or
// removed, in reading order. Words are split at white space and a run's
// words are joined by one space. A paragraph break (the lines with words
// on them are the paragraphs, as the report's documents print them) is a
// word of its own, "\n", kept, added or removed as words are, and joined
// to the words beside it without a space.
enum class DiffKind { kSame, kAdded, kRemoved };
struct DiffPart {
  DiffKind kind = DiffKind::kSame;
  std::string text;
  bool operator==(const DiffPart&) const = default;
};
std::string_view DiffKindId(DiffKind kind);  // "same", "added", "removed"
// The longest common sequence of words, once the words both texts begin
// and end with are set aside; past about two thousand words changed on
// each side the changed middle is shown removed then added whole.
std::vector<DiffPart> WordDiff(std::string_view before, std::string_view after);

// A comment on a section, or a suggested edit to it (replace this text
// with that), by anyone taking part for a participating inspectorate,
// and seen by every one. The section's author resolves a comment, and
// accepts a suggestion (applied as a new version) or declines it with a
// reason.
enum class CommentKind { kComment, kSuggestion };
inline constexpr CommentKind kAllCommentKinds[] = {CommentKind::kComment, CommentKind::kSuggestion};
std::string_view CommentKindId(CommentKind kind);
enum class CommentState { kOpen, kResolved, kAccepted, kDeclined };
inline constexpr CommentState kAllCommentStates[] = {
    CommentState::kOpen, CommentState::kResolved, CommentState::kAccepted, CommentState::kDeclined};
std::string_view CommentStateId(CommentState state);
std::string_view CommentStateLabel(CommentState state);
struct SectionComment {
  int64_t id = 0;
  int64_t inspection_id = 0;
  int64_t section_id = 0;
  int64_t inspectorate_id = 0;  // for whom it was made
  int64_t on_number = 0;        // the version of the section it was made on
  CommentKind kind = CommentKind::kComment;
  std::string text;     // the comment; for a suggestion, why (optional)
  std::string replace;  // a suggestion: the words to replace, as the section has them
  std::string with;     // a suggestion: the words to put there (none: removed)
  CommentState state = CommentState::kOpen;
  std::string reason;  // why a suggestion was declined
  int64_t made_by = 0;
  std::string made_at;
  int64_t closed_by = 0;
  std::string closed_at;
};
// Whether the caller comments on the report: someone who sees the
// inspection and speaks for a participating inspectorate (its team, its
// Development Group representative), not under a delegation.
bool MayComment(const Inspection& inspection, const Standing& standing);
// Every error of a new comment at once, at its field: a comment's "text"
// required; a suggestion's "replace" required and found in the section's
// newest text (rule "suggestion-not-found"); each up to kMaxDraftText.
Status ValidateComment(const SectionComment& comment, const std::optional<SectionDraft>& latest);
// The section's text with the suggestion applied: its first "replace"
// put "with". FailedPrecondition (rule "suggestion-not-found") when the
// text no longer has it; InvalidArgument at "text" when the result is too
// long.
StatusOr<std::string> ApplySuggestion(std::string_view text, const SectionComment& suggestion);
// Closing an open comment (rule "already-closed" otherwise): a comment is
// resolved, a suggestion accepted or declined, and declined with a reason
// (field "reason", rule "reason-required").
Status CheckClosing(const SectionComment& comment, CommentState to, std::string_view reason);
// The comments and suggestions still open.
int OpenComments(const std::vector<SectionComment>& comments);

}  // namespace jointly
