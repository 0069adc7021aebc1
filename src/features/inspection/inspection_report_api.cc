// The /api/v1 operations of stage 6's drafting (M 33-40; R18): a
// section's text saved as a new version, every version of it, the
// difference between any two, comments and suggested edits with their
// answers, and the confirmation of every participating inspectorate that
// its red lines are respected in the report as it stands.
#include "core/enum_ids.h"
#include "features/inspection/inspection_feature.h"
#include "web/api_schema.h"
#include "web/http.h"

namespace jointly::web {

using nlohmann::json;

namespace {

json ToJson(const SectionDraft& d) {
  return {{"id", d.id},     {"section_id", d.section_id}, {"number", d.number},
          {"text", d.text}, {"written_by", d.written_by}, {"written_at", d.written_at}};
}

json ToJson(const SectionComment& c) {
  return {{"id", c.id},
          {"section_id", c.section_id},
          {"inspectorate_id", c.inspectorate_id},
          {"on_number", c.on_number},
          {"kind", CommentKindId(c.kind)},
          {"text", c.text},
          {"replace", c.replace},
          {"with", c.with},
          {"state", CommentStateId(c.state)},
          {"reason", c.reason},
          {"made_by", c.made_by},
          {"made_at", c.made_at},
          {"closed_by", c.closed_by ? json(c.closed_by) : json(nullptr)},
          {"closed_at", c.closed_at.empty() ? json(nullptr) : json(c.closed_at)}};
}

template <typename T>
json ListJson(const std::vector<T>& items) {
  json out = json::array();
  for (const auto& x : items) out.push_back(ToJson(x));
  return out;
}

// The version of the history numbered `number`, if there is one.
const SectionDraft* Numbered(const SectionHistory& h, int64_t number) {
  for (const auto& d : h.versions) {
    if (d.number == number) return &d;
  }
  return nullptr;
}

// The `from` and `to` of a difference, when sent, are version numbers:
// anything else is refused, both named at once, even where the section is
// not found.
Status CheckVersionNumbers(const Request& req) {
  Validation v;
  for (const char* name : {"from", "to"}) {
    if (req.HasParam(name) && !ParseInt(req.Param(name), 1, INT64_MAX))
      v.Add(name, "unknown-version", "Choose a version of the section");
  }
  return v.Finish();
}

// The difference between versions `from` and `to` of the section, asked
// for in the query; every version that does not exist named at once.
StatusOr<json> DifferenceJson(const Request& req, const SectionHistory& h) {
  Validation v;
  const SectionDraft* ends[2] = {nullptr, nullptr};
  const char* names[2] = {"from", "to"};
  for (int k = 0; k < 2; ++k) {
    const auto number = ParseInt(req.Param(names[k]), 1, INT64_MAX);
    ends[k] = number ? Numbered(h, *number) : nullptr;
    if (!ends[k]) v.Add(names[k], "unknown-version", "Choose a version of the section");
  }
  RETURN_IF_ERROR(v.Finish());
  json parts = json::array();
  for (const auto& p : WordDiff(ends[0]->text, ends[1]->text)) {
    parts.push_back({{"kind", DiffKindId(p.kind)}, {"text", p.text}});
  }
  return json{{"section_id", h.section.id},
              {"from", ends[0]->number},
              {"to", ends[1]->number},
              {"parts", parts}};
}

}  // namespace

json ReportJson(const InspectionView& v) {
  json latest = json::array();
  for (const auto& s : v.sections) {
    if (auto d = LatestOf(v.drafts, s.id)) latest.push_back(ToJson(*d));
  }
  json missing = json::array();
  for (const auto& e : v.drafting_open.field_errors()) missing.push_back(e.message);
  return {{"report_drafts", latest},
          {"report_version", v.report_version},
          {"drafting_open", v.drafting_open.ok()},
          {"drafting_missing", missing},
          {"section_comments", ListJson(v.comments)},
          {"open_comments", OpenComments(v.comments)},
          {"red_lines_confirmation", AgreementId(v.red_lines_agreement)}};
}

void InspectionFeature::RegisterReportApi() {
  const auto api = Surface::kApi;
  Route("POST", R"(/api/v1/report-sections/(\d+)/drafts)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such report section"));
          JsonObjectReader in(req.body);
          auto based_on = in.Int("based_on", 0, INT64_MAX, true);
          auto text = in.String("text", kMaxDraftText, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = inspections_.SaveDraft(ctx.caller, *id, *based_on, *text);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ToJson(*saved));
        });
  Route("GET", R"(/api/v1/report-sections/(\d+)/drafts)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such report section"));
          auto h = inspections_.HistoryOf(ctx.caller, *id);
          if (!h.ok()) return SendProblem(res, h.status());
          SendJson(res, 200,
                   {{"section_id", h->section.id},
                    {"versions", ListJson(h->versions)},
                    {"comments", ListJson(h->comments)}});
        });
  Route("GET", R"(/api/v1/report-sections/(\d+)/difference)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such report section"));
          auto h = inspections_.HistoryOf(ctx.caller, *id);
          if (Status numbers = CheckVersionNumbers(req); !h.ok() && !numbers.ok())
            return SendProblem(res, numbers);
          if (!h.ok()) return SendProblem(res, h.status());
          auto diff = DifferenceJson(req, *h);
          if (!diff.ok()) return SendProblem(res, diff.status());
          SendJson(res, 200, *diff);
        });
  RegisterCommentApi();
}

void InspectionFeature::RegisterCommentApi() {
  const auto api = Surface::kApi;
  Route("POST", R"(/api/v1/report-sections/(\d+)/comments)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such report section"));
          JsonObjectReader in(req.body);
          auto kind = in.String("kind", 40, true);
          SectionComment c;
          c.text = in.String("text", kMaxDraftText).value_or("");
          c.replace = in.String("replace", kMaxDraftText).value_or("");
          c.with = in.String("with", kMaxDraftText).value_or("");
          if (kind) {
            auto parsed = ParseById(*kind, kAllCommentKinds, CommentKindId);
            if (!parsed) in.AddError("kind", "one-of", "kind is comment or suggestion");
            c.kind = parsed.value_or(CommentKind::kComment);
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto made = inspections_.AddComment(ctx.caller, *id, c);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 201, ToJson(*made));
        });
  Route("POST", R"(/api/v1/section-comments/(\d+)/answer)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such comment"));
          JsonObjectReader in(req.body);
          auto state = in.String("state", 40, true);
          auto reason = in.String("reason", kMaxDraftText).value_or("");
          std::optional<CommentState> to;
          if (state) {
            to = ParseById(*state, kAllCommentStates, CommentStateId);
            if (!to || *to == CommentState::kOpen) {
              in.AddError("state", "one-of", "state is resolved, accepted or declined");
            }
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto done = inspections_.AnswerComment(ctx.caller, *id, *to, reason);
          if (!done.ok()) return SendProblem(res, done.status());
          SendJson(res, 200, ToJson(*done));
        });
  Route("POST", R"(/api/v1/inspections/(\d+)/red-lines-confirmation)", api,
        Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto d = inspections_.AskRedLines(ctx.caller, *id);
          if (!d.ok()) return SendProblem(res, d.status());
          SendJson(res, 201, ToJson(*d));
        });
}

namespace api {

namespace {

Schema DraftSchema() {
  return Object({{"id", Integer()},
                 {"section_id", Integer()},
                 {"number", Integer().Says("1 for the section's first version")},
                 {"text", String()},
                 {"written_by", Integer().Says("The user who saved it")},
                 {"written_at", Formatted("date-time")}})
      .Require({"id", "section_id", "number", "text", "written_by", "written_at"});
}

Schema CommentSchema() {
  return Object({{"id", Integer()},
                 {"section_id", Integer()},
                 {"inspectorate_id", Integer().Says("The inspectorate it was made for")},
                 {"on_number", Integer().Says("The version of the section it was made on")},
                 {"kind", OneOf(kAllCommentKinds, CommentKindId)},
                 {"text", String().Says("The comment; for a suggested edit, why")},
                 {"replace", String().Says("A suggested edit: the words to replace")},
                 {"with", String().Says("A suggested edit: the words to put in their place")},
                 {"state", OneOf(kAllCommentStates, CommentStateId)},
                 {"reason", String().Says("Why a suggested edit was declined")},
                 {"made_by", Integer()},
                 {"made_at", Formatted("date-time")},
                 {"closed_by", Integer().OrNull()},
                 {"closed_at", Formatted("date-time").OrNull()}})
      .Require({"id", "section_id", "kind", "state", "text"});
}

// A comment needs its text; a suggested edit the words it replaces.
Schema CommentBody() {
  const json text = String().MaxChars(kMaxDraftText).NonBlank();
  return Object(
             {{"kind", OneOf(kAllCommentKinds, CommentKindId)},
              {"text", String()
                           .MaxChars(kMaxDraftText)
                           .Says("The comment; for a suggested edit, why (optional)")},
              {"replace", String()
                              .MaxChars(kMaxDraftText)
                              .Says("A suggested edit: the words to replace, exactly as the newest "
                                    "version has them")},
              {"with", String()
                           .MaxChars(kMaxDraftText)
                           .Says("A suggested edit: the words to put in their place")}})
      .Require({"kind"})
      .With("if", {{"properties", {{"kind", {{"const", "comment"}}}}}})
      .With("then", {{"properties", {{"text", text}}}, {"required", {"text"}}})
      .With("else", {{"properties", {{"replace", text}}}, {"required", {"replace"}}});
}

// A suggested edit is declined with a reason.
Schema AnswerBody() {
  return Object({{"state", OneOf({"resolved", "accepted", "declined"})},
                 {"reason", String()
                                .MaxChars(kMaxDraftText)
                                .Says("Why a suggested edit is "
                                      "declined")}})
      .Require({"state"})
      .With("if", {{"properties", {{"state", {{"const", "declined"}}}}}})
      .With("then", {{"properties", {{"reason", String().MaxChars(kMaxDraftText).NonBlank()}}},
                     {"required", {"reason"}}});
}

}  // namespace

void DocumentReport(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddSchema("SectionDraft", DraftSchema());
  doc.AddSchema("SectionComment", CommentSchema());
  doc.AddOperation(
      "post", "/report-sections/{id}/drafts",
      {.id = "saveSectionDraft",
       .summary = "Save the text of a section of the report as its next version (R18): only "
                  "once the emerging-findings meeting counts and every inspectorate has agreed "
                  "the quality assurance of the evidence, by the team of the inspectorate that "
                  "contributes it (any participating inspectorate's, for a joint section); "
                  "based_on is the version the text was written from (0 for the first), and a "
                  "save based on an older one is refused as stale",
       .tag = tag,
       .body = Object({{"based_on", Integer().Min(0)},
                       {"text", String().MaxChars(kMaxDraftText).NonBlank()}})
                   .Require({"based_on", "text"}),
       .status = 201,
       .answer = "Saved",
       .returns = Ref("SectionDraft"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation("get", "/report-sections/{id}/drafts",
                   {.id = "listSectionDrafts",
                    .summary = "Every version of a section, newest first, and the comments "
                               "and suggested edits on it",
                    .tag = tag,
                    .returns = Object({{"section_id", Integer()},
                                       {"versions", ArrayOf(Ref("SectionDraft"))},
                                       {"comments", ArrayOf(Ref("SectionComment"))}}),
                    .problems = {404}});
  doc.AddOperation(
      "get", "/report-sections/{id}/difference",
      {.id = "compareSectionDrafts",
       .summary = "The words kept, added and removed between two versions of a section",
       .tag = tag,
       .query = {{"from", "The earlier version's number", Integer().Min(1), true},
                 {"to", "The later version's number", Integer().Min(1), true}},
       .returns = Object(
           {{"section_id", Integer()},
            {"from", Integer()},
            {"to", Integer()},
            {"parts", ArrayOf(Object({{"kind", String().Says("same, added or "
                                                             "removed")},
                                      {"text", String().Says("its words; a line break in "
                                                             "it is a paragraph break")}}))}}),
       .problems = {400, 404}});
  doc.AddOperation(
      "post", "/report-sections/{id}/comments",
      {.id = "commentOnSection",
       .summary = "Comment on the newest version of a section, or suggest an edit to it "
                  "(replace these words with those), for a participating inspectorate; seen by "
                  "every participating inspectorate",
       .tag = tag,
       .body = CommentBody(),
       .status = 201,
       .answer = "Made",
       .returns = Ref("SectionComment"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation("post", "/section-comments/{id}/answer",
                   {.id = "answerSectionComment",
                    .summary = "The section's author resolves a comment, or accepts a "
                               "suggested edit (saved as the section's next version) or "
                               "declines it with a reason",
                    .tag = tag,
                    .body = AnswerBody(),
                    .returns = Ref("SectionComment"),
                    .problems = {400, 403, 404, 409}});
  doc.AddOperation("post", "/inspections/{id}/red-lines-confirmation",
                   {.id = "askRedLinesConfirmation",
                    .summary = "Ask every participating inspectorate to confirm that its red "
                               "lines are respected in the draft report as it stands (R18), "
                               "once every section is drafted; a later save lapses it",
                    .tag = tag,
                    .status = 201,
                    .answer = "Asked",
                    .returns = Ref("Decision"),
                    .problems = {403, 404, 409}});
}

}  // namespace api

}  // namespace jointly::web
