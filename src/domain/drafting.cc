#include "domain/drafting.h"

#include <algorithm>
#include <cstdint>

#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

Status CheckDraftingOpen(const Inspection& inspection, const FindingsMeeting& meeting,
                         const std::vector<MeetingAttendance>& present, Agreement assurance,
                         const std::map<int64_t, std::string>& name_of) {
  std::vector<FieldError> gaps;
  const Status held = CheckMeetingHeld(inspection, meeting, present, name_of);
  for (const auto& e : held.field_errors()) gaps.push_back({e.field, "R18", e.message});
  if (assurance != Agreement::kAgreed) {
    gaps.push_back({"assurance", "R18",
                    "Every participating inspectorate must agree that the quality assurance of "
                    "the evidence is done"});
  }
  if (gaps.empty()) return OkStatus();
  std::string detail =
      "Drafting starts once the emerging-findings meeting is held and the quality assurance of "
      "the evidence is agreed";
  for (size_t i = 0; i < gaps.size(); ++i) detail += (i ? "; " : ": ") + gaps[i].message;
  Status out = FailedPrecondition(detail, "R18");
  for (const auto& e : gaps) out.AddFieldError(e.field, e.rule, e.message);
  return out;
}

bool WritesSection(const Standing& standing, const ReportSection& section) {
  if (!standing.on_team || !standing.inspectorate) return false;
  return !section.contributor_id || *section.contributor_id == *standing.inspectorate;
}

Status CheckSectionAuthor(const Standing& standing, const ReportSection& section) {
  if (WritesSection(standing, section)) return OkStatus();
  return PermissionDenied(
      section.contributor_id
          ? "Only the team of the inspectorate that contributes this section writes it"
          : "Only the team of a participating inspectorate writes this section",
      "section-author");
}

Status ValidateDraftText(std::string_view text) {
  Validation v;
  v.Text("text", text, kMaxDraftText, true, "the text of the section");
  return v.Finish();
}

std::vector<SectionDraft> VersionsOf(const std::vector<SectionDraft>& drafts, int64_t section_id) {
  std::vector<SectionDraft> out;
  for (const auto& d : drafts) {
    if (d.section_id == section_id) out.push_back(d);
  }
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.number > b.number; });
  return out;
}

std::optional<SectionDraft> LatestOf(const std::vector<SectionDraft>& drafts, int64_t section_id) {
  auto all = VersionsOf(drafts, section_id);
  if (all.empty()) return std::nullopt;
  return all.front();
}

StatusOr<int64_t> NextNumber(const std::vector<SectionDraft>& drafts, int64_t section_id,
                             int64_t based_on) {
  const auto latest = LatestOf(drafts, section_id);
  const int64_t now = latest ? latest->number : 0;
  if (based_on != now) {
    return Aborted(
        "Someone saved this section since you opened it: your text is kept below; compare it "
        "with version " +
            std::to_string(now) + " and save again",
        "stale-version");
  }
  return now + 1;
}

int64_t ReportVersion(const std::vector<SectionDraft>& drafts) {
  std::map<int64_t, int64_t> newest;
  for (const auto& d : drafts) newest[d.section_id] = std::max(newest[d.section_id], d.number);
  int64_t out = 0;
  for (const auto& [section, number] : newest) out += number;
  return out;
}

bool EverySectionDrafted(const std::vector<ReportSection>& sections,
                         const std::vector<SectionDraft>& drafts) {
  return !sections.empty() && std::all_of(sections.begin(), sections.end(), [&](const auto& s) {
    return LatestOf(drafts, s.id).has_value();
  });
}

std::string_view DiffKindId(DiffKind kind) {
  switch (kind) {
    case DiffKind::kAdded:
      return "added";
    case DiffKind::kRemoved:
      return "removed";
    case DiffKind::kSame:
      break;
  }
  return "same";
}

namespace {

constexpr std::string_view kBreak = "\n";

// The words of `text`, with kBreak between two paragraphs (lines with
// words on them, however many blank lines part them).
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> out;
  size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (i < text.size()) {
    bool line_ended = false;
    while (i < text.size() && space(text[i])) line_ended |= text[i++] == '\n';
    const size_t start = i;
    while (i < text.size() && !space(text[i])) ++i;
    if (i == start) continue;
    if (line_ended && !out.empty()) out.push_back(kBreak);
    out.push_back(text.substr(start, i - start));
  }
  return out;
}

// Appends `word` as `kind`, joining it to the last run if that is of the
// same kind: by one space, and by none beside a paragraph break.
void Push(std::vector<DiffPart>& out, DiffKind kind, std::string_view word) {
  if (!out.empty() && out.back().kind == kind) {
    if (word != kBreak && !out.back().text.ends_with(kBreak)) out.back().text += ' ';
    out.back().text += word;
  } else {
    out.push_back({kind, std::string(word)});
  }
}

constexpr size_t kMaxCompared = 4'000'000;  // cells of the table: 8 MB

// The words of a[0..n) and b[0..m), as a longest common sequence makes them.
void Compare(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b,
             std::vector<DiffPart>& out) {
  const size_t n = a.size(), m = b.size();
  if (n * m > kMaxCompared) {
    for (auto w : a) Push(out, DiffKind::kRemoved, w);
    for (auto w : b) Push(out, DiffKind::kAdded, w);
    return;
  }
  // lcs[i][j]: the longest common sequence of a[i..] and b[j..].
  std::vector<uint16_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](size_t i, size_t j) -> uint16_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      at(i, j) = a[i] == b[j] ? static_cast<uint16_t>(at(i + 1, j + 1) + 1)
                              : std::max(at(i + 1, j), at(i, j + 1));
    }
  }
  size_t i = 0, j = 0;
  while (i < n && j < m) {
    if (a[i] == b[j]) {
      Push(out, DiffKind::kSame, a[i]);
      ++i, ++j;
    } else if (at(i + 1, j) >= at(i, j + 1)) {
      Push(out, DiffKind::kRemoved, a[i++]);
    } else {
      Push(out, DiffKind::kAdded, b[j++]);
    }
  }
  for (; i < n; ++i) Push(out, DiffKind::kRemoved, a[i]);
  for (; j < m; ++j) Push(out, DiffKind::kAdded, b[j]);
}

}  // namespace

std::vector<DiffPart> WordDiff(std::string_view before, std::string_view after) {
  const auto a = Words(before), b = Words(after);
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  std::vector<DiffPart> out;
  for (size_t k = 0; k < head; ++k) Push(out, DiffKind::kSame, a[k]);
  Compare(
      {a.begin() + static_cast<std::ptrdiff_t>(head), a.end() - static_cast<std::ptrdiff_t>(tail)},
      {b.begin() + static_cast<std::ptrdiff_t>(head), b.end() - static_cast<std::ptrdiff_t>(tail)},
      out);
  for (size_t k = a.size() - tail; k < a.size(); ++k) Push(out, DiffKind::kSame, a[k]);
  return out;
}

namespace {

constexpr Naming<CommentKind> kCommentKindNames[] = {
    {CommentKind::kComment, "comment", "Comment"},
    {CommentKind::kSuggestion, "suggestion", "Suggested edit"},
};
constexpr Naming<CommentState> kCommentStateNames[] = {
    {CommentState::kOpen, "open", "Open"},
    {CommentState::kResolved, "resolved", "Resolved"},
    {CommentState::kAccepted, "accepted", "Accepted"},
    {CommentState::kDeclined, "declined", "Declined"},
};

}  // namespace

std::string_view CommentKindId(CommentKind kind) { return IdIn(kCommentKindNames, kind); }
std::string_view CommentStateId(CommentState state) { return IdIn(kCommentStateNames, state); }
std::string_view CommentStateLabel(CommentState state) {
  return LabelIn(kCommentStateNames, state);
}

bool MayComment(const Inspection& inspection, const Standing& standing) {
  return standing.sees && !standing.delegate && standing.inspectorate &&
         Participates(inspection, *standing.inspectorate);
}

Status ValidateComment(const SectionComment& c, const std::optional<SectionDraft>& latest) {
  Validation v;
  const bool suggestion = c.kind == CommentKind::kSuggestion;
  v.Text("text", c.text, kMaxDraftText, !suggestion, "your comment");
  if (suggestion) {
    v.Text("replace", c.replace, kMaxDraftText, true, "the words to replace");
    v.Text("with", c.with, kMaxDraftText, false, "the words to put in their place");
    if (!IsBlank(c.replace) && c.replace.size() <= kMaxDraftText &&
        (!latest || latest->text.find(c.replace) == std::string::npos)) {
      v.Add("replace", "suggestion-not-found",
            "Enter words exactly as the newest version of the section has them");
    } else if (!IsBlank(c.replace) && c.with.size() <= kMaxDraftText) {
      // Accepted, the edit must leave a section its author could save.
      const size_t after = Utf8Length(latest->text) - Utf8Length(c.replace) + Utf8Length(c.with);
      if (after > kMaxDraftText) {
        v.Add("with", "max-length",
              "Shorten the words to put in their place: with them the section would have " +
                  WithThousands(static_cast<int64_t>(after)) + " characters, and it may have " +
                  WithThousands(static_cast<int64_t>(kMaxDraftText)) + " or fewer");
      }
    }
  }
  return v.Finish();
}

StatusOr<std::string> ApplySuggestion(std::string_view text, const SectionComment& s) {
  const size_t at = s.replace.empty() ? std::string_view::npos : text.find(s.replace);
  if (at == std::string_view::npos) {
    return FailedPrecondition(
        "The section no longer has the words this edit replaces: decline it, or suggest it "
        "again on the newest version",
        "suggestion-not-found");
  }
  std::string out(text.substr(0, at));
  out += s.with;
  out += text.substr(at + s.replace.size());
  RETURN_IF_ERROR(ValidateDraftText(out));
  return out;
}

Status CheckClosing(const SectionComment& c, CommentState to, std::string_view reason) {
  if (c.state != CommentState::kOpen) {
    return FailedPrecondition("This has already been answered", "already-closed");
  }
  const bool suggestion = c.kind == CommentKind::kSuggestion;
  if (to == CommentState::kOpen || (to == CommentState::kResolved) == suggestion) {
    return InvalidArgument(
        suggestion ? "A suggested edit is accepted or declined" : "A comment is resolved",
        "one-of");
  }
  if (to == CommentState::kDeclined) {
    Validation v;
    v.Text("reason", reason, kMaxDraftText, false, "why you decline it");
    if (IsBlank(reason))
      v.Add("reason", "reason-required", "Say why you decline the suggested edit");
    return v.Finish();
  }
  return OkStatus();
}

int OpenComments(const std::vector<SectionComment>& comments) {
  return static_cast<int>(std::count_if(comments.begin(), comments.end(), [](const auto& c) {
    return c.state == CommentState::kOpen;
  }));
}

}  // namespace jointly
