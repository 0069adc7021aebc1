// Use cases of stage 5's evaluation of how the joint inspection worked
// (M 29, M 32; R17) and of the lessons-learned register across
// inspections that the next inspection is scoped with (principle 10).
#include <set>

#include "service/inspection_parts.h"
#include "service/inspection_service.h"
#include "store/directory_store.h"
#include "store/programme_store.h"

namespace jointly {

using namespace inspection_parts;  // NOLINT(google-build-using-namespace)

namespace {

// How many earlier lessons the terms of reference show.
constexpr size_t kLessonsWhenScoping = 10;

// Only whoever gave an evaluation changes or removes it.
Status OwnEvaluation(const Caller& caller, const Evaluation& e) {
  if (e.evaluator_id == caller.user_id) return OkStatus();
  return PermissionDenied("Only whoever gave an evaluation changes or removes it",
                          "own-evaluation");
}

}  // namespace

Status InspectionService::ReadEvaluation(Transaction& tx, InspectionView& v, InspectionFacts& f) {
  ASSIGN_OR_RETURN(v.evaluations, PartsOf(tx, EvaluationRecord(), v.inspection.id));
  ASSIGN_OR_RETURN(v.lessons, PartsOf(tx, LessonRecord(), v.inspection.id));
  v.evaluation_facts = EvaluationFactsOf(v.evaluations, v.lessons);
  f.evaluated = EvaluationDone(v.evaluation_facts);
  return OkStatus();
}

StatusOr<bool> InspectionService::ReadsLessons(Transaction& tx, const Caller& caller) {
  if (!caller.inspectorate_id) return MayReadLessons(caller, false);
  ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
  return MayReadLessons(caller, IsOpenCj(inspectorates, *caller.inspectorate_id));
}

StatusOr<LessonsPage> InspectionService::ReadLessons(Transaction& tx, const LessonsQuery& query) {
  RecordQuery q;
  if (query.theme) q.equal.push_back({"theme", std::string(LessonThemeId(*query.theme))});
  if (query.stage) q.equal.push_back({"stage", std::string(StageId(*query.stage))});
  q.limit = query.limit;
  q.offset = query.offset;
  ASSIGN_OR_RETURN(auto found, ListRecords(tx, LessonRecord(), q));
  ASSIGN_OR_RETURN(auto inspections, ListInspections(tx));
  std::map<int64_t, const Inspection*> by_id;
  for (const auto& i : inspections) by_id[i.id] = &i;
  LessonsPage page;
  page.total = found.total;
  std::map<int64_t, std::set<Focus>> focus_of;  // by proposal
  for (auto& lesson : found.items) {
    LessonEntry e;
    e.lesson = std::move(lesson);
    auto it = by_id.find(e.lesson.inspection_id);
    if (it != by_id.end()) {
      const Inspection& i = *it->second;
      e.inspection_title = i.title;
      e.lead_inspectorate_id = i.lead_inspectorate_id;
      e.participating = i.participating;
      if (i.proposal_id) {
        if (!focus_of.count(*i.proposal_id)) {
          auto p = GetProposal(tx, *i.proposal_id);
          focus_of[*i.proposal_id] = p.ok() ? p->focus : std::set<Focus>{};
        }
        e.focus = focus_of[*i.proposal_id];
      }
    }
    page.items.push_back(std::move(e));
  }
  ASSIGN_OR_RETURN(page.inspectorates, ListInspectorates(tx));
  return page;
}

Status InspectionService::ReadEarlierLessons(Transaction& tx, const Caller& caller,
                                             InspectionView& v) {
  v.evaluator = EvaluatorOf(caller, v.inspection, v.team);
  ASSIGN_OR_RETURN(v.reads_lessons, ReadsLessons(tx, caller));
  if (!v.reads_lessons) return OkStatus();
  ASSIGN_OR_RETURN(LessonsPage all, ReadLessons(tx, LessonsQuery{}));
  const std::set<Focus> focus = v.proposal ? v.proposal->focus : std::set<Focus>{};
  v.earlier_lessons =
      MostRelevantLessons(v.inspection, focus, std::move(all.items), kLessonsWhenScoping);
  return OkStatus();
}

StatusOr<LessonsPage> InspectionService::Lessons(const Caller& caller, const LessonsQuery& query) {
  LessonsPage page;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(bool reads, ReadsLessons(tx, caller));
    RETURN_IF_ERROR(CheckMayReadLessons(caller, reads));
    ASSIGN_OR_RETURN(page, ReadLessons(tx, query));
    return OkStatus();
  }));
  return page;
}

StatusOr<Lesson> InspectionService::GetLesson(const Caller& caller, int64_t id) {
  Lesson out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(bool reads, ReadsLessons(tx, caller));
    RETURN_IF_ERROR(CheckMayReadLessons(caller, reads));
    ASSIGN_OR_RETURN(out, GetRecord(tx, LessonRecord(), id));
    return OkStatus();
  }));
  return out;
}

StatusOr<Evaluation> InspectionService::AddEvaluation(const Caller& caller, int64_t inspection_id,
                                                      Evaluation e) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  e.inspection_id = inspection_id;
  e.evaluator_id = caller.user_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    ASSIGN_OR_RETURN(EvaluatorStanding standing, CheckEvaluator(caller, c.inspection, c.team));
    e.capacity = standing.capacity;
    e.inspectorate_id = standing.inspectorate_id;
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kFindings));
    ASSIGN_OR_RETURN(auto given, PartsOf(tx, EvaluationRecord(), inspection_id));
    RETURN_IF_ERROR(
        MergeFieldErrors(evaluations_.Validate(nullptr, e), CheckOneEvaluationPerTheme(given, e)));
    return evaluations_.CreateIn(tx, caller, e);
  }));
  return e;
}

StatusOr<Evaluation> InspectionService::UpdateEvaluation(
    const Caller& caller, int64_t id, int64_t version,
    const std::function<Status(Evaluation&)>& change) {
  auto own = [this, &caller](Transaction& tx, const Context& c, const Evaluation& e) {
    RETURN_IF_ERROR(OwnEvaluation(caller, e));
    return CheckStage(tx, c, InspectionStage::kFindings);
  };
  auto apply = [&](Transaction& tx, const Context&, const Evaluation& before,
                   Evaluation& x) -> Status {
    RETURN_IF_ERROR(change(x));
    ASSIGN_OR_RETURN(auto given, PartsOf(tx, EvaluationRecord(), before.inspection_id));
    return MergeFieldErrors(evaluations_.Validate(&before, x),
                            CheckOneEvaluationPerTheme(given, x));
  };
  return UpdatePart<Evaluation>(caller, evaluations_, "evaluation", own, id, version, apply);
}

Status InspectionService::DeleteEvaluation(const Caller& caller, int64_t id, int64_t version) {
  auto own = [this, &caller](Transaction& tx, const Context& c, const Evaluation& e) {
    RETURN_IF_ERROR(OwnEvaluation(caller, e));
    return CheckStage(tx, c, InspectionStage::kFindings);
  };
  return DeletePart<Evaluation>(caller, evaluations_, "evaluation", own, id, version);
}

StatusOr<Lesson> InspectionService::AddLesson(const Caller& caller, int64_t inspection_id,
                                              Lesson lesson) {
  RETURN_IF_ERROR(Require(caller, Permission::kRunInspections));
  lesson.inspection_id = inspection_id;
  // Its shape first: a refused form opens no write.
  RETURN_IF_ERROR(lessons_.Validate(nullptr, lesson));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(Context c, Load(tx, caller, inspection_id));
    RETURN_IF_ERROR(CheckLeadTeam(c.standing));
    RETURN_IF_ERROR(CheckStage(tx, c, InspectionStage::kFindings));
    return lessons_.CreateIn(tx, caller, lesson);
  }));
  return lesson;
}

StatusOr<Lesson> InspectionService::UpdateLesson(const Caller& caller, int64_t id, int64_t version,
                                                 const std::function<Status(Lesson&)>& change) {
  auto apply = [&](Transaction&, const Context&, const Lesson& before, Lesson& x) -> Status {
    RETURN_IF_ERROR(change(x));
    return lessons_.Validate(&before, x);
  };
  // Stage 5's record is settled once the report is published.
  auto settled = [this](Transaction& tx, const Context& c, const Lesson& x) -> Status {
    RETURN_IF_ERROR(LeadTeam<Lesson>(tx, c, x));
    return CheckStage(tx, c, InspectionStage::kFindings);
  };
  return UpdatePart<Lesson>(caller, lessons_, "lesson", settled, id, version, apply);
}

Status InspectionService::DeleteLesson(const Caller& caller, int64_t id, int64_t version) {
  // Stage 5's record is settled once the report is published.
  auto settled = [this](Transaction& tx, const Context& c, const Lesson& x) -> Status {
    RETURN_IF_ERROR(LeadTeam<Lesson>(tx, c, x));
    return CheckStage(tx, c, InspectionStage::kFindings);
  };
  return DeletePart<Lesson>(caller, lessons_, "lesson", settled, id, version);
}

}  // namespace jointly
