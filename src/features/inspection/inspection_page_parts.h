// What the pages of an inspection share (inspection_pages.cc and
// inspection_fieldwork_pages.cc): dates and names in words, GOV.UK tag
// colours, and what one page is made from.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/inspection_service.h"
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

inline std::string NamesList(const std::vector<Inspectorate>& all,
                             const std::vector<int64_t>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += i + 1 == ids.size() ? " and " : ", ";
    out += FullName(all, ids[i]);
  }
  return out;
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

inline json AgreementJson(Agreement a) {
  return {{"label", AgreementLabel(a)}, {"tag", TagClass(a)}, {"agreed", a == Agreement::kAgreed}};
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
void InterviewPage(json& d, const PageInput& in);
void LiveCasePage(json& d, const PageInput& in);
void EvidencePage(json& d, const PageInput& in);
void EvidenceItemPage(json& d, const PageInput& in);

}  // namespace jointly::web::inspection_pages
