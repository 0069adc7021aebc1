// /api/v1 routes of programme planning. Every route here is described in
// openapi.json.
#include "core/text.h"
#include "documents/documents.h"
#include "domain/csv.h"
#include "features/programme/programme_feature.h"
#include "features/programme/programme_forms.h"
#include "service/programme_json.h"
#include "web/body_query.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// Reads the proposal's fields onto `p`; `partial` leaves absent ones.
void ReadProposal(JsonObjectReader& in, Proposal& p, bool partial) {
  if (auto v = in.String("title", 200, !partial)) p.title = *v;
  if (auto v = in.String("summary", 4000)) p.summary = *v;
  if (auto v = in.String("background", 10000)) p.background = *v;
  if (auto v = in.String("scope_and_purpose", 10000)) p.scope_and_purpose = *v;
  if (auto v = in.String("main_question", 1000)) p.main_question = *v;
  if (auto v = in.String("specialist_skills", 2000)) p.specialist_skills = *v;
  bool part_given = false;
  if (auto v = in.String("type", 40, !partial)) {
    if (auto t = ParseWorkType(*v)) {
      p.type = *t;
    } else {
      in.AddError("type", "R7",
                  "\"type\" must be core, joint_thematic, collaborative, scoping_study or other");
    }
  }
  if (auto v = in.String("origin", 40)) {
    if (auto o = ParseOrigin(*v)) {
      p.origin = *o;
    } else {
      in.AddError("origin", "one-of",
                  "\"origin\" must be pre_existing_commitment, consultation, "
                  "commissioned_by_minister or inspectorate_proposal");
    }
  }
  if (auto v = in.String("part", 40)) {
    part_given = true;
    if (auto part = ParsePart(*v)) {
      p.part = *part;
    } else {
      in.AddError("part", "R7",
                  "\"part\" must be continuing_commitments, new_inspections, "
                  "collaborative_work, scoping or other_programmes");
    }
  }
  if (!part_given && !partial) p.part = DefaultPart(p.origin, p.type);
  if (auto v = in.String("status", 40)) {
    if (auto s = ParseProposalStatus(*v)) {
      p.status = *s;
    } else {
      in.AddError("status", "one-of",
                  "\"status\" must be long_list, programmed, in_progress, completed or withdrawn");
    }
  }
  if (auto v = in.Int("duration_quarters", -1000000, 1000000, !partial)) {
    p.duration_quarters = static_cast<int>(*v);
  }
  if (in.Has("earliest_start")) {
    const json* v = in.Value("earliest_start");
    if (v->is_null()) {
      p.earliest_start = 0;
    } else if (!v->is_string() || !ParseQuarter(v->get<std::string>())) {
      in.AddError("earliest_start", "quarter",
                  "\"earliest_start\" must be a quarter such as \"" + std::string(kQuarterExample) +
                      "\", or null");
    } else {
      p.earliest_start = *ParseQuarter(v->get<std::string>());
    }
  }
  if (auto v = in.Bool("contributes_to_improvement")) p.contributes_to_improvement = *v;
  if (auto v = in.Bool("outcome_focused")) p.outcome_focused = *v;
  if (auto v = in.Bool("user_perspective")) p.user_perspective = *v;
  if (auto focus = in.StringArray("focus", 7, 40)) {
    p.focus.clear();
    for (size_t i = 0; i < focus->size(); ++i) {
      if (auto parsed = ParseFocus((*focus)[i])) {
        p.focus.insert(*parsed);
      } else {
        in.AddError("focus[" + std::to_string(i) + "]", "R5",
                    "\"" + (*focus)[i] + "\" is not a high-level process or cross-cutting issue");
      }
    }
  }
  if (auto ids = in.IdArray("clashes_with", 200)) p.clashes_with = *ids;
  std::vector<Participation> participants;
  if (in.ObjectArray("participants", 0, 20, !partial, [&](JsonObjectReader& item, size_t) {
        Participation part;
        if (auto v = item.Int("inspectorate_id", 1, INT64_MAX, true)) part.inspectorate_id = *v;
        if (auto v = item.String("involvement", 40)) {
          if (auto inv = ParseInvolvement(*v)) {
            part.involvement = *inv;
          } else {
            item.AddError("involvement", "one-of",
                          "\"involvement\" must be lead, joint_lead, support or contribute");
          }
        }
        // Out of range is the domain's to name, with the inspectorate.
        if (auto v = item.Int("effort_days", INT64_MIN, INT64_MAX)) {
          part.effort_days = static_cast<int>(std::clamp<int64_t>(*v, -1, kMaxEffortDays + 1));
        }
        participants.push_back(part);
      })) {
    p.participants = std::move(participants);
  }
}

}  // namespace

void ProgrammeFeature::RegisterProposalApi() {
  const auto api = Surface::kApi;

  // Proposals.
  Route("GET", "/api/v1/proposals", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto filter = ReadProposalFilter(req, EmptyFilter::kRefused);
          if (!filter.ok()) return SendProblem(res, filter.status());
          auto list = programme_.Proposals(ctx.caller, filter->filter, filter->criteria_set_id,
                                           filter->paging.limit, filter->paging.offset);
          if (!list.ok()) return SendProblem(res, list.status());
          SendPage(res, list->items, list->total, filter->paging.limit, filter->paging.offset);
        });
  Route("POST", "/api/v1/proposals", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          Proposal p;
          ReadProposal(in, p, false);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto created = programme_.CreateProposal(ctx.caller, p);
          if (!created.ok()) return SendProblem(res, created.status());
          res.SetHeader("Location", "/api/v1/proposals/" + std::to_string(created->id));
          SendJson(res, 201, ToJson(*created));
        });
  Route("GET", R"(/api/v1/proposals/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such proposal"));
          auto v = programme_.GetProposal(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ToJson(*v));
        });
  Route("PATCH", R"(/api/v1/proposals/(\d+))", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such proposal"));
          auto current = programme_.GetProposal(ctx.caller, *id);
          if (!current.ok()) return SendProblem(res, current.status());
          Proposal p = current->proposal;
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          ReadProposal(in, p, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          p.version = *version;
          auto updated = programme_.UpdateProposal(ctx.caller, p);
          if (!updated.ok()) return SendProblem(res, updated.status());
          SendJson(res, 200, ToJson(*updated));
        });
  Route("GET", R"(/api/v1/proposals/(\d+)/scores)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such proposal"));
          auto filter = ReadProposalFilter(req, EmptyFilter::kRefused);
          if (!filter.ok()) return SendProblem(res, filter.status());
          auto scores = programme_.Scores(ctx.caller, *id, filter->criteria_set_id);
          if (!scores.ok()) return SendProblem(res, scores.status());
          SendJson(res, 200, ToJson(*scores));
        });
  Route("PUT", R"(/api/v1/proposals/(\d+)/scores)", api, Permission::kScoreProposals,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such proposal"));
          JsonObjectReader in(req.body);
          auto set_id = in.Int("criteria_set_id", 1, INT64_MAX);
          CriterionScores scores;
          if (const json* v = in.Value("scores", true)) {
            if (!v->is_object() || v->size() > kMaxCriteria) {
              in.AddError("scores", "type",
                          "\"scores\" must be an object of criterion id to a score from 0 to 5");
            } else {
              for (auto it = v->begin(); it != v->end(); ++it) {
                auto criterion = ParseInt(it.key(), 1, INT64_MAX);
                if (!criterion || !it.value().is_number_integer()) {
                  in.AddError("scores." + it.key(), "type",
                              "Each score is a whole number from 0 to 5 keyed by criterion id");
                  continue;
                }
                scores[*criterion] =
                    static_cast<int>(std::clamp<int64_t>(it.value().get<int64_t>(), -1, 6));
              }
            }
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto result = programme_.SubmitScores(ctx.caller, *id, scores, set_id.value_or(0));
          if (!result.ok()) return SendProblem(res, result.status());
          SendJson(res, 200, ToJson(*result));
        });
  Route("POST", R"(/api/v1/proposals/(\d+)/force)", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such proposal"));
          JsonObjectReader in(req.body);
          auto forced = in.String("forced", 10, true);
          auto reason = in.String("reason", 2000);
          std::optional<Forced> parsed;
          if (forced && !(parsed = ParseForced(*forced))) {
            in.AddError("forced", "R3", "\"forced\" must be in, out or none");
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto d = programme_.ProposeForce(ctx.caller, *id, *parsed, reason.value_or(""));
          if (!d.ok()) return SendProblem(res, d.status());
          SendJson(res, 201, ToJson(*d));
        });
}

void ProgrammeFeature::RegisterCriteriaSetApi() {
  const auto api = Surface::kApi;

  // Criteria sets.
  Route("GET", "/api/v1/criteria-sets", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto sets = programme_.CriteriaSets(ctx.caller);
          if (!sets.ok()) return SendProblem(res, sets.status());
          SendJson(res, 200, SlicePage(*sets, paging->limit, paging->offset));
        });
  Route("GET", R"(/api/v1/criteria-sets/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such criteria set"));
          auto set = programme_.GetCriteriaSet(ctx.caller, *id);
          if (!set.ok()) return SendProblem(res, set.status());
          SendJson(res, 200, ToJson(*set));
        });
  Route("POST", "/api/v1/criteria-sets", api, Permission::kEditReferenceData,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          CriteriaSet set;
          if (auto v = in.String("code", 40, true)) set.code = *v;
          if (auto v = in.String("name", 200, true)) set.name = *v;
          if (auto v = in.String("description", 2000)) set.description = *v;
          if (auto v = in.NullableInt("inspectorate_id", 1, INT64_MAX)) set.inspectorate_id = *v;
          ReadCriteria(in, set);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto created = programme_.CreateCriteriaSet(ctx.caller, set);
          if (!created.ok()) return SendProblem(res, created.status());
          SendJson(res, 201, ToJson(*created));
        });

  // Plans.
  Route("GET", "/api/v1/plans", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto plans = programme_.Plans(ctx.caller);
          if (!plans.ok()) return SendProblem(res, plans.status());
          // A summary of each: the programme and capacity are the plan's
          // own (GET /plans/{id}), not empty lists.
          json page = SlicePage(*plans, paging->limit, paging->offset);
          for (json& j : page["items"]) {
            j.erase("items");
            j.erase("capacity");
          }
          SendJson(res, 200, page);
        });
  Route("POST", "/api/v1/plans", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          Plan plan;
          if (auto v = in.Int("first_year", 2000, 2098, true))
            plan.first_year = static_cast<int>(*v);
          ReadPlanFields(in, plan);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto created = programme_.CreatePlan(ctx.caller, plan);
          if (!created.ok()) return SendProblem(res, created.status());
          SendJson(res, 201, ToJson(*created));
        });
  Route("GET", R"(/api/v1/plans/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto plan = programme_.GetPlan(ctx.caller, *id);
          if (!plan.ok()) return SendProblem(res, plan.status());
          SendJson(res, 200, ToJson(*plan));
        });
  Route("PATCH", R"(/api/v1/plans/(\d+))", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto current = programme_.GetPlan(ctx.caller, *id);
          if (!current.ok()) return SendProblem(res, current.status());
          Plan plan = *current;
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          ReadPlanFields(in, plan);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          plan.version = *version;
          auto updated = programme_.UpdatePlan(ctx.caller, plan);
          if (!updated.ok()) return SendProblem(res, updated.status());
          SendJson(res, 200, ToJson(*updated));
        });
}

void ProgrammeFeature::RegisterRunAndPlanActionApi() {
  const auto api = Surface::kApi;

  Route("POST", R"(/api/v1/plans/(\d+)/optimiser-runs)", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          JsonObjectReader in(req.body.empty() ? std::string("{}") : req.body);
          auto limit = in.Int("time_limit_seconds", -1000000, 1000000);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto run = programme_.StartRun(ctx.caller, *id, static_cast<int>(limit.value_or(10)));
          if (!run.ok()) return SendProblem(res, run.status());
          res.SetHeader("Location", "/api/v1/optimiser-runs/" + std::to_string(run->id));
          SendJson(res, 202, ToJson(*run));
        });
  Route("GET", R"(/api/v1/plans/(\d+)/optimiser-runs)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto runs = programme_.Runs(ctx.caller, *id);
          if (!runs.ok()) return SendProblem(res, runs.status());
          SendJson(res, 200, SlicePage(*runs, paging->limit, paging->offset));
        });
  Route("GET", R"(/api/v1/optimiser-runs/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such run"));
          auto run = programme_.GetRun(ctx.caller, *id);
          if (!run.ok()) return SendProblem(res, run.status());
          SendJson(res, 200, ToJson(*run));
        });
  Route("POST", R"(/api/v1/optimiser-runs/(\d+)/stop-improving)", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such run"));
          Status s = programme_.StopImproving(ctx.caller, *id);
          if (!s.ok()) return SendProblem(res, s);
          auto run = programme_.GetRun(ctx.caller, *id);
          if (!run.ok()) return SendProblem(res, run.status());
          SendJson(res, 202, ToJson(*run));
        });
  Route("POST", R"(/api/v1/optimiser-runs/(\d+)/adopt)", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such run"));
          auto d = programme_.ProposeAdoptRun(ctx.caller, *id);
          if (!d.ok()) return SendProblem(res, d.status());
          SendJson(res, 201, ToJson(*d));
        });
  Route("POST", R"(/api/v1/optimiser-runs/(\d+)/use-as-draft)", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such run"));
          auto plan = programme_.UseRunAsDraft(ctx.caller, *id);
          if (!plan.ok()) return SendProblem(res, plan.status());
          SendJson(res, 200, ToJson(*plan));
        });
  Route("POST", R"(/api/v1/plans/(\d+)/approval)", api, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto d = programme_.ProposePlanApproval(ctx.caller, *id);
          if (!d.ok()) return SendProblem(res, d.status());
          SendJson(res, 201, ToJson(*d));
        });
  Route("POST", R"(/api/v1/plans/(\d+)/send-to-ministers)", api, Permission::kPublishProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto plan = programme_.SendToMinisters(ctx.caller, *id);
          if (!plan.ok()) return SendProblem(res, plan.status());
          SendJson(res, 200, ToJson(*plan));
        });
  Route("POST", R"(/api/v1/plans/(\d+)/publish)", api, Permission::kPublishProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto plan = programme_.Publish(ctx.caller, *id);
          if (!plan.ok()) return SendProblem(res, plan.status());
          SendJson(res, 200, ToJson(*plan));
        });
  Route("GET", R"(/api/v1/plans/(\d+)/minister-comments)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto comments = programme_.Comments(ctx.caller, *id);
          if (!comments.ok()) return SendProblem(res, comments.status());
          SendJson(res, 200, SlicePage(*comments, paging->limit, paging->offset));
        });
  Route("POST", R"(/api/v1/plans/(\d+)/minister-comments)", api, Permission::kPublishProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          JsonObjectReader in(req.body);
          MinisterComment c;
          c.plan_id = *id;
          if (auto v = in.String("minister", 200, true)) c.minister = *v;
          if (auto v = in.String("received_on", 10, true)) c.received_on = Date::ParseOrNone(*v);
          if (auto v = in.String("comment", 10000, true)) c.comment = *v;
          if (auto v = in.String("response", 10000)) c.response = *v;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto created = programme_.AddComment(ctx.caller, c);
          if (!created.ok()) return SendProblem(res, created.status());
          SendJson(res, 201, ToJson(*created));
        });
  Route("PUT", R"(/api/v1/plans/(\d+)/minister-comments/(\d+)/response)", api,
        Permission::kPublishProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto plan = PathId(req, 1);
          auto comment = PathId(req, 2);
          if (!plan || !comment) return SendProblem(res, NotFound("No such comment"));
          JsonObjectReader in(req.body);
          // The answer's own rules (and their words) are the domain's.
          auto response = in.String("response", 1000000, true);
          auto version = in.Int("version", 1, INT64_MAX, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto answered =
              programme_.RespondToComment(ctx.caller, *plan, *comment, *response, *version);
          if (!answered.ok()) return SendProblem(res, answered.status());
          SendJson(res, 200, ToJson(*answered));
        });
}

void ProgrammeFeature::RegisterDocumentAndDecisionApi() {
  const auto api = Surface::kApi;

  // The business plan and the programme as files.
  Route("GET", R"(/api/v1/plans/(\d+)/business-plan\.(docx|pdf))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto doc = programme_.BusinessPlan(ctx.caller, *id);
          if (!doc.ok()) return SendProblem(res, doc.status());
          SendDocument(res, ToDocument(*doc), req.Capture(2),
                       "joint-inspection-business-plan-" + doc->year_label);
        });
  Route("GET", R"(/api/v1/plans/(\d+)/programme\.(xlsx|csv))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such plan"));
          auto plan = programme_.GetPlan(ctx.caller, *id);
          if (!plan.ok()) return SendProblem(res, plan.status());
          auto rows = programme_.ProgrammeRows(ctx.caller, *id);
          if (!rows.ok()) return SendProblem(res, rows.status());
          const std::string name = "joint-inspection-programme-" + plan->label();
          if (req.Capture(2) == "csv") {
            return Download(res, RowsToCsv(*rows), "text/csv; charset=utf-8", name + ".csv");
          }
          auto file = RenderXlsx("Programme " + plan->label(), *rows);
          if (!file.ok()) return SendProblem(res, file.status());
          Download(res, *file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   name + ".xlsx");
        });

  // Joint decisions.
  Route("GET", "/api/v1/decisions", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          const bool awaiting = req.HasParam("awaiting");
          if (awaiting && req.Param("awaiting") != "mine") {
            return SendProblem(res, std::move(InvalidArgument("Unknown filter", "one-of")
                                                  .AddFieldError("awaiting", "one-of",
                                                                 "\"awaiting\" can only be mine")));
          }
          auto list = decisions_.List(ctx.caller, awaiting);
          if (!list.ok()) return SendProblem(res, list.status());
          SendJson(res, 200, SlicePage(*list, paging->limit, paging->offset));
        });
  Route("GET", R"(/api/v1/decisions/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such decision"));
          auto d = decisions_.Get(ctx.caller, *id);
          if (!d.ok()) return SendProblem(res, d.status());
          SendJson(res, 200, ToJson(*d));
        });
  Route("POST", R"(/api/v1/decisions/(\d+)/responses)", api, Permission::kAnswerDecisions,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such decision"));
          JsonObjectReader in(req.body);
          auto agree = in.Bool("agree", true);
          auto reason = in.String("reason", 2000);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto d = decisions_.Respond(ctx.caller, *id, *agree, reason.value_or(""));
          if (!d.ok()) return SendProblem(res, d.status());
          SendJson(res, 201, ToJson(*d));
        });
}

}  // namespace jointly::web
