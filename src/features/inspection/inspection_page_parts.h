// What the pages of an inspection share (inspection_pages.cc and
// inspection_fieldwork_pages.cc): dates and names in words, GOV.UK tag
// colours, and what one page is made from.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/text.h"
#include "domain/publication_checks.h"
#include "features/shared/labels.h"
#include "service/inspection_service.h"
#include "web/http.h"
#include "web/page_helpers.h"
#include "web/record_form.h"
#include "web/request.h"

namespace jointly::web::inspection_pages {

using json = nlohmann::json;

// "30 November 2026", or what was stored if it is not a date.
inline std::string InWords(const std::string& iso) {
  const auto d = Date::Parse(iso.substr(0, std::min<size_t>(iso.size(), 10)));
  return d ? d->ToLong() : iso;
}

inline std::string FullName(const std::vector<Inspectorate>& all, int64_t id) {
  for (const auto& i : all) {
    if (i.id == id) return i.short_name;
  }
  return "";
}

// Someone on the team with their inspectorate: "Jo Bloggs (HMICFRS)".
inline std::string WithInspectorate(const InspectionView& v, int64_t user) {
  auto it = v.people.find(user);
  const std::string name = it == v.people.end() ? "Someone no longer listed" : it->second;
  for (const auto& m : v.team) {
    if (m.user_id == user) return name + " (" + FullName(v.inspectorates, m.inspectorate_id) + ")";
  }
  return name;
}

inline std::string NamesList(const std::vector<Inspectorate>& all,
                             const std::vector<int64_t>& ids) {
  std::vector<std::string> names;
  for (int64_t id : ids) names.push_back(FullName(all, id));
  return InWordsList(names);
}

// The GOV.UK tag colour of a stage's progress or an agreement.
inline std::string TagClass(StageProgress p) {
  switch (p) {
    case StageProgress::kCompleted:
      return "govuk-tag--green";
    case StageProgress::kInProgress:
      return "govuk-tag--light-blue";
    case StageProgress::kNotStarted:
      return "govuk-tag--blue";
    case StageProgress::kCannotStartYet:
      return "govuk-tag--grey";
  }
  return "";
}

inline std::string TagClass(Agreement a) {
  switch (a) {
    case Agreement::kAgreed:
      return "govuk-tag--green";
    case Agreement::kAwaiting:
      return "govuk-tag--yellow";
    case Agreement::kDeclined:
    case Agreement::kLapsed:
      return "govuk-tag--red";
    case Agreement::kNotAsked:
      return "govuk-tag--grey";
  }
  return "";
}

// Whether the inspectorates may be asked (again): not while they are
// answering, nor once they agreed what is there now.
inline bool MayAsk(Agreement a) {
  return a == Agreement::kNotAsked || a == Agreement::kLapsed || a == Agreement::kDeclined;
}

inline json AgreementJson(Agreement a) {
  return {{"label", AgreementLabel(a)},
          {"tag", TagClass(a)},
          {"agreed", a == Agreement::kAgreed},
          {"awaiting", a == Agreement::kAwaiting},
          {"may_ask", MayAsk(a)}};
}

// An agreement as AgreementJson, and when it stands declined, who declined
// the decision of `kind` and why ("declined": one sentence each).
inline json AgreementJson(const InspectionView& v, Agreement a, const std::string& kind) {
  json j = AgreementJson(a);
  auto d = v.declined.find(kind);
  if (a != Agreement::kDeclined || d == v.declined.end()) return j;
  std::map<int64_t, std::string> names;
  for (const auto& i : v.inspectorates) names[i.id] = i.short_name;
  j["declined"] = DeclinedWords(d->second, names, v.people);
  return j;
}

// What holds `stage` back, one line each: the checks that block in the
// stages before it and are not done (none once it has started).
inline json StageBlockers(const InspectionView& v, InspectionStage stage) {
  json out = json::array();
  if (CheckStageOpen(v.stages, stage).ok()) return out;
  for (const auto& s : v.stages) {
    if (s.stage == stage) break;
    for (const auto& c : s.checks) {
      if (!c.rule.empty() && !c.done) out.push_back(c.label);
    }
  }
  return out;
}

// Whether `stage`'s forms are offered: the stage is open, and the report's
// publication has not settled it (published-settled), so nothing is typed
// only to be refused.
inline bool StageWritable(const InspectionView& v, InspectionStage stage) {
  return CheckStageOpen(v.stages, stage).ok() && CheckNotSettled(stage, v.publication).ok();
}

// What one of an inspection's pages is made from.
struct PageInput {
  const InspectionView& v;
  const Request& req;
  bool sent;                // a form was sent and refused: show what was typed
  const std::string& form;  // which form
  std::function<std::vector<InspectedBody>()> site_choices;
};

// The parts of the fieldwork and evidence pages
// (inspection_fieldwork_pages.cc).
void FieldworkPage(json& d, const PageInput& in);
void ClearancePage(json& d, const PageInput& in);
// Changing one clearance: that it is now held, until when.
void ClearanceChangePage(json& d, const PageInput& in);
void InterviewPage(json& d, const PageInput& in);
void VisitPage(json& d, const PageInput& in);
void VisitPlacePage(json& d, const PageInput& in);
void LiveCasePage(json& d, const PageInput& in);
void LiveCaseChangePage(json& d, const PageInput& in);
void EvidencePage(json& d, const PageInput& in);
void EvidenceItemPage(json& d, const PageInput& in);

// What a form posted on one of an inspection's pages is given. `next`
// holds where to go after it, from the inspection's address.
struct FormInput {
  InspectionService& inspections;
  const Request& req;
  const Caller& caller;
  int64_t id;  // the inspection
  std::string& next;
  // The notice to show after the form, when not the form's usual one (an
  // edit saved without a change, a letter posted rather than e-mailed).
  std::string& notice;
  // The version the form was read at; 0 if none was sent.
  int64_t Version() const { return ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0); }
};

// A form by its name: where to go after it (added to `next` first) and
// what it does.
struct FormAction {
  const char* form;
  const char* next;
  Status (*act)(const FormInput& in);
};

// The form `which` of a page: `record`'s fields, or what was typed when
// this request sent that form back refused.
template <typename T>
void FormOf(json& d, const PageInput& in, const RecordType<T>& type, const char* which, T record) {
  Typed typed;
  if (in.sent && in.form == which) (void)ReadRecordForm(type, in.req, record, typed);
  AddRecordFields(d, type, record, typed);
}

// Reads a new `T` from the form and `add`s it.
template <typename T, typename Add>
Status AddFromForm(const RecordType<T>& type, const Request& req, Add add) {
  Typed typed;
  T record;
  RETURN_IF_ERROR(ReadRecordForm(type, req, record, typed));
  return add(record).status();
}

// Checks the form can be read as a `T` and names the version it was read
// at (rule "version-required": nothing is changed without it), then
// `update`s the stored one with what it sent, keeping every field it did
// not send; notes when that changed nothing (the version the form was read
// at is still the newest). A form that cannot be read is refused with
// every error at once: `rules` (the record's own, as its use case checks
// them) are checked too, on what could be read.
template <typename T, typename Update>
Status UpdateFromForm(const RecordType<T>& type, const FormInput& in, Update update,
                      Status (*rules)(const T*, const T&) = nullptr) {
  Typed typed;
  T probe;
  Status read = ReadRecordForm(type, in.req, probe, typed);
  if (!read.ok() && rules) read = MergeErrors(read, rules(nullptr, probe));
  if (type.versioned()) {
    RETURN_IF_ERROR(MergeErrors(SentVersion(in.req, "the " + type.label).status(), read));
  }
  RETURN_IF_ERROR(read);
  ASSIGN_OR_RETURN(T saved, update([&](T& record) {
                     Typed ignored;
                     return ReadRecordForm(type, in.req, record, ignored);
                   }));
  if (type.versioned() && type.VersionOf(saved) == in.Version()) in.notice = "inspection-unchanged";
  return OkStatus();
}

// Deletes the part the address names after the inspection, at the form's
// version; NotFound(`missing`) if it names none.
template <typename Delete>
Status DeleteFromPath(const FormInput& in, const char* missing, Delete del) {
  auto part = PathId(in.req, 2);
  return part ? del(*part, in.Version()) : NotFound(missing);
}

// The forms of stages 3 and 4 (inspection_fieldwork_pages.cc).
extern const std::vector<FormAction> kFieldworkForms;

// Stage 5 (inspection_findings_pages.cc): the findings page and its forms.
void FindingsPage(json& d, const PageInput& in);
// Changing one section of the report structure: every field of it.
void SectionChangePage(json& d, const PageInput& in);
// What removing a record of an inspection asks first: the question, what
// follows from it, the version removed, and where Cancel goes.
struct Removal {
  std::string question;  // "Are you sure you want to remove ...?"
  std::vector<std::string> points;
  int64_t version = 0;
  std::string cancel;
};
// The removal `path` (".../<kind>/<id>/delete": a section of the report,
// an attendance, a method, a red line, a key date, a fieldwork site or a
// clearance; ".../team/<id>/leave": someone on the team) asks about, if it
// names one of `v`.
std::optional<Removal> RemovalOf(const InspectionView& v, const std::string& path);
// Asks before any record of an inspection is removed (RemovalOf): the
// question as the heading, Remove and Cancel.
void RemovalPage(json& d, const PageInput& in);
extern const std::vector<FormAction> kFindingsForms;
// Stage 6's drafting (inspection_report_pages.cc): the report page, a
// section's page and their forms.
void ReportPage(json& d, const PageInput& in);
void ReportSectionPage(json& d, const PageInput& in);
extern const std::vector<FormAction> kReportForms;
// The report's approval chain on the report page, and its forms
// (inspection_approvals_pages.cc).
void ApprovalsPart(json& d, const PageInput& in);
extern const std::vector<FormAction> kApprovalsForms;

// Stage 6 (inspection_recommendations_pages.cc): the findings, the
// recommendations (or concerns, R19) and the engagements with their
// owners, and the forms that add them.
void RecommendationsPage(json& d, const PageInput& in);
// Changing one finding or one recommendation (or concern): every field,
// the evidence it rests on or the findings it answers.
void FindingChangePage(json& d, const PageInput& in);
void RecommendationChangePage(json& d, const PageInput& in);
extern const std::vector<FormAction> kRecommendationsForms;

// Stage 7 (inspection_media_pages.cc): factual accuracy checks,
// distribution lists, the media plan and post-publication activity on one
// page, the page that decides a correction, and their forms.
void MediaPage(json& d, const PageInput& in);
void CorrectionPage(json& d, const PageInput& in);
extern const std::vector<FormAction> kMediaForms;
// Stage 7's publication (inspection_publication_pages.cc, R21): where it
// stands, the lead's form that sets its date and time, the embargoed
// copies' recipients, the step that asks before a link is revoked, and
// their forms.
void PublicationPage(json& d, const PageInput& in);
void EmbargoRevokePage(json& d, const PageInput& in);
extern const std::vector<FormAction> kPublicationForms;
// Stage 5's evaluation (inspection_evaluation_pages.cc, M 29, M 32): the
// evaluation page, the pages that add a lesson and change an evaluation
// or a lesson, what removing one asks, and their forms; and the earlier
// lessons the terms of reference show (principle 10).
void EvaluationPage(json& d, const PageInput& in);
void LessonNewPage(json& d, const PageInput& in);
void EvaluationChangePage(json& d, const PageInput& in);
void LessonChangePage(json& d, const PageInput& in);
void AskAboutEvaluation(const InspectionView& v, const std::string& kind, int64_t part, Removal& r);
json EarlierLessonsJson(const InspectionView& v);
extern const std::vector<FormAction> kEvaluationForms;

// Delegated authority (inspection_delegation_pages.cc, R23): the list on
// the team page, and the form's page and forms.
void DelegationsPart(json& d, const InspectionView& v);
void DelegationPage(json& d, const PageInput& in);
extern const std::vector<FormAction> kDelegationForms;

// Stage 8 (inspection_retention_pages.cc, R22): the retention page, the
// page that asks before an evidence item is destroyed for good, and their
// forms.
void RetentionPage(json& d, const PageInput& in);
void DestructionPage(json& d, const PageInput& in);
extern const std::vector<FormAction> kRetentionForms;

}  // namespace jointly::web::inspection_pages
