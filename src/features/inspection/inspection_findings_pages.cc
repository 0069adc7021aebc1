// The GOV.UK page of stage 5 (M 29-32; R17, R18): the emerging-findings
// meeting, who was present for each participating inspectorate, the report
// structure it agreed and its agreement, the agreement that the quality
// assurance of the evidence is done, and the forms they post.
#include <algorithm>
#include <map>

#include "core/text.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

using nlohmann::json;

namespace inspection_pages {

namespace {

// A record's form fields, as typed if `which` was the form sent.

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
    // Only the inspectorate present removes its presence; the lead too
    // removes only its own.
    const bool mine = v.standing.inspectorate == a.inspectorate_id;
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

// The contributor's choices: every inspectorate jointly, or one of those
// taking part; `typed` chosen.
json ContributorOptions(const InspectionView& v, const std::string& typed) {
  std::vector<std::pair<std::string, std::string>> who = {{"", "Every inspectorate jointly"}};
  for (int64_t id : v.inspection.participating) {
    who.emplace_back(std::to_string(id), FullName(v.inspectorates, id));
  }
  return Options(who, typed);
}

std::string ContributorOf(const InspectionView& v, const ReportSection& s) {
  return s.contributor_id ? FullName(v.inspectorates, *s.contributor_id)
                          : "Every inspectorate jointly";
}

json SectionsJson(const InspectionView& v, bool may_change) {
  json sections = json::array();
  for (size_t i = 0; i < v.sections.size(); ++i) {
    const ReportSection& s = v.sections[i];
    sections.push_back({{"sid", s.id},
                        {"position", s.position},
                        {"title", s.title},
                        {"contributor", ContributorOf(v, s)},
                        {"covers", s.covers},
                        {"version", s.version},
                        {"may_change", may_change},
                        {"may_move_up", may_change && i > 0},
                        {"may_move_down", may_change && i + 1 < v.sections.size()}});
  }
  return sections;
}

// Whether the lead may ask for the structure's agreement now; if it could
// but the meeting lacks something, what is missing, one line each.
void StructureAsk(json& d, const InspectionView& v, bool open) {
  const bool could = v.standing.lead_team && open && MayAsk(v.structure_agreement);
  std::map<int64_t, std::string> names;
  for (const auto& i : v.inspectorates) names[i.id] = i.short_name;
  const Status ready =
      CheckStructureReady(v.inspection, v.meeting, v.attendance, v.sections, names);
  json missing = json::array();
  for (const auto& e : ready.field_errors()) missing.push_back(e.message);
  d["may_ask_structure"] = could && ready.ok();
  d["structure_missing"] = could ? missing : json::array();
  d["structure_incomplete"] = could && !ready.ok();
}

void StructurePart(json& d, const PageInput& in, bool open) {
  const InspectionView& v = in.v;
  d["sections"] = SectionsJson(v, v.standing.lead_team && open);
  d["has_sections"] = !v.sections.empty();
  ReportSection next;
  next.position = static_cast<int64_t>(v.sections.size()) + 1;
  next.position = std::min(next.position, kMaxReportSections);
  FormOf(d, in, ReportSectionRecord(), "section", next);
  d["f_contributor_id"]["options"] = ContributorOptions(v, Typed(in, "section", "contributor_id"));
  d["structure_agreement"] = AgreementJson(v, v.structure_agreement, kStructureAgreement);
  StructureAsk(d, v, open);
  d["assurance_agreement"] = AgreementJson(v, v.assurance_agreement, kAssuranceAgreement);
  d["may_ask_assurance"] = v.standing.lead_team && open && MayAsk(v.assurance_agreement);
  d["evidence_count"] = Count(static_cast<int>(v.evidence.size()) + v.withheld, "item", "items");
}

}  // namespace

void FindingsPage(json& d, const PageInput& in) {
  const Status open = CheckStageOpen(in.v.stages, InspectionStage::kFindings);
  d["stage_open"] = open.ok();
  d["stage_blockers"] = StageBlockers(in.v, InspectionStage::kFindings);
  const bool writable = StageWritable(in.v, InspectionStage::kFindings);
  d["writable"] = writable;
  MeetingPart(d, in, writable);
  StructurePart(d, in, writable);
}

void SectionChangePage(json& d, const PageInput& in) {
  const auto sid = PathId(in.req, 2);
  const InspectionView& v = in.v;
  for (const auto& s : v.sections) {
    if (!sid || s.id != *sid) continue;
    d["may_change"] = v.standing.lead_team && StageWritable(v, InspectionStage::kFindings);
    d["title"] = "Change a section of the report: " + v.inspection.title;
    d["section"] = {{"sid", s.id}, {"title", s.title}, {"version", s.version}};
    FormOf(d, in, ReportSectionRecord(), "section_update", s);
    const std::string typed = in.sent && in.form == "section_update"
                                  ? Param(in.req, "contributor_id")
                                  : (s.contributor_id ? std::to_string(*s.contributor_id) : "");
    d["f_contributor_id"]["options"] = ContributorOptions(v, typed);
    d["sections_count"] = v.sections.size();
  }
}

namespace {

// What a removal of a record of kind `kind` (the part of the address
// before its reference) asks, for the record `part` of `v`.
void AskAbout(const InspectionView& v, const std::string& kind, int64_t part, Removal& r) {
  auto ask = [&](const std::string& what, const std::string& point, int64_t version) {
    r.question = "Are you sure you want to remove " + what + "?";
    r.points = {point};
    r.version = version;
  };
  for (const auto& s : v.sections) {
    if (kind == "sections" && s.id == part)
      ask("the section “" + s.title + "”", "It will no longer be part of the report's structure.",
          s.version);
  }
  for (const auto& a : v.attendance) {
    if (kind != "attendance" || a.id != part) continue;
    const std::string who = FullName(v.inspectorates, a.inspectorate_id);
    ask(Possessive(who) + " attendance",
        "The meeting will no longer record " + who + " as present.", a.version);
  }
  for (const auto& m : v.methods) {
    if (kind == "methods" && m.id == part)
      ask("the method “" + std::string(MethodLabel(m.method)) + "”",
          "The terms of reference will no longer say how it adds value or is presented.",
          m.version);
  }
  for (const auto& x : v.red_lines) {
    if (kind == "red-lines" && x.id == part)
      ask(Possessive(FullName(v.inspectorates, x.inspectorate_id)) + " red line “" + x.text + "”",
          "The terms of reference will no longer record it.", x.version);
  }
  for (const auto& k : v.key_dates) {
    if (kind == "key-dates" && k.id == part)
      ask("the key date “" + k.title + "” (" + InWords(k.starts_on) + ")",
          "It will no longer be part of the timetable.", k.version);
  }
  for (const auto& x : v.sites) {
    if (kind != "sites" || x.id != part) continue;
    const auto name = v.body_names.find(x.body_id);
    ask("the fieldwork site " + (name == v.body_names.end() ? std::string("") : name->second),
        "It will no longer be one of the inspection's sites.", x.version);
  }
  for (const auto& m : v.team) {
    if (kind == "team" && m.id == part && m.current())
      ask(WithInspectorate(v, m.user_id) + " from the team",
          "They will no longer be on the inspection's team from today.", 0);
  }
  for (const auto& c : v.clearances) {
    if (kind == "clearances" && c.id == part)
      ask("the " + InSentence(ClearanceKindLabel(c.kind)) + " of " + WithInspectorate(v, c.user_id),
          "The inspection will no longer record this clearance.", c.version);
  }
}

}  // namespace

std::optional<Removal> RemovalOf(const InspectionView& v, const std::string& path) {
  static const std::pair<const char*, const char*> kKinds[] = {
      {"sections", "/findings#structure"},
      {"attendance", "/findings#attendance"},
      {"methods", "/terms#methods"},
      {"red-lines", "/terms#red-lines"},
      {"key-dates", "/timetable"},
      {"sites", "/sites"},
      {"clearances", "/fieldwork#clearance-list"},
      {"team", "/team"},
      {"evaluations", "/evaluation#evaluations"},
      {"lessons", "/evaluation#lessons"},
  };
  const std::string base = "/inspections/" + std::to_string(v.inspection.id) + "/";
  // Someone leaves the team (".../team/<id>/leave"); the rest are deleted.
  if (!path.starts_with(base) || !(path.ends_with("/delete") || path.ends_with("/leave")))
    return std::nullopt;
  const std::string rest = path.substr(base.size());
  const auto slash = rest.find('/');
  if (slash == std::string::npos) return std::nullopt;
  const std::string kind = rest.substr(0, slash);
  const auto end = rest.rfind('/');
  const auto part = ParseInt(rest.substr(slash + 1, end - slash - 1), 1, INT64_MAX);
  if (path.ends_with("/leave") != (kind == "team")) return std::nullopt;
  for (const auto& [k, cancel] : kKinds) {
    if (kind != k || !part) continue;
    Removal r;
    r.cancel = "/inspections/" + std::to_string(v.inspection.id) + cancel;
    AskAbout(v, kind, *part, r);
    AskAboutEvaluation(v, kind, *part, r);
    if (!r.question.empty()) return r;
  }
  return std::nullopt;
}

void RemovalPage(json& d, const PageInput& in) {
  const auto r = RemovalOf(in.v, in.req.path);
  if (!r) return;
  d["title"] = r->question;
  d["back"] = r->cancel;
  d["removal"] = {{"action", in.req.path},
                  {"question", r->question},
                  {"points", r->points},
                  {"version", r->version},
                  {"cancel", r->cancel}};
}

namespace {

// Moves the section the address names one place up (-1) or down (+1).
Status Move(const FormInput& in, int64_t by) {
  auto part = PathId(in.req, 2);
  if (!part) return NotFound("No such section");
  return in.inspections
      .UpdateSection(in.caller, *part, in.Version(),
                     [by](ReportSection& s) {
                       s.position += by;
                       return OkStatus();
                     })
      .status();
}

}  // namespace

const std::vector<FormAction> kFindingsForms = {
    {"meeting", "/findings#meeting",
     [](const FormInput& in) {
       return UpdateFromForm(
           FindingsMeetingRecord(), in,
           [&](auto change) {
             return in.inspections.UpdateMeeting(in.caller, in.id, in.Version(), change);
           },
           ValidateFindingsMeeting);
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
    {"section_update", "/findings#structure",
     [](const FormInput& in) {
       auto section = PathId(in.req, 2);
       if (!section) return NotFound("No such section");
       return UpdateFromForm(ReportSectionRecord(), in, [&](auto change) {
         return in.inspections.UpdateSection(in.caller, *section, in.Version(), change);
       });
     }},
    {"section_up", "/findings#structure", [](const FormInput& in) { return Move(in, -1); }},
    {"section_down", "/findings#structure", [](const FormInput& in) { return Move(in, +1); }},
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
