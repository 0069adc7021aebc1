// The /api/v1 operations of stages 3 and 4: fieldwork arrangements and
// their agreement, clearances, the shared evidence register with its
// quality assurance (R15) and attachments, interviews (R16) and issues in
// live cases.
#include "core/enum_ids.h"
#include "features/inspection/inspection_feature.h"
#include "service/record_json.h"
#include "web/api_schema.h"
#include "web/http.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

json ToJson(const Attachment& a) {
  return {{"id", a.id},
          {"evidence_id", a.evidence_id},
          {"filename", a.filename},
          {"content_type", a.content_type},
          {"size", a.size},
          {"sha256", a.sha256},
          {"uploaded_by", a.uploaded_by},
          {"uploaded_at", a.uploaded_at}};
}

json FieldworkJson(const InspectionView& v) {
  json reviews = json::array();
  for (const auto& r : v.reviews) reviews.push_back(ToJson(r));
  json attachments = json::array();
  for (const auto& a : v.attachments) attachments.push_back(ToJson(a));
  json assurance = json::array();
  for (const auto& e : v.evidence) {
    json by = json::object();
    for (int64_t who : v.inspection.participating) {
      by[std::to_string(who)] = ReviewStateId(ReviewOf(e, v.reviews, who));
    }
    assurance.push_back({{"evidence_id", e.id}, {"by_inspectorate", by}});
  }
  json visits = json::array();
  for (const auto& x : v.visits) {
    std::vector<VisitPlace> team;
    for (const auto& p : v.visit_places) {
      if (p.visit_id == x.id) team.push_back(p);
    }
    const auto warnings = v.visit_warnings.find(x.id);
    json shown = RecordJson(VisitRecord(), x);
    shown["team"] = RecordsJson(VisitPlaceRecord(), team);
    shown["clearance_warnings"] =
        warnings == v.visit_warnings.end() ? std::vector<std::string>{} : warnings->second;
    visits.push_back(std::move(shown));
  }
  return {{"arrangements", RecordJson(ArrangementsRecord(), v.arrangements)},
          {"arrangements_agreement", AgreementId(v.arrangements_agreement)},
          {"clearances", RecordsJson(ClearanceRecord(), v.clearances)},
          {"clearance_warnings", v.clearance_warnings},
          {"evidence", RecordsJson(EvidenceRecord(), v.evidence)},
          {"evidence_withheld", v.withheld},
          {"quality_assurance", assurance},
          {"reviews", reviews},
          {"attachments", attachments},
          {"interviews", RecordsJson(InterviewRecord(), v.interviews)},
          {"live_case_issues", RecordsJson(LiveCaseRecord(), v.live_cases)},
          {"delegations", RecordsJson(DelegationRecord(), v.delegations)},
          {"delegates", RecordsJson(DelegateRecord(), v.delegates)},
          {"visits", visits}};
}

void InspectionFeature::RegisterFieldworkApi() {
  const auto api = Surface::kApi;
  RegisterRecordApi<FieldworkArrangements>({
      .type = ArrangementsRecord(),
      .path = "/inspections",
      .tag = "Inspections",
      .schema = "FieldworkArrangements",
      .words = "inspections' fieldwork arrangements",
      .item_suffix = "/fieldwork-arrangements",
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(FieldworkArrangements&)>& change) {
            return inspections_.UpdateArrangements(c, id, version, change);
          },
  });
  Route("POST", R"(/api/v1/inspections/(\d+)/fieldwork-agreement)", api,
        Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto d = inspections_.AskArrangements(ctx.caller, *id);
          if (!d.ok()) return SendProblem(res, d.status());
          SendJson(res, 201, ToJson(*d));
        });
  RegisterRecordApi<Clearance>({
      .type = ClearanceRecord(),
      .path = "/clearances",
      .tag = "Inspections",
      .schema = "Clearance",
      .words = "clearances of inspectors for fieldwork",
      .create_path = "/inspections/{id}/clearances",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Clearance x) { return inspections_.AddClearance(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Clearance&)>& change) {
            return inspections_.UpdateClearance(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteClearance(c, id, version); },
  });
  RegisterRecordApi<Visit>({
      .type = VisitRecord(),
      .path = "/fieldwork-visits",
      .tag = "Inspections",
      .schema = "FieldworkVisit",
      .words = "fieldwork visits to sites",
      .create_path = "/inspections/{id}/visits",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Visit x) { return inspections_.AddVisit(c, x.inspection_id, x); },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteVisit(c, id, version); },
  });
  RegisterRecordApi<VisitPlace>({
      .type = VisitPlaceRecord(),
      .path = "/visit-places",
      .tag = "Inspections",
      .schema = "VisitPlace",
      .words = "places on the teams of fieldwork visits, alone or in joint pairs",
      .create_path = "/fieldwork-visits/{id}/places",
      .parent_field = "visit_id",
      .create = [this](const Caller& c,
                       VisitPlace x) { return inspections_.AddVisitPlace(c, x.visit_id, x); },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteVisitPlace(c, id, version); },
  });
  RegisterRecordApi<EvidenceItem>({
      .type = EvidenceRecord(),
      .path = "/evidence",
      .tag = "Inspections",
      .schema = "EvidenceItem",
      .words = "items of the shared evidence register",
      .create_path = "/inspections/{id}/evidence",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       EvidenceItem x) { return inspections_.AddEvidence(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(EvidenceItem&)>& change) {
            return inspections_.UpdateEvidence(c, id, version, change);
          },
  });
  RegisterRecordApi<Interview>({
      .type = InterviewRecord(),
      .path = "/interviews",
      .tag = "Inspections",
      .schema = "Interview",
      .words = "interviews and focus groups",
      .create_path = "/inspections/{id}/interviews",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Interview x) { return inspections_.AddInterview(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Interview&)>& change) {
            return inspections_.UpdateInterview(c, id, version, change);
          },
  });
  RegisterRecordApi<LiveCaseIssue>({
      .type = LiveCaseRecord(),
      .path = "/live-case-issues",
      .tag = "Inspections",
      .schema = "LiveCaseIssue",
      .words = "issues found in live cases",
      .create_path = "/inspections/{id}/live-case-issues",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       LiveCaseIssue x) { return inspections_.AddLiveCase(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(LiveCaseIssue&)>& change) {
            return inspections_.UpdateLiveCase(c, id, version, change);
          },
  });
  RegisterDelegationApi();
  RegisterEvidenceApi();
}

// R23: functions delegated to another public authority, its people, and
// the end of a delegation.
void InspectionFeature::RegisterDelegationApi() {
  const auto api = Surface::kApi;
  RegisterRecordApi<Delegation>({
      .type = DelegationRecord(),
      .path = "/delegations",
      .tag = "Inspections",
      .schema = "Delegation",
      .words = "functions delegated on an inspection to another public authority (R23)",
      .create_path = "/inspections/{id}/delegations",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Delegation x) { return inspections_.AddDelegation(c, x.inspection_id, x); },
  });
  RegisterRecordApi<Delegate>({
      .type = DelegateRecord(),
      .path = "/delegates",
      .tag = "Inspections",
      .schema = "Delegate",
      .words = "people a delegation names after its first, each of the receiving authority "
               "(R23)",
      .create_path = "/delegations/{id}/people",
      .parent_field = "delegation_id",
      .create = [this](const Caller& c,
                       Delegate x) { return inspections_.AddDelegate(c, x.delegation_id, x); },
  });
  Route("POST", R"(/api/v1/delegations/(\d+)/revocation)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such delegation"));
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto done = inspections_.RevokeDelegation(ctx.caller, *id, *version);
          if (!done.ok()) return SendProblem(res, done.status());
          SendJson(res, 200, RecordJson(DelegationRecord(), *done));
        });
}

void InspectionFeature::RegisterEvidenceApi() {
  const auto api = Surface::kApi;
  Route("POST", R"(/api/v1/evidence/(\d+)/reviews)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such evidence item"));
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          auto state = in.String("state", 40, true);
          auto comment = in.String("comment", kMaxReviewText);
          auto delegation = in.Int("delegation_id", 1, INT64_MAX);
          EvidenceReview review;
          review.delegation_id = delegation;
          if (state) {
            auto parsed = ParseById(*state, kAllReviewStates, ReviewStateId);
            if (!parsed || *parsed == ReviewState::kNotReviewed) {
              in.AddError("state", "one-of", "state is agreed or query_raised");
            } else {
              review.state = *parsed;
            }
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          review.comment = comment.value_or("");
          auto done = inspections_.Review(ctx.caller, *id, *version, review);
          if (!done.ok()) return SendProblem(res, done.status());
          SendJson(res, 201, ToJson(*done));
        });
  Route("POST", R"(/api/v1/evidence-reviews/(\d+)/answer)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such query"));
          JsonObjectReader in(req.body);
          auto answer = in.String("answer", kMaxReviewText, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto done = inspections_.AnswerQuery(ctx.caller, *id, *answer);
          if (!done.ok()) return SendProblem(res, done.status());
          SendJson(res, 200, ToJson(*done));
        });
  Route("POST", R"(/api/v1/evidence/(\d+)/attachments)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such evidence item"));
          const UploadedFile* file = req.File("file");
          if (!file) {
            return SendProblem(
                res, std::move(InvalidArgument("Send the file as multipart/form-data", "required")
                                   .AddFieldError("file", "required", "Choose a file to attach")));
          }
          auto done = inspections_.Attach(ctx.caller, *id, file->filename, file->content);
          if (!done.ok()) return SendProblem(res, done.status());
          SendJson(res, 201, ToJson(*done));
        });
  Route("GET", R"(/api/v1/attachments/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          SendAttachment(req, res, ctx);
        });
}

void InspectionFeature::SendAttachment(const Request& req, Response& res, RequestContext& ctx) {
  auto id = PathId(req);
  if (!id) return SendProblem(res, NotFound("No such attachment"));
  auto file = inspections_.AttachmentOf(ctx.caller, *id);
  if (!file.ok()) return SendProblem(res, file.status());
  // Always as bytes to save, never for the browser to open or sniff.
  Download(res, file->content, "application/octet-stream", file->attachment.filename);
  res.SetHeader("X-Security-Classification",
                std::string(ClassificationLabel(file->classification)));
}

}  // namespace jointly::web
