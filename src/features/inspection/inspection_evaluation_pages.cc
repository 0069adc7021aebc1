// The GOV.UK pages of stage 5's evaluation of how the joint inspection
// worked (M 29, M 32): every evaluation given, heading by heading, by the
// team and the Development Group; the lessons the lead recorded from it;
// the forms that give, change and remove them; and the earlier lessons the
// terms of reference show when the inspection is scoped (principle 10).
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

namespace inspection_pages {

namespace {

bool StageOpen(const InspectionView& v) { return StageWritable(v, InspectionStage::kFindings); }

json EvaluationsByHeading(const InspectionView& v) {
  json out = json::array();
  for (LessonTheme theme : kAllLessonThemes) {
    json given = json::array();
    for (const auto& e : v.evaluations) {
      if (e.theme != theme) continue;
      given.push_back({{"eid", e.id},
                       {"who", WithInspectorate(v, e.evaluator_id)},
                       {"capacity", EvaluatorCapacityLabel(e.capacity)},
                       {"worked", e.worked},
                       {"not_worked", e.not_worked},
                       {"mine", e.evaluator_id == v.viewer_id}});
    }
    if (given.empty()) continue;
    out.push_back({{"heading", LessonThemeLabel(theme)}, {"given", given}});
  }
  return out;
}

json LessonJson(const Lesson& l) {
  return {{"lid", l.id},
          {"theme", LessonThemeLabel(l.theme)},
          {"stage", LessonRecord().Find("stage")->choices[static_cast<size_t>(l.stage)].label},
          {"learned", l.learned},
          {"differently", l.differently}};
}

}  // namespace

json EarlierLessonsJson(const InspectionView& v) {
  json out = json::array();
  for (const auto& e : v.earlier_lessons) {
    json x = LessonJson(e.lesson);
    x["inspection"] = e.inspection_title;
    x["lead"] = FullName(v.inspectorates, e.lead_inspectorate_id);
    out.push_back(std::move(x));
  }
  return out;
}

void EvaluationPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const bool open = StageOpen(v);
  d["stage_open"] = CheckStageOpen(v.stages, InspectionStage::kFindings).ok();
  d["stage_blockers"] = StageBlockers(v, InspectionStage::kFindings);
  d["headings"] = EvaluationsByHeading(v);
  d["has_evaluations"] = !v.evaluations.empty();
  d["team_count"] = v.evaluation_facts.team;
  d["dg_count"] = v.evaluation_facts.development_group;
  d["gaps"] = EvaluationGaps(v.evaluation_facts);
  d["done"] = EvaluationDone(v.evaluation_facts);
  d["may_evaluate"] = open && v.evaluator.has_value();
  if (v.evaluator) {
    d["evaluates_as"] = std::string(EvaluatorCapacityLabel(v.evaluator->capacity)) + ", for " +
                        FullName(v.inspectorates, v.evaluator->inspectorate_id);
  }
  json lessons = json::array();
  for (const auto& l : v.lessons) lessons.push_back(LessonJson(l));
  d["lessons"] = lessons;
  d["has_lessons"] = !v.lessons.empty();
  d["may_record_lessons"] = open && v.standing.lead_team;
  d["reads_lessons"] = v.reads_lessons;
  FormOf(d, in, EvaluationRecord(), "evaluation", Evaluation{});
}

// The lesson's form has a page of its own: its fields share their names
// with the evaluation's.
void LessonNewPage(json& d, const PageInput& in) {
  d["may_change"] = StageOpen(in.v) && in.v.standing.lead_team;
  FormOf(d, in, LessonRecord(), "lesson", Lesson{});
}

void EvaluationChangePage(json& d, const PageInput& in) {
  const auto eid = PathId(in.req, 2);
  const InspectionView& v = in.v;
  for (const auto& e : v.evaluations) {
    if (!eid || e.id != *eid) continue;
    d["may_change"] = e.evaluator_id == v.viewer_id;
    d["evaluation"] = {{"eid", e.id},
                       {"version", e.version},
                       {"heading", LessonThemeLabel(e.theme)},
                       {"who", WithInspectorate(v, e.evaluator_id)}};
    FormOf(d, in, EvaluationRecord(), "evaluation_update", e);
  }
}

void LessonChangePage(json& d, const PageInput& in) {
  const auto lid = PathId(in.req, 2);
  const InspectionView& v = in.v;
  for (const auto& l : v.lessons) {
    if (!lid || l.id != *lid) continue;
    d["may_change"] = v.standing.lead_team;
    d["lesson"] = {{"lid", l.id}, {"version", l.version}};
    FormOf(d, in, LessonRecord(), "lesson_update", l);
  }
}

void AskAboutEvaluation(const InspectionView& v, const std::string& kind, int64_t part,
                        Removal& r) {
  for (const auto& e : v.evaluations) {
    if (kind != "evaluations" || e.id != part) continue;
    r.question = "Are you sure you want to remove your evaluation under “" +
                 std::string(LessonThemeLabel(e.theme)) + "”?";
    r.points = {"The evaluation of how the inspection worked will no longer include it."};
    r.version = e.version;
  }
  for (const auto& l : v.lessons) {
    if (kind != "lessons" || l.id != part) continue;
    r.question = "Are you sure you want to remove the lesson “" + l.learned.substr(0, 80) + "”?";
    r.points = {"It will no longer be in the lessons-learned register."};
    r.version = l.version;
  }
}

const std::vector<FormAction> kEvaluationForms = {
    {"evaluation", "/evaluation#evaluations",
     [](const FormInput& in) {
       return AddFromForm(EvaluationRecord(), in.req, [&](const Evaluation& e) {
         return in.inspections.AddEvaluation(in.caller, in.id, e);
       });
     }},
    {"evaluation_update", "/evaluation#evaluations",
     [](const FormInput& in) {
       auto part = PathId(in.req, 2);
       if (!part) return NotFound("No such evaluation");
       return UpdateFromForm(EvaluationRecord(), in, [&](auto change) {
         return in.inspections.UpdateEvaluation(in.caller, *part, in.Version(), change);
       });
     }},
    {"evaluation_delete", "/evaluation#evaluations",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such evaluation", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteEvaluation(in.caller, part, version);
       });
     }},
    {"lesson", "/evaluation#lessons",
     [](const FormInput& in) {
       return AddFromForm(LessonRecord(), in.req, [&](const Lesson& l) {
         return in.inspections.AddLesson(in.caller, in.id, l);
       });
     }},
    {"lesson_update", "/evaluation#lessons",
     [](const FormInput& in) {
       auto part = PathId(in.req, 2);
       if (!part) return NotFound("No such lesson");
       return UpdateFromForm(LessonRecord(), in, [&](auto change) {
         return in.inspections.UpdateLesson(in.caller, *part, in.Version(), change);
       });
     }},
    {"lesson_delete", "/evaluation#lessons",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such lesson", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteLesson(in.caller, part, version);
       });
     }},
};

}  // namespace inspection_pages

}  // namespace jointly::web
