// Stage 5's evaluation of how the joint inspection worked (M 29, M 32) and
// the lessons-learned register across inspections (principle 10): the
// /api/v1 operations, the register's page, and its CSV and XLSX.
#include "documents/documents.h"
#include "domain/csv.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "service/record_json.h"
#include "web/api_schema.h"
#include "web/body_query.h"
#include "web/http.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// The register's filters from the query: theme and stage (each one of
// its ids; empty is any on a page, refused by the API), and the page.
StatusOr<LessonsQuery> ReadLessonsQuery(const Request& req, EmptyFilter empty, bool paged) {
  LessonsQuery q;
  Status s = InvalidArgument("The query is not valid", "one-of");
  auto read = [&](const char* name, auto parse, auto& into, const char* words) {
    if (!req.HasParam(name)) return;
    const std::string value = req.Param(name);
    if (value.empty() && empty == EmptyFilter::kAny) return;
    if (auto parsed = parse(value)) {
      into = *parsed;
    } else {
      s.AddFieldError(name, "one-of", words);
    }
  };
  read("theme", ParseLessonTheme, q.theme, "Choose a theme from the list");
  read("stage", ParseStage, q.stage, "Choose a stage from the list");
  if (paged) {
    auto paging = ReadPaging(req, 100);
    if (!paging.ok()) {
      for (const auto& e : paging.status().field_errors())
        s.AddFieldError(e.field, e.rule, e.message);
    } else {
      q.limit = paging->limit;
      q.offset = paging->offset;
    }
  }
  if (!s.field_errors().empty()) return s;
  return q;
}

std::string StageLabel(InspectionStage stage) {
  const auto* field = LessonRecord().Find("stage");
  return field->choices[static_cast<size_t>(stage)].label;
}

json EntryJson(const LessonEntry& e) {
  return {{"lesson", RecordJson(LessonRecord(), e.lesson)},
          {"inspection_title", e.inspection_title},
          {"lead_inspectorate_id", e.lead_inspectorate_id}};
}

std::vector<std::vector<std::string>> LessonRows(const LessonsPage& page) {
  std::vector<std::vector<std::string>> rows = {{"Inspection", "Lead inspectorate", "Theme",
                                                 "Stage it concerns", "What was learned",
                                                 "What to do differently"}};
  for (const auto& e : page.items) {
    rows.push_back({e.inspection_title,
                    inspection_pages::FullName(page.inspectorates, e.lead_inspectorate_id),
                    std::string(LessonThemeLabel(e.lesson.theme)), StageLabel(e.lesson.stage),
                    e.lesson.learned, e.lesson.differently});
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> ThemeOptions() {
  std::vector<std::pair<std::string, std::string>> out = {{"", "Any theme"}};
  for (LessonTheme t : kAllLessonThemes) {
    out.emplace_back(std::string(LessonThemeId(t)), std::string(LessonThemeLabel(t)));
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> StageOptions() {
  std::vector<std::pair<std::string, std::string>> out = {{"", "Any stage"}};
  for (InspectionStage s : kAllInspectionStages) {
    out.emplace_back(std::string(StageId(s)), StageLabel(s));
  }
  return out;
}

}  // namespace

void InspectionFeature::RegisterLessonsApi() {
  const auto api = Surface::kApi;
  Route("GET", R"(/api/v1/inspections/(\d+)/evaluations)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto v = inspections_.ViewInspection(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200,
                   {{"evaluations", RecordsJson(EvaluationRecord(), v->evaluations)},
                    {"lessons", RecordsJson(LessonRecord(), v->lessons)},
                    {"evaluated", EvaluationDone(v->evaluation_facts)},
                    {"still_to_do", EvaluationGaps(v->evaluation_facts)}});
        });
  RegisterRecordApi<Evaluation>({
      .type = EvaluationRecord(),
      .path = "/evaluations",
      .tag = "Inspections",
      .schema = "Evaluation",
      .words = "evaluations of how joint inspections worked (M 32)",
      .create_path = "/inspections/{id}/evaluations",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Evaluation x) { return inspections_.AddEvaluation(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Evaluation&)>& change) {
            return inspections_.UpdateEvaluation(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteEvaluation(c, id, version); },
  });
  RegisterRecordApi<Lesson>({
      .type = LessonRecord(),
      .path = "/lessons",
      .tag = "Inspections",
      .schema = "Lesson",
      .words = "lessons learned from joint inspections (principle 10)",
      .create_path = "/inspections/{id}/lessons",
      .parent_field = "inspection_id",
      .get = [this](const Caller& c, int64_t id) { return inspections_.GetLesson(c, id); },
      .create = [this](const Caller& c,
                       Lesson x) { return inspections_.AddLesson(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Lesson&)>& change) {
            return inspections_.UpdateLesson(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteLesson(c, id, version); },
  });
  Route(
      "GET", "/api/v1/lessons", api, Permission::kSignedIn,
      [this](const Request& req, Response& res, RequestContext& ctx) {
        auto q = ReadLessonsQuery(req, EmptyFilter::kRefused, true);
        if (!q.ok()) return SendProblem(res, q.status());
        auto page = inspections_.Lessons(ctx.caller, *q);
        if (!page.ok()) return SendProblem(res, page.status());
        json items = json::array();
        for (const auto& e : page->items) items.push_back(EntryJson(e));
        SendJson(
            res, 200,
            {{"items", items}, {"total", page->total}, {"limit", q->limit}, {"offset", q->offset}});
      });
  for (const char* format : {"csv", "xlsx"}) {
    Route("GET", std::string("/api/v1/lessons\\.") + format, api, Permission::kSignedIn,
          [this, format](const Request& req, Response& res, RequestContext& ctx) {
            SendLessons(req, res, ctx, Surface::kApi, format);
          });
  }
}

void InspectionFeature::SendLessons(const Request& req, Response& res, RequestContext& ctx,
                                    Surface surface, const std::string& format) {
  auto q = ReadLessonsQuery(
      req, surface == Surface::kApi ? EmptyFilter::kRefused : EmptyFilter::kAny, false);
  if (!q.ok()) return Fail(req, res, surface, ctx, q.status());
  auto page = inspections_.Lessons(ctx.caller, *q);
  if (!page.ok()) return Fail(req, res, surface, ctx, page.status());
  const auto rows = LessonRows(*page);
  if (format == "csv") {
    return Download(res, RowsToCsv(rows), "text/csv; charset=utf-8", "lessons-learned.csv");
  }
  auto xlsx = RenderXlsx("Lessons learned", rows);
  if (!xlsx.ok()) return Fail(req, res, surface, ctx, xlsx.status());
  Download(res, *xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "lessons-learned.xlsx");
}

void InspectionFeature::RegisterLessonsPages() {
  const auto page = Surface::kPage;
  Route("GET", "/lessons", page, Permission::kSignedIn,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Lessons learned from joint inspections", "inspections");
          d["theme_options"] = Options(ThemeOptions(), req.Param("theme"));
          d["stage_options"] = Options(StageOptions(), req.Param("stage"));
          auto q = ReadLessonsQuery(req, EmptyFilter::kAny, true);
          if (!q.ok()) {
            AddErrors(d, q.status());
            d["refused"] = true;
            return Html(res, "lessons", d, 400);
          }
          auto listed = inspections_.Lessons(ctx.caller, *q);
          if (!listed.ok()) return Fail(req, res, page, ctx, listed.status());
          if (auto better = PageToShowInstead(req, "/lessons", listed->total, q->limit, q->offset,
                                              listed->items.size())) {
            res.Redirect(*better);
            return;
          }
          json items = json::array();
          for (const auto& e : listed->items) {
            items.push_back({{"inspection", e.inspection_title},
                             {"inspection_id", e.lesson.inspection_id},
                             {"lead", inspection_pages::FullName(listed->inspectorates,
                                                                 e.lead_inspectorate_id)},
                             {"theme", LessonThemeLabel(e.lesson.theme)},
                             {"stage", StageLabel(e.lesson.stage)},
                             {"learned", e.lesson.learned},
                             {"differently", e.lesson.differently}});
          }
          d["items"] = items;
          d["has_items"] = !items.empty();
          d["total"] = listed->total;
          d["from"] = items.empty() ? 0 : q->offset + 1;
          d["to"] = q->offset + static_cast<int64_t>(items.size());
          std::string filters;
          if (q->theme) filters += "theme=" + std::string(LessonThemeId(*q->theme));
          if (q->stage) {
            filters += std::string(filters.empty() ? "" : "&") +
                       "stage=" + std::string(StageId(*q->stage));
          }
          d["filters"] = filters.empty() ? "" : "?" + filters;
          d["pagination"] = Pagination(req, "/lessons", listed->total, q->limit, q->offset);
          Html(res, "lessons", d);
        });
  for (const char* format : {"csv", "xlsx"}) {
    Route("GET", std::string("/lessons\\.") + format, page, Permission::kSignedIn,
          [this, format](const Request& req, Response& res, RequestContext& ctx) {
            SendLessons(req, res, ctx, Surface::kPage, format);
          });
  }
}

namespace api {

void DocumentLessons(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddOperation(
      "get", "/inspections/{id}/evaluations",
      {.id = "listEvaluations",
       .summary = "The evaluation of how the joint inspection worked (M 29, M 32): every "
                  "evaluation given by the team and the Development Group, the lessons recorded "
                  "from it, whether stage 5's check is done and what it still lacks",
       .tag = tag,
       .answer = "The evaluation",
       .returns = Object({{"evaluations", ArrayOf(Ref("Evaluation"))},
                          {"lessons", ArrayOf(Ref("Lesson"))},
                          {"evaluated", Boolean()},
                          {"still_to_do", ArrayOf(String())}})
                      .Require({"evaluations", "lessons", "evaluated", "still_to_do"}),
       .problems = {403, 404}});
  doc.AddOperation(
      "get", "/lessons",
      {.id = "listLessons",
       .summary = "The lessons-learned register across inspections (principle 10), newest "
                  "first: for the people of the four criminal justice inspectorates and the "
                  "secretariat",
       .tag = tag,
       .query = {{"theme", "Only lessons of this theme", OneOf(kAllLessonThemes, LessonThemeId)},
                 {"stage", "Only lessons about this stage", OneOf(kAllInspectionStages, StageId)}},
       .paged = true,
       .answer = "A page of lessons",
       .returns = Object({{"items", ArrayOf(Object({{"lesson", Ref("Lesson")},
                                                    {"inspection_title", String()},
                                                    {"lead_inspectorate_id", Integer()}})
                                                .Require({"lesson", "inspection_title",
                                                          "lead_inspectorate_id"}))},
                          {"total", Integer().Min(0)},
                          {"limit", Integer().Min(1)},
                          {"offset", Integer().Min(0)}})
                      .Require({"items", "total", "limit", "offset"}),
       .problems = {403}});
  for (const auto& [format, type] :
       {std::pair{"csv", FileType::kCsv}, std::pair{"xlsx", FileType::kXlsx}}) {
    Operation op =
        Download(std::string("lessons") + (format == std::string("csv") ? "Csv" : "Xlsx"),
                 std::string("The lessons-learned register as ") +
                     (format == std::string("csv") ? "CSV" : "a spreadsheet"),
                 tag, type);
    op.problems = {403};  // for the register's readers only
    op.query = {{"theme", "Only lessons of this theme", OneOf(kAllLessonThemes, LessonThemeId)},
                {"stage", "Only lessons about this stage", OneOf(kAllInspectionStages, StageId)}};
    doc.AddOperation("get", std::string("/lessons.") + format, op);
  }
}

}  // namespace api

}  // namespace jointly::web
