// The GOV.UK pages of stage 6's drafting (M 33-40; R18): the report page
// (each section of the agreed structure with its newest version and open
// comments, the red lines of each inspectorate and their confirmation),
// and a section's page (its text and the form that saves it as a new
// version, every version, the difference between two, and its comments
// and suggested edits with their answers), and the forms they post.
#include <algorithm>

#include "core/enum_ids.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"

namespace jointly::web {

using nlohmann::json;

namespace inspection_pages {

namespace {

std::string ContributorOf(const InspectionView& v, const ReportSection& s) {
  return s.contributor_id ? FullName(v.inspectorates, *s.contributor_id)
                          : "Every inspectorate jointly";
}

// "Version 3, saved on 2 December 2026 by Jo Bloggs (HMCPSI)".
std::string VersionWords(const InspectionView& v, const SectionDraft& d) {
  return "Version " + std::to_string(d.number) + ", saved on " + InWords(d.written_at) + " by " +
         WithInspectorate(v, d.written_by);
}

// "2 open comments and 1 suggested edit" on a section: each kind in its
// own words, so a reader knows what awaits the author.
std::string OpenOn(const InspectionView& v, int64_t section_id) {
  int comments = 0, suggestions = 0;
  for (const auto& c : v.comments) {
    if (c.section_id != section_id || c.state != CommentState::kOpen) continue;
    ++(c.kind == CommentKind::kSuggestion ? suggestions : comments);
  }
  std::string out = comments ? Count(comments, "open comment", "open comments") : "";
  if (suggestions) {
    out += (out.empty() ? "" : " and ") + Count(suggestions, "suggested edit", "suggested edits");
  }
  return out;
}

json DraftingMissing(const InspectionView& v) {
  json out = json::array();
  for (const auto& e : v.drafting_open.field_errors()) out.push_back(e.message);
  return out;
}

void RedLinesPart(json& d, const InspectionView& v) {
  json lines = json::array();
  for (const auto& r : v.red_lines) {
    lines.push_back(
        {{"inspectorate", FullName(v.inspectorates, r.inspectorate_id)}, {"text", r.text}});
  }
  d["red_lines"] = lines;
  d["has_red_lines"] = !lines.empty();
  d["red_lines_agreement"] = AgreementJson(v, v.red_lines_agreement, kRedLinesConfirmation);
  const bool drafted = EverySectionDrafted(v.sections, v.drafts);
  d["may_ask_red_lines"] = v.standing.lead_team && drafted && MayAsk(v.red_lines_agreement);
  d["red_lines_wait"] = v.standing.lead_team && !drafted;
}

}  // namespace

void ReportPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  d["drafting_open"] = v.drafting_open.ok();
  d["drafting_missing"] = DraftingMissing(v);
  json sections = json::array();
  for (const auto& s : v.sections) {
    const auto latest = LatestOf(v.drafts, s.id);
    sections.push_back({{"sid", s.id},
                        {"position", s.position},
                        {"title", s.title},
                        {"contributor", ContributorOf(v, s)},
                        {"version", latest ? VersionWords(v, *latest) : "Not drafted yet"},
                        {"open", OpenOn(v, s.id)},
                        {"may_write", v.drafting_open.ok() && WritesSection(v.standing, s) &&
                                          StageWritable(v, InspectionStage::kReport)}});
  }
  d["sections"] = sections;
  d["has_sections"] = !sections.empty();
  const int open = OpenComments(v.comments);
  d["open_comments"] = open ? Count(open, "comment or suggested edit is",
                                    "comments or suggested "
                                    "edits are")
                            : "";
  RedLinesPart(d, v);
  // R19: an inspection led by HMI Prisons raises concerns.
  d["raises_plural"] = v.raises == RecommendationKind::kConcern ? "concerns" : "recommendations";
  ApprovalsPart(d, in);
}

namespace {

const ReportSection* SectionOf(const PageInput& in) {
  const auto sid = PathId(in.req, 2);
  for (const auto& s : in.v.sections) {
    if (sid && s.id == *sid) return &s;
  }
  return nullptr;
}

// A difference as the paragraphs it reads in, each its runs of words kept,
// added or removed: every paragraph break of either version starts a
// paragraph, and one added or removed is shown as a mark, so that joining
// two paragraphs or splitting one is seen.
json Paragraphed(const std::vector<DiffPart>& diff) {
  json paragraphs = json::array();
  json parts = json::array();
  auto run = [&](DiffKind kind, std::string text, bool paragraph_break) {
    parts.push_back({{"text", std::move(text)},
                     {"break", paragraph_break},
                     {"added", kind == DiffKind::kAdded},
                     {"removed", kind == DiffKind::kRemoved},
                     {"same", kind == DiffKind::kSame}});
  };
  for (const auto& p : diff) {
    for (size_t start = 0;;) {
      const size_t end = p.text.find('\n', start);
      std::string words = p.text.substr(start, end == std::string::npos ? end : end - start);
      if (!words.empty()) run(p.kind, std::move(words), false);
      if (end == std::string::npos) break;
      if (p.kind != DiffKind::kSame) run(p.kind, "¶", true);
      paragraphs.push_back({{"parts", std::move(parts)}});
      parts = json::array();
      start = end + 1;
    }
  }
  if (!parts.empty()) paragraphs.push_back({{"parts", std::move(parts)}});
  return paragraphs;
}

// The two versions to compare: those asked for in the address, else the
// one before the newest and the newest; their difference once asked for.
void DifferencePart(json& d, const PageInput& in, const std::vector<SectionDraft>& versions) {
  if (versions.size() < 2) return;
  auto chosen = [&](const char* name, int64_t otherwise) {
    const auto n = ParseInt(in.req.Param(name), 1, INT64_MAX);
    for (const auto& x : versions) {
      if (n && x.number == *n) return &x;
    }
    for (const auto& x : versions) {
      if (x.number == otherwise) return &x;
    }
    return &versions.front();
  };
  const SectionDraft* from = chosen("from", versions[1].number);
  const SectionDraft* to = chosen("to", versions[0].number);
  // Worked out only when asked for: a long section's difference is long.
  const bool asked = in.req.HasParam("from") || in.req.HasParam("to");
  const json paragraphs =
      Paragraphed(asked ? WordDiff(from->text, to->text) : std::vector<DiffPart>{});
  std::vector<std::pair<std::string, std::string>> numbers;
  for (const auto& x : versions) {
    numbers.emplace_back(std::to_string(x.number), "Version " + std::to_string(x.number));
  }
  d["compare"] = {{"from_options", Options(numbers, std::to_string(from->number))},
                  {"to_options", Options(numbers, std::to_string(to->number))},
                  {"from", from->number},
                  {"to", to->number},
                  {"asked", asked},
                  {"paragraphs", paragraphs},
                  {"none", paragraphs.empty()}};
}

json CommentsJson(const json& d, const PageInput& in, const ReportSection& s, bool author) {
  const InspectionView& v = in.v;
  json out = json::array();
  for (const auto& c : v.comments) {
    if (c.section_id != s.id) continue;
    const bool open = c.state == CommentState::kOpen;
    const bool suggestion = c.kind == CommentKind::kSuggestion;
    const std::string reason_id = "reason-" + std::to_string(c.id);
    json row = {{"cid", c.id},
                {"suggestion", suggestion},
                {"kind", suggestion ? "Suggested edit" : "Comment"},
                {"by", WithInspectorate(v, c.made_by) + ", for " +
                           FullName(v.inspectorates, c.inspectorate_id)},
                {"on", "on version " + std::to_string(c.on_number) + ", " + InWords(c.made_at)},
                {"text", c.text},
                {"replace", c.replace},
                {"with", c.with},
                {"removes", c.with.empty()},
                {"state", CommentStateLabel(c.state)},
                {"open", open},
                {"reason", c.reason},
                {"may_answer", open && author}};
    if (open && author && suggestion) {
      const bool typed = in.sent && in.form == "comment_answer" &&
                         PathId(in.req, 3) == std::optional<int64_t>(c.id);
      row["f_reason"] = FormField(d, reason_id, "Why do you decline it?",
                                  typed ? Param(in.req, reason_id.c_str()) : "", "");
    }
    out.push_back(std::move(row));
  }
  return out;
}

// The form that saves the section: its text as typed when the form was
// refused, else the newest version's; based on the newest version.
void DraftForm(json& d, const PageInput& in, const std::optional<SectionDraft>& latest) {
  const bool typed = in.sent && in.form == "draft";
  d["f_text"] = FormField(d, "text", "Text of the section",
                          typed ? Param(in.req, "text") : (latest ? latest->text : ""),
                          "Up to 20,000 characters. Saving keeps this as a new version; every "
                          "earlier version is kept");
  d["based_on"] = latest ? latest->number : 0;
}

void CommentForm(json& d, const PageInput& in) {
  const bool typed = in.sent && in.form == "comment";
  auto value = [&](const char* name) { return typed ? Param(in.req, name) : std::string(); };
  std::vector<std::pair<std::string, std::string>> kinds = {
      {"comment", "A comment"}, {"suggestion", "A suggested edit: replace some words"}};
  d["f_kind"] = FormField(d, "kind", "What do you want to add?", "", "");
  d["f_kind"]["options"] = Options(kinds, typed ? Param(in.req, "kind") : "comment");
  d["f_comment_text"] = FormField(d, "comment_text", "Comment", value("comment_text"),
                                  "For a suggested edit, why you suggest it (optional)");
  d["f_replace"] = FormField(d, "replace", "Words to replace", value("replace"),
                             "For a suggested edit: exactly as the newest version has them");
  d["f_with"] =
      FormField(d, "with", "Replace them with", value("with"), "Leave empty to remove the words");
}

}  // namespace

void ReportSectionPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const ReportSection* s = SectionOf(in);
  if (!s) return;
  const auto versions = VersionsOf(v.drafts, s->id);
  const auto latest = LatestOf(v.drafts, s->id);
  const bool author = WritesSection(v.standing, *s);
  d["title"] = s->title + ": " + v.inspection.title;
  d["section"] = {{"sid", s->id},
                  {"title", s->title},
                  {"contributor", ContributorOf(v, *s)},
                  {"covers", s->covers},
                  {"drafted", latest.has_value()},
                  {"text", latest ? latest->text : ""},
                  {"version", latest ? VersionWords(v, *latest) : ""}};
  d["drafting_open"] = v.drafting_open.ok();
  d["drafting_missing"] = DraftingMissing(v);
  const bool writable = v.drafting_open.ok() && StageWritable(v, InspectionStage::kReport);
  d["may_write"] = author && writable;
  // The newest text is in the form for its authors, and shown above it
  // when their save was refused, to compare with what they typed.
  d["show_text"] = !d["may_write"].get<bool>() || (in.sent && in.form == "draft");
  DraftForm(d, in, latest);
  json rows = json::array();
  for (const auto& x : versions) {
    rows.push_back({{"number", x.number},
                    {"saved", InWords(x.written_at)},
                    {"by", WithInspectorate(v, x.written_by)}});
  }
  d["versions"] = rows;
  d["has_versions"] = !rows.empty();
  DifferencePart(d, in, versions);
  d["comments"] = CommentsJson(d, in, *s, author && writable);
  d["has_comments"] = !d["comments"].empty();
  d["may_comment"] = latest.has_value() && MayComment(v.inspection, v.standing) &&
                     StageWritable(v, InspectionStage::kReport);
  CommentForm(d, in);
}

namespace {

std::optional<int64_t> SectionIdOf(const FormInput& in) { return PathId(in.req, 2); }

Status SaveDraftForm(const FormInput& in) {
  auto section = SectionIdOf(in);
  if (!section) return NotFound("No such section");
  in.next += "/report/sections/" + std::to_string(*section);
  const auto based_on = ParseInt(Param(in.req, "based_on"), 0, INT64_MAX).value_or(0);
  auto saved = in.inspections.SaveDraft(in.caller, *section, based_on, Param(in.req, "text"));
  if (saved.status().code() == StatusCode::kAborted) {
    // Said at the text, which is kept, with the newest version shown above it.
    Status stale = saved.status();
    return std::move(stale.AddFieldError("text", "stale-version", stale.message()));
  }
  RETURN_IF_ERROR(saved.status());
  if (saved->number == based_on) in.notice = "inspection-unchanged";
  return OkStatus();
}

Status AddCommentForm(const FormInput& in) {
  auto section = SectionIdOf(in);
  if (!section) return NotFound("No such section");
  in.next += "/report/sections/" + std::to_string(*section) + "#comments";
  SectionComment c;
  c.kind = ParseById(Field(in.req, "kind"), kAllCommentKinds, CommentKindId)
               .value_or(CommentKind::kComment);
  c.text = Param(in.req, "comment_text");
  c.replace = Param(in.req, "replace");
  c.with = Param(in.req, "with");
  // The section's own text is "text" on the same page.
  Status s = in.inspections.AddComment(in.caller, *section, c).status();
  return RenameFields(s, [](const std::string& f) { return f == "text" ? "comment_text" : f; });
}

Status AnswerForm(const FormInput& in) {
  auto section = SectionIdOf(in);
  auto comment = PathId(in.req, 3);
  if (!section || !comment) return NotFound("No such comment");
  in.next += "/report/sections/" + std::to_string(*section) + "#comments";
  const auto to = ParseById(Field(in.req, "state"), kAllCommentStates, CommentStateId);
  if (!to) return InvalidArgument("Choose how you answer", "one-of");
  // Each suggested edit on the page has its own reason box, named after it.
  const std::string reason_id = "reason-" + std::to_string(*comment);
  Status s =
      in.inspections.AnswerComment(in.caller, *comment, *to, Param(in.req, reason_id.c_str()))
          .status();
  if (s.code() == StatusCode::kInvalidArgument) {
    return RenameFields(s, [&](const std::string&) { return reason_id; });
  }
  return s;
}

}  // namespace

const std::vector<FormAction> kReportForms = {
    {"draft", "", SaveDraftForm},
    {"comment", "", AddCommentForm},
    {"comment_answer", "", AnswerForm},
    {"red_lines_confirmation", "/report#red-lines",
     [](const FormInput& in) { return in.inspections.AskRedLines(in.caller, in.id).status(); }},
};

}  // namespace inspection_pages

void InspectionFeature::RegisterReportPages() {
  const auto page = Surface::kPage;
  const auto run = Permission::kRunInspections;
  const std::string base = R"(/inspections/(\d+)/report)";
  Route("GET", base + R"(/sections/(\d+))", page, Permission::kSignedIn,
        InspectionShow("report_section"));
  Route("POST", base + R"(/sections/(\d+))", page, run,
        InspectionAction("report_section", "draft"));
  Route("POST", base + R"(/sections/(\d+)/comments)", page, run,
        InspectionAction("report_section", "comment"));
  Route("POST", base + R"(/sections/(\d+)/comments/(\d+)/answer)", page, run,
        InspectionAction("report_section", "comment_answer"));
  Route("POST", base + "/red-lines-confirmation", page, run,
        InspectionAction("report", "red_lines_confirmation"));
  Route("POST", base + "/approval-steps", page, run, InspectionAction("report", "approval_step"));
  Route("POST", base + "/approvals", page, run, InspectionAction("report", "approval"));
  Route("POST", base + "/critical-readers", page, run,
        InspectionAction("report", "critical_reader"));
  Route("POST", base + R"(/critical-readers/(\d+))", page, run,
        InspectionAction("report", "reader_response"));
}

}  // namespace jointly::web
