// The /api/v1 operations of inspections and the schemas of what they take
// and answer, as the OpenAPI document states them. The parts described once
// (terms of reference, methods, red lines, liaison, key dates, tasks)
// document themselves (web/record_routes.h).
#include "features/inspection/inspection_feature.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

// The inspection and its team.
void DocumentInspectionSchemas(OpenApi& doc) {
  doc.AddSchema(
      "Inspection",
      Object({{"id", Integer()},
              {"title", String()},
              {"proposal_id", Integer().OrNull().Says("The programmed work stream it runs")},
              {"lead_inspectorate_id", Integer()},
              {"participating",
               ArrayOf(Integer()).Says("The criminal justice inspectorates taking part, the "
                                       "lead first: each takes part in every key decision")},
              {"partners", ArrayOf(Integer()).Says("Other inspectorates taking part")},
              {"started_on", Formatted("date")},
              {"timetable_version", Integer()},
              {"sites_version", Integer().Says("Moves with every site added or removed")},
              {"version", Integer()},
              {"terms_published", Boolean().Says("On lists: whether its terms of reference "
                                                 "are on the public page")}})
          .Require({"id", "title", "proposal_id", "lead_inspectorate_id", "participating",
                    "partners", "started_on", "timetable_version", "sites_version", "version"}));
  doc.AddSchema("TeamMember",
                Object({{"id", Integer()},
                        {"inspection_id", Integer()},
                        {"inspectorate_id", Integer()},
                        {"user_id", Integer()},
                        {"role", OneOf(kAllTeamRoles, TeamRoleId)},
                        {"joined_on", Formatted("date")},
                        {"left_on", Formatted("date").OrNull().Says("Null while on the team")},
                        {"reason", String().Says("Why they took over from someone, if they did")}})
                    .Require({"id", "inspection_id", "inspectorate_id", "user_id", "role",
                              "joined_on", "left_on", "reason"}));
}

// Stages 5 and 6 in an inspection's view: the emerging-findings meeting,
// the report structure and its drafting.
Members FindingsAndReportMembers(const Schema& agreement) {
  return {{"findings_meeting",
           Ref("FindingsMeeting")
               .OrNull()
               .Says("Stage 5: null until first recorded, when it is saved at version 1")},
          {"meeting_attendance", ArrayOf(Ref("MeetingAttendance"))},
          {"meeting_absent",
           ArrayOf(Integer()).Says("Participating inspectorates not recorded as present: the "
                                   "meeting counts only once there are none (R17)")},
          {"report_sections", ArrayOf(Ref("ReportSection")).Says("In the order of the report")},
          {"structure_agreement",
           agreement.Says("Whether every participating inspectorate has agreed the report "
                          "structure as the meeting records it now; lapsed if it changed since")},
          {"assurance_agreement",
           agreement.Says("Whether every participating inspectorate has agreed that the quality "
                          "assurance of the evidence is done, on the register as it is now "
                          "(R18)")},
          {"report_drafts",
           ArrayOf(Ref("SectionDraft"))
               .Says("Stage 6: the newest version of each section drafted, in report order")},
          {"report_version",
           Integer().Says("The draft report's version, which the red-line confirmation binds "
                          "to: every save moves it")},
          {"drafting_open",
           Boolean().Says("Whether sections may be drafted: the emerging-findings meeting "
                          "counts and the quality assurance of the evidence is agreed (R18)")},
          {"drafting_missing", ArrayOf(String()).Says("What drafting waits for, in words")},
          {"section_comments",
           ArrayOf(Ref("SectionComment"))
               .Says("Comments and suggested edits on every section, oldest first")},
          {"open_comments", Integer().Says("Comments and suggested edits not yet answered")},
          {"red_lines_confirmation",
           agreement.Says("Whether every participating inspectorate has confirmed that its red "
                          "lines are respected in the draft report as it is now (R18)")}};
}

// The task list of an inspection's eight stages.
Schema StagesSchema(const Schema& agreement) {
  return ArrayOf(Object(
      {{"number", Integer().Min(1).Max(8)},
       {"name", String()},
       {"progress", OneOf(kAllStageProgress, StageProgressId)},
       {"checks",
        ArrayOf(Object({{"label", String()},
                        {"done", Boolean()},
                        {"rule", String()},
                        {"agreement", agreement.Says("For a joint decision: where it "
                                                     "stands")},
                        {"again", Boolean().Says("A joint decision that lapsed after the next "
                                                 "stage began: to agree again, its stage still "
                                                 "completed")}}))}}));
}

// What an inspection's view holds.
void DocumentSchemas(OpenApi& doc) {
  const Schema agreement = OneOf(kAllAgreements, AgreementId);
  doc.AddSchema(
      "InspectionView",
      Object(
          Members{
              {"inspection", Ref("Inspection")},
              {"team", ArrayOf(Ref("TeamMember")).Says("Past members too")},
              {"terms", Ref("TermsOfReference")},
              {"methods", ArrayOf(Ref("InspectionMethod"))},
              {"red_lines", ArrayOf(Ref("RedLine"))},
              {"liaison", ArrayOf(Ref("StakeholderLiaison"))},
              {"key_dates", ArrayOf(Ref("KeyDate"))},
              {"tasks", ArrayOf(Ref("ProjectTask"))},
              {"terms_agreement",
               agreement.Says("Whether every participating inspectorate has signed off the "
                              "terms of reference as they are now; lapsed if they changed since")},
              {"timetable_agreement", agreement},
              {"sites_agreement",
               agreement.Says("Whether every participating inspectorate has agreed the set of "
                              "fieldwork sites as it is now; lapsed if a site was added or removed "
                              "since. Letters are sent only once it is agreed")},
              {"pending_decisions", ArrayOf(Object({{"id", Integer()},
                                                    {"kind", OneOfIds(kInspectionDecisionKinds)},
                                                    {"awaiting", ArrayOf(Integer())}}))},
              {"published",
               Object({{"terms_version", Integer()}, {"published_at", Formatted("date-time")}})
                   .OrNull()},
              {"warnings", ArrayOf(String()).Says("About the timetable, in words")},
              {"sites", ArrayOf(Ref("FieldworkSite"))},
              {"letters",
               ArrayOf(AllOf({Ref("CommissioningLetter"),
                              Object({{"authorisation",
                                       agreement.Says("Whether every participating "
                                                      "inspectorate authorised the letter as it "
                                                      "is now (R14)")}})}))},
              {"sendings", ArrayOf(Ref("LetterSending"))},
              {"site_warnings",
               ArrayOf(Object({{"site_id", Integer()}, {"warnings", ArrayOf(String())}}))
                   .Says("By site, in words: a letter whose send-by date six weeks before "
                         "fieldwork has passed while no letter to the site stands (R14), "
                         "fieldwork in a peak leave period of those inspected, or outside the "
                         "timetable's fieldwork dates. Warnings, not refusals")},
              {"arrangements", Ref("FieldworkArrangements")},
              {"arrangements_agreement", agreement},
              {"clearances", ArrayOf(Ref("Clearance"))},
              {"clearance_warnings", ArrayOf(String())},
              {"evidence",
               ArrayOf(Ref("EvidenceItem"))
                   .Says("The evidence register as the caller may see it: OFFICIAL-SENSITIVE "
                         "items only for the team")},
              {"evidence_withheld",
               Integer().Says("OFFICIAL-SENSITIVE items the caller may not see")},
              {"quality_assurance",
               ArrayOf(Object({{"evidence_id", Integer()},
                               {"by_inspectorate",
                                Object({}).Says("Each participating inspectorate's id, with "
                                                "where its quality assurance of the item as it "
                                                "is now stands (R15)")}}))},
              {"reviews", ArrayOf(Ref("EvidenceReview"))},
              {"attachments", ArrayOf(Ref("Attachment"))},
              {"interviews", ArrayOf(Ref("Interview"))},
              {"live_case_issues", ArrayOf(Ref("LiveCaseIssue"))},
              {"delegations",
               ArrayOf(Ref("Delegation"))
                   .Says("Functions delegated on the inspection to people of another public "
                         "authority, who act for the delegating inspectorate on it (R23)")},
              {"delegates", ArrayOf(Ref("Delegate"))
                                .Says("The people each delegation names after its first (R23)")},
              {"visits",
               ArrayOf(AllOf({Ref("FieldworkVisit"),
                              Object({{"team", ArrayOf(Ref("VisitPlace"))
                                                   .Says("Each inspector on the visit, with the "
                                                         "inspector of another inspectorate they "
                                                         "pair with")},
                                      {"clearance_warnings",
                                       ArrayOf(String()).Says(
                                           "Clearances of the visit's team that will not cover "
                                           "it, in words")}})}))},
              {"stages", StagesSchema(agreement)}} +
          FindingsAndReportMembers(agreement))
          .Require({"inspection",
                    "team",
                    "terms",
                    "methods",
                    "red_lines",
                    "liaison",
                    "key_dates",
                    "tasks",
                    "terms_agreement",
                    "timetable_agreement",
                    "sites_agreement",
                    "pending_decisions",
                    "published",
                    "warnings",
                    "stages",
                    "sites",
                    "letters",
                    "sendings",
                    "site_warnings",
                    "arrangements",
                    "arrangements_agreement",
                    "clearances",
                    "clearance_warnings",
                    "evidence",
                    "evidence_withheld",
                    "quality_assurance",
                    "reviews",
                    "attachments",
                    "interviews",
                    "live_case_issues",
                    "delegations",
                    "delegates",
                    "visits"}));
}

// What a sending of a letter and the published terms of reference answer.
void DocumentRecordSchemas(OpenApi& doc) {
  static constexpr SendingMethod kMethods[] = {SendingMethod::kEmail, SendingMethod::kPost};
  doc.AddSchema(
      "LetterSending",
      Object({{"id", Integer()},
              {"letter_id", Integer()},
              {"letter_version", Integer()},
              {"sent_to", String()},
              {"method", OneOf(kMethods, SendingMethodId)
                             .Says("By e-mail through the service, or posted and recorded")},
              {"sent_on", Formatted("date")},
              {"sent_by", Integer()},
              {"sent_at", Formatted("date-time")},
              {"withdrawn", Boolean().Says("Whether the letter was withdrawn since")},
              {"withdrawn_on", Formatted("date")},
              {"withdrawn_by", Integer()},
              {"withdrawn_at", Formatted("date-time")},
              {"withdrawal_reason", String()}})
          .Require({"id", "letter_id", "letter_version", "sent_to", "method", "sent_on", "sent_by",
                    "sent_at", "withdrawn"}));
  doc.AddSchema("PublishedTerms",
                Object({{"inspection_id", Integer()},
                        {"terms_version", Integer()},
                        {"title", String()},
                        {"lead", String()},
                        {"inspectorates", ArrayOf(String())},
                        {"terms", Ref("TermsOfReference")},
                        {"methods", ArrayOf(String())},
                        {"published_at", Formatted("date-time")}})
                    .Require({"inspection_id", "terms_version", "title", "lead", "inspectorates",
                              "terms", "methods", "published_at"}));
}

void DocumentOperations(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddOperation("get", "/inspections",
                   {.id = "listInspections",
                    .summary = "The inspections the caller's inspectorate takes part in (every "
                               "one for the secretariat)",
                    .tag = tag,
                    .paged = true,
                    .returns = PageOf("Inspection")});
  doc.AddOperation(
      "post", "/inspections",
      {.id = "startInspection",
       .summary = "Start an inspection from a programmed work stream, or one commissioned in "
                  "the year",
       .tag = tag,
       .description = "Send proposal_id for a work stream of the programme (its title, lead and "
                      "participants are taken from it), or a title, the lead inspectorate and "
                      "the participating inspectorates. The lead inspectorate starts it.",
       .body = Object({{"proposal_id", Integer().Min(1).OrNull()},
                       {"title", String().MaxChars(kMaxInspectionTitle).NonBlank()},
                       {"lead_inspectorate_id", Integer().Min(1)},
                       {"participating", ArrayOf(Integer().Min(1)).MinItems(2).MaxItems(20)},
                       {"partners", ArrayOf(Integer().Min(1)).MaxItems(20)}})
                   .Closed(),
       .status = 201,
       .answer = "Started",
       .returns = Ref("Inspection"),
       .problems = {403, 409}});
  doc.AddOperation("get", "/inspections/{id}",
                   {.id = "inspection",
                    .summary = "An inspection with its team, terms of reference, timetable, "
                               "project plan and the task list of its stages",
                    .tag = tag,
                    .returns = Ref("InspectionView"),
                    .problems = {404}});
  doc.AddOperation(
      "post", "/inspections/{id}/team",
      {.id = "appointToTeam",
       .summary = "Name someone to the team for their inspectorate (R12)",
       .tag = tag,
       .description = "A new lead inspector or senior overseer takes over from the one before, "
                      "who leaves the team; the reason is then required.",
       .body = Object({{"user_id", Integer().Min(1)},
                       {"inspectorate_id", Integer().Min(1)},
                       {"role", OneOf(kAllTeamRoles, TeamRoleId)},
                       {"reason", String().MaxChars(kMaxReason)}})
                   .Require({"user_id", "inspectorate_id", "role"})
                   .Closed(),
       .status = 201,
       .answer = "Named",
       .returns = Ref("TeamMember"),
       .problems = {403, 404, 409}});
  doc.AddOperation("delete", "/inspections/{id}/team/{member_id}",
                   {.id = "leaveTeam",
                    .summary = "End a team member's place on the team",
                    .tag = tag,
                    .status = 204,
                    .answer = "Left the team",
                    .problems = {403, 404, 409}});
  doc.AddOperation("post", "/inspections/{id}/sign-off",
                   {.id = "askSignOff",
                    .summary = "Ask every participating inspectorate to sign off the terms of "
                               "reference as they are now (R13)",
                    .tag = tag,
                    .status = 201,
                    .answer = "Asked",
                    .returns = Ref("Decision"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("post", "/inspections/{id}/timetable-agreement",
                   {.id = "askTimetableAgreement",
                    .summary = "Ask every participating inspectorate to agree the timetable as "
                               "it is now (R11)",
                    .tag = tag,
                    .status = 201,
                    .answer = "Asked",
                    .returns = Ref("Decision"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("post", "/inspections/{id}/sites-agreement",
                   {.id = "askSitesAgreement",
                    .summary = "Ask every participating inspectorate to agree the set of "
                               "fieldwork sites as it is now (R11)",
                    .tag = tag,
                    .description = "Adding or removing a site afterwards lapses the agreement; "
                                   "no commissioning letter is sent until the set in force is "
                                   "agreed (sites-agreed).",
                    .status = 201,
                    .answer = "Asked",
                    .returns = Ref("Decision"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("get", "/inspections/{id}/timetable.ics",
                   {.id = "inspectionTimetableCalendar",
                    .summary = "The inspection's timetable as an iCalendar file (RFC 5545) "
                               "that Outlook and other calendars open",
                    .tag = tag,
                    .answer = "The calendar",
                    .returns = String(),
                    .returns_type = "text/calendar",
                    .problems = {404}});
}

// The commissioning letters' operations (R14) and the public pages'.
void DocumentLetterOperations(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddOperation("post", "/commissioning-letters/{id}/authorisation",
                   {.id = "askLetterAuthorisation",
                    .summary = "Ask every participating inspectorate to authorise the letter as "
                               "it is now (R14)",
                    .tag = tag,
                    .status = 201,
                    .answer = "Asked",
                    .returns = Ref("Decision"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("get", "/commissioning-letters/{id}/letter.docx",
                   Download("commissioningLetterDocx",
                            "The commissioning letter on joint headed paper, in the layout of "
                            "Annex 2 (DOCX)",
                            tag, FileType::kDocx));
  doc.AddOperation("get", "/commissioning-letters/{id}/letter.pdf",
                   Download("commissioningLetterPdf",
                            "The commissioning letter on joint headed paper, in the layout of "
                            "Annex 2 (PDF)",
                            tag, FileType::kPdf));
  doc.AddOperation(
      "post", "/commissioning-letters/{id}/sendings",
      {.id = "sendLetter",
       .summary = "Record that the letter is sent today (R14)",
       .tag = tag,
       .description = "Refused unless every participating inspectorate authorised this version "
                      "and onsite fieldwork at its site starts at least six weeks from today; "
                      "a late letter is told the latest day it could have gone and the "
                      "earliest fieldwork date it allows now. A version already sent is "
                      "refused (letter-sent), saying when it went. Sent by e-mail, the "
                      "letter goes with its PDF attached.",
       .status = 201,
       .answer = "Sent",
       .returns = Ref("LetterSending"),
       .problems = {403, 404, 409}});
  doc.AddOperation(
      "post", "/commissioning-letters/{id}/withdrawal",
      {.id = "withdrawLetter",
       .summary = "Withdraw the letter that was sent, with a reason",
       .tag = tag,
       .description = "By the inspectorate that wrote it (or a steward). The withdrawal is "
                      "recorded on the sending and in the audit trail, and a letter sent by "
                      "e-mail is followed by an e-mail telling the addressee; a posted one "
                      "is followed by the inspectorate's own letter. The site may then be "
                      "changed or removed. Refused (letter-withdrawal) without a reason or "
                      "for a letter not sent or already withdrawn.",
       .body = Object({{"reason", String().MaxChars(kMaxReason).NonBlank()}})
                   .Require({"reason"})
                   .Closed(),
       .status = 200,
       .answer = "Withdrawn",
       .returns = Ref("LetterSending"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation("get", "/public/inspections-in-progress",
                   {.id = "inspectionsInProgress",
                    .summary = "The signed-off terms of reference of inspections in progress",
                    .tag = tag,
                    .paged = true,
                    .returns = PageOf("PublishedTerms"),
                    .anonymous = true});
  doc.AddOperation("get", "/public/inspections-in-progress/{id}",
                   {.id = "inspectionInProgress",
                    .summary = "The signed-off terms of reference of one inspection",
                    .tag = tag,
                    .returns = Ref("PublishedTerms"),
                    .problems = {404},
                    .anonymous = true});
  doc.AddTag(tag,
             "Joint thematic inspections: team, terms of reference, timetable and project plan");
}

}  // namespace
}  // namespace api

namespace api {
namespace {

// Stages 3 and 4: what the described records do not say themselves.
void DocumentFieldwork(OpenApi& doc) {
  const std::string tag = "Inspections";
  doc.AddSchema(
      "EvidenceReview",
      Object(
          {{"id", Integer()},
           {"evidence_id", Integer()},
           {"evidence_version", Integer().Says("The version of the item reviewed: a change to the "
                                               "item asks every inspectorate again")},
           {"inspectorate_id", Integer()},
           {"state", OneOf({"agreed", "query_raised"})},
           {"comment", String()},
           {"answer", String().Says("The recording inspectorate's answer to a query")},
           {"reviewed_by", Integer()},
           {"reviewed_at", Formatted("date-time")},
           {"answered_by", Integer().OrNull()},
           {"answered_at", Formatted("date-time").OrNull()},
           {"acting_as", String().Says("For a review given under a delegation of quality "
                                       "assurance (R23): for whom, and under which delegation, "
                                       "in words; empty otherwise")},
           {"answered_as", String().Says("For an answer given under a delegation of fieldwork "
                                         "(R23): for whom, and under which delegation, in "
                                         "words; empty otherwise")}})
          .Require({"id", "evidence_id", "evidence_version", "inspectorate_id", "state", "comment",
                    "answer", "reviewed_by", "reviewed_at", "answered_by", "answered_at",
                    "acting_as", "answered_as"}));
  doc.AddSchema("Attachment",
                Object({{"id", Integer()},
                        {"evidence_id", Integer()},
                        {"filename", String()},
                        {"content_type", String().Says("From what the file is, not what was "
                                                       "claimed for it")},
                        {"size", Integer()},
                        {"sha256", String().Says("SHA-256 of the content, lower-case hex")},
                        {"uploaded_by", Integer()},
                        {"uploaded_at", Formatted("date-time")}})
                    .Require({"id", "evidence_id", "filename", "content_type", "size", "sha256",
                              "uploaded_by", "uploaded_at"}));
  doc.AddOperation("post", "/inspections/{id}/fieldwork-agreement",
                   {.id = "askFieldworkAgreement",
                    .summary = "Ask every participating inspectorate to agree the fieldwork "
                               "arrangements as they are now (R11)",
                    .tag = tag,
                    .status = 201,
                    .answer = "Asked",
                    .returns = Ref("Decision"),
                    .problems = {400, 403, 404, 409}});
  doc.AddOperation(
      "post", "/evidence/{id}/reviews",
      {.id = "reviewEvidence",
       .summary = "Agree an evidence item, or raise a query on it, for your inspectorate (R15)",
       .tag = tag,
       .description = "Every participating inspectorate quality-assures every item. The review "
                      "binds to the version sent; a stale version is refused with what changed.",
       .body =
           Object(
               {{"version", Integer().Min(1)},
                {"state", OneOf({"agreed", "query_raised"})},
                {"comment",
                 String().MaxChars(kMaxReviewText).Says("What a query asks; a note when agreeing")},
                {"delegation_id",
                 Integer().Min(1).Says(
                     "To review for the inspectorate that delegated quality assurance to "
                     "you (R23); without it, for your own")}})
               .Require({"version", "state"})
               .Closed(),
       .status = 201,
       .answer = "Recorded",
       .returns = Ref("EvidenceReview"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation(
      "post", "/delegations/{id}/revocation",
      {.id = "revokeDelegation",
       .summary = "Revoke a delegation from today (R23)",
       .tag = tag,
       .description = "Only the delegating inspectorate's Chief Inspector, or an administrator "
                      "for them. From today its holder no longer acts for the delegating "
                      "inspectorate; what they did under it keeps saying so.",
       .body = Object({{"version", Integer().Min(1)}}).Require({"version"}).Closed(),
       .answer = "Revoked",
       .returns = Ref("Delegation"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation(
      "post", "/evidence-reviews/{id}/answer",
      {.id = "answerEvidenceQuery",
       .summary = "Answer a query on an evidence item, as the inspectorate that recorded it",
       .tag = tag,
       .body = Object({{"answer", String().MaxChars(kMaxReviewText)}}).Require({"answer"}).Closed(),
       .answer = "Answered",
       .returns = Ref("EvidenceReview"),
       .problems = {400, 403, 404, 409}});
  doc.AddOperation(
      "post", "/evidence/{id}/attachments",
      {.id = "attachToEvidence",
       .summary = "Attach a file to an evidence item",
       .tag = tag,
       .description = "PDF, Word, Excel, PNG, JPEG, text or CSV, up to 5 MB, its type checked "
                      "from its content. Its SHA-256 is recorded. Refused (409, R22) once the "
                      "item is destroyed.",
       .body = Object({{"file", Formatted("binary")}}).Require({"file"}),
       .body_type = "multipart/form-data",
       .status = 201,
       .answer = "Attached",
       .returns = Ref("Attachment"),
       .problems = {400, 403, 404, 409, 413}});
  doc.AddOperation("get", "/attachments/{id}",
                   {.id = "downloadAttachment",
                    .summary = "Download an attachment, if you may see its evidence item",
                    .tag = tag,
                    .answer = "The file",
                    .returns = Formatted("binary"),
                    .returns_type = "application/octet-stream",
                    .problems = {404}});
}

}  // namespace
}  // namespace api

namespace api {
namespace {

// Sites proposed from data (M 12-14).
void DocumentSiteProposal(OpenApi& doc) {
  const Schema site =
      Object({{"body_id", Integer()},
              {"name", String()},
              {"reason", String().Says("Why it was proposed, or for a near miss why not, in "
                                       "words")},
              {"performance", String().Says("A band such as good, or a number")},
              {"performance_measure", String().Says("What the number measures; empty for a band")},
              {"size", Integer().Says("0 if not known")},
              {"size_measure", String()},
              {"region", String()},
              {"nation", OneOf(kAllNations, NationId)},
              {"in_london", Boolean()},
              {"burden", Integer().Says("Its inspections in the burden window")}})
          .Require({"body_id", "name", "reason", "performance", "performance_measure", "size",
                    "size_measure", "region", "nation", "in_london", "burden"});
  doc.AddSchema("ProposedSite", site);
  doc.AddOperation(
      "get", "/inspections/{id}/site-proposal",
      {.id = "proposeSites",
       .summary = "Propose fieldwork sites from data (R14)",
       .tag = "Inspections",
       .description =
           "The lead inspectorate's: a set of the active bodies of the type, not yet sites, "
           "covering well and poorly performing bodies, London and Wales where there are "
           "candidates there, other regions and large and small bodies, while keeping the "
           "inspection burden low (inspections in the two years before the first fieldwork "
           "date, or today, and the year after). The same facts give the same proposal. Bodies "
           "with no indicators are listed in no_data.",
       .query = {{"type", "Body type; police_force if not given", OneOf(kAllBodyTypes, BodyTypeId)},
                 {"count", "How many sites; 3 if not given",
                  Integer().Min(1).Max(kMaxProposedSites)}},
       .returns = Object({{"type", OneOf(kAllBodyTypes, BodyTypeId)},
                          {"count", Integer()},
                          {"burden_around", Formatted("date")},
                          {"burden_years", Integer()},
                          {"sites", ArrayOf(Ref("ProposedSite")).Says("In the order chosen")},
                          {"near_misses", ArrayOf(Ref("ProposedSite"))},
                          {"no_data", ArrayOf(Object({{"body_id", Integer()}, {"name", String()}})
                                                  .Require({"body_id", "name"}))}})
                      .Require({"type", "count", "burden_around", "burden_years", "sites",
                                "near_misses", "no_data"}),
       .problems = {403, 404, 409}});
}

}  // namespace
}  // namespace api

namespace api {
// Stage 5 (inspection_findings_api.cc).
void DocumentFindings(OpenApi& doc);
// Stage 6's drafting (inspection_report_api.cc).
void DocumentReport(OpenApi& doc);
// Stage 6 (inspection_recommendations_api.cc).
void DocumentRecommendations(OpenApi& doc);
// The draft report as files (inspection_report_document.cc).
void DocumentReportFiles(OpenApi& doc);
// Stage 6's approval chain (inspection_approvals_api.cc).
void DocumentApprovals(OpenApi& doc);
void DocumentPublication(OpenApi& doc);
// Stage 8 (inspection_retention_api.cc).
void DocumentRetention(OpenApi& doc);
// Stage 7's factual accuracy, distribution and media (inspection_media_api.cc).
void DocumentMedia(OpenApi& doc);
// Stage 5's evaluation and the lessons-learned register
// (inspection_lessons_api.cc).
void DocumentLessons(OpenApi& doc);
}  // namespace api

void InspectionFeature::DocumentApi() {
  api::DocumentInspectionSchemas(site().openapi());
  api::DocumentSchemas(site().openapi());
  api::DocumentRecordSchemas(site().openapi());
  api::DocumentOperations(site().openapi());
  api::DocumentLetterOperations(site().openapi());
  api::DocumentFieldwork(site().openapi());
  api::DocumentSiteProposal(site().openapi());
  api::DocumentFindings(site().openapi());
  api::DocumentReport(site().openapi());
  api::DocumentRecommendations(site().openapi());
  api::DocumentReportFiles(site().openapi());
  api::DocumentApprovals(site().openapi());
  api::DocumentPublication(site().openapi());
  api::DocumentRetention(site().openapi());
  api::DocumentMedia(site().openapi());
  api::DocumentLessons(site().openapi());
}

}  // namespace jointly::web
