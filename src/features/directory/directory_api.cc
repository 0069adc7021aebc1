// /api/v1: inspectorates and inspected bodies, with their history.
#include "core/text.h"
#include "features/directory/directory_feature.h"
#include "service/records_json.h"
#include "web/body_query.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// Reads the editable fields of a body onto `b`; `partial` leaves absent
// fields as they are.
void ReadBodyFields(JsonObjectReader& in, InspectedBody& b, bool partial) {
  if (auto v = in.String("code", kMaxCodeLength, !partial)) b.code = *v;
  if (auto v = in.String("name", kMaxNameLength, !partial)) b.name = *v;
  if (auto v = in.String("type", 40, !partial)) {
    if (auto t = ParseBodyType(*v)) {
      b.type = *t;
    } else {
      in.AddError("type", "one-of", "\"type\" must be one of the body types, such as police_force");
    }
  }
  if (auto v = in.String("region", kMaxRegionLength)) b.region = *v;
  if (auto v = in.String("nation", 40, !partial)) {
    if (auto n = ParseNation(*v)) {
      b.nation = *n;
    } else {
      in.AddError("nation", "one-of", "\"nation\" must be england, wales or england_and_wales");
    }
  }
  if (auto v = in.Bool("in_london")) b.in_london = *v;
  if (auto v = in.Bool("active")) b.active = *v;
  if (auto v = in.String("address", kMaxAddressLength)) b.address = *v;
}

}  // namespace

void DirectoryFeature::RegisterApi() {
  const auto api = Surface::kApi;

  // Inspectorates.
  Route(
      "GET", "/api/v1/inspectorates", api, Permission::kSignedIn,
      [this](const Request& req, Response& res, RequestContext& ctx) {
        auto paging = ReadPaging(req, 100);
        if (!paging.ok()) return SendProblem(res, paging.status());
        auto all = directory_.Inspectorates(ctx.caller);
        if (!all.ok()) return SendProblem(res, all.status());
        SendJson(res, 200, SlicePage(*all, paging->limit, paging->offset));
      },
      Work::kShortRead);  // a dozen rows
  Route(
      "GET", R"(/api/v1/inspectorates/(\d+))", api, Permission::kSignedIn,
      [this](const Request& req, Response& res, RequestContext& ctx) {
        auto id = PathId(req);
        auto i = id ? directory_.GetInspectorate(ctx.caller, *id)
                    : StatusOr<Inspectorate>(NotFound("No such inspectorate"));
        if (!i.ok()) return SendProblem(res, i.status());
        SendJson(res, 200, ToJson(*i));
      },
      Work::kShortRead);
  Route("PATCH", R"(/api/v1/inspectorates/(\d+))", api, Permission::kEditReferenceData,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspectorate"));
          auto current = directory_.GetInspectorate(ctx.caller, *id);
          if (!current.ok()) return SendProblem(res, current.status());
          Inspectorate i = *current;
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          if (auto v = in.String("short_name", 40)) i.short_name = *v;
          if (auto v = in.String("full_name", kMaxNameLength)) i.full_name = *v;
          if (auto v = in.String("senior_oversight_title", 100)) i.senior_oversight_title = *v;
          if (auto v = in.String("head_name", kMaxNameLength)) i.head_name = *v;
          if (auto v = in.String("head_title", kMaxNameLength)) i.head_title = *v;
          if (auto v = in.String("address", kMaxAddressLength)) i.address = *v;
          if (auto v = in.String("website", kMaxNameLength)) i.website = *v;
          if (auto v = in.String("email", kMaxNameLength)) i.email = *v;
          if (auto v = in.String("queries_name", kMaxNameLength)) i.queries_name = *v;
          if (auto v = in.String("sponsoring_department", kMaxNameLength)) {
            i.sponsoring_department = *v;
          }
          if (auto v = in.Bool("sends_embargoed_copies")) i.sends_embargoed_copies = *v;
          if (auto v = in.String("findings", 40)) {
            if (auto f = ParseFindingsStyle(*v)) {
              i.findings = *f;
            } else {
              in.AddError("findings", "R19", "\"findings\" must be recommendations or concerns");
            }
          }
          if (auto v = in.NullableInt("closed_year", 1800, 2200)) {
            i.closed_year = *v ? std::optional<int>(static_cast<int>(**v)) : std::nullopt;
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          i.version = *version;
          auto updated = directory_.UpdateInspectorate(ctx.caller, i);
          if (!updated.ok()) return SendProblem(res, updated.status());
          SendJson(res, 200, ToJson(*updated));
        });
}

void DirectoryFeature::RegisterBodyApi() {
  const auto api = Surface::kApi;
  // Inspected bodies.
  Route(
      "GET", "/api/v1/bodies", api, Permission::kSignedIn,
      [this](const Request& req, Response& res, RequestContext& ctx) {
        auto query = ReadBodyQuery(req, EmptyFilter::kRefused);
        if (!query.ok()) return SendProblem(res, query.status());
        auto page = directory_.Bodies(ctx.caller, *query);
        if (!page.ok()) return SendProblem(res, page.status());
        SendPage(res, *page);
      },
      // At most 100 rows in the order of an index (by name, or by type and
      // name), near its start. A search by words ranks every match, the
      // other filters are not indexed (their count reads every body), and
      // a page far down walks the index that far: those go to a worker.
      Work::kShortRead,
      [](const Request& req) {
        for (const auto& [name, value] : req.params) {
          if (name == "offset" && !ParseInt(value, 0, 1000)) return false;
          if (name != "limit" && name != "offset" && name != "type") return false;
        }
        return true;
      });
  Route("POST", "/api/v1/bodies", api, Permission::kEditDirectory,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          InspectedBody b;
          JsonObjectReader in(req.body);
          ReadBodyFields(in, b, false);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto created = directory_.CreateBody(ctx.caller, b);
          if (!created.ok()) return SendProblem(res, created.status());
          res.SetHeader("Location", "/api/v1/bodies/" + std::to_string(created->id));
          SendJson(res, 201, ToJson(*created));
        });
  Route("GET", "/api/v1/bodies/export.csv", api, Permission::kSignedIn,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto csv = directory_.ExportBodiesCsv(ctx.caller);
          if (!csv.ok()) return SendProblem(res, csv.status());
          res.SetHeader("Content-Disposition", "attachment; filename=\"inspected-bodies.csv\"");
          res.SetContent(*csv, "text/csv; charset=utf-8");
        });
  Route("POST", "/api/v1/bodies/import", api, Permission::kEditDirectory,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto summary = directory_.ImportBodiesCsv(ctx.caller, req.body);
          if (!summary.ok()) return SendProblem(res, summary.status());
          SendJson(res, 200,
                   {{"created", summary->created},
                    {"updated", summary->updated},
                    {"unchanged", summary->unchanged}});
        });
  for (const std::string what : {"indicators", "inspections"}) {
    Route("POST", "/api/v1/bodies/" + what + "/import", api, Permission::kEditDirectory,
          [this, what](const Request& req, Response& res, RequestContext& ctx) {
            auto summary = what == "indicators"
                               ? directory_.ImportIndicatorsCsv(ctx.caller, req.body)
                               : directory_.ImportPastInspectionsCsv(ctx.caller, req.body);
            if (!summary.ok()) return SendProblem(res, summary.status());
            SendJson(res, 200,
                     {{"created", summary->created},
                      {"updated", summary->updated},
                      {"unchanged", summary->unchanged}});
          });
  }
  Route(
      "GET", R"(/api/v1/bodies/(\d+))", api, Permission::kSignedIn,
      [this](const Request& req, Response& res, RequestContext& ctx) {
        auto id = PathId(req);
        auto b = id ? directory_.GetBody(ctx.caller, *id)
                    : StatusOr<InspectedBody>(NotFound("No such body"));
        if (!b.ok()) return SendProblem(res, b.status());
        SendJson(res, 200, ToJson(*b));
      },
      Work::kShortRead);
  Route("PATCH", R"(/api/v1/bodies/(\d+))", api, Permission::kEditDirectory,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such body"));
          auto current = directory_.GetBody(ctx.caller, *id);
          if (!current.ok()) return SendProblem(res, current.status());
          InspectedBody b = *current;
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          ReadBodyFields(in, b, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          b.version = *version;
          auto updated = directory_.UpdateBody(ctx.caller, b);
          if (!updated.ok()) return SendProblem(res, updated.status());
          SendJson(res, 200, ToJson(*updated));
        });
  for (const auto& [pattern, type] :
       {std::pair{R"(/api/v1/bodies/(\d+)/history)", "body"},
        std::pair{R"(/api/v1/inspectorates/(\d+)/history)", "inspectorate"}}) {
    Route("GET", pattern, api, Permission::kSignedIn,
          [this, type = std::string(type)](const Request& req, Response& res, RequestContext& ctx) {
            auto id = PathId(req);
            if (!id) return SendProblem(res, NotFound("No such record"));
            auto paging = ReadPaging(req, 100);
            if (!paging.ok()) return SendProblem(res, paging.status());
            // The record must exist (and be visible) before its history is.
            Status exists = type == "body" ? directory_.GetBody(ctx.caller, *id).status()
                                           : directory_.GetInspectorate(ctx.caller, *id).status();
            if (!exists.ok()) return SendProblem(res, exists);
            auto history =
                directory_.HistoryPage(ctx.caller, type, *id, paging->limit, paging->offset);
            if (!history.ok()) return SendProblem(res, history.status());
            json items = json::array();
            for (const auto& e : history->items) items.push_back(ToJson(e));
            SendJson(res, 200,
                     PageJson(std::move(items), history->total, paging->limit, paging->offset));
          });
  }
}

}  // namespace jointly::web
