// /api/v1 routes of inspections: the inspection and its team, its parts
// described once (terms of reference, methods, red lines, liaison, key
// dates, tasks), the joint decisions it asks for, and the public list of
// inspections in progress. Every route here is documented in
// inspection_openapi.cc.
#include "documents/icalendar.h"
#include "features/inspection/inspection_feature.h"
#include "web/body_query.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

json ViewJson(const InspectionView& v) {
  json team = json::array();
  for (const auto& m : v.team) team.push_back(ToJson(m));
  json pending = json::array();
  for (const auto& p : v.pending) {
    pending.push_back({{"id", p.id}, {"kind", p.kind}, {"awaiting", p.awaiting}});
  }
  json stages = json::array();
  for (const auto& s : v.stages) {
    json checks = json::array();
    for (const auto& c : s.checks) {
      json check = {{"label", c.label}, {"done", c.done}, {"rule", c.rule}};
      if (c.agreement) check["agreement"] = AgreementId(*c.agreement);
      if (c.again) check["again"] = true;
      checks.push_back(std::move(check));
    }
    stages.push_back({{"number", StageNumber(s.stage)},
                      {"name", InspectionStageLabel(s.stage)},
                      {"progress", StageProgressId(s.progress)},
                      {"checks", checks}});
  }
  json letters = json::array();
  for (const auto& l : v.letters) {
    json j = RecordJson(LetterRecord(), l);
    auto it = v.letter_agreements.find(l.id);
    j["authorisation"] =
        AgreementId(it == v.letter_agreements.end() ? Agreement::kNotAsked : it->second);
    letters.push_back(std::move(j));
  }
  json sendings = json::array();
  for (const auto& x : v.sendings) sendings.push_back(ToJson(x));
  json published = nullptr;
  if (v.published) {
    published = {{"terms_version", v.published->terms_version},
                 {"published_at", v.published->published_at}};
  }
  json site_warnings = json::array();
  for (const auto& [site, warnings] : v.site_warnings) {
    site_warnings.push_back({{"site_id", site}, {"warnings", warnings}});
  }
  json out = {{"inspection", ToJson(v.inspection)},
              {"team", team},
              {"terms", RecordJson(TermsRecord(), v.terms)},
              {"methods", RecordsJson(MethodPlanRecord(), v.methods)},
              {"red_lines", RecordsJson(RedLineRecord(), v.red_lines)},
              {"liaison", RecordsJson(LiaisonRecord(), v.liaison)},
              {"key_dates", RecordsJson(KeyDateRecord(), v.key_dates)},
              {"tasks", RecordsJson(TaskRecord(), v.tasks)},
              {"terms_agreement", AgreementId(v.terms_agreement)},
              {"timetable_agreement", AgreementId(v.timetable_agreement)},
              {"sites_agreement", AgreementId(v.sites_agreement)},
              {"pending_decisions", pending},
              {"published", published},
              {"warnings", v.warnings},
              {"stages", stages},
              {"sites", RecordsJson(SiteRecord(), v.sites)},
              {"letters", letters},
              {"sendings", sendings},
              {"site_warnings", site_warnings}};
  out.update(FieldworkJson(v));
  out.update(FindingsJson(v));
  out.update(ReportJson(v));
  return out;
}

static StatusOr<std::string> TimetableCalendar(const InspectionView& v, const std::string& host,
                                               int64_t now_micros) {
  CalendarFile file;
  file.name = "Joint inspection of " + v.inspection.title;
  for (const auto& k : v.key_dates) {
    CalendarEvent e;
    e.uid = "inspection-" + std::to_string(v.inspection.id) + "-date-" + std::to_string(k.id) +
            "@" + host;
    e.sequence = static_cast<int>(k.version);
    e.first_day = Date::ParseOrNone(k.starts_on);
    e.last_day = k.ends_on.empty() ? e.first_day : Date::ParseOrNone(k.ends_on);
    e.summary = k.title;
    e.description =
        std::string(KeyDateKindLabel(k.kind)) + ", joint inspection of " + v.inspection.title;
    e.location = k.place;
    e.categories = {std::string(KeyDateKindLabel(k.kind))};
    file.events.push_back(std::move(e));
  }
  return ToICalendar(file, now_micros);
}

void InspectionFeature::SendTimetable(const Request& req, Response& res, RequestContext& ctx,
                                      Surface surface) {
  auto id = PathId(req);
  if (!id) return Fail(req, res, surface, ctx, NotFound("No such inspection"));
  auto v = inspections_.ViewInspection(ctx.caller, *id);
  if (!v.ok()) return Fail(req, res, surface, ctx, v.status());
  std::string host = PublicBase(req);
  if (auto at = host.find("://"); at != std::string::npos) host = host.substr(at + 3);
  if (auto colon = host.find_first_of(":/"); colon != std::string::npos) host.resize(colon);
  auto ics = TimetableCalendar(*v, host, clock_.NowMicros());
  if (!ics.ok()) return Fail(req, res, surface, ctx, ics.status());
  Download(res, *ics, kICalendarMediaType,
           "timetable-" + std::to_string(*id) + std::string(kICalendarExtension));
}

void InspectionFeature::SendLetterDocument(const Request& req, Response& res, RequestContext& ctx,
                                           Surface surface, size_t letter_capture) {
  auto id = PathId(req, letter_capture);
  if (!id) return Fail(req, res, surface, ctx, NotFound("No such letter"));
  auto file = inspections_.LetterOf(ctx.caller, *id);
  if (!file.ok()) return Fail(req, res, surface, ctx, file.status());
  // A page's link names the letter's inspection: another's is no such letter.
  if (letter_capture > 1 && PathId(req) != file->parts.letter.inspection_id) {
    return Fail(req, res, surface, ctx,
                NotFound("No commissioning letter with reference " + std::to_string(*id)));
  }
  SendDocument(res, LetterDocument(file->parts), req.Capture(letter_capture + 1), file->file_stem);
}

void InspectionFeature::RegisterInspectionApi() {
  const auto api = Surface::kApi;
  Route("GET", R"(/api/v1/inspections/(\d+)/timetable\.ics)", api, Permission::kSignedIn,
        [this, api](const Request& req, Response& res, RequestContext& ctx) {
          SendTimetable(req, res, ctx, api);
        });

  Route("GET", "/api/v1/inspections", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto page = inspections_.ViewInspections(ctx.caller);
          if (!page.ok()) return SendProblem(res, page.status());
          SendJson(res, 200,
                   SlicePage(page->inspections, paging->limit, paging->offset, [](const auto& l) {
                     json j = ToJson(l.inspection);
                     j["terms_published"] = l.terms_published;
                     return j;
                   }));
        });
  Route("POST", "/api/v1/inspections", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          StartInspection start;
          if (auto v = in.NullableInt("proposal_id", 1, INT64_MAX)) start.proposal_id = *v;
          if (auto v = in.String("title", kMaxInspectionTitle)) start.title = *v;
          if (auto v = in.Int("lead_inspectorate_id", 1, INT64_MAX)) {
            start.lead_inspectorate_id = *v;
          }
          if (auto v = in.IdArray("participating", 20)) start.participating = *v;
          if (auto v = in.IdArray("partners", 20)) start.partners = *v;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto made = inspections_.Start(ctx.caller, start);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 201, ToJson(*made));
        });
  Route("GET", R"(/api/v1/inspections/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto v = inspections_.ViewInspection(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ViewJson(*v));
        });
  Route("POST", R"(/api/v1/inspections/(\d+)/team)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          JsonObjectReader in(req.body);
          TeamMember m;
          if (auto v = in.Int("user_id", 1, INT64_MAX, true)) m.user_id = *v;
          if (auto v = in.Int("inspectorate_id", 1, INT64_MAX, true)) m.inspectorate_id = *v;
          if (auto v = in.String("role", 40, true)) {
            if (auto role = ParseTeamRole(*v)) {
              m.role = *role;
            } else {
              in.AddError("role", "one-of",
                          "\"role\" is lead_inspector, senior_overseer or team_member");
            }
          }
          if (auto v = in.String("reason", kMaxReason)) m.reason = *v;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto made = inspections_.Appoint(ctx.caller, *id, m);
          if (!made.ok()) return SendProblem(res, made.status());
          SendJson(res, 201, ToJson(*made));
        });
  Route("DELETE", R"(/api/v1/inspections/(\d+)/team/(\d+))", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto member = PathId(req, 2);
          if (!id || !member) return SendProblem(res, NotFound("No such member of the team"));
          Status s = inspections_.EndPlace(ctx.caller, *id, *member);
          if (!s.ok()) return SendProblem(res, s);
          res.status = 204;
        });
  using Asker = StatusOr<DecisionView> (InspectionService::*)(const Caller&, int64_t);
  auto ask = [this](Asker asker) {
    return [this, asker](const Request& req, Response& res, RequestContext& ctx) {
      auto id = PathId(req);
      if (!id) return SendProblem(res, NotFound("No such inspection"));
      auto d = (inspections_.*asker)(ctx.caller, *id);
      if (!d.ok()) return SendProblem(res, d.status());
      SendJson(res, 201, ToJson(*d));
    };
  };
  Route("POST", R"(/api/v1/inspections/(\d+)/sign-off)", api, Permission::kRunInspections,
        ask(&InspectionService::AskSignOff));
  Route("POST", R"(/api/v1/inspections/(\d+)/timetable-agreement)", api,
        Permission::kRunInspections, ask(&InspectionService::AskTimetable));
  Route("POST", R"(/api/v1/inspections/(\d+)/sites-agreement)", api, Permission::kRunInspections,
        ask(&InspectionService::AskSites));
}

void InspectionFeature::RegisterPartsApi() {
  RegisterRecordApi<TermsOfReference>({
      .type = TermsRecord(),
      .path = "/inspections",
      .tag = "Inspections",
      .schema = "TermsOfReference",
      .words = "inspections' terms of reference",
      .item_suffix = "/terms",
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(TermsOfReference&)>& change) {
            return inspections_.UpdateTerms(c, id, version, change);
          },
  });
  RegisterRecordApi<MethodPlan>({
      .type = MethodPlanRecord(),
      .path = "/inspection-methods",
      .tag = "Inspections",
      .schema = "InspectionMethod",
      .words = "methods an inspection uses",
      .create_path = "/inspections/{id}/methods",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       MethodPlan m) { return inspections_.AddMethod(c, m.inspection_id, m); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(MethodPlan&)>& change) {
            return inspections_.UpdateMethod(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteMethod(c, id, version); },
  });
  RegisterRecordApi<RedLine>({
      .type = RedLineRecord(),
      .path = "/red-lines",
      .tag = "Inspections",
      .schema = "RedLine",
      .words = "inspectorates' red lines on drafting",
      .create_path = "/inspections/{id}/red-lines",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       RedLine r) { return inspections_.AddRedLine(c, r.inspection_id, r); },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteRedLine(c, id, version); },
  });
  RegisterRecordApi<Liaison>({
      .type = LiaisonRecord(),
      .path = "/stakeholder-liaison",
      .tag = "Inspections",
      .schema = "StakeholderLiaison",
      .words = "records of stakeholder liaison",
      .create_path = "/inspections/{id}/liaison",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Liaison l) { return inspections_.AddLiaison(c, l.inspection_id, l); },
  });
  RegisterRecordApi<KeyDate>({
      .type = KeyDateRecord(),
      .path = "/key-dates",
      .tag = "Inspections",
      .schema = "KeyDate",
      .words = "key dates of inspections' timetables",
      .create_path = "/inspections/{id}/key-dates",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       KeyDate k) { return inspections_.AddKeyDate(c, k.inspection_id, k); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(KeyDate&)>& change) {
            return inspections_.UpdateKeyDate(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteKeyDate(c, id, version); },
  });
  RegisterRecordApi<Task>({
      .type = TaskRecord(),
      .path = "/project-tasks",
      .tag = "Inspections",
      .schema = "ProjectTask",
      .words = "tasks of inspections' project plans",
      .create_path = "/inspections/{id}/tasks",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Task t) { return inspections_.AddTask(c, t.inspection_id, t); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Task&)>& change) {
            return inspections_.UpdateTask(c, id, version, change);
          },
  });
}

void InspectionFeature::RegisterLettersApi() {
  const auto api = Surface::kApi;
  RegisterRecordApi<FieldworkSite>({
      .type = SiteRecord(),
      .path = "/fieldwork-sites",
      .tag = "Inspections",
      .schema = "FieldworkSite",
      .words = "fieldwork sites of inspections",
      .create_path = "/inspections/{id}/sites",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       FieldworkSite x) { return inspections_.AddSite(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(FieldworkSite&)>& change) {
            return inspections_.UpdateSite(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return inspections_.DeleteSite(c, id, version); },
  });
  RegisterRecordApi<Letter>({
      .type = LetterRecord(),
      .path = "/commissioning-letters",
      .tag = "Inspections",
      .schema = "CommissioningLetter",
      .words = "commissioning letters",
      .create_path = "/inspections/{id}/letters",
      .parent_field = "inspection_id",
      .create = [this](const Caller& c,
                       Letter x) { return inspections_.AddLetter(c, x.inspection_id, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Letter&)>& change) {
            return inspections_.UpdateLetter(c, id, version, change);
          },
  });
  Route("POST", R"(/api/v1/commissioning-letters/(\d+)/authorisation)", api,
        Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such letter"));
          auto d = inspections_.AskLetterAuthorisation(ctx.caller, *id);
          if (!d.ok()) return SendProblem(res, d.status());
          SendJson(res, 201, ToJson(*d));
        });
  Route("GET", R"(/api/v1/commissioning-letters/(\d+)/letter\.(docx|pdf))", api,
        Permission::kSignedIn, [this, api](const Request& req, Response& res, RequestContext& ctx) {
          SendLetterDocument(req, res, ctx, api, 1);
        });
  Route("POST", R"(/api/v1/commissioning-letters/(\d+)/sendings)", api, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such letter"));
          auto sent = inspections_.SendLetter(ctx.caller, *id);
          if (!sent.ok()) return SendProblem(res, sent.status());
          SendJson(res, 201, ToJson(*sent));
        });
  Route("POST", R"(/api/v1/commissioning-letters/(\d+)/withdrawal)", api,
        Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such letter"));
          JsonObjectReader in(req.body);
          std::string reason;
          if (auto v = in.String("reason", kMaxReason)) reason = *v;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto withdrawn = inspections_.WithdrawLetter(ctx.caller, *id, reason);
          if (!withdrawn.ok()) return SendProblem(res, withdrawn.status());
          SendJson(res, 200, ToJson(*withdrawn));
        });
}

void InspectionFeature::RegisterPublicApi() {
  const auto api = Surface::kApi;
  Route("GET", "/api/v1/public/inspections-in-progress", api, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext&) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto all = inspections_.PublishedList();
          if (!all.ok()) return SendProblem(res, all.status());
          SendJson(res, 200, SlicePage(*all, paging->limit, paging->offset));
        });
  Route("GET", R"(/api/v1/public/inspections-in-progress/(\d+))", api, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext&) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto p = inspections_.Published(*id);
          if (!p.ok()) return SendProblem(res, p.status());
          SendJson(res, 200, ToJson(*p));
        });
}

}  // namespace jointly::web
