// The /api/v1 operations of stage 5 (M 29-32; R17, R18): the
// emerging-findings meeting, each inspectorate's presence at it, the
// report structure's sections, and the two agreements the stage asks of
// every participating inspectorate.
#include "features/inspection/inspection_feature.h"
#include "service/record_json.h"
#include "web/api_schema.h"
#include "web/http.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

json FindingsJson(const InspectionView& v) {
  // Not yet recorded: null, and saved the first time at version 1.
  return {{"findings_meeting",
           v.meeting.id ? RecordJson(FindingsMeetingRecord(), v.meeting) : json(nullptr)},
          {"meeting_attendance", RecordsJson(AttendanceRecord(), v.attendance)},
          {"meeting_absent", AbsentFrom(v.inspection, v.attendance)},
          {"report_sections", RecordsJson(ReportSectionRecord(), v.sections)},
          {"structure_agreement", AgreementId(v.structure_agreement)},
          {"assurance_agreement", AgreementId(v.assurance_agreement)}};
}

void InspectionFeature::RegisterFindingsApi() {
  const auto api = Surface::kApi;
  RegisterRecordApi<FindingsMeeting>({
      .type = FindingsMeetingRecord(),
      .path = "/inspections",
      .tag = "Inspections",
      .schema = "FindingsMeeting",
      .words = "inspections' emerging-findings meetings",
      .item_suffix = "/findings-meeting",
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(FindingsMeeting&)>& change) {
            return inspections_.UpdateMeeting(c, id, version, change);
          },
  });
  RegisterRecordApi<MeetingAttendance>({
      .type = AttendanceRecord(),
      .path = "/meeting-attendance",
      .tag = "Inspections",
      .schema = "MeetingAttendance",
      .words = "inspectorates present at emerging-findings meetings",
      .create_path = "/inspections/{id}/meeting-attendance",
      .parent_field = "inspection_id",
      .create =
          [this](const Caller& c, MeetingAttendance x) {
            return inspections_.AddAttendance(c, x.inspection_id, x);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteAttendance(c, id, version); },
  });
  RegisterRecordApi<ReportSection>({
      .type = ReportSectionRecord(),
      .path = "/report-sections",
      .tag = "Inspections",
      .schema = "ReportSection",
      .words = "sections of the agreed report structure",
      .create_path = "/inspections/{id}/report-sections",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       ReportSection x) { return inspections_.AddSection(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(ReportSection&)>& change) {
            return inspections_.UpdateSection(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteSection(c, id, version); },
  });
  const struct {
    const char* path;
    StatusOr<DecisionView> (InspectionService::*ask)(const Caller&, int64_t);
  } kAsks[] = {
      {R"(/api/v1/inspections/(\d+)/report-structure-agreement)", &InspectionService::AskStructure},
      {R"(/api/v1/inspections/(\d+)/evidence-assurance-agreement)",
       &InspectionService::AskAssurance},
  };
  for (const auto& a : kAsks) {
    Route("POST", a.path, api, Permission::kRunInspections,
          [this, ask = a.ask](const Request& req, Response& res, RequestContext& ctx) {
            auto id = PathId(req);
            if (!id) return SendProblem(res, NotFound("No such inspection"));
            auto d = (inspections_.*ask)(ctx.caller, *id);
            if (!d.ok()) return SendProblem(res, d.status());
            SendJson(res, 201, ToJson(*d));
          });
  }
}

namespace api {

void DocumentFindings(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddOperation("post", "/inspections/{id}/report-structure-agreement",
                   {.id = "askReportStructureAgreement",
                    .summary = "Ask every participating inspectorate to agree the report "
                               "structure as the emerging-findings meeting recorded it (R11, "
                               "R17): refused, naming what is missing, until the meeting is "
                               "dated with every inspectorate present, the Development Group "
                               "representatives involved, a section added and what is shared "
                               "with those inspected decided",
                    .tag = tag,
                    .status = 201,
                    .answer = "Asked",
                    .returns = Ref("Decision"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("post", "/inspections/{id}/evidence-assurance-agreement",
                   {.id = "askEvidenceAssuranceAgreement",
                    .summary = "Ask every participating inspectorate to agree that the quality "
                               "assurance of the evidence is done (R18), bound to the register "
                               "as it is now: refused until every item is agreed by every "
                               "inspectorate (R15); a new or changed item lapses it",
                    .tag = tag,
                    .status = 201,
                    .answer = "Asked",
                    .returns = Ref("Decision"),
                    .problems = {403, 404, 409}});
}

}  // namespace api

}  // namespace jointly::web
