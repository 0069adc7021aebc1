// The /api/v1 operations of stage 6 (M 33-40; R18, R19): the findings of
// the report with the evidence each rests on and how triangulated it is;
// the recommendations, or the concerns an inspection led by HMI Prisons
// raises instead, with the findings each answers; and each engagement with
// an owner on the proposed wording (M 36).
#include <algorithm>

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

const RetainedItem* DestroyedItem(const InspectionView& v, int64_t evidence_id) {
  for (const auto& x : v.retention.items) {
    if (x.item.id == evidence_id && x.destroyed) return &x;
  }
  return nullptr;
}

FindingSupport SupportOf(const InspectionView& v, int64_t finding_id) {
  std::vector<int64_t> destroyed;
  for (const auto& x : v.retention.items) {
    if (x.destroyed) destroyed.push_back(x.item.id);
  }
  return jointly::SupportOf(RestsOn(v, finding_id), destroyed);
}

namespace {

// R22: an item a finding rests on that has since been destroyed, as its
// certificate records it; nothing of its content.
json DestroyedJson(const RetainedItem& x) {
  return {{"evidence_id", x.item.id},
          {"destroyed_on", x.destroyed_at.substr(0, std::min<size_t>(x.destroyed_at.size(), 10))},
          {"schedule_of", x.owner},
          {"certificate_seq", x.certificate_seq},
          {"words", DestroyedWords(x.destroyed_at, x.owner)}};
}

json TriangulationJson(const Triangulation& t) {
  return {{"items", t.items},
          {"methods", t.methods},
          {"inspectorates", t.inspectorates},
          {"single_source", t.single_source}};
}

json FindingsListJson(const InspectionView& v) {
  json items = json::array();
  for (const auto& f : v.findings) {
    json x = RecordJson(FindingRecord(), f);
    x["evidence_ids"] = json::array();
    for (const auto& l : v.finding_evidence) {
      if (l.finding_id == f.id) x["evidence_ids"].push_back(l.evidence_id);
    }
    // As recorded: the report was approved and published on every item.
    const FindingSupport s = SupportOf(v, f.id);
    x["methods"] = s.recorded.methods;
    x["inspectorates"] = s.recorded.inspectorates;
    x["single_source"] = s.recorded.single_source;
    // R22: what is still held, and what was destroyed since.
    x["held"] = TriangulationJson(s.held);
    x["destroyed_evidence"] = json::array();
    for (int64_t id : s.destroyed) {
      if (const RetainedItem* d = DestroyedItem(v, id)) {
        x["destroyed_evidence"].push_back(DestroyedJson(*d));
      }
    }
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
  const Schema destroyed =
      Object({{"evidence_id", Integer().Min(1)},
              {"destroyed_on", String().Says("The day of its destruction certificate")},
              {"schedule_of", String().Says("The inspectorate whose schedule it was destroyed "
                                            "under (short name)")},
              {"certificate_seq",
               Integer().Min(1).Says("The destruction certificate's entry in the audit trail")},
              {"words", String().Says("\"Destroyed on 3 December 2026 under HMCPSI's schedule "
                                      "(certificate 412)\"")}})
          .Require({"evidence_id", "destroyed_on", "schedule_of", "certificate_seq", "words"});
  const Schema held =
      Object({{"items", Integer().Min(0)},
              {"methods", Integer().Min(0)},
              {"inspectorates", Integer().Min(0)},
              {"single_source", Boolean()}})
          .Require({"items", "methods", "inspectorates", "single_source"})
          .Says("R22: its triangulation on the evidence still held, without the items destroyed");
  const Schema finding = Extended(
      "Finding",
      Object({{"evidence_ids", ArrayOf(Integer())},
              {"methods", Integer().Min(0).Says("Distinct methods among its evidence, as "
                                                "recorded (items since destroyed included)")},
              {"inspectorates", Integer().Min(0).Says("Distinct inspectorates among its "
                                                      "evidence, as recorded")},
              {"single_source", Boolean().Says("It rests on one item, or on one method of one "
                                               "inspectorate, as recorded")},
              {"held", held},
              {"destroyed_evidence",
               ArrayOf(destroyed).Says("R22: the items it rests on destroyed since, under their "
                                       "owners' schedules; nothing of their content")}})
          .Require({"evidence_ids", "methods", "inspectorates", "single_source", "held",
                    "destroyed_evidence"}));
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
