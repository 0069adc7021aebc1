// The /api/v1 operations of stage 7 (M 41-47; R11, R21), apart from the
// timed publication: the factual accuracy checks and each correction
// decided; the distribution lists, cross-referenced, also as CSV and XLSX;
// the media plan with the press notice (also as DOCX and PDF) and its
// spokespeople; and post-publication activity. The lists and the press
// notice download from the pages too.
#include "core/text.h"
#include "documents/documents.h"
#include "domain/csv.h"
#include "features/inspection/inspection_feature.h"
#include "service/record_json.h"
#include "web/api_schema.h"
#include "web/http.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

namespace {

std::string ShortName(const InspectionView& v, int64_t id) {
  for (const auto& i : v.inspectorates) {
    if (i.id == id) return i.short_name;
  }
  return "";
}

json FactualJson(const InspectionView& v) {
  json checks = json::array();
  for (const auto& c : v.factual_checks) {
    json x = RecordJson(FactualCheckRecord(), c);
    auto body = v.check_bodies.find(c.body_id);
    x["body"] = body == v.check_bodies.end() ? "" : body->second;
    x["corrections"] = json::array();
    for (const auto& k : v.corrections) {
      if (k.check_id == c.id) x["corrections"].push_back(RecordJson(FactualCorrectionRecord(), k));
    }
    checks.push_back(std::move(x));
  }
  return {{"decided", FactualChecksDecided(v.factual_checks, v.corrections)},
          {"items", checks},
          {"total", v.factual_checks.size()}};
}

json DistributionJson(const InspectionView& v) {
  json lists = json::array();
  std::vector<int64_t> order = {v.inspection.lead_inspectorate_id};
  for (int64_t i : v.inspection.participating) {
    if (i != v.inspection.lead_inspectorate_id) order.push_back(i);
  }
  for (int64_t list : order) {
    json recipients = json::array();
    for (const auto& d : v.deliveries) {
      if (d.recipient.inspectorate_id != list) continue;
      json x = RecordJson(RecipientRecord(), d.recipient);
      x["duplicate"] = d.duplicate;
      x["sent_by"] = d.sent_by;
      x["also_on"] = d.also_on;
      recipients.push_back(std::move(x));
    }
    lists.push_back({{"inspectorate_id", list},
                     {"inspectorate", ShortName(v, list)},
                     {"recipients", recipients}});
  }
  return {{"sender", SenderId(v.media_plan.sender)},
          {"lists", lists},
          {"sent_to", CountSentTo(v.deliveries)}};
}

json MediaJson(const InspectionView& v) {
  json missing = json::array();
  for (int64_t who : v.notice_missing) missing.push_back(ShortName(v, who));
  json unspoken = json::array();
  for (int64_t who : WithoutSpokesperson(v.spokespeople, v.inspection.participating)) {
    unspoken.push_back(ShortName(v, who));
  }
  json spokespeople = json::array();
  for (const auto& s : v.spokespeople) {
    json x = RecordJson(SpokespersonRecord(), s);
    x["counts"] = SpeaksForInspectorate(s);
    spokespeople.push_back(std::move(x));
  }
  json may_speak = json::array();
  for (const auto& s : v.may_speak) {
    may_speak.push_back({{"user_id", s.user_id.value_or(0)},
                         {"name", s.spokesperson},
                         {"role", SpokespersonRoleId(s.role)},
                         {"inspectorate_id", s.inspectorate_id}});
  }
  return {{"approach", PublicationApproachId(v.terms.publication)},
          {"plan", v.media_plan.id ? RecordJson(MediaPlanRecord(), v.media_plan) : json()},
          {"version", v.media_plan.version},
          {"spokespeople", spokespeople},
          {"may_speak", may_speak},
          {"without_spokesperson", unspoken},
          {"missing", missing},
          {"names_every_inspectorate",
           !Trim(v.media_plan.press_notice).empty() && v.notice_missing.empty()}};
}

json ActivitiesJson(const InspectionView& v) {
  return {{"items", RecordsJson(PublicationActivityRecord(), v.activities)},
          {"total", v.activities.size()}};
}

// The distribution lists as rows: a header, then every recipient with who
// sends to them and whether they are sent to from this list.
std::vector<std::vector<std::string>> DistributionRows(const InspectionView& v) {
  std::vector<std::vector<std::string>> rows = {{"List", "Name", "Organisation", "Email address",
                                                 "Sent by", "Sent to from this list", "Also on"}};
  for (const auto& d : v.deliveries) {
    std::vector<std::string> also;
    for (int64_t other : d.also_on) also.push_back(ShortName(v, other));
    rows.push_back({ShortName(v, d.recipient.inspectorate_id), d.recipient.recipient_name,
                    d.recipient.organisation, d.recipient.email, ShortName(v, d.sent_by),
                    d.duplicate ? "No: a duplicate" : "Yes", InWordsList(also)});
  }
  return rows;
}

// "hate-crime-joint-inspection"
std::string Stem(const std::string& title) {
  std::string out;
  for (unsigned char ch : title) {
    if (std::isalnum(ch)) {
      out += static_cast<char>(std::tolower(ch));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "inspection" : out;
}

}  // namespace

void InspectionFeature::SendDistribution(const Request& req, Response& res, RequestContext& ctx,
                                         Surface surface) {
  auto id = PathId(req);
  if (!id) return Fail(req, res, surface, ctx, NotFound("No such inspection"));
  auto v = inspections_.ViewInspection(ctx.caller, *id);
  if (!v.ok()) return Fail(req, res, surface, ctx, v.status());
  const auto rows = DistributionRows(*v);
  const std::string name = "distribution-lists-" + Stem(v->inspection.title);
  if (req.Capture(2) == "csv") {
    return Download(res, RowsToCsv(rows), "text/csv; charset=utf-8", name + ".csv");
  }
  auto file = RenderXlsx("Distribution lists", rows);
  if (!file.ok()) return Fail(req, res, surface, ctx, file.status());
  Download(res, *file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           name + ".xlsx");
}

void InspectionFeature::SendPressNotice(const Request& req, Response& res, RequestContext& ctx,
                                        Surface surface) {
  auto id = PathId(req);
  if (!id) return Fail(req, res, surface, ctx, NotFound("No such inspection"));
  auto doc = inspections_.PressNotice(ctx.caller, *id);
  if (!doc.ok()) return Fail(req, res, surface, ctx, doc.status());
  SendDocument(res, *doc, req.Capture(2), Stem(doc->title));
}

void InspectionFeature::RegisterMediaApi() {
  const auto api = Surface::kApi;
  const std::string tag = "Inspections";
  RegisterRecordApi<FactualCheck>({
      .type = FactualCheckRecord(),
      .path = "/factual-checks",
      .tag = tag,
      .schema = "FactualCheck",
      .words = "factual accuracy checks",
      .create_path = "/inspections/{id}/factual-accuracy",
      .parent_field = "inspection_id",
      .create = [this](
                    const Caller& c,
                    FactualCheck x) { return inspections_.AddFactualCheck(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(FactualCheck&)>& change) {
            return inspections_.UpdateFactualCheck(c, id, version, change);
          },
  });
  RegisterRecordApi<FactualCorrection>({
      .type = FactualCorrectionRecord(),
      .path = "/factual-corrections",
      .tag = tag,
      .schema = "FactualCorrection",
      .words = "corrections received in answer to factual accuracy checks",
      .create_path = "/factual-checks/{id}/corrections",
      .parent_field = "check_id",
      .create = [this](
                    const Caller& c,
                    FactualCorrection x) { return inspections_.AddCorrection(c, x.check_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(FactualCorrection&)>& change) {
            return inspections_.UpdateCorrection(c, id, version, change);
          },
  });
  RegisterRecordApi<Recipient>({
      .type = RecipientRecord(),
      .path = "/distribution-recipients",
      .tag = tag,
      .schema = "DistributionRecipient",
      .words = "recipients on distribution lists",
      .create_path = "/inspections/{id}/distribution-lists",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Recipient x) { return inspections_.AddRecipient(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Recipient&)>& change) {
            return inspections_.UpdateRecipient(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteRecipient(c, id, version); },
  });
  RegisterRecordApi<Spokesperson>({
      .type = SpokespersonRecord(),
      .path = "/spokespeople",
      .tag = tag,
      .schema = "Spokesperson",
      .words = "spokespeople of press notices",
      .create_path = "/inspections/{id}/media/spokespeople",
      .parent_field = "inspection_id",
      .create = [this](
                    const Caller& c,
                    Spokesperson x) { return inspections_.AddSpokesperson(c, x.inspection_id, x); },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteSpokesperson(c, id, version); },
  });
  // R11: a spokesperson is chosen, so `user_id` is required to name one,
  // though one typed in before spokespeople were chosen has none.
  json chosen = RecordInputSchema(SpokespersonRecord(), RecordWrite::kCreate);
  chosen["properties"]["user_id"] =
      api::Integer()
          .Min(1)
          .Says(
              "The person: the Chief Inspector or an HM Inspector of an inspectorate taking "
              "part (see may_speak on the media plan)")
          .json();
  chosen["required"] = json::array({"user_id"});
  site().openapi().AddSchema("NewSpokesperson", chosen);
  RegisterRecordApi<PublicationActivity>({
      .type = PublicationActivityRecord(),
      .path = "/publication-activities",
      .tag = tag,
      .schema = "PublicationActivity",
      .words = "post-publication activities",
      .create_path = "/inspections/{id}/activities",
      .parent_field = "inspection_id",
      .create =
          [this](const Caller& c, PublicationActivity x) {
            return inspections_.AddActivity(c, x.inspection_id, x);
          },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(PublicationActivity&)>& change) {
            return inspections_.UpdateActivity(c, id, version, change);
          },
  });
  Route("PUT", R"(/api/v1/inspections/(\d+)/media)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          JsonObjectReader in(req.body);
          const int64_t version = in.Int("version", 0, INT64_MAX, true).value_or(0);
          MediaPlan sent;
          if (Status s = ReadRecordBody(MediaPlanRecord(), in, RecordWrite::kCreate, sent);
              !s.ok()) {
            return SendProblem(res, s);
          }
          auto saved = inspections_.SaveMediaPlan(ctx.caller, *id, version, [&](MediaPlan& x) {
            x.sender = sent.sender;
            x.interview_bids = sent.interview_bids;
            x.press_notice = sent.press_notice;
            return OkStatus();
          });
          if (!saved.ok()) return SendProblem(res, saved.status());
          auto v = inspections_.ViewInspection(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, MediaJson(*v));
        });
  const struct {
    const char* path;
    json (*body)(const InspectionView&);
  } kLists[] = {
      {R"(/api/v1/inspections/(\d+)/factual-accuracy)", FactualJson},
      {R"(/api/v1/inspections/(\d+)/distribution-lists)", DistributionJson},
      {R"(/api/v1/inspections/(\d+)/media)", MediaJson},
      {R"(/api/v1/inspections/(\d+)/activities)", ActivitiesJson},
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
  for (const auto surface : {Surface::kApi, Surface::kPage}) {
    const std::string base = surface == Surface::kApi ? "/api/v1/inspections" : "/inspections";
    Route("GET", base + R"(/(\d+)/distribution-lists\.(csv|xlsx))", surface, Permission::kSignedIn,
          [this, surface](const Request& req, Response& res, RequestContext& ctx) {
            SendDistribution(req, res, ctx, surface);
          });
    Route("GET", base + R"(/(\d+)/media/press-notice\.(docx|pdf))", surface, Permission::kSignedIn,
          [this, surface](const Request& req, Response& res, RequestContext& ctx) {
            SendPressNotice(req, res, ctx, surface);
          });
  }
}

namespace api {

void DocumentMedia(OpenApi& doc) {
  const std::string tag = "Inspections";
  const Schema check =
      AllOf({Ref("FactualCheck"), Object({{"body", String().Says("The body's name")},
                                          {"corrections", ArrayOf(Ref("FactualCorrection"))}})
                                      .Require({"body", "corrections"})});
  doc.AddOperation(
      "get", "/inspections/{id}/factual-accuracy",
      {.id = "listFactualChecks",
       .summary = "Stage 7 (M 41, R21): the factual accuracy checks sent to those inspected, each "
                  "with the corrections received and what was decided of each; `decided` once "
                  "every correction is",
       .tag = tag,
       .answer = "Found",
       .returns =
           Object({{"decided", Boolean()}, {"items", ArrayOf(check)}, {"total", Integer().Min(0)}})
               .Require({"decided", "items", "total"}),
       .problems = {403, 404}});
  const Schema recipient =
      AllOf({Ref("DistributionRecipient"),
             Object({{"duplicate", Boolean().Says("The address is on an earlier list: not sent to "
                                                  "from this one (R21)")},
                     {"sent_by", Integer().Says("The inspectorate that sends to them")},
                     {"also_on", ArrayOf(Integer()).Says("The other lists that hold the address")}})
                 .Require({"duplicate", "sent_by", "also_on"})});
  doc.AddOperation(
      "get", "/inspections/{id}/distribution-lists",
      {.id = "listDistributionLists",
       .summary = "Stage 7 (M 42-43, R21): each participating inspectorate's distribution list, "
                  "the lead's first, cross-referenced so an address on two lists is sent to "
                  "once, with who sends",
       .tag = tag,
       .answer = "Found",
       .returns =
           Object(
               {{"sender", OneOf(kAllSenders, SenderId)},
                {"lists", ArrayOf(Object({{"inspectorate_id", Integer()},
                                          {"inspectorate", String()},
                                          {"recipients", ArrayOf(recipient)}})
                                      .Require({"inspectorate_id", "inspectorate", "recipients"}))},
                {"sent_to", Integer().Min(0).Says("Addresses sent to, once each")}})
               .Require({"sender", "lists", "sent_to"}),
       .problems = {403, 404}});
  doc.AddOperation(
      "get", "/inspections/{id}/distribution-lists.csv",
      Download("distributionListsCsv", "The distribution lists as cross-referenced (R21), as CSV",
               tag, FileType::kCsv));
  doc.AddOperation(
      "get", "/inspections/{id}/distribution-lists.xlsx",
      Download("distributionListsXlsx", "The distribution lists as cross-referenced (R21), as XLSX",
               tag, FileType::kXlsx));
  const Schema media =
      Object(
          {{"approach", OneOf(kAllPublicationApproaches, PublicationApproachId)
                            .Says("The approach to publication, as the terms of reference "
                                  "decide it")},
           {"plan", Ref("MediaPlan").OrNull().Says("None before it is first saved")},
           {"version", Integer().Min(0).Says("The plan's version: 0 before it is first saved")},
           {"spokespeople",
            ArrayOf(AllOf(
                {Ref("Spokesperson"),
                 Object(
                     {{"counts", Boolean().Says("R11: chosen from the people and still the Chief "
                                                "Inspector or an HM Inspector of the inspectorate; "
                                                "false for one typed in by name before "
                                                "spokespeople were chosen from the people")}})
                     .Require({"counts"})}))},
           {"may_speak", ArrayOf(Object({{"user_id", Integer().Min(1)},
                                         {"name", String()},
                                         {"role", OneOf(kAllSpokespersonRoles, SpokespersonRoleId)},
                                         {"inspectorate_id", Integer().Min(1)}})
                                     .Require({"user_id", "name", "role", "inspectorate_id"}))
                             .Says("R11: who may be chosen as a spokesperson: every active Chief "
                                   "Inspector and HM Inspector of a participating inspectorate")},
           {"without_spokesperson",
            ArrayOf(String()).Says("The participating inspectorates the plan names no "
                                   "spokesperson for (R11)")},
           {"missing", ArrayOf(String()).Says("The inspectorates whose Chief Inspector or HM "
                                              "Inspector the press notice does not name")},
           {"names_every_inspectorate", Boolean()}})
          .Require({"approach", "plan", "version", "spokespeople", "may_speak",
                    "without_spokesperson", "missing", "names_every_inspectorate"});
  doc.AddSchema("MediaPlan", RecordSchema(MediaPlanRecord()));
  doc.AddOperation("get", "/inspections/{id}/media",
                   {.id = "getMediaPlan",
                    .summary = "Stage 7 (M 44-45): the media strategy (the approach is the terms "
                               "of reference's), who sends the report and takes bids for "
                               "interview, the press notice and its spokespeople",
                    .tag = tag,
                    .answer = "Found",
                    .returns = media,
                    .problems = {403, 404}});
  json body = RecordInputSchema(MediaPlanRecord(), RecordWrite::kCreate);
  body["properties"]["version"] =
      Integer().Min(0).Says("The plan's version you read; 0 before it is first saved").json();
  body["required"].push_back("version");
  doc.AddOperation(
      "put", "/inspections/{id}/media",
      {.id = "saveMediaPlan",
       .summary = "Save the media plan (the lead inspectorate's, R11): refused, naming them, "
                  "while a participating inspectorate has no spokesperson or a press notice "
                  "does not name the Chief Inspector or an HM Inspector of every participating "
                  "inspectorate (R11)",
       .tag = tag,
       .body = Schema(body),
       .answer = "Saved",
       .returns = media,
       .problems = {400, 403, 404, 409}});
  for (const auto& [format, type] :
       {std::pair{"docx", FileType::kDocx}, std::pair{"pdf", FileType::kPdf}}) {
    Operation op = Download(std::string("pressNotice") + (type == FileType::kDocx ? "Docx" : "Pdf"),
                            "The press notice; 409 (R11) while it does not name every "
                            "inspectorate's Chief Inspector or HM Inspector, or while there is "
                            "none",
                            tag, type);
    op.problems = {403, 404, 409};
    doc.AddOperation("get", std::string("/inspections/{id}/media/press-notice.") + format, op);
  }
  doc.AddOperation(
      "get", "/inspections/{id}/activities",
      {.id = "listPublicationActivities",
       .summary = "Stage 7 (M 47): post-publication activity, launch events and round tables",
       .tag = tag,
       .answer = "Found",
       .returns =
           Object({{"items", ArrayOf(Ref("PublicationActivity"))}, {"total", Integer().Min(0)}})
               .Require({"items", "total"}),
       .problems = {403, 404}});
}

}  // namespace api

}  // namespace jointly::web
