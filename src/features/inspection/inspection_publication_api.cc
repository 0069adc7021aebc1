// Stage 7's publication (M 41-47; R11, R21) on the API: the publication's
// date and time, the embargoed copies' recipients and every opening of
// one; and the embargoed copy itself, opened by its recipient's personal
// link with no sign-in, naming them on every page of its PDF.
#include "features/inspection/inspection_feature.h"
#include "features/shared/report_page.h"
#include "web/api_schema.h"
#include "web/body_query.h"
#include "web/http.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

namespace {

constexpr size_t kMaxToken = 200;

json PublicationJson(const Publication& p) {
  return {{"publish_at", p.publish_at},
          {"content_version", p.content_version},
          {"state", PublicationStateId(p.state)},
          {"scheduled_by", p.scheduled_by},
          {"scheduled_at", p.scheduled_at},
          {"embargo_sent_at", p.embargo_sent_at.empty() ? json(nullptr) : json(p.embargo_sent_at)},
          {"published_at", p.published_at.empty() ? json(nullptr) : json(p.published_at)},
          {"version", p.version}};
}

json RecipientJson(const EmbargoRecipient& r) {
  return {{"id", r.id},
          {"inspection_id", r.inspection_id},
          {"department", r.department},
          {"name", r.name},
          {"email", r.email},
          {"sent_at", r.sent_at.empty() ? json(nullptr) : json(r.sent_at)},
          {"revoked_at", r.revoked_at.empty() ? json(nullptr) : json(r.revoked_at)},
          {"version", r.version}};
}

json PublicationViewJson(const InspectionView& v) {
  json departments = json::array();
  for (const auto& d : v.embargo_departments) {
    departments.push_back({{"name", d.name}, {"for_inspectorates", d.for_inspectorates}});
  }
  json recipients = json::array();
  for (const auto& r : v.embargo_recipients) recipients.push_back(RecipientJson(r));
  json openings = json::array();
  for (const auto& o : v.embargo_openings) {
    openings.push_back({{"recipient_id", o.recipient_id},
                        {"opened_at", o.opened_at},
                        {"address", o.address},
                        {"what", o.what}});
  }
  return {{"signed_off", v.signed_off},
          {"report_version", v.approval_version},
          {"publication", v.publication ? PublicationJson(*v.publication) : json(nullptr)},
          {"embargo_departments", departments},
          {"embargo_recipients", recipients},
          {"embargo_openings", openings}};
}

}  // namespace

void InspectionFeature::RegisterPublicationApi() {
  const auto api = Surface::kApi;
  Route("GET", R"(/api/v1/inspections/(\d+)/publication)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto v = inspections_.ViewInspection(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, PublicationViewJson(*v));
        });
  Route("PUT", R"(/api/v1/inspections/(\d+)/publication)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          JsonObjectReader in(req.body);
          auto at = in.String("publish_at", 40, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto made = inspections_.SchedulePublication(ctx.caller, *id, *at);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 200, PublicationJson(*made));
        });
  Route("GET", R"(/api/v1/inspections/(\d+)/embargo-recipients)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto v = inspections_.ViewInspection(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200,
                   SlicePage(v->embargo_recipients, paging->limit, paging->offset, RecipientJson));
        });
  Route("POST", R"(/api/v1/inspections/(\d+)/embargo-recipients)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          JsonObjectReader in(req.body);
          EmbargoRecipient r;
          r.department = in.String("department", 200, true).value_or("");
          r.name = in.String("name", 200, true).value_or("");
          r.email = in.String("email", 254, true).value_or("");
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto made = inspections_.AddEmbargoRecipient(ctx.caller, *id, r);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 201, RecipientJson(*made));
        });
  Route("POST", R"(/api/v1/embargo-recipients/(\d+)/revoke)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such embargo recipient"));
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 0, INT64_MAX, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto made = inspections_.RevokeEmbargoRecipient(ctx.caller, *id, *version);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 200, RecipientJson(*made));
        });
}

// The embargoed copy (R21): its page and its PDF, each opening logged.
void InspectionFeature::RegisterEmbargoedPages() {
  const auto page = Surface::kPage;
  auto open = [this, page](const Request& req, Response& res, RequestContext& ctx,
                           const std::string& what) -> std::optional<EmbargoedCopy> {
    const std::string token = req.Capture(1);
    res.SetHeader("Cache-Control", "no-store");
    res.SetHeader("Referrer-Policy", "no-referrer");
    if (token.size() > kMaxToken) {
      Fail(req, res, page, ctx, NotFound("This link is not one of an embargoed copy"));
      return std::nullopt;
    }
    auto copy = inspections_.OpenEmbargoedCopy(token, req.client_address, what);
    if (!copy.ok()) {
      Fail(req, res, page, ctx, copy.status());
      return std::nullopt;
    }
    return *copy;
  };
  Route("GET", R"(/embargoed/(\d+))", page, Permission::kPublic,
        [this, page, open](const Request& req, Response& res, RequestContext& ctx) {
          auto copy = open(req, res, ctx, "page");
          if (!copy) return;
          json d = Base(ctx, "Embargoed: Joint inspection of " + copy->report.title, "");
          d.update(ReportPageJson(copy->report));
          d["embargoed"] = copy->recipient.name + ", " + copy->recipient.department;
          const Date on = Date::ParseOrNone(copy->publish_at.substr(0, 10));
          d["embargo_until"] = copy->publish_at.substr(11, 5) + " UTC on " + on.ToLong();
          d["pdf"] = "/embargoed/" + req.Capture(1) + "/report.pdf";
          Html(res, "public_report", d);
        });
  Route("GET", R"(/embargoed/(\d+)/report\.pdf)", page, Permission::kPublic,
        [this, open](const Request& req, Response& res, RequestContext& ctx) {
          auto copy = open(req, res, ctx, "pdf");
          if (!copy) return;
          SendDocument(res, ReportDocument(copy->report), "pdf",
                       "Embargoed, " + ReportFileStem(copy->report));
        });
}

namespace api {

void DocumentPublication(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddSchema("Publication",
                Object({{"publish_at", String().Says("UTC, YYYY-MM-DDTHH:MM:SSZ")},
                        {"content_version", Integer().Says("The version of the report signed off")},
                        {"state", OneOf({"scheduled", "published"})},
                        {"scheduled_by", Integer()},
                        {"scheduled_at", String()},
                        {"embargo_sent_at", String().OrNull()},
                        {"published_at", String().OrNull()},
                        {"version", Integer()}})
                    .Require({"publish_at", "state", "content_version"}));
  doc.AddSchema("EmbargoRecipient", Object({{"id", Integer()},
                                            {"inspection_id", Integer()},
                                            {"department", String()},
                                            {"name", String()},
                                            {"email", String()},
                                            {"sent_at", String().OrNull()},
                                            {"revoked_at", String().OrNull()},
                                            {"version", Integer()}})
                                        .Require({"id", "department", "name", "email"}));
  doc.AddOperation(
      "get", "/inspections/{id}/publication",
      {.id = "getPublication",
       .summary = "Stage 7's publication (M 41-47, R21): whether the report as it is now is "
                  "signed off, the date and time of publication if set, the departments that "
                  "receive embargoed copies five days before (R21: the sponsors of HMI Prisons, "
                  "HMI Probation and HMCPSI, never for HMICFRS), their recipients and every "
                  "opening of an embargoed copy",
       .tag = tag,
       .returns = Object(
           {{"signed_off", Boolean()},
            {"report_version", Integer()},
            {"publication", Ref("Publication").OrNull()},
            {"embargo_departments",
             ArrayOf(Object({{"name", String()}, {"for_inspectorates", ArrayOf(String())}}))},
            {"embargo_recipients", ArrayOf(Ref("EmbargoRecipient"))},
            {"embargo_openings", ArrayOf(Object({{"recipient_id", Integer()},
                                                 {"opened_at", String()},
                                                 {"address", String()},
                                                 {"what", OneOf({"page", "pdf"})}}))}}),
       .problems = {404}});
  doc.AddOperation(
      "put", "/inspections/{id}/publication",
      {.id = "setPublication",
       .summary = "Set or move the date and time the report is published, by the lead "
                  "inspectorate's team (R11) once every inspectorate has signed off the report "
                  "as it is (R21), in the future, and not moved once embargoed copies went out. "
                  "When a department receives embargoed copies (R21), only once someone is "
                  "named for each and at least five days ahead; never on or after the day a "
                  "recommendation or concern is due (smart). Every refusal at `publish_at`",
       .tag = tag,
       .body = Object({{"publish_at", String().MaxChars(40).Says("UTC, YYYY-MM-DDTHH:MM:SSZ")}})
                   .Require({"publish_at"}),
       .returns = Ref("Publication"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation("get", "/inspections/{id}/embargo-recipients",
                   {.id = "listEmbargoRecipients",
                    .summary = "Who receives the embargoed copies (R21)",
                    .tag = tag,
                    .paged = true,
                    .returns = PageOf("EmbargoRecipient"),
                    .problems = {404}});
  doc.AddOperation(
      "post", "/inspections/{id}/embargo-recipients",
      {.id = "addEmbargoRecipient",
       .summary = "Name someone who receives the embargoed copy for a department that does "
                  "(R21); the lead's team, before publication. Each gets a personal link by "
                  "e-mail when the embargoed copies go out, five days before publication, or at "
                  "once when named after they went",
       .tag = tag,
       .body = Object({{"department", String().Says("One of the embargo departments by name")},
                       {"name", String().NonBlank().MaxChars(200)},
                       {"email", String().NonBlank().MaxChars(254).With("format", "email")}})
                   .Require({"department", "name", "email"}),
       .status = 201,
       .answer = "Added",
       .returns = Ref("EmbargoRecipient"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation("post", "/embargo-recipients/{id}/revoke",
                   {.id = "revokeEmbargoRecipient",
                    .summary = "Withdraw a recipient's personal link: it no longer opens",
                    .tag = tag,
                    .body = Object({{"version", Integer().Min(0)}}).Require({"version"}),
                    .returns = Ref("EmbargoRecipient"),
                    .problems = {400, 403, 404, 409}});
}

}  // namespace api

}  // namespace jointly::web
