// The /api/v1 operations of stage 6's approval chain (M 37-40; R11): where
// every step stands on the report as it is now, a step submitted on it, an
// inspectorate's approval of the version it read, and the critical readers
// with their responses and what was done about each.
#include "core/enum_ids.h"
#include "features/inspection/inspection_feature.h"
#include "service/record_json.h"
#include "web/api_schema.h"
#include "web/http.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

namespace {

json ChangeJson(const ContentChange& c) {
  return {{"item", c.item}, {"id", c.id}, {"change", ContentChangeId(c.kind)}};
}

json ApprovalsJson(const InspectionView& v) {
  json steps = json::array();
  for (const auto& s : v.chain) {
    json x = {
        {"step", ApprovalStepId(s.step)},
        {"rule", ApprovalStepRule(s.step)},
        {"state", StepStateId(s.state)},
        {"submitted", s.submitted ? RecordJson(ReportStepRecord(), *s.submitted) : json(nullptr)},
        {"approvals", json::array()},
        {"awaiting", json::array()},
        {"changes_since", json::array()}};
    if (s.submitted) x["submitted"].erase("content");
    for (const auto& [inspectorate, a] : s.approvals) {
      x["approvals"].push_back(RecordJson(StepApprovalRecord(), a));
    }
    for (int64_t i : s.awaiting) x["awaiting"].push_back(i);
    for (const auto& c : s.changes) x["changes_since"].push_back(ChangeJson(c));
    steps.push_back(std::move(x));
  }
  json readers = json::array();
  for (const auto& r : v.critical_readers) readers.push_back(RecordJson(CriticalReaderRecord(), r));
  return {{"version", v.approval_version},
          {"steps_complete", StepsComplete(v.chain)},
          {"steps", steps},
          {"critical_readers", readers}};
}

}  // namespace

void InspectionFeature::RegisterApprovalsApi() {
  const auto api = Surface::kApi;
  RegisterRecordApi<CriticalReader>({
      .type = CriticalReaderRecord(),
      .path = "/critical-readers",
      .tag = "Inspections",
      .schema = "CriticalReader",
      .words = "critical readers of inspection reports",
      .create_path = "/inspections/{id}/critical-readers",
      .parent_field = "inspection_id",
      .get = [this](const Caller& c, int64_t id) { return inspections_.GetCriticalReader(c, id); },
      .create =
          [this](const Caller& c, CriticalReader x) {
            return inspections_.AddCriticalReader(c, x.inspection_id, x);
          },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(CriticalReader&)>& change) {
            return inspections_.UpdateCriticalReader(c, id, version, change);
          },
  });
  Route("GET", R"(/api/v1/inspections/(\d+)/approvals)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto v = inspections_.ViewInspection(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ApprovalsJson(*v));
        });
  Route("POST", R"(/api/v1/inspections/(\d+)/approval-steps)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          JsonObjectReader in(req.body);
          auto step = in.String("step", 40, true);
          std::optional<ApprovalStep> parsed;
          if (step) {
            parsed = ParseApprovalStep(*step);
            if (!parsed) {
              in.AddError("step", "one-of",
                          "step is agreement, approval, critical_reading or sign_off");
            }
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto made = inspections_.SubmitStep(ctx.caller, *id, *parsed);
          if (!made.ok()) return SendProblem(res, made.status());
          json out = RecordJson(ReportStepRecord(), *made);
          out.erase("content");
          SendJson(res, 201, out);
        });
  Route("POST", R"(/api/v1/inspections/(\d+)/approvals)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          JsonObjectReader in(req.body);
          auto step = in.String("step", 40, true);
          auto version = in.Int("version", 0, INT64_MAX, true);
          std::optional<ApprovalStep> parsed;
          if (step) {
            parsed = ParseApprovalStep(*step);
            if (!parsed || *parsed == ApprovalStep::kCriticalReading) {
              in.AddError("step", "one-of", "step is agreement, approval or sign_off");
            }
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto made = inspections_.ApproveStep(ctx.caller, *id, *parsed, *version);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 201, RecordJson(StepApprovalRecord(), *made));
        });
}

namespace api {

void DocumentApprovals(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddSchema(
      "ReportStep",
      Object({{"id", Integer()},
              {"inspection_id", Integer()},
              {"step", OneOf(kAllApprovalSteps, ApprovalStepId)},
              {"content_version", Integer().Says("The version of the report it was submitted on")},
              {"submitted_by", Integer()},
              {"submitted_at", String()},
              {"version", Integer()}})
          .Require({"id", "step", "content_version", "submitted_by"}));
  doc.AddSchema(
      "StepApproval",
      Object({{"id", Integer()},
              {"inspection_id", Integer()},
              {"step_id", Integer()},
              {"inspectorate_id", Integer()},
              {"approved_by", Integer()},
              {"approved_at", String()},
              {"content_version", Integer().Says("The version of the report approved")},
              {"version", Integer()}})
          .Require({"id", "step_id", "inspectorate_id", "approved_by", "content_version"}));
  const Schema change = Object({{"item", String().Says("section, finding, recommendation, "
                                                       "finding-evidence or "
                                                       "recommendation-finding")},
                                {"id", Integer()},
                                {"change", OneOf({"added", "changed", "removed"})}});
  const Schema step =
      Object({{"step", OneOf(kAllApprovalSteps, ApprovalStepId)},
              {"rule", String().Says("The paragraph of the method: M37 to M40")},
              {"state", OneOf({"not_submitted", "awaiting", "complete", "lapsed"})},
              {"submitted", Ref("ReportStep").OrNull()},
              {"approvals", ArrayOf(Ref("StepApproval"))},
              {"awaiting", ArrayOf(Integer()).Says("Inspectorates yet to approve")},
              {"changes_since", ArrayOf(change).Says("What changed since it was submitted")}});
  doc.AddOperation(
      "get", "/inspections/{id}/approvals",
      {.id = "getReportApprovals",
       .summary = "Where the report's approval chain stands (M 37-40): the report's version now "
                  "(its sections, findings and recommendations), each step with its approvals "
                  "and what changed since it was submitted, and the critical readers",
       .tag = tag,
       .returns = Object({{"version", Integer()},
                          {"steps_complete", Integer().Min(0).Max(4)},
                          {"steps", ArrayOf(step)},
                          {"critical_readers", ArrayOf(Ref("CriticalReader"))}}),
       .problems = {404}});
  doc.AddOperation(
      "post", "/inspections/{id}/approval-steps",
      {.id = "submitReportStep",
       .summary = "Submit a step of the report's approval chain on the report as it is now, once "
                  "the step before is complete on it: agreement by Development Group "
                  "representatives (M 37), approval by HM Inspectors or Chief Inspectors (M 38), "
                  "sending to the critical readers (M 39), final sign-off (M 40)",
       .tag = tag,
       .body = Object({{"step", OneOf(kAllApprovalSteps, ApprovalStepId)}}).Require({"step"}),
       .status = 201,
       .answer = "Submitted",
       .returns = Ref("ReportStep"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation(
      "post", "/inspections/{id}/approvals",
      {.id = "approveReportStep",
       .summary = "Approve a submitted step for the caller's inspectorate on the version of the "
                  "report read (R11: refused unless it is the newest); never by whoever "
                  "submitted the step",
       .tag = tag,
       .body = Object({{"step", OneOf({"agreement", "approval", "sign_off"})},
                       {"version", Integer().Min(0).Says("The version of the report approved")}})
                   .Require({"step", "version"}),
       .status = 201,
       .answer = "Approved",
       .returns = Ref("StepApproval"),
       .problems = {400, 403, 404, 409}});
}

}  // namespace api

}  // namespace jointly::web
