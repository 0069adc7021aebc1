// The GOV.UK page of stage 6 (M 33-40; R18, R19): the findings of the
// report with the evidence each rests on, how triangulated each is and a
// flag on those resting on a single source; the recommendations, or the
// concerns an inspection led by HMI Prisons raises instead, each with its
// owner, what must be done, how it will be measured, by when, the
// findings it answers and the engagements with its owner (M 36); and the
// forms that add them.
#include <algorithm>

#include "core/text.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

namespace inspection_pages {

namespace {

// "30 November 2026".
std::string Day(const std::string& iso) {
  const auto d = Date::Parse(iso);
  return d ? d->ToDayMonthYear() : iso;
}

bool Has(const std::vector<std::string>& ticked, int64_t id) {
  return std::find(ticked.begin(), ticked.end(), std::to_string(id)) != ticked.end();
}

std::string SectionTitle(const InspectionView& v, const std::optional<int64_t>& id) {
  for (const auto& s : v.sections) {
    if (id && s.id == *id) return s.title;
  }
  return "";
}

// "Finding 2": the findings are numbered as they were added.
std::string FindingName(const InspectionView& v, int64_t id) {
  for (size_t i = 0; i < v.findings.size(); ++i) {
    if (v.findings[i].id == id) return "Finding " + std::to_string(i + 1);
  }
  return "";
}

json FindingsList(const InspectionView& v) {
  json out = json::array();
  for (const auto& f : v.findings) {
    json evidence = json::array();
    for (const auto& e : RestsOn(v, f.id)) {
      // R22: a destroyed item says so, from its certificate, and nothing of
      // what it held.
      const RetainedItem* gone = DestroyedItem(v, e.id);
      evidence.push_back(
          {{"text", std::string(MethodLabel(e.method)) + ", " +
                        FullName(v.inspectorates, e.recorded_for) + ": " +
                        (gone ? DestroyedWords(gone->destroyed_at, gone->owner) : e.summary)}});
    }
    const FindingSupport s = SupportOf(v, f.id);
    const size_t destroyed = s.destroyed.size();
    out.push_back(
        {{"fid", f.id},
         {"name", FindingName(v, f.id)},
         {"statement", f.statement},
         {"section", SectionTitle(v, f.section_id)},
         {"evidence", evidence},
         {"triangulation", SupportWords(s)},
         {"single_source", s.recorded.single_source},
         {"destroyed", destroyed > 0},
         {"destroyed_tag", Count(static_cast<int>(destroyed), "item destroyed", "items destroyed")},
         {"held_single_source",
          destroyed > 0 && !s.recorded.single_source && s.held.single_source}});
  }
  return out;
}

std::string OwnerName(const InspectionView& v, const std::optional<int64_t>& id) {
  for (const auto& [body, name] : v.owners) {
    if (id && body == *id) return name;
  }
  return "";
}

json RecommendationsList(const InspectionView& v) {
  json out = json::array();
  for (size_t i = 0; i < v.recommendations.size(); ++i) {
    const Recommendation& r = v.recommendations[i];
    json answers = json::array();
    for (const auto& l : v.recommendation_findings) {
      if (l.recommendation_id == r.id) answers.push_back(FindingName(v, l.finding_id));
    }
    json engaged = json::array();
    for (const auto& e : v.engagements) {
      if (e.recommendation_id != r.id) continue;
      engaged.push_back(
          {{"on", Day(e.engaged_on)}, {"who", e.who}, {"how", e.how}, {"said", e.said}});
    }
    out.push_back(
        {{"rid", r.id},
         {"name", std::string(RecommendationKindLabel(r.kind)) + " " + std::to_string(i + 1)},
         {"owner", OwnerName(v, r.owner_id)},
         {"action", r.action},
         {"measure", r.measure},
         {"due_on", Day(r.due_on)},
         {"answers", InWordsList(answers.get<std::vector<std::string>>())},
         {"engagements", engaged},
         {"engaged", !engaged.empty()}});
  }
  return out;
}

// The finding form `which` filled from `f` resting on the evidence
// `ticked`, or from what was typed when it came back refused.
void FindingFields(json& d, const PageInput& in, const char* which, const Finding& f,
                   std::vector<std::string> ticked) {
  const InspectionView& v = in.v;
  const bool typed = in.sent && in.form == which;
  FormOf(d, in, FindingRecord(), which, f);
  std::vector<std::pair<std::string, std::string>> sections = {{"", "Not placed in a section"}};
  for (const auto& s : v.sections) sections.emplace_back(std::to_string(s.id), s.title);
  d["f_section_id"]["options"] =
      Options(sections, typed ? Param(in.req, "section_id")
                              : (f.section_id ? std::to_string(*f.section_id) : ""));
  if (typed) ticked = in.req.Params("evidence_ids");
  json items = json::array();
  for (const auto& e : v.evidence) {
    // R22: no finding comes to rest on a destroyed item (one it rests on
    // already stays listed).
    if (DestroyedItem(v, e.id) && !Has(ticked, e.id)) continue;
    const RetainedItem* gone = DestroyedItem(v, e.id);
    items.push_back(
        {{"value", e.id},
         {"label", std::string(MethodLabel(e.method)) + ", " +
                       FullName(v.inspectorates, e.recorded_for) + ", " + Day(e.gathered_on) +
                       ": " + (gone ? DestroyedWords(gone->destroyed_at, gone->owner) : e.summary)},
         {"checked", Has(ticked, e.id)}});
  }
  d["evidence_choices"] = items;
}

void FindingForm(json& d, const PageInput& in) { FindingFields(d, in, "finding", Finding{}, {}); }

// The recommendation form `which` filled from `r` answering the findings
// `ticked`, or from what was typed when it came back refused.
void RecommendationFields(json& d, const PageInput& in, const char* which, const Recommendation& r,
                          std::vector<std::string> ticked) {
  const InspectionView& v = in.v;
  const bool typed = in.sent && in.form == which;
  FormOf(d, in, RecommendationRecord(), which, r);
  std::vector<std::pair<std::string, std::string>> owners = {{"", "Choose the owner"}};
  for (const auto& [id, name] : v.owners) owners.emplace_back(std::to_string(id), name);
  d["f_owner_id"]["options"] = Options(
      owners, typed ? Param(in.req, "owner_id") : (r.owner_id ? std::to_string(*r.owner_id) : ""));
  if (typed) ticked = in.req.Params("finding_ids");
  json items = json::array();
  for (const auto& f : v.findings) {
    items.push_back({{"value", f.id},
                     {"label", FindingName(v, f.id) + ": " + f.statement},
                     {"checked", Has(ticked, f.id)}});
  }
  d["finding_choices"] = items;
  d["has_findings"] = !v.findings.empty();
}

void RecommendationForm(json& d, const PageInput& in) {
  Recommendation blank;
  blank.kind = in.v.raises;
  RecommendationFields(d, in, "recommendation", blank, {});
}

void EngagementForm(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  FormOf(d, in, EngagementRecord(), "engagement", Engagement{});
  std::vector<std::pair<std::string, std::string>> which = {{"", "Choose one"}};
  for (size_t i = 0; i < v.recommendations.size(); ++i) {
    const Recommendation& r = v.recommendations[i];
    which.emplace_back(std::to_string(r.id), std::string(RecommendationKindLabel(r.kind)) + " " +
                                                 std::to_string(i + 1) + " (" +
                                                 OwnerName(v, r.owner_id) + ")");
  }
  d["engagement_choices"] =
      Options(which, in.sent && in.form == "engagement" ? Param(in.req, "recommendation_id") : "");
}

// The ids in the checkboxes `name`; an error at `name` if one is not an id.
Status TickedIds(const Request& req, const char* name, std::vector<int64_t>& ids) {
  for (const auto& value : req.Params(name)) {
    if (value.empty()) continue;  // the form's hidden "none ticked"
    auto id = ParseInt(value, 1, INT64_MAX);
    if (!id) {
      return std::move(InvalidArgument("Choose from the list", "type")
                           .AddFieldError(name, "type", "Choose from the list"));
    }
    ids.push_back(*id);
  }
  return OkStatus();
}

// Errors of a list of ticked ids at the list itself ("evidence_ids", not
// "evidence_ids[1]"), where the page shows them.
Status AtTheList(Status s) {
  if (s.ok()) return s;
  Status out =
      s.code() == StatusCode::kInvalidArgument ? InvalidArgument(s.message(), s.rule()) : s;
  if (s.code() != StatusCode::kInvalidArgument) return out;
  for (const auto& e : s.field_errors()) {
    out.AddFieldError(e.field.substr(0, e.field.find('[')), e.rule, e.message);
  }
  return out;
}

}  // namespace

void RecommendationsPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const bool open = StageWritable(v, InspectionStage::kReport);
  const bool concerns = v.raises == RecommendationKind::kConcern;
  d["stage_open"] = CheckStageOpen(v.stages, InspectionStage::kReport).ok();
  d["stage_blockers"] = StageBlockers(v, InspectionStage::kReport);
  d["may_add"] = open && v.standing.lead_team;
  d["findings"] = FindingsList(v);
  d["has_findings"] = !v.findings.empty();
  d["recommendations"] = RecommendationsList(v);
  d["has_recommendations"] = !v.recommendations.empty();
  d["concerns"] = concerns;
  d["kind_plural"] = concerns ? "Concerns" : "Recommendations";
  d["kind_word"] = KindWord(v.raises);
  d["kind_id"] = RecommendationKindId(v.raises);
  FindingForm(d, in);
  RecommendationForm(d, in);
  EngagementForm(d, in);
}

void FindingChangePage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto fid = PathId(in.req, 2);
  for (const auto& f : v.findings) {
    if (!fid || f.id != *fid) continue;
    d["title"] = "Change " + FindingName(v, f.id) + ": " + v.inspection.title;
    d["may_change"] = v.standing.lead_team && StageWritable(v, InspectionStage::kReport);
    d["finding"] = {{"fid", f.id}, {"name", FindingName(v, f.id)}, {"version", f.version}};
    std::vector<std::string> linked;
    for (const auto& l : v.finding_evidence) {
      if (l.finding_id == f.id) linked.push_back(std::to_string(l.evidence_id));
    }
    FindingFields(d, in, "finding_update", f, linked);
  }
}

void RecommendationChangePage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const auto rid = PathId(in.req, 2);
  for (size_t i = 0; i < v.recommendations.size(); ++i) {
    const Recommendation& r = v.recommendations[i];
    if (!rid || r.id != *rid) continue;
    const std::string name =
        std::string(RecommendationKindLabel(r.kind)) + " " + std::to_string(i + 1);
    d["title"] = "Change " + name + ": " + v.inspection.title;
    d["may_change"] = v.standing.lead_team && StageWritable(v, InspectionStage::kReport);
    d["recommendation"] = {{"rid", r.id}, {"name", name}, {"version", r.version}};
    d["kind_word"] = KindWord(v.raises);
    d["kind_id"] = RecommendationKindId(r.kind);
    std::vector<std::string> linked;
    for (const auto& l : v.recommendation_findings) {
      if (l.recommendation_id == r.id) linked.push_back(std::to_string(l.finding_id));
    }
    RecommendationFields(d, in, "recommendation_update", r, linked);
  }
}

const std::vector<FormAction> kRecommendationsForms = {
    {"finding", "/recommendations#findings",
     [](const FormInput& in) {
       std::vector<int64_t> ids;
       RETURN_IF_ERROR(TickedIds(in.req, "evidence_ids", ids));
       return AtTheList(AddFromForm(FindingRecord(), in.req, [&](const Finding& f) {
         return in.inspections.AddFinding(in.caller, in.id, f, ids);
       }));
     }},
    {"recommendation", "/recommendations#recommendations",
     [](const FormInput& in) {
       std::vector<int64_t> ids;
       RETURN_IF_ERROR(TickedIds(in.req, "finding_ids", ids));
       return AtTheList(AddFromForm(RecommendationRecord(), in.req, [&](const Recommendation& r) {
         return in.inspections.AddRecommendation(in.caller, in.id, r, ids);
       }));
     }},
    {"finding_update", "/recommendations#findings",
     [](const FormInput& in) {
       auto fid = PathId(in.req, 2);
       if (!fid) return NotFound("No such finding");
       std::vector<int64_t> ids;
       RETURN_IF_ERROR(TickedIds(in.req, "evidence_ids", ids));
       Status s = AtTheList(UpdateFromForm(FindingRecord(), in, [&](const auto& change) {
         return in.inspections.UpdateFinding(in.caller, *fid, in.Version(), change, &ids);
       }));
       // The evidence it rests on may have changed when the finding did not.
       in.notice.clear();
       return s;
     }},
    {"recommendation_update", "/recommendations#recommendations",
     [](const FormInput& in) {
       auto rid = PathId(in.req, 2);
       if (!rid) return NotFound("No such recommendation");
       std::vector<int64_t> ids;
       RETURN_IF_ERROR(TickedIds(in.req, "finding_ids", ids));
       Status s = AtTheList(UpdateFromForm(RecommendationRecord(), in, [&](const auto& change) {
         return in.inspections.UpdateRecommendation(in.caller, *rid, in.Version(), change, &ids);
       }));
       in.notice.clear();
       return s;
     }},
    {"engagement", "/recommendations#recommendations",
     [](const FormInput& in) {
       const auto which = ParseInt(Param(in.req, "recommendation_id"), 1, INT64_MAX);
       Typed typed;
       Engagement e;
       Status shape = ReadRecordForm(EngagementRecord(), in.req, e, typed);
       if (!which) {
         // Every error at once: which one, and the engagement's own.
         const char* message = "Choose which one it was about";
         shape = MergeFieldErrors(
             InvalidArgument(message, "required")
                 .AddFieldError("recommendation_id", "required", message),
             MergeFieldErrors(std::move(shape), CheckShape(EngagementRecord(), e)));
       }
       RETURN_IF_ERROR(shape);
       return in.inspections.AddEngagement(in.caller, *which, e).status();
     }},
};

}  // namespace inspection_pages

}  // namespace jointly::web
