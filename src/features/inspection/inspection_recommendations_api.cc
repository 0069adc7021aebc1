// The /api/v1 operations of stage 6 (M 33-40; R18, R19): the findings of
// the report with the evidence each rests on and how triangulated it is;
// the recommendations, or the concerns an inspection led by HMI Prisons
// raises instead, with the findings each answers; and each engagement with
// an owner on the proposed wording (M 36).
#include "features/inspection/inspection_feature.h"
#include "service/record_json.h"
#include "web/api_schema.h"
#include "web/http.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

std::vector<EvidenceItem> RestsOn(const InspectionView& v, int64_t finding_id) {
  std::vector<EvidenceItem> out;
  for (const auto& l : v.finding_evidence) {
    if (l.finding_id != finding_id) continue;
    for (const auto& e : v.evidence) {
      if (e.id == l.evidence_id) out.push_back(e);
    }
  }
  return out;
}

namespace {

json FindingsListJson(const InspectionView& v) {
  json items = json::array();
  for (const auto& f : v.findings) {
    json x = RecordJson(FindingRecord(), f);
    x["evidence_ids"] = json::array();
    for (const auto& l : v.finding_evidence) {
      if (l.finding_id == f.id) x["evidence_ids"].push_back(l.evidence_id);
    }
    const Triangulation t = TriangulationOf(RestsOn(v, f.id));
    x["methods"] = t.methods;
    x["inspectorates"] = t.inspectorates;
    x["single_source"] = t.single_source;
    items.push_back(std::move(x));
  }
  return {{"items", items}, {"total", v.findings.size()}};
}

json RecommendationsListJson(const InspectionView& v) {
  json items = json::array();
  for (const auto& r : v.recommendations) {
    json x = RecordJson(RecommendationRecord(), r);
    x["finding_ids"] = json::array();
    for (const auto& l : v.recommendation_findings) {
      if (l.recommendation_id == r.id) x["finding_ids"].push_back(l.finding_id);
    }
    x["engagements"] = json::array();
    for (const auto& e : v.engagements) {
      if (e.recommendation_id == r.id)
        x["engagements"].push_back(RecordJson(EngagementRecord(), e));
    }
    items.push_back(std::move(x));
  }
  return {{"raises", RecommendationKindId(v.raises)},
          {"items", items},
          {"total", v.recommendations.size()}};
}

// A record of `type` read from the body with the ids of `links` it is
// linked to (at most kMaxLinks, required), every bad field named at once.
template <typename T>
Status ReadWithLinks(const RecordType<T>& type, const Request& req, const std::string& links,
                     T& record, std::vector<int64_t>& ids) {
  JsonObjectReader in(req.body);
  if (auto v = in.IdArray(links, kMaxLinks, true)) ids = *v;
  return ReadRecordBody(type, in, RecordWrite::kCreate, record);
}

}  // namespace

void InspectionFeature::RegisterRecommendationsApi() {
  const auto api = Surface::kApi;
  RegisterRecordApi<Finding>({
      .type = FindingRecord(),
      .path = "/findings",
      .tag = "Inspections",
      .schema = "Finding",
      .words = "findings of inspection reports",
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Finding&)>& change) {
            return inspections_.UpdateFinding(c, id, version, change);
          },
  });
  RegisterRecordApi<Recommendation>({
      .type = RecommendationRecord(),
      .path = "/recommendations",
      .tag = "Inspections",
      .schema = "Recommendation",
      .words = "recommendations and concerns of inspection reports",
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Recommendation&)>& change) {
            return inspections_.UpdateRecommendation(c, id, version, change);
          },
  });
  RegisterRecordApi<Engagement>({
      .type = EngagementRecord(),
      .path = "/engagements",
      .tag = "Inspections",
      .schema = "Engagement",
      .words = "engagements with the owners of recommendations",
      .create_path = "/recommendations/{id}/engagements",
      .parent_field = "recommendation_id",
      .create = [this](
                    const Caller& c,
                    Engagement x) { return inspections_.AddEngagement(c, x.recommendation_id, x); },
  });
  Route("POST", R"(/api/v1/inspections/(\d+)/findings)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          Finding f;
          std::vector<int64_t> ids;
          if (Status s = ReadWithLinks(FindingRecord(), req, "evidence_ids", f, ids); !s.ok()) {
            return SendProblem(res, s);
          }
          auto made = inspections_.AddFinding(ctx.caller, *id, f, ids);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 201, RecordJson(FindingRecord(), *made));
        });
  Route("POST", R"(/api/v1/inspections/(\d+)/recommendations)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          Recommendation r;
          std::vector<int64_t> ids;
          if (Status s = ReadWithLinks(RecommendationRecord(), req, "finding_ids", r, ids);
              !s.ok()) {
            return SendProblem(res, s);
          }
          auto made = inspections_.AddRecommendation(ctx.caller, *id, r, ids);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 201, RecordJson(RecommendationRecord(), *made));
        });
  const struct {
    const char* path;
    json (*body)(const InspectionView&);
  } kLists[] = {
      {R"(/api/v1/inspections/(\d+)/findings)", FindingsListJson},
      {R"(/api/v1/inspections/(\d+)/recommendations)", RecommendationsListJson},
  };
  for (const auto& l : kLists) {
    Route("GET", l.path, api, Permission::kSignedIn,
          [this, body = l.body](const Request& req, Response& res, RequestContext& ctx) {
            auto id = PathId(req);
            if (!id) return SendProblem(res, NotFound("No such inspection"));
            auto v = inspections_.ViewInspection(ctx.caller, *id);
            if (!v.ok()) return SendProblem(res, v.status());
            SendJson(res, 200, body(*v));
          });
  }
}

namespace api {

namespace {

// The record's create body, with the ids of what it is linked to.
json WithLinks(json schema, const std::string& links, const std::string& says) {
  schema["properties"][links] =
      ArrayOf(Integer().Min(1)).MinItems(1).MaxItems(kMaxLinks).Says(says).json();
  schema["required"].push_back(links);
  return schema;
}

Schema Extended(const std::string& ref, Schema more) {
  return Schema(json{{"allOf", json::array({Ref(ref).json(), more.json()})}});
}

}  // namespace

void DocumentRecommendations(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddSchema("NewFinding",
                WithLinks(RecordInputSchema(FindingRecord(), RecordWrite::kCreate), "evidence_ids",
                          "The items of the evidence register it rests on"));
  doc.AddSchema("NewRecommendation",
                WithLinks(RecordInputSchema(RecommendationRecord(), RecordWrite::kCreate),
                          "finding_ids", "The findings it answers"));
  doc.AddOperation("post", "/inspections/{id}/findings",
                   {.id = "createFinding",
                    .summary = "Add a finding to the report (stage 6), resting on at least one "
                               "item of the evidence register (R18)",
                    .tag = tag,
                    .body = Ref("NewFinding"),
                    .status = 201,
                    .answer = "Added",
                    .returns = Ref("Finding"),
                    .problems = {403, 404, 409}});
  doc.AddOperation(
      "post", "/inspections/{id}/recommendations",
      {.id = "createRecommendation",
       .summary = "Add a recommendation, or a concern when HMI Prisons leads (R19), refused "
                  "unless SMART (R18): an owner, what must be done, how it will be measured, "
                  "a date ahead and the findings it answers, each missing part named",
       .tag = tag,
       .body = Ref("NewRecommendation"),
       .status = 201,
       .answer = "Added",
       .returns = Ref("Recommendation"),
       .problems = {403, 404, 409}});
  const Schema finding = Extended(
      "Finding",
      Object({{"evidence_ids", ArrayOf(Integer())},
              {"methods", Integer().Min(0).Says("Distinct methods among its evidence")},
              {"inspectorates", Integer().Min(0).Says("Distinct inspectorates among its evidence")},
              {"single_source", Boolean().Says("It rests on one item, or on one method of one "
                                               "inspectorate")}})
          .Require({"evidence_ids", "methods", "inspectorates", "single_source"}));
  doc.AddOperation(
      "get", "/inspections/{id}/findings",
      {.id = "listFindings",
       .summary = "The findings of the inspection's report, each with the evidence it rests on "
                  "and how triangulated it is",
       .tag = tag,
       .answer = "Found",
       .returns = Object({{"items", ArrayOf(finding)}, {"total", Integer().Min(0)}})
                      .Require({"items", "total"}),
       .problems = {403, 404}});
  const Schema recommendation = Extended(
      "Recommendation",
      Object({{"finding_ids", ArrayOf(Integer())}, {"engagements", ArrayOf(Ref("Engagement"))}})
          .Require({"finding_ids", "engagements"}));
  doc.AddOperation(
      "get", "/inspections/{id}/recommendations",
      {.id = "listRecommendations",
       .summary = "The recommendations of the inspection's report, or its concerns when HMI "
                  "Prisons leads (R19: `raises`), each with the findings it answers and the "
                  "engagements with its owner",
       .tag = tag,
       .answer = "Found",
       .returns = Object({{"raises", OneOf(kAllRecommendationKinds, RecommendationKindId)},
                          {"items", ArrayOf(recommendation)},
                          {"total", Integer().Min(0)}})
                      .Require({"raises", "items", "total"}),
       .problems = {403, 404}});
}

}  // namespace api

}  // namespace jointly::web
