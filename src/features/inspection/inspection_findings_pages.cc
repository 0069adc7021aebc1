// The GOV.UK page of stage 5 (M 29-32; R17, R18): the emerging-findings
// meeting, who was present for each participating inspectorate, the report
// structure it agreed and its agreement, the agreement that the quality
// assurance of the evidence is done, and the forms they post.
#include <algorithm>

#include "core/text.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

using nlohmann::json;

namespace inspection_pages {

namespace {

// A record's form fields, as typed if `which` was the form sent.
template <typename T>
void FormOf(json& d, const PageInput& in, const RecordType<T>& type, const char* which, T record) {
  Typed typed;
  if (in.sent && in.form == which) (void)ReadRecordForm(type, in.req, record, typed);
  AddRecordFields(d, type, record, typed);
}

std::string Typed(const PageInput& in, const char* form, const char* field) {
  return in.sent && in.form == form ? Param(in.req, field) : "";
}

void MeetingPart(json& d, const PageInput& in, bool open) {
  const InspectionView& v = in.v;
  const FindingsMeeting& m = v.meeting;
  d["meeting"] = {
      {"held_on", m.held_on.empty() ? "Not recorded yet" : InWords(m.held_on)},
      {"dg_involvement", m.dg_involvement},
      {"dg_blank", Trim(m.dg_involvement).empty()},
      {"sharing", SharingLabel(m.sharing)},
      {"shared", m.shared},
      {"shares", m.sharing == Sharing::kShared},
  };
  d["meeting_form"] = {{"version", m.version}};
  FormOf(d, in, FindingsMeetingRecord(), "meeting", m);
  json present = json::array();
  for (const auto& a : v.attendance) {
    const bool mine = v.standing.lead_team || v.standing.inspectorate == a.inspectorate_id;
    present.push_back({{"aid", a.id},
                       {"inspectorate", FullName(v.inspectorates, a.inspectorate_id)},
                       {"attendees", a.attendees},
                       {"version", a.version},
                       {"may_remove", mine && open}});
  }
  d["attendance"] = present;
  d["has_attendance"] = !present.empty();
  const auto absent = AbsentFrom(v.inspection, v.attendance);
  d["absent"] = NamesList(v.inspectorates, absent);
  d["has_absent"] = !absent.empty();
  // Those the caller may record as present: their own, or any for the lead.
  std::vector<std::pair<std::string, std::string>> choices = {{"", "Choose an inspectorate"}};
  for (int64_t id : absent) {
    if (v.standing.lead_team || v.standing.inspectorate == id) {
      choices.emplace_back(std::to_string(id), FullName(v.inspectorates, id));
    }
  }
  d["may_record_attendance"] = open && choices.size() > 1;
  FormOf(d, in, AttendanceRecord(), "attendance", MeetingAttendance{});
  d["f_inspectorate_id"]["options"] = Options(choices, Typed(in, "attendance", "inspectorate_id"));
}

void StructurePart(json& d, const PageInput& in, bool open) {
  const InspectionView& v = in.v;
  json sections = json::array();
  for (const auto& s : v.sections) {
    sections.push_back(
        {{"sid", s.id},
         {"position", s.position},
         {"title", s.title},
         {"contributor", s.contributor_id ? FullName(v.inspectorates, *s.contributor_id)
                                          : "Every inspectorate jointly"},
         {"covers", s.covers},
         {"version", s.version}});
  }
  d["sections"] = sections;
  d["has_sections"] = !sections.empty();
  ReportSection next;
  next.position = v.sections.empty() ? 1 : v.sections.back().position + 1;
  next.position = std::min(next.position, kMaxReportSections);
  FormOf(d, in, ReportSectionRecord(), "section", next);
  std::vector<std::pair<std::string, std::string>> who = {{"", "Every inspectorate jointly"}};
  for (int64_t id : v.inspection.participating) {
    who.emplace_back(std::to_string(id), FullName(v.inspectorates, id));
  }
  d["f_contributor_id"]["options"] = Options(who, Typed(in, "section", "contributor_id"));
  d["structure_agreement"] = AgreementJson(v.structure_agreement);
  d["may_ask_structure"] = v.standing.lead_team && open && MayAsk(v.structure_agreement);
  d["assurance_agreement"] = AgreementJson(v.assurance_agreement);
  d["may_ask_assurance"] = v.standing.lead_team && open && MayAsk(v.assurance_agreement);
  d["evidence_count"] = Count(static_cast<int>(v.evidence.size()) + v.withheld, "item", "items");
}

}  // namespace

void FindingsPage(json& d, const PageInput& in) {
  const Status open = CheckStageOpen(in.v.stages, InspectionStage::kFindings);
  d["stage_open"] = open.ok();
  d["stage_blockers"] = StageBlockers(in.v, InspectionStage::kFindings);
  MeetingPart(d, in, open.ok());
  StructurePart(d, in, open.ok());
}

const std::vector<FormAction> kFindingsForms = {
    {"meeting", "/findings#meeting",
     [](const FormInput& in) {
       return UpdateFromForm(FindingsMeetingRecord(), in, [&](auto change) {
         return in.inspections.UpdateMeeting(in.caller, in.id, in.Version(), change);
       });
     }},
    {"attendance", "/findings#attendance",
     [](const FormInput& in) {
       return AddFromForm(AttendanceRecord(), in.req, [&](const MeetingAttendance& a) {
         return in.inspections.AddAttendance(in.caller, in.id, a);
       });
     }},
    {"attendance_delete", "/findings#attendance",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such attendance", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteAttendance(in.caller, part, version);
       });
     }},
    {"section", "/findings#structure",
     [](const FormInput& in) {
       return AddFromForm(ReportSectionRecord(), in.req, [&](const ReportSection& s) {
         return in.inspections.AddSection(in.caller, in.id, s);
       });
     }},
    {"section_delete", "/findings#structure",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such section", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteSection(in.caller, part, version);
       });
     }},
    {"structure_agreement", "/findings#structure",
     [](const FormInput& in) { return in.inspections.AskStructure(in.caller, in.id).status(); }},
    {"assurance_agreement", "/findings#assurance",
     [](const FormInput& in) { return in.inspections.AskAssurance(in.caller, in.id).status(); }},
};

}  // namespace inspection_pages

}  // namespace jointly::web
