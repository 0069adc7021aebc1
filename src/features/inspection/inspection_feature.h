// Running a joint thematic inspection, stage 1 (M 1-11): the inspections
// page, each inspection's task list of the eight stages, its team, terms of
// reference (with methods, red lines and stakeholder liaison), timetable
// and project plan, the joint decisions that sign them off, and the public
// page of inspections in progress.
#pragma once

#include "core/clock.h"
#include "features/shared/labels.h"
#include "service/directory_service.h"
#include "service/inspection_service.h"
#include "web/feature.h"

namespace jointly::web {

class InspectionFeature final : public Feature {
 public:
  InspectionFeature(InspectionService& inspections, DirectoryService& directory, const Clock& clock)
      : inspections_(inspections), directory_(directory), clock_(clock) {}

 private:
  void Register() override {
    DocumentApi();
    RegisterInspectionApi();
    RegisterPartsApi();
    RegisterLettersApi();
    RegisterFieldworkApi();
    RegisterFindingsApi();
    RegisterReportApi();
    RegisterReportDocuments();
    RegisterRecommendationsApi();
    RegisterApprovalsApi();
    RegisterRetentionApi();
    RegisterMediaApi();
    RegisterLessonsApi();
    RegisterPublicationApi();
    RegisterEmbargoedPages();
    RegisterPublicApi();
    RegisterListPages();
    RegisterInspectionPages();
    RegisterPublicPages();
    RegisterLessonsPages();
    RegisterSiteProposal();
  }
  // The OpenAPI document of the feature's API (inspection_openapi.cc).
  void DocumentApi();
  void RegisterInspectionApi();
  void RegisterPartsApi();
  void RegisterLettersApi();
  // Stages 3 and 4 (inspection_fieldwork_api.cc).
  void RegisterFieldworkApi();
  void RegisterDelegationApi();
  void RegisterEvidenceApi();
  // Stage 5 (inspection_findings_api.cc).
  void RegisterFindingsApi();
  // Stage 6's drafting (inspection_report_api.cc).
  void RegisterReportApi();
  void RegisterCommentApi();
  // Stage 6 (inspection_recommendations_api.cc).
  void RegisterRecommendationsApi();
  // The draft report as DOCX, PDF and a page to print, from the page and
  // the API (inspection_report_document.cc).
  void RegisterReportDocuments();
  // `format`: "docx", "pdf" or "html" (the page to print).
  void SendReport(const Request& req, Response& res, RequestContext& ctx, Surface surface,
                  const std::string& format);
  // Stage 6's approval chain (inspection_approvals_api.cc).
  void RegisterApprovalsApi();
  void RegisterRetentionApi();
  // Stage 8's pages (inspection_retention_pages.cc), and the page of what
  // is due for an inspectorate across inspections.
  void RegisterRetentionPages();
  void RetentionDueList(const Request& req, Response& res, RequestContext& ctx);
  // Stage 7's factual accuracy checks, distribution lists, media plan and
  // post-publication activity (inspection_media_api.cc), with the lists as
  // CSV or XLSX and the press notice as DOCX or PDF (the path's second
  // capture) from the API and the pages.
  void RegisterMediaApi();
  void SendDistribution(const Request& req, Response& res, RequestContext& ctx, Surface surface);
  void SendPressNotice(const Request& req, Response& res, RequestContext& ctx, Surface surface);
  // Stage 5's evaluation and the lessons-learned register: the API, and
  // the register's page with its CSV and XLSX (inspection_lessons_api.cc).
  void RegisterLessonsApi();
  void RegisterLessonsPages();
  void SendLessons(const Request& req, Response& res, RequestContext& ctx, Surface surface,
                   const std::string& format);
  // Stage 7 (inspection_publication_api.cc).
  void RegisterPublicationApi();
  void RegisterEmbargoedPages();
  // An evidence item's attachment, to save, if the caller may see it.
  void SendAttachment(const Request& req, Response& res, RequestContext& ctx);
  void RegisterPublicApi();

  void RegisterListPages();
  void RegisterInspectionPages();
  void RegisterFieldworkPages();
  // Stage 6's drafting (inspection_report_pages.cc).
  void RegisterReportPages();
  // Stage 5's evaluation (inspection_pages.cc).
  void RegisterEvaluationPages();
  void RegisterPublicPages();
  // One of the inspection's pages ("overview", "team", "terms",
  // "timetable", "plan"), with `error` shown against the form `form`.
  void NotShown(const Request& req, Response& res, RequestContext& ctx, int64_t id,
                const Status& refusal);
  void InspectionPage(const std::string& which, const Request& req, Response& res,
                      RequestContext& ctx, const Status& error, const std::string& form);
  // The handler of a form posted on one of the inspection's pages.
  // Shows the inspection page `which` (InspectionPage) with no form sent.
  Handler InspectionShow(const std::string& which);
  Handler InspectionAction(const std::string& which, const std::string& form);
  // `notice` is set when the form's usual notice would not be true.
  Status Act(const std::string& form, const Request& req, RequestContext& ctx, int64_t id,
             std::string& next, std::string& notice);
  // The timetable as an iCalendar file (RFC 5545) that Outlook opens.
  void SendTimetable(const Request& req, Response& res, RequestContext& ctx, Surface surface);
  // A commissioning letter as DOCX or PDF (the path's last capture), to
  // those who see its inspection; NotFound to anyone else.
  void SendLetterDocument(const Request& req, Response& res, RequestContext& ctx, Surface surface,
                          size_t letter_capture);
  void ListPage(const Request& req, Response& res, RequestContext& ctx, const Status& error);
  // Sites proposed from data (inspection_site_proposal.cc): the API, and
  // the page that proposes them and adds those the leads tick, with
  // `error` from adding them shown.
  void RegisterSiteProposal();
  void SiteProposalPage(const Request& req, Response& res, RequestContext& ctx,
                        const Status& error);

  InspectionService& inspections_;
  DirectoryService& directory_;
  const Clock& clock_;
};

// The JSON of an inspection's view, for the API.
nlohmann::json ViewJson(const InspectionView& v);
// The stages 3 and 4 members of it.
nlohmann::json FieldworkJson(const InspectionView& v);
// The stage 5 members of it.
nlohmann::json FindingsJson(const InspectionView& v);
// The stage 6 members of it: the newest version of each section drafted.
nlohmann::json ReportJson(const InspectionView& v);
// Stage 6: the evidence items the caller sees that finding `finding_id`
// rests on.
std::vector<EvidenceItem> RestsOn(const InspectionView& v, int64_t finding_id);
// R22: what finding `finding_id` rests on as recorded and as still held,
// once items of it have been destroyed.
FindingSupport SupportOf(const InspectionView& v, int64_t finding_id);
// R22: the retention record of evidence item `evidence_id` if it has been
// destroyed (its certificate's date and owner), else null.
const RetainedItem* DestroyedItem(const InspectionView& v, int64_t evidence_id);
nlohmann::json ToJson(const Attachment& attachment);

}  // namespace jointly::web
