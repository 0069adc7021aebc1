// The /api/v1 operations of stage 8 (M 48, R22): the inspection's
// retention (each inspectorate's schedule, the publication date, legal
// holds, each evidence item's date and what the retention job proposes),
// holds placed and lifted, an item destroyed for good or its review
// extended, and what is due across inspections for an inspectorate.
#include "features/inspection/inspection_feature.h"
#include "web/api_schema.h"
#include "web/body_query.h"
#include "web/http.h"

namespace jointly::web {

using nlohmann::json;

namespace {

json HoldJson(const LegalHold& h) {
  return {{"id", h.id},
          {"inspection_id", h.inspection_id},
          {"inspectorate_id", h.inspectorate_id},
          {"reason", h.reason},
          {"placed_on", h.placed_on},
          {"in_force", h.in_force()},
          {"lifted_on", h.lifted_on},
          {"lift_reason", h.lift_reason}};
}

json ProposalJson(const RetentionProposal& p) {
  return {{"entity_type", p.item.entity_type},
          {"id", p.item.id},
          {"inspection_id", p.item.inspection_id},
          {"owner_inspectorate_id", p.item.owner_inspectorate_id},
          {"action", RetentionActionId(p.due.action)},
          {"due_on", p.due.due_on.ToIso()},
          {"held_by", p.held_by}};
}

json RetentionJson(const RetentionView& v) {
  json schedules = json::array();
  for (const auto& [who, words] : v.schedules) {
    schedules.push_back({{"inspectorate", who}, {"words", words}});
  }
  json holds = json::array();
  for (const auto& h : v.holds) holds.push_back(HoldJson(h));
  json items = json::array();
  for (const auto& r : v.items) {
    items.push_back({{"entity_type", r.item.entity_type},
                     {"id", r.item.id},
                     {"label", r.item.label},
                     {"owner_inspectorate_id", r.item.owner_inspectorate_id},
                     {"kind", MaterialKindId(r.item.facts.kind)},
                     {"sensitivity", SensitivityId(r.item.facts.sensitivity)},
                     {"action", RetentionActionId(r.due.action)},
                     {"due_on", r.due.due_on.ToIso()},
                     {"due_words", DueWords(r.due)},
                     {"schedule_words", r.due.words},
                     {"destroyed", r.destroyed},
                     {"destroyed_at", r.destroyed_at},
                     {"certificate_seq", r.certificate_seq},
                     {"content_sha256", r.content_sha256}});
  }
  json due = json::array();
  for (const auto& p : v.due) due.push_back(ProposalJson(p));
  return {{"inspection_id", v.inspection.id},
          {"today", v.today},
          {"agreed", v.agreed},
          {"agreed_on", v.agreed_on},
          {"published_on", v.published_on},
          {"version", v.version},
          {"schedules", schedules},
          {"holds", holds},
          {"items", items},
          {"due", due},
          {"withheld", v.withheld}};
}

// A body of one required text field `field` (the reason).
StatusOr<std::string> ReasonOf(const Request& req) {
  JsonObjectReader in(req.body);
  auto reason = in.String("reason", kMaxHoldReason, true);
  RETURN_IF_ERROR(in.Finish());
  return *reason;
}

}  // namespace

void InspectionFeature::RegisterRetentionApi() {
  const auto api = Surface::kApi;
  Route("GET", R"(/api/v1/inspections/(\d+)/retention)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto v = inspections_.ViewRetention(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, RetentionJson(*v));
        });
  Route("PUT", R"(/api/v1/inspections/(\d+)/retention)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          JsonObjectReader in(req.body);
          auto published = in.String("published_on", 10, true);
          auto version = in.Int("version", 0, INT64_MAX, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto v = inspections_.AgreeRetention(ctx.caller, *id, *published, *version);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, RetentionJson(*v));
        });
  Route("POST", R"(/api/v1/inspections/(\d+)/retention/holds)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto reason = ReasonOf(req);
          if (!reason.ok()) return SendProblem(res, reason.status());
          auto h = inspections_.PlaceHold(ctx.caller, *id, *reason);
          if (!h.ok()) return SendProblem(res, h.status());
          SendJson(res, 201, HoldJson(*h));
        });
  Route("POST", R"(/api/v1/legal-holds/(\d+)/lift)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such legal hold"));
          auto reason = ReasonOf(req);
          if (!reason.ok()) return SendProblem(res, reason.status());
          auto h = inspections_.LiftHold(ctx.caller, *id, *reason);
          if (!h.ok()) return SendProblem(res, h.status());
          SendJson(res, 200, HoldJson(*h));
        });
  Route("POST", R"(/api/v1/evidence/(\d+)/destroy)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such evidence item"));
          JsonObjectReader in(req.body.empty() ? std::string("{}") : req.body);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto cert = inspections_.DestroyEvidence(ctx.caller, *id);
          if (!cert.ok()) return SendProblem(res, cert.status());
          json out = cert->body;
          out["certificate_seq"] = cert->seq;
          SendJson(res, 200, out);
        });
  Route("POST", R"(/api/v1/evidence/(\d+)/retention-review)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such evidence item"));
          JsonObjectReader in(req.body);
          auto reason = in.String("reason", kMaxHoldReason, true);
          auto review_on = in.String("review_on", 10, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          Status s = inspections_.ExtendRetention(ctx.caller, *id, *reason, *review_on);
          if (!s.ok()) return SendProblem(res, s);
          res.status = 204;
        });
  Route("GET", R"(/api/v1/inspectorates/(\d+)/retention-due)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspectorate"));
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto due = inspections_.RetentionDueFor(ctx.caller, *id);
          if (!due.ok()) return SendProblem(res, due.status());
          json page = SlicePage(due->items, paging->limit, paging->offset, [](const auto& x) {
            json p = ProposalJson(x.proposal);
            p["inspection_title"] = x.inspection_title;
            return p;
          });
          page["inspectorate_id"] = due->inspectorate_id;
          page["today"] = due->today;
          SendJson(res, 200, page);
        });
}

}  // namespace jointly::web

namespace jointly::web::api {

void DocumentRetention(OpenApi& doc) {
  const std::string tag = "Inspections";
  const Schema hold =
      Object({{"id", Integer()},
              {"inspection_id", Integer()},
              {"inspectorate_id", Integer().Says("The inspectorate that placed it")},
              {"reason", String()},
              {"placed_on", String()},
              {"in_force", Boolean()},
              {"lifted_on", String()},
              {"lift_reason", String()}})
          .Require({"id", "inspection_id", "inspectorate_id", "reason", "placed_on", "in_force",
                    "lifted_on", "lift_reason"});
  const Schema proposal =
      Object({{"entity_type", String()},
              {"id", Integer()},
              {"inspection_id", Integer()},
              {"owner_inspectorate_id", Integer()},
              {"action", String()},
              {"due_on", String()},
              {"held_by", ArrayOf(Integer())},
              {"inspection_title", String()}})
          .Require({"entity_type", "id", "inspection_id", "action", "due_on", "held_by"});
  const Schema retention =
      Object({{"inspection_id", Integer()},
              {"today", String()},
              {"agreed", Boolean()},
              {"agreed_on", String()},
              {"published_on", String().Says("The publication date the schedules count from")},
              {"version", Integer().Min(0)},
              {"schedules",
               ArrayOf(Object({{"inspectorate", String()}, {"words", ArrayOf(String())}}))},
              {"holds", ArrayOf(hold)},
              {"items", ArrayOf(AnyObject())},
              {"due", ArrayOf(proposal)},
              {"withheld", Integer().Min(0).Says("OFFICIAL-SENSITIVE items left out of `items` "
                                                 "and `due`: only the inspection's team sees "
                                                 "them")}})
          .Require({"inspection_id", "today", "agreed", "published_on", "version", "schedules",
                    "holds", "items", "due", "withheld"});
  doc.AddOperation("get", "/inspections/{id}/retention",
                   {.id = "getRetention",
                    .summary = "Stage 8 (R22): each participating inspectorate's retention "
                               "schedule, the publication date, legal holds, each evidence "
                               "item's review or destruction date and what is due today",
                    .tag = tag,
                    .answer = "Found",
                    .returns = retention,
                    .problems = {403, 404}});
  doc.AddOperation(
      "put", "/inspections/{id}/retention",
      {.id = "agreeRetention",
       .summary = "Agree the retention schedules for the inspection, with the publication date "
                  "they count from (empty while not known); once the publication's time is set "
                  "they count from its day, and another date is refused (publication-dated); "
                  "`version` is the agreement's, 0 first",
       .tag = tag,
       .body = Object({{"published_on", String()
                                            .MaxChars(10)
                                            .Pattern("^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")
                                            .Says("YYYY-MM-DD, or empty")},
                       {"version", Integer().Min(0)}})
                   .Require({"published_on", "version"}),
       .answer = "Agreed",
       .returns = retention,
       .problems = {400, 403, 404, 409}});
  const Schema reason =
      Object({{"reason", String().NonBlank().MaxChars(kMaxHoldReason).Says("Why")}})
          .Require({"reason"});
  doc.AddOperation("post", "/inspections/{id}/retention/holds",
                   {.id = "placeLegalHold",
                    .summary = "Place a legal hold for the caller's inspectorate: nothing of the "
                               "inspection is destroyed while it is in force (R22)",
                    .tag = tag,
                    .body = reason,
                    .status = 201,
                    .answer = "Placed",
                    .returns = hold,
                    .problems = {400, 403, 404}});
  doc.AddOperation("post", "/legal-holds/{id}/lift",
                   {.id = "liftLegalHold",
                    .summary = "Lift a legal hold: only the inspectorate that placed it (R22)",
                    .tag = tag,
                    .body = reason,
                    .answer = "Lifted",
                    .returns = hold,
                    .problems = {400, 403, 404, 409}});
  doc.AddOperation(
      "post", "/evidence/{id}/destroy",
      {.id = "destroyEvidence",
       .summary = "Destroy an evidence item that is due, for good, as its owning inspectorate "
                  "(R22): refused under a legal hold; answers the destruction certificate "
                  "written to the audit trail",
       .tag = tag,
       .body = Object(Members{}),
       .body_required = false,
       .answer = "Destroyed",
       .returns =
           Object({{"certificate_seq", Integer()},
                   {"content_sha256", String()},
                   {"what", AnyObject()},
                   {"schedule", AnyObject()},
                   {"approved_by", AnyObject()}})
               .Require({"certificate_seq", "content_sha256", "what", "schedule", "approved_by"}),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation(
      "post", "/evidence/{id}/retention-review",
      {.id = "extendRetention",
       .summary = "At its review, keep an evidence item until a later review, with a reason "
                  "(R22; its owning inspectorate)",
       .tag = tag,
       .body = Object({{"reason", String().NonBlank().MaxChars(kMaxHoldReason)},
                       {"review_on", Formatted("date")}})
                   .Require({"reason", "review_on"}),
       .status = 204,
       .answer = "Kept",
       .problems = {400, 403, 404, 409}});
  doc.AddOperation(
      "get", "/inspectorates/{id}/retention-due",
      {.id = "listRetentionDue",
       .summary = "What the retention job proposes today for the inspectorate, "
                  "across the inspections the caller sees (R22)",
       .tag = tag,
       .paged = true,
       .answer = "Found",
       .returns = Object({{"inspectorate_id", Integer()},
                          {"today", String()},
                          {"items", ArrayOf(proposal)},
                          {"total", Integer().Min(0)},
                          {"limit", Integer().Min(1)},
                          {"offset", Integer().Min(0)}})
                      .Require({"inspectorate_id", "today", "items", "total", "limit", "offset"}),
       .problems = {403, 404}});
}

}  // namespace jointly::web::api
