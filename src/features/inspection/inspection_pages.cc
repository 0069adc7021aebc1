// The GOV.UK pages of inspections: the list and starting one, each
// inspection's overview with the task list of its eight stages, its team,
// terms of reference (with methods, red lines and stakeholder liaison),
// timetable and project plan, and the public pages of inspections in
// progress.
#include <algorithm>
#include <set>

#include "core/enum_ids.h"
#include "domain/stage_notes.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/record_form.h"

namespace jointly::web {

using nlohmann::json;
using namespace inspection_pages;  // NOLINT(google-build-using-namespace)

namespace {

const std::vector<std::pair<std::string, std::string>> kPages = {
    {"overview", "Overview"},
    {"team", "Team"},
    {"terms", "Terms of reference"},
    {"timetable", "Timetable"},
    {"sites", "Sites and letters"},
    {"fieldwork", "Fieldwork"},
    {"evidence", "Evidence"},
    {"findings", "Emerging findings"},
    {"evaluation", "Evaluation"},
    {"report", "Report"},
    {"recommendations", "Findings and recommendations"},
    {"media", "Publication and media"},
    {"publication", "Publication"},
    {"retention", "Retention"},
    {"plan", "Project plan"},
};

std::string PagePath(int64_t id, const std::string& which) {
  return "/inspections/" + std::to_string(id) + (which == "overview" ? "" : "/" + which);
}

}  // namespace

void InspectionFeature::ListPage(const Request& req, Response& res, RequestContext& ctx,
                                 const Status& error) {
  const auto page = Surface::kPage;
  auto shown = inspections_.ViewInspections(ctx.caller);
  if (!shown.ok()) return Fail(req, res, page, ctx, shown.status());
  json d = Base(ctx, "Inspections", "inspections");
  if (!error.ok()) AddErrors(d, error);
  json rows = json::array();
  for (const auto& l : shown->inspections) {
    rows.push_back(
        {{"id", l.inspection.id},
         {"title", l.inspection.title},
         {"lead", FullName(shown->inspectorates, l.inspection.lead_inspectorate_id)},
         {"others", NamesList(shown->inspectorates,
                              std::vector<int64_t>(l.inspection.participating.begin() + 1,
                                                   l.inspection.participating.end()))},
         {"started", InWords(l.inspection.started_on)},
         {"published", l.terms_published}});
  }
  d["has_inspections"] = !rows.empty();
  if (Status paged = ShowPageOf(req, "/inspections", std::move(rows), 20, d, "inspections");
      !paged.ok()) {
    return Fail(req, res, page, ctx, paged);
  }
  d["may_start"] = shown->may_start && !shown->startable.empty();
  std::vector<std::pair<std::string, std::string>> options = {{"", "Choose a work stream"}};
  for (const auto& p : shown->startable) {
    std::string lead;
    for (const auto& part : p.participants) {
      if (part.involvement == Involvement::kLead || part.involvement == Involvement::kJointLead) {
        lead = FullName(shown->inspectorates, part.inspectorate_id);
        break;
      }
    }
    options.emplace_back(std::to_string(p.id), p.title + (lead.empty() ? "" : " (" + lead + ")"));
  }
  d["f_proposal"] =
      FormField(d, "proposal_id", "Work stream", error.ok() ? "" : Param(req, "proposal_id"),
                "Programmed joint thematic inspections and scoping studies not yet started");
  d["f_proposal"]["options"] = Options(options, error.ok() ? "" : Param(req, "proposal_id"));
  Html(res, "inspections", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void InspectionFeature::RegisterListPages() {
  const auto page = Surface::kPage;
  Route("GET", "/inspections", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          ListPage(req, res, ctx, OkStatus());
        });
  Route("POST", "/inspections", page, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          StartInspection start;
          const std::string typed = Field(req, "proposal_id");
          auto id = WholeNumber(typed);
          if (!id || *id < 1) {
            return ListPage(req, res, ctx,
                            std::move(InvalidArgument("Choose a work stream", "required")
                                          .AddFieldError("proposal_id", "required",
                                                         "Choose the work stream to start")));
          }
          start.proposal_id = *id;
          auto made = inspections_.Start(ctx.caller, start);
          if (!made.ok()) {
            return ListPage(req, res, ctx, RenameFields(made.status(), [](const std::string&) {
                              return std::string("proposal_id");
                            }));
          }
          res.Redirect("/inspections/" + std::to_string(made->id) + "/team");
        });
}

namespace {

std::string UserName(const InspectionView& v, int64_t user) {
  auto it = v.people.find(user);
  return it == v.people.end() ? std::string("Someone no longer listed") : it->second;
}

// A joint decision that changed after the stage after it began, as a task
// on the overview: what changed, and what is to be agreed again.
json AgainTask(const InspectionView& v, const StageCheck& c) {
  struct Words {
    const char* part;
    const char* page;
    const char* what;
    const char* agree;
  };
  static const Words kWords[] = {
      {"terms", "terms", "The terms of reference changed after they were signed off", "sign off"},
      {"timetable", "timetable", "The timetable changed after it was agreed", "agree"},
      {"sites", "sites", "The set of fieldwork sites changed after it was agreed", "agree"},
      {"arrangements", "fieldwork", "The fieldwork arrangements changed after they were agreed",
       "agree"},
  };
  const int64_t version = c.part == "terms"       ? v.terms.version
                          : c.part == "timetable" ? v.inspection.timetable_version
                          : c.part == "sites"     ? v.inspection.sites_version
                                                  : v.arrangements.version;
  for (const auto& w : kWords) {
    if (c.part != w.part) continue;
    const std::string which = "version " + std::to_string(version);
    const std::string then =
        *c.agreement == Agreement::kAwaiting
            ? ": every inspectorate has been asked to " + std::string(w.agree) + " " + which
            : ": ask every inspectorate to " + std::string(w.agree) + " " + which;
    return {{"text", w.what + then},
            {"href", "/inspections/" + std::to_string(v.inspection.id) + "/" + w.page}};
  }
  return {{"text", c.label}, {"href", "/inspections/" + std::to_string(v.inspection.id)}};
}

void OverviewPage(json& d, const PageInput& in) {
  const auto& [v, req, sent, form, site_choices] = in;
  json stages = json::array();
  json again = json::array();
  for (size_t k = 0; k < v.stages.size(); ++k) {
    const StageStatus& s = v.stages[k];
    json checks = json::array();
    for (const auto& c : s.checks) {
      json check = {
          {"label", c.label}, {"done", c.done}, {"blocks", !c.rule.empty()}, {"again", c.again}};
      if (!c.page.empty()) check["href"] = PagePath(v.inspection.id, c.page);
      if (!c.counts) check["ahead"] = true;
      // A joint decision not yet taken says where it stands.
      if (c.agreement && !c.done) check["agreement"] = AgreementJson(*c.agreement);
      if (c.again) again.push_back(AgainTask(v, c));
      checks.push_back(std::move(check));
    }
    stages.push_back({{"number", StageNumber(s.stage)},
                      {"name", InspectionStageLabel(s.stage)},
                      {"progress", StageProgressLabel(s.progress)},
                      {"tag", TagClass(s.progress)},
                      {"note", StageNote(v.stages, k)},
                      {"checks", checks},
                      {"has_checks", !checks.empty()}});
  }
  d["stages"] = stages;
  d["again"] = again;
  d["has_again"] = !again.empty();
  if (v.proposal) d["proposal"] = {{"id", v.proposal->id}, {"title", v.proposal->title}};
}

void TeamPage(json& d, const PageInput& in) {
  const auto& [v, req, sent, form, site_choices] = in;
  json current = json::array();
  json past = json::array();
  for (const auto& m : v.team) {
    json row = {
        {"member_id", m.id},
        {"name", UserName(v, m.user_id)},
        {"inspectorate", FullName(v.inspectorates, m.inspectorate_id)},
        {"role", TeamRoleLabel(m.role)},
        {"joined", InWords(m.joined_on)},
        {"left", InWords(m.left_on)},
        {"reason", m.reason},
        {"removable", m.role == TeamRole::kTeamMember &&
                          (v.standing.steward || v.standing.inspectorate == m.inspectorate_id)}};
    (m.current() ? current : past).push_back(row);
  }
  d["has_current"] = !current.empty();
  d["current"] = current;
  d["past"] = past;
  d["has_past"] = !past.empty();
  json missing = json::array();
  for (const auto& [inspectorate, role] : MissingLeads(v.inspection, v.team)) {
    missing.push_back(FullName(v.inspectorates, inspectorate) + ": " +
                      std::string(TeamRoleLabel(role)));
  }
  d["has_missing"] = !missing.empty();
  d["missing"] = missing;
  std::vector<std::pair<std::string, std::string>> people = {{"", "Choose a person"}};
  for (const auto& p : v.candidates) {
    if (!v.standing.steward && p.inspectorate_id != v.standing.inspectorate) continue;
    people.emplace_back(
        std::to_string(p.id),
        p.name + " (" + FullName(v.inspectorates, p.inspectorate_id.value_or(0)) + ")");
  }
  d["may_appoint"] = people.size() > 1;
  const std::string typed_user = sent ? Param(req, "user_id") : "";
  d["f_user"] = FormField(d, "user_id", "Person", typed_user);
  d["f_user"]["options"] = Options(people, typed_user);
  std::vector<std::pair<std::string, std::string>> roles;
  for (TeamRole r : kAllTeamRoles) roles.emplace_back(TeamRoleId(r), TeamRoleLabel(r));
  const std::string typed_role = sent ? Param(req, "role") : "lead_inspector";
  d["f_role"] = FormField(d, "role", "Place on the team", typed_role);
  d["f_role"]["options"] = Options(roles, typed_role);
  d["f_reason"] = FormField(d, "reason", "Reason for the change (if someone is replaced)",
                            sent ? Param(req, "reason") : "",
                            "A new lead inspector or senior overseer takes over from the one "
                            "before: say why, so the change is on record");
  DelegationsPart(d, v);
}

void TermsPage(json& d, const PageInput& in) {
  const auto& [v, req, sent, form, site_choices] = in;
  Typed typed;
  TermsOfReference terms = v.terms;
  if (sent && form == "terms") (void)ReadRecordForm(TermsRecord(), req, terms, typed);
  AddRecordFields(d, TermsRecord(), terms, typed);
  d["terms_version"] = v.terms.version;
  d["terms_form"] = {{"version", v.terms.version}};
  // R13: a draft may be saved with parts still to write, but is offered
  // for sign-off only once complete; until then the page says what is
  // missing.
  const Status ready = CheckReadyForSignOff(v.terms, v.methods);
  d["terms_ready"] = ready.ok();
  d["reads_lessons"] = v.reads_lessons;
  d["earlier_lessons"] = EarlierLessonsJson(v);
  json missing = json::array();
  for (const auto& e : ready.field_errors()) {
    missing.push_back({{"field", e.field}, {"message", e.message}});
  }
  d["terms_missing"] = missing;
  json methods = json::array();
  for (const auto& m : v.methods) {
    methods.push_back({{"mid", m.id},
                       {"method", MethodLabel(m.method)},
                       {"value_added", m.value_added},
                       {"presentation", m.presentation},
                       {"version", m.version}});
  }
  d["methods"] = methods;
  d["has_methods"] = !methods.empty();
  Typed typed_method;
  MethodPlan method;
  if (sent && form == "method") (void)ReadRecordForm(MethodPlanRecord(), req, method, typed_method);
  AddRecordFields(d, MethodPlanRecord(), method, typed_method);
  json lines = json::array();
  for (const auto& r : v.red_lines) {
    lines.push_back({{"rid", r.id},
                     {"inspectorate", FullName(v.inspectorates, r.inspectorate_id)},
                     {"text", r.text},
                     {"version", r.version},
                     {"mine", v.standing.inspectorate == r.inspectorate_id}});
  }
  d["red_lines"] = lines;
  d["has_red_lines"] = !lines.empty();
  Typed typed_line;
  RedLine line;
  if (sent && form == "red_line") (void)ReadRecordForm(RedLineRecord(), req, line, typed_line);
  AddRecordFields(d, RedLineRecord(), line, typed_line);
  json liaison = json::array();
  for (const auto& l : v.liaison) {
    liaison.push_back({{"held_on", InWords(l.held_on)},
                       {"inspectorate", FullName(v.inspectorates, l.inspectorate_id)},
                       {"with_whom", l.with_whom},
                       {"summary", l.summary}});
  }
  d["liaison"] = liaison;
  d["has_liaison"] = !liaison.empty();
  Typed typed_liaison;
  Liaison record;
  if (sent && form == "liaison") (void)ReadRecordForm(LiaisonRecord(), req, record, typed_liaison);
  AddRecordFields(d, LiaisonRecord(), record, typed_liaison);
}

void TimetablePage(json& d, const PageInput& in) {
  const auto& [v, req, sent, form, site_choices] = in;
  json dates = json::array();
  for (const auto& k : v.key_dates) {
    dates.push_back({{"kid", k.id},
                     {"kind", KeyDateKindLabel(k.kind)},
                     {"title", k.title},
                     {"when", InWords(k.starts_on) + (k.ends_on.empty() || k.ends_on == k.starts_on
                                                          ? ""
                                                          : " to " + InWords(k.ends_on))},
                     {"place", k.place},
                     {"version", k.version}});
  }
  d["key_dates"] = dates;
  d["has_key_dates"] = !dates.empty();
  d["warnings"] = v.warnings;
  d["has_warnings"] = !v.warnings.empty();
  Typed typed;
  KeyDate date;
  if (sent && form == "key_date") (void)ReadRecordForm(KeyDateRecord(), req, date, typed);
  AddRecordFields(d, KeyDateRecord(), date, typed);
}

// A key date of the timetable, to change it.
void KeyDateChangePage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const int64_t kid = PathId(in.req, 2).value_or(0);
  d["back"] = "/inspections/" + std::to_string(v.inspection.id) + "/timetable";
  for (const auto& k : v.key_dates) {
    if (k.id != kid) continue;
    d["title"] = "Change a key date: " + v.inspection.title;
    d["key_date"] = {{"kid", k.id}, {"title", k.title}, {"version", k.version}};
    Typed typed;
    KeyDate shown = k;
    if (in.sent && in.form == "key_date_update") {
      (void)ReadRecordForm(KeyDateRecord(), in.req, shown, typed);
    }
    AddRecordFields(d, KeyDateRecord(), shown, typed);
  }
}

// After a letter's withdrawal (the address names it): the next steps, to
// change fieldwork at its site and then write a new letter, as links.
void AfterWithdrawal(json& d, const PageInput& in, const std::map<int64_t, std::string>& site_names,
                     const std::map<int64_t, bool>& site_may_change) {
  const InspectionView& v = in.v;
  if (Param(in.req, "done") != "letter-withdrawn") return;
  const auto lid = WholeNumber(Param(in.req, "withdrawn"));
  const auto letter = std::find_if(v.letters.begin(), v.letters.end(),
                                   [&](const Letter& l) { return lid && l.id == *lid; });
  if (letter == v.letters.end() || !site_names.count(letter->site_id)) return;
  const std::string at = "/inspections/" + std::to_string(v.inspection.id) + "/sites";
  const std::string sid = std::to_string(letter->site_id);
  const std::string& name = site_names.at(letter->site_id);
  json steps = json::array();
  if (v.standing.lead_team && site_may_change.at(letter->site_id)) {
    steps.push_back({{"text", "Change fieldwork at " + name + " if the plans for it changed"},
                     {"href", at + "/" + sid}});
  }
  steps.push_back({{"text", "Write a new letter to " + name +
                                " and have every inspectorate "
                                "authorise it before it is sent"},
                   {"href", at + "?write=" + sid + "#write-letter"}});
  d["notice_steps"] = steps;
  d["has_notice_steps"] = true;
}

void SitesPage(json& d, const PageInput& in) {
  const auto& [v, req, sent, form, site_choices] = in;
  d["stage_open"] = CheckStageOpen(v.stages, InspectionStage::kSites).ok();
  d["stage_blockers"] = StageBlockers(v, InspectionStage::kSites);
  json sites = json::array();
  std::vector<std::pair<std::string, std::string>> site_options = {{"", "Choose a site"}};
  std::map<int64_t, std::string> site_names;
  std::map<int64_t, const FieldworkSite*> site_of;
  std::map<int64_t, bool> site_may_change;
  json site_warnings = json::array();
  for (const auto& x : v.sites) {
    auto name = v.body_names.count(x.body_id) ? v.body_names.at(x.body_id) : "";
    site_names[x.id] = name;
    site_of[x.id] = &x;
    const SiteUse use =
        UseOfSite(x.id, v.letters, v.sendings, v.evidence, v.interviews, v.live_cases);
    site_may_change[x.id] = CheckMayChangeSite(name, use).ok();
    site_options.emplace_back(std::to_string(x.id), name);
    sites.push_back(
        {{"sid", x.id},
         {"name", name},
         {"when", InWords(x.fieldwork_starts_on) +
                      (x.fieldwork_ends_on.empty() ? "" : " to " + InWords(x.fieldwork_ends_on))},
         {"send_by", Date::Parse(x.fieldwork_starts_on)
                         ? Date::Parse(x.fieldwork_starts_on)->AddDays(-kLetterNoticeDays).ToLong()
                         : ""},
         {"why", x.why},
         {"in_use", !CheckMayRemoveSite(name, use).ok()},
         {"may_change", CheckMayChangeSite(name, use).ok()},
         {"version", x.version}});
    if (auto w = v.site_warnings.find(x.id); w != v.site_warnings.end()) {
      for (const auto& text : w->second) site_warnings.push_back(text);
    }
  }
  d["sites"] = sites;
  d["site_warnings"] = site_warnings;
  d["has_site_warnings"] = !site_warnings.empty();
  d["has_sites"] = !sites.empty();
  d["sites_agreement"] = AgreementJson(v, v.sites_agreement, kSitesAgreement);
  d["may_ask_sites"] = MayAsk(v.sites_agreement);
  json letters = json::array();
  for (const auto& l : v.letters) {
    json sent = json::array();
    for (const auto& x : v.sendings) {
      if (x.letter_id == l.id) {
        std::string line = "Version " + std::to_string(x.letter_version) + " sent to " + x.sent_to +
                           " on " + InWords(x.sent_on);
        if (!x.in_force()) {
          line += "; withdrawn on " + InWords(x.withdrawn_on) + ": " + x.withdrawal_reason;
        }
        sent.push_back(line);
      }
    }
    const Agreement a =
        v.letter_agreements.count(l.id) ? v.letter_agreements.at(l.id) : Agreement::kNotAsked;
    // Authorised and not yet sent, but it could not go today: not offered,
    // saying why and what to do instead.
    const auto blocked = v.letters_blocked.find(l.id);
    const bool unsent = a == Agreement::kAgreed && !SendingOf(l, v.sendings);
    const bool held = unsent && blocked != v.letters_blocked.end();
    const FieldworkSite* at = site_of.count(l.site_id) ? site_of.at(l.site_id) : nullptr;
    letters.push_back(
        {{"lid", l.id},
         {"sid", l.site_id},
         {"body_id", at ? at->body_id : 0},
         {"blocked", held ? blocked->second.message() : ""},
         {"no_address", held && blocked->second.rule() == "letter-address"},
         {"late", held && blocked->second.rule() == "R14" && site_may_change[l.site_id] &&
                      v.standing.lead_team},
         {"addressee", l.addressee},
         {"email", l.email},
         {"site", site_names[l.site_id]},
         {"by", FullName(v.inspectorates, l.commissioned_by)},
         {"signed_by", l.signed_by},
         {"body", l.body},
         {"authorisation", AgreementJson(a)},
         {"may_ask", MayAsk(a)},
         {"may_send", unsent && !held && (l.email.empty() || v.sends_email)},
         {"by_post", l.email.empty()},
         {"waits_for_email", a == Agreement::kAgreed && !SendingOf(l, v.sendings) &&
                                 !l.email.empty() && !v.sends_email},
         {"sent", sent},
         {"has_sent", !sent.empty()},
         {"may_withdraw", SendingInForce(l.id, v.sendings) &&
                              (v.standing.steward || v.standing.inspectorate == l.commissioned_by)},
         {"error",
          d.value("field_errors", json::object()).value("letter-" + std::to_string(l.id), "")}});
  }
  d["letters"] = letters;
  d["may_write"] = v.standing.inspectorate.has_value() || v.standing.steward;
  AfterWithdrawal(d, in, site_names, site_may_change);
  const int64_t writer = v.standing.inspectorate.value_or(v.inspection.lead_inspectorate_id);
  for (const auto& i : v.inspectorates) {
    if (i.id == writer) d["commissions"] = std::string(CommissioningPractice(i.code));
  }
  d["writes_for"] = FullName(v.inspectorates,
                             v.standing.inspectorate.value_or(v.inspection.lead_inspectorate_id));
  d["has_letters"] = !letters.empty();
  Typed typed_site;
  FieldworkSite site;
  if (sent && form == "site") (void)ReadRecordForm(SiteRecord(), req, site, typed_site);
  AddRecordFields(d, SiteRecord(), site, typed_site);
  if (v.standing.lead_team) {
    std::vector<std::pair<std::string, std::string>> bodies = {{"", "Choose a body"}};
    for (const auto& b : site_choices()) bodies.emplace_back(std::to_string(b.id), b.name);
    const std::string typed_body = sent && form == "site" ? Param(req, "body_id") : "";
    d["f_body_id"]["options"] = Options(bodies, typed_body);
  }
  Typed typed_letter;
  Letter letter;
  if (sent && form == "letter") (void)ReadRecordForm(LetterRecord(), req, letter, typed_letter);
  AddRecordFields(d, LetterRecord(), letter, typed_letter);
  // A new letter is written for the site the link after a withdrawal names.
  d["f_site_id"]["options"] =
      Options(site_options, sent && form == "letter" ? Param(req, "site_id") : Param(req, "write"));
  if (!sent && !Param(req, "write").empty()) d["open_letter"] = true;
}

// Who owns a task in words: "Jo Bloggs (HMICFRS)", or the words it was
// owned by before owners were people on the team.
std::string TaskOwner(const InspectionView& v, const Task& t) {
  return t.owner_user_id ? WithInspectorate(v, *t.owner_user_id) : t.owner_name;
}

// The people a task may be given to: everyone on the team now, each once,
// and the task's own owner (`keep`) if they have since left.
json TaskOwnerOptions(const InspectionView& v, const std::string& selected,
                      std::optional<int64_t> keep) {
  std::vector<std::pair<std::string, std::string>> who = {{"", "Choose someone on the team"}};
  std::set<int64_t> listed;
  for (const auto& m : v.team) {
    if ((m.current() || m.user_id == keep) && listed.insert(m.user_id).second) {
      who.emplace_back(std::to_string(m.user_id), WithInspectorate(v, m.user_id));
    }
  }
  return Options(who, selected);
}

// The owner field of a task's form as a choice of the team; `form` is the
// form's name and `t` the task shown.
void TaskOwnerField(json& d, const PageInput& in, const char* form, const Task& t) {
  const std::string typed = in.sent && in.form == form ? Param(in.req, "owner_user_id")
                            : t.owner_user_id          ? std::to_string(*t.owner_user_id)
                                                       : "";
  d["f_owner_user_id"]["options"] = TaskOwnerOptions(in.v, typed, t.owner_user_id);
}

void PlanPage(json& d, const PageInput& in) {
  const auto& [v, req, sent, form, site_choices] = in;
  json tasks = json::array();
  for (const auto& t : v.tasks) {
    json options = json::array();
    for (TaskStatus s : kAllTaskStatuses) {
      options.push_back(
          {{"value", TaskStatusId(s)}, {"label", TaskStatusLabel(s)}, {"selected", s == t.status}});
    }
    tasks.push_back({{"tid", t.id},
                     {"title", t.title},
                     {"owner", TaskOwner(v, t)},
                     {"due", InWords(t.due_on)},
                     {"status", TaskStatusLabel(t.status)},
                     {"done", t.status == TaskStatus::kDone},
                     {"options", options},
                     {"may_set_status", MaySetTaskStatus(v.standing, v.viewer_id, t)},
                     {"version", t.version}});
  }
  d["tasks"] = tasks;
  d["has_tasks"] = !tasks.empty();
  Typed typed;
  Task task;
  if (sent && form == "task") (void)ReadRecordForm(TaskRecord(), req, task, typed);
  AddRecordFields(d, TaskRecord(), task, typed);
  TaskOwnerField(d, in, "task", Task{});
}

// A task of the project plan, to change it.
void TaskChangePage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const int64_t tid = PathId(in.req, 2).value_or(0);
  d["back"] = "/inspections/" + std::to_string(v.inspection.id) + "/plan";
  for (const auto& t : v.tasks) {
    if (t.id != tid) continue;
    d["title"] = "Change a task: " + v.inspection.title;
    d["task"] = {{"tid", t.id},
                 {"title", t.title},
                 {"owner_name", t.owner_user_id ? "" : t.owner_name},
                 {"version", t.version}};
    Typed typed;
    Task shown = t;
    if (in.sent && in.form == "task_update")
      (void)ReadRecordForm(TaskRecord(), in.req, shown, typed);
    AddRecordFields(d, TaskRecord(), shown, typed);
    TaskOwnerField(d, in, "task_update", t);
  }
}

// A fieldwork site, to change its fieldwork (once no letter to it stands).
void SitePage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const int64_t sid = PathId(in.req, 2).value_or(0);
  d["back"] = "/inspections/" + std::to_string(v.inspection.id) + "/sites";
  for (const auto& x : v.sites) {
    if (x.id != sid) continue;
    const std::string name = v.body_names.count(x.body_id) ? v.body_names.at(x.body_id) : "";
    const Status may = CheckMayChangeSite(
        name, UseOfSite(x.id, v.letters, v.sendings, v.evidence, v.interviews, v.live_cases));
    d["site"] = {
        {"sid", x.id},
        {"name", name},
        {"body_id", x.body_id},
        {"when", InWords(x.fieldwork_starts_on) +
                     (x.fieldwork_ends_on.empty() ? "" : " to " + InWords(x.fieldwork_ends_on))},
        {"version", x.version}};
    d["may_change"] = v.standing.lead_team && may.ok();
    d["why_not"] = may.ok() ? "" : may.message();
    auto w = v.site_warnings.find(x.id);
    d["site_warnings"] = w == v.site_warnings.end() ? json::array() : json(w->second);
    d["has_site_warnings"] = w != v.site_warnings.end();
    Typed typed;
    FieldworkSite shown = x;
    if (in.sent && in.form == "site_update") {
      (void)ReadRecordForm(SiteRecord(), in.req, shown, typed);
    }
    AddRecordFields(d, SiteRecord(), shown, typed);
  }
}

// The step that withdraws a letter that was sent, with a reason.
void LetterWithdrawalPage(json& d, const PageInput& in) {
  const InspectionView& v = in.v;
  const int64_t lid = PathId(in.req, 2).value_or(0);
  d["back"] = "/inspections/" + std::to_string(v.inspection.id) + "/sites#letters";
  for (const auto& l : v.letters) {
    if (l.id != lid) continue;
    const LetterSending* stands = SendingInForce(l.id, v.sendings);
    std::string site;
    for (const auto& x : v.sites) {
      if (x.id == l.site_id && v.body_names.count(x.body_id)) site = v.body_names.at(x.body_id);
    }
    d["letter"] = {{"lid", l.id},
                   {"addressee", l.addressee},
                   {"site", site},
                   {"stands", stands != nullptr},
                   {"sent_to", stands ? stands->sent_to : ""},
                   {"sent_on", stands ? InWords(stands->sent_on) : ""},
                   {"by_post", stands && stands->method == SendingMethod::kPost}};
  }
  d["f_reason"] = FormField(d, "reason", "Why is the letter withdrawn?",
                            in.sent ? Param(in.req, "reason") : "", "The addressee is told this");
}

// Each page's own part, after the head every page shares.
const std::pair<const char*, void (*)(json&, const PageInput&)> kFillers[] = {
    {"overview", OverviewPage},
    {"team", TeamPage},
    {"terms", TermsPage},
    {"timetable", TimetablePage},
    {"sites", SitesPage},
    {"plan", PlanPage},
    {"fieldwork", FieldworkPage},
    {"findings", FindingsPage},
    {"recommendations", RecommendationsPage},
    {"finding_change", FindingChangePage},
    {"recommendation_change", RecommendationChangePage},
    {"media", MediaPage},
    {"correction", CorrectionPage},
    {"publication", PublicationPage},
    {"embargo_revoke", EmbargoRevokePage},
    {"clearance", ClearancePage},
    {"clearance_change", ClearanceChangePage},
    {"section_change", SectionChangePage},
    {"report", ReportPage},
    {"report_section", ReportSectionPage},
    {"interview", InterviewPage},
    {"live_case", LiveCasePage},
    {"live_case_change", LiveCaseChangePage},
    {"evidence", EvidencePage},
    {"evidence_item", EvidenceItemPage},
    {"visit", VisitPage},
    {"visit_place", VisitPlacePage},
    {"delegation", DelegationPage},
    {"site", SitePage},
    {"letter_withdrawal", LetterWithdrawalPage},
    {"task_change", TaskChangePage},
    {"key_date_change", KeyDateChangePage},
    {"removal", RemovalPage},
    {"retention", RetentionPage},
    {"destruction", DestructionPage},
    {"evaluation", EvaluationPage},
    {"lesson_new", LessonNewPage},
    {"evaluation_change", EvaluationChangePage},
    {"lesson_change", LessonChangePage},
};

// The confirmation shown after a form is done (page_helpers.cc).
std::string NoticeOf(const std::string& form) {
  static const std::pair<const char*, const char*> kNotices[] = {
      {"appoint", "inspection-member-named"},
      {"leave", "inspection-member-left"},
      {"sign_off", "inspection-asked"},
      {"timetable_agreement", "inspection-asked"},
      {"sites_agreement", "inspection-asked"},
      {"letter_authorisation", "inspection-asked"},
      {"arrangements_agreement", "inspection-asked"},
      {"structure_agreement", "inspection-asked"},
      {"assurance_agreement", "inspection-asked"},
      {"red_lines_confirmation", "inspection-asked"},
      {"draft", "section-drafted"},
      {"comment", "section-commented"},
      {"comment_answer", "section-comment-answered"},
      {"letter_send", "letter-sent"},
      {"letter_withdrawal", "letter-withdrawn"},
      {"evidence", "evidence-recorded"},
      {"review", "evidence-reviewed"},
      {"answer", "query-answered"},
      {"attach", "file-attached"},
      {"delegation", "delegation-made"},
      {"delegation_revoke", "delegation-revoked"},
      {"delegate", "delegate-named"},
      {"liaison", "liaison-recorded"},
      {"method", "method-added"},
      {"red_line", "red-line-recorded"},
      {"key_date", "key-date-added"},
      {"site", "site-added"},
      {"letter", "letter-drafted"},
      {"task", "task-added"},
      {"task_update", "task-saved"},
      {"key_date_update", "key-date-saved"},
      {"clearance", "clearance-recorded"},
      {"clearance_update", "clearance-saved"},
      {"interview", "interview-recorded"},
      {"live_case", "live-case-recorded"},
      {"live_case_update", "live-case-saved"},
      {"visit", "visit-planned"},
      {"visit_place", "visit-place-added"},
      {"section_update", "section-saved"},
      {"section_up", "section-moved"},
      {"section_down", "section-moved"},
      {"method_delete", "method-removed"},
      {"red_line_delete", "red-line-removed"},
      {"key_date_delete", "key-date-removed"},
      {"site_delete", "site-removed"},
      {"clearance_delete", "clearance-removed"},
      {"attendance_delete", "attendance-removed"},
      {"section_delete", "section-removed"},
      {"finding", "finding-added"},
      {"recommendation", "recommendation-added"},
      {"finding_update", "finding-saved"},
      {"recommendation_update", "recommendation-saved"},
      {"engagement", "engagement-recorded"},
      {"retention_agreement", "retention-agreed"},
      {"hold", "hold-placed"},
      {"hold_lift", "hold-lifted"},
      {"destroy", "evidence-destroyed"},
      {"retention_review", "retention-extended"},
      {"factual_check", "factual-check-recorded"},
      {"correction", "correction-recorded"},
      {"correction_update", "correction-saved"},
      {"recipient", "recipient-added"},
      {"recipient_delete", "recipient-removed"},
      {"media_plan", "media-plan-saved"},
      {"spokesperson", "spokesperson-named"},
      {"spokesperson_delete", "spokesperson-removed"},
      {"activity", "activity-recorded"},
      {"publication", "publication-set"},
      {"embargo_recipient", "embargo-recipient-named"},
      {"embargo_revoke", "embargo-link-revoked"},
      {"evaluation", "evaluation-given"},
      {"evaluation_update", "evaluation-saved"},
      {"evaluation_delete", "evaluation-removed"},
      {"lesson", "lesson-recorded"},
      {"lesson_update", "lesson-saved"},
      {"lesson_delete", "lesson-removed"},
  };
  for (const auto& [key, notice] : kNotices) {
    if (form == key) return notice;
  }
  if (form.ends_with("_delete")) return "inspection-removed";
  return "inspection-saved";
}

// The tab a page is under: its own, or the page it adds to.
std::string TabOf(const std::string& which) {
  if (which == "clearance" || which == "clearance_change" || which == "interview" ||
      which == "live_case" || which == "live_case_change" || which == "visit" ||
      which == "visit_place") {
    return "fieldwork";
  }
  if (which == "evidence_item") return "evidence";
  if (which == "section_change" || which == "removal") return "findings";
  if (which == "task_change") return "plan";
  if (which == "lesson_new" || which == "evaluation_change" || which == "lesson_change") {
    return "evaluation";
  }
  if (which == "key_date_change") return "timetable";
  if (which == "report_section") return "report";
  if (which == "delegation") return "team";
  if (which == "destruction") return "retention";
  if (which == "site" || which == "letter_withdrawal") return "sites";
  if (which == "correction") return "media";
  if (which == "embargo_revoke") return "publication";
  if (which == "finding_change" || which == "recommendation_change") return "recommendations";
  return which;
}

// Where on its tab's page a page under it belongs ("#structure"), or "".
std::string PartOfTab(const std::string& which) {
  static const std::pair<const char*, const char*> kParts[] = {
      {"section_change", "#structure"},
      {"correction", "#factual-accuracy"},
      {"destruction", "#items"},
      {"finding_change", "#findings"},
      {"recommendation_change", "#recommendations"},
      {"evaluation_change", "#evaluations"},
      {"lesson_new", "#lessons"},
      {"lesson_change", "#lessons"},
      {"embargo_revoke", "#embargo"},
      {"delegation", "#delegations"},
  };
  for (const auto& [key, part] : kParts) {
    if (which == key) return part;
  }
  return "";
}

}  // namespace

// An inspection the caller does not see: for someone whose delegation on
// it is not in force (R23), a page that says so, with its dates, and
// offers nothing to do; else the refusal.
void InspectionFeature::NotShown(const Request& req, Response& res, RequestContext& ctx, int64_t id,
                                 const Status& refusal) {
  auto words = refusal.code() == StatusCode::kNotFound
                   ? inspections_.DelegationNotInForce(ctx.caller, id)
                   : StatusOr<std::string>(std::string());
  if (!words.ok() || words->empty()) return Fail(req, res, Surface::kPage, ctx, refusal);
  json d = Base(ctx, "Your delegation is not in force", "inspections");
  d["message"] = *words + " There is nothing for you to do on this inspection.";
  d["link"] = {{"href", "/inspections"}, {"text", "Go to the list of inspections"}};
  Html(res, "error", d, 403);
}

namespace {

// Whether `all` holds the part `id` names.
template <typename T>
bool Holds(const std::vector<T>& all, std::optional<int64_t> id) {
  return id && std::any_of(all.begin(), all.end(), [&](const T& x) { return x.id == *id; });
}

// NotFound unless the part a page's address names (its second number) is
// one of the inspection's.
Status PartOfPage(const std::string& which, const InspectionView& v, const Request& req) {
  const auto part = PathId(req, 2);
  auto need = [](bool found, const char* what) {
    return found ? OkStatus() : NotFound(std::string("No such ") + what);
  };
  if (which == "visit_place") return need(Holds(v.visits, part), "visit");
  if (which == "live_case_change") return need(Holds(v.live_cases, part), "issue in a live case");
  if (which == "clearance_change") return need(Holds(v.clearances, part), "clearance");
  if (which == "removal" && !RemovalOf(v, req.path)) {
    return NotFound("Nothing to remove at this address");
  }
  if (which == "section_change" || which == "report_section") {
    return need(Holds(v.sections, part), "section");
  }
  if (which == "correction") return need(Holds(v.corrections, part), "correction");
  if (which == "embargo_revoke") return need(Holds(v.embargo_recipients, part), "recipient");
  if (which == "finding_change") return need(Holds(v.findings, part), "finding");
  if (which == "recommendation_change") {
    return need(Holds(v.recommendations, part), "recommendation");
  }
  if (which == "site") return need(Holds(v.sites, part), "site");
  if (which == "letter_withdrawal") return need(Holds(v.letters, part), "letter");
  if (which == "evaluation_change") return need(Holds(v.evaluations, part), "evaluation");
  if (which == "lesson_change") return need(Holds(v.lessons, part), "lesson");
  if (which == "task_change") return need(Holds(v.tasks, part), "task");
  if (which == "key_date_change") return need(Holds(v.key_dates, part), "key date");
  if (which == "evidence_item") return need(Holds(v.evidence, part), "evidence item");
  if (which == "destruction") {
    const auto& items = v.retention.items;
    const bool found = part && std::any_of(items.begin(), items.end(), [&](const RetainedItem& x) {
                         return x.item.id == *part && !x.destroyed;
                       });
    return need(found, "evidence item, or it was destroyed");
  }
  return OkStatus();
}

}  // namespace

void InspectionFeature::InspectionPage(const std::string& which, const Request& req, Response& res,
                                       RequestContext& ctx, const Status& error,
                                       const std::string& form) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such inspection"));
  auto shown = inspections_.ViewInspection(ctx.caller, *id);
  if (!shown.ok()) return NotShown(req, res, ctx, *id, shown.status());
  const InspectionView& v = *shown;
  if (Status part = PartOfPage(which, v, req); !part.ok()) {
    return Fail(req, res, page, ctx, part);
  }
  std::string title = v.inspection.title;
  for (const auto& [key, words] : kPages) {
    if (key == which && key != "overview") title = words + ": " + v.inspection.title;
  }
  json d = Base(ctx, title, "inspections");
  if (!error.ok()) {
    // A stale save says what changed since, naming the inspectorates and
    // people it holds.
    HistoryNames names;
    for (const auto& i : v.inspectorates) names.inspectorates[i.id] = i.short_name;
    names.people = v.people;
    AddErrors(d, error, names);
  }
  if (!form.empty()) d["open_" + form] = true;
  const bool sent = !error.ok();
  json tabs = json::array();
  for (const auto& [key, words] : kPages) {
    tabs.push_back(
        {{"href", PagePath(*id, key)}, {"label", words}, {"current", key == TabOf(which)}});
  }
  d["tabs"] = tabs;
  // Stages 5 to 7 once published: said once, above their pages, whose
  // forms are not offered (StageWritable).
  static const std::set<std::string> kSettledTabs = {"findings", "evaluation", "report",
                                                     "recommendations", "media"};
  if (v.publication && v.publication->state == PublicationState::kPublished &&
      kSettledTabs.count(TabOf(which))) {
    d["settled"] = "The report was published on " + InWords(v.publication->published_at) +
                   ", so what it was published on is settled: this can no longer be changed.";
  }
  // A page under a tab (a record's own page, a form of its own) goes back
  // to the tab's page, at the part it came from.
  if (TabOf(which) != which && d.contains("back")) {
    d["back"] = PagePath(*id, TabOf(which)) + PartOfTab(which);
  }
  d["id"] = *id;
  d["title_of"] = v.inspection.title;
  d["lead"] = FullName(v.inspectorates, v.inspection.lead_inspectorate_id);
  d["participating"] = NamesList(v.inspectorates, v.inspection.participating);
  d["partners"] = NamesList(v.inspectorates, v.inspection.partners);
  d["started"] = InWords(v.inspection.started_on);
  d["can_lead"] = v.standing.lead_team;
  d["speaks"] = v.standing.inspectorate.has_value();
  if (v.standing.inspectorate)
    d["speaks_for"] = FullName(v.inspectorates, *v.standing.inspectorate);
  d["terms_agreement"] = AgreementJson(v, v.terms_agreement, kTermsSignOff);
  d["timetable_agreement"] = AgreementJson(v, v.timetable_agreement, kTimetableAgreement);
  if (v.published) {
    d["published"] = {{"version", v.published->terms_version},
                      {"at", InWords(v.published->published_at)}};
  }
  json pending = json::array();
  for (const auto& p : v.pending) {
    std::string what = p.kind;
    for (const auto& k : kInspectionDecisionKinds) {
      if (p.kind == k.id) what = k.words;
    }
    pending.push_back(
        {{"id", p.id}, {"what", what}, {"awaiting", NamesList(v.inspectorates, p.awaiting)}});
  }
  d["pending"] = pending;
  const bool leads_named = MissingLeads(v.inspection, v.team).empty();
  d["leads_named"] = leads_named;
  const PageInput in{v, req, sent, form, [&] {
                       auto choices = inspections_.SiteChoices(ctx.caller);
                       return choices.ok() ? *choices : std::vector<InspectedBody>{};
                     }};
  for (const auto& [key, fill] : kFillers) {
    if (key == which) fill(d, in);
  }
  Html(res, "inspection_" + which, d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

namespace {

Status Appoint(const FormInput& in) {
  TeamMember m;
  Validation v;
  auto user = WholeNumber(Field(in.req, "user_id"));
  if (!user || *user < 1) v.Add("user_id", "required", "Choose the person to name");
  auto role = ParseTeamRole(Field(in.req, "role"));
  if (!role) v.Add("role", "required", "Choose their place on the team");
  RETURN_IF_ERROR(v.Finish());
  m.user_id = *user;
  m.role = *role;
  m.reason = Param(in.req, "reason");
  // They join for the inspectorate they work for.
  auto shown = in.inspections.ViewInspection(in.caller, in.id);
  RETURN_IF_ERROR(shown.status());
  for (const auto& p : shown->candidates) {
    if (p.id == m.user_id) m.inspectorate_id = p.inspectorate_id.value_or(0);
  }
  if (m.inspectorate_id == 0) {
    return std::move(InvalidArgument("Choose someone from the list", "unknown-user")
                         .AddFieldError("user_id", "unknown-user",
                                        "Choose someone from a participating inspectorate"));
  }
  return in.inspections.Appoint(in.caller, in.id, m).status();
}

Status AddMethod(const FormInput& in) {
  Typed typed;
  MethodPlan m;
  RETURN_IF_ERROR(ReadRecordForm(MethodPlanRecord(), in.req, m, typed));
  if (Field(in.req, "method").empty()) {
    return std::move(InvalidArgument("Choose a method", "required")
                         .AddFieldError("method", "required", "Choose a method"));
  }
  return in.inspections.AddMethod(in.caller, in.id, m).status();
}

// Asks every inspectorate to authorise a letter, or sends it; a refusal is
// shown against the letter.
Status ActOnLetter(const FormInput& in, bool send) {
  auto letter = PathId(in.req, 2);
  if (!letter) return NotFound("No such letter");
  Status s;
  if (send) {
    auto sent = in.inspections.SendLetter(in.caller, *letter);
    s = sent.status();
    if (sent.ok() && sent->method == SendingMethod::kPost) in.notice = "letter-posted";
  } else {
    s = in.inspections.AskLetterAuthorisation(in.caller, *letter).status();
  }
  if (s.code() == StatusCode::kFailedPrecondition || s.code() == StatusCode::kUnavailable) {
    const std::string field = "letter-" + std::to_string(*letter);
    return std::move(
        Status(s.code(), s.message(), s.rule()).AddFieldError(field, s.rule(), s.message()));
  }
  return s;
}

// Withdraws a letter that was sent; a refusal is shown at the reason.
Status WithdrawLetter(const FormInput& in) {
  auto letter = PathId(in.req, 2);
  if (!letter) return NotFound("No such letter");
  Status s = in.inspections.WithdrawLetter(in.caller, *letter, Field(in.req, "reason")).status();
  if (s.code() == StatusCode::kFailedPrecondition || s.code() == StatusCode::kUnavailable) {
    return std::move(
        Status(s.code(), s.message(), s.rule()).AddFieldError("reason", s.rule(), s.message()));
  }
  // The sites page then says what to do next with the letter's site.
  if (s.ok()) {
    in.next = "/inspections/" + std::to_string(in.id) +
              "/sites?withdrawn=" + std::to_string(*letter) + "#letters";
  }
  return s;
}

Status SetTaskStatus(const FormInput& in) {
  auto task = PathId(in.req, 2);
  if (!task) return NotFound("No such task");
  auto status = ParseById(Field(in.req, "status"), kAllTaskStatuses, TaskStatusId);
  if (!status) {
    return std::move(InvalidArgument("Choose a status", "one-of")
                         .AddFieldError("status", "one-of", "Choose where the task stands"));
  }
  return in.inspections
      .UpdateTask(in.caller, *task, in.Version(),
                  [&](Task& t) {
                    t.status = *status;
                    return OkStatus();
                  })
      .status();
}

// The forms of stages 1 and 2 and the project plan.
const std::vector<FormAction> kInspectionForms = {
    {"appoint", "/team", Appoint},
    {"leave", "/team",
     [](const FormInput& in) {
       auto member = PathId(in.req, 2);
       return member ? in.inspections.EndPlace(in.caller, in.id, *member)
                     : NotFound("No such member");
     }},
    {"terms", "/terms",
     [](const FormInput& in) {
       return UpdateFromForm(TermsRecord(), in, [&](auto change) {
         return in.inspections.UpdateTerms(in.caller, in.id, in.Version(), change);
       });
     }},
    {"method", "/terms#methods", AddMethod},
    {"method_delete", "/terms#methods",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such method", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteMethod(in.caller, part, version);
       });
     }},
    {"red_line", "/terms#red-lines",
     [](const FormInput& in) {
       return AddFromForm(RedLineRecord(), in.req, [&](const RedLine& r) {
         return in.inspections.AddRedLine(in.caller, in.id, r);
       });
     }},
    {"red_line_delete", "/terms#red-lines",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such red line", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteRedLine(in.caller, part, version);
       });
     }},
    {"liaison", "/terms#liaison",
     [](const FormInput& in) {
       return AddFromForm(LiaisonRecord(), in.req, [&](const Liaison& l) {
         return in.inspections.AddLiaison(in.caller, in.id, l);
       });
     }},
    {"sign_off", "/terms#sign-off",
     [](const FormInput& in) { return in.inspections.AskSignOff(in.caller, in.id).status(); }},
    {"key_date", "/timetable",
     [](const FormInput& in) {
       return AddFromForm(KeyDateRecord(), in.req, [&](const KeyDate& k) {
         return in.inspections.AddKeyDate(in.caller, in.id, k);
       });
     }},
    {"key_date_update", "/timetable",
     [](const FormInput& in) {
       auto date = PathId(in.req, 2);
       if (!date) return NotFound("No such key date");
       return UpdateFromForm(KeyDateRecord(), in, [&](auto change) {
         return in.inspections.UpdateKeyDate(in.caller, *date, in.Version(), change);
       });
     }},
    {"key_date_delete", "/timetable",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such key date", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteKeyDate(in.caller, part, version);
       });
     }},
    {"timetable_agreement", "/timetable",
     [](const FormInput& in) { return in.inspections.AskTimetable(in.caller, in.id).status(); }},
    {"sites_agreement", "/sites",
     [](const FormInput& in) { return in.inspections.AskSites(in.caller, in.id).status(); }},
    {"site", "/sites",
     [](const FormInput& in) {
       return AddFromForm(SiteRecord(), in.req, [&](const FieldworkSite& x) {
         return in.inspections.AddSite(in.caller, in.id, x);
       });
     }},
    {"site_delete", "/sites",
     [](const FormInput& in) {
       return DeleteFromPath(in, "No such site", [&](int64_t part, int64_t version) {
         return in.inspections.DeleteSite(in.caller, part, version);
       });
     }},
    {"letter", "/sites#letters",
     [](const FormInput& in) {
       return AddFromForm(LetterRecord(), in.req, [&](const Letter& l) {
         return in.inspections.AddLetter(in.caller, in.id, l);
       });
     }},
    {"letter_authorisation", "/sites#letters",
     [](const FormInput& in) { return ActOnLetter(in, false); }},
    {"letter_send", "/sites#letters", [](const FormInput& in) { return ActOnLetter(in, true); }},
    {"letter_withdrawal", "/sites#letters", WithdrawLetter},
    {"site_update", "/sites",
     [](const FormInput& in) {
       auto site = PathId(in.req, 2);
       if (!site) return NotFound("No such site");
       return UpdateFromForm(SiteRecord(), in, [&](auto change) {
         return in.inspections.UpdateSite(in.caller, *site, in.Version(), change);
       });
     }},
    {"task", "/plan",
     [](const FormInput& in) {
       return AddFromForm(TaskRecord(), in.req, [&](const Task& t) {
         return in.inspections.AddTask(in.caller, in.id, t);
       });
     }},
    {"task_status", "/plan", SetTaskStatus},
    {"task_update", "/plan",
     [](const FormInput& in) {
       auto task = PathId(in.req, 2);
       if (!task) return NotFound("No such task");
       return UpdateFromForm(TaskRecord(), in, [&](auto change) {
         return in.inspections.UpdateTask(in.caller, *task, in.Version(), change);
       });
     }},
};

}  // namespace

Status InspectionFeature::Act(const std::string& form, const Request& req, RequestContext& ctx,
                              int64_t id, std::string& next, std::string& notice) {
  const FormInput in{inspections_, req, ctx.caller, id, next, notice};
  for (const auto* forms :
       {&kInspectionForms, &kFieldworkForms, &kDelegationForms, &kFindingsForms, &kReportForms,
        &kRecommendationsForms, &kApprovalsForms, &kRetentionForms, &kMediaForms, &kEvaluationForms,
        &kPublicationForms}) {
    for (const auto& f : *forms) {
      if (form != f.form) continue;
      next += f.next;
      return f.act(in);
    }
  }
  return NotFound("No such form");
}

InspectionFeature::Handler InspectionFeature::InspectionShow(const std::string& which) {
  return [this, which](const Request& req, Response& res, RequestContext& ctx) {
    InspectionPage(which, req, res, ctx, OkStatus(), "");
  };
}

InspectionFeature::Handler InspectionFeature::InspectionAction(const std::string& which,
                                                               const std::string& form) {
  const auto page = Surface::kPage;
  return [this, which, form, page](const Request& req, Response& res, RequestContext& ctx) {
    auto id = PathId(req);
    if (!id) return Fail(req, res, page, ctx, NotFound("No such inspection"));
    std::string next = "/inspections/" + std::to_string(*id);
    std::string notice;
    Status s = Act(form, req, ctx, *id, next, notice);
    if (s.code() == StatusCode::kNotFound || s.code() == StatusCode::kInternal) {
      return Fail(req, res, page, ctx, s);
    }
    if (!s.ok()) return InspectionPage(which, req, res, ctx, s, form);
    res.Redirect(WithNotice(next, notice.empty() ? NoticeOf(form) : notice));
  };
}

void InspectionFeature::RegisterInspectionPages() {
  const auto page = Surface::kPage;
  for (const auto& [key, words] : kPages) {
    const std::string which = key;
    Route("GET", std::string(R"(/inspections/(\d+))") + (which == "overview" ? "" : "/" + which),
          page, Permission::kSignedIn,
          [this, which](const Request& req, Response& res, RequestContext& ctx) {
            InspectionPage(which, req, res, ctx, OkStatus(), "");
          });
  }
  Route("GET", R"(/inspections/(\d+)/timetable\.ics)", page, Permission::kSignedIn,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          SendTimetable(req, res, ctx, page);
        });
  const auto run = Permission::kRunInspections;
  const std::string base = R"(/inspections/(\d+))";
  Route("POST", base + "/team", page, run, InspectionAction("team", "appoint"));
  Route("POST", base + R"(/team/(\d+)/leave)", page, run, InspectionAction("team", "leave"));
  Route("POST", base + "/terms", page, run, InspectionAction("terms", "terms"));
  Route("POST", base + "/methods", page, run, InspectionAction("terms", "method"));
  Route("POST", base + R"(/methods/(\d+)/delete)", page, run,
        InspectionAction("terms", "method_delete"));
  Route("POST", base + "/red-lines", page, run, InspectionAction("terms", "red_line"));
  Route("POST", base + R"(/red-lines/(\d+)/delete)", page, run,
        InspectionAction("terms", "red_line_delete"));
  Route("POST", base + "/liaison", page, run, InspectionAction("terms", "liaison"));
  Route("POST", base + "/sign-off", page, run, InspectionAction("terms", "sign_off"));
  Route("POST", base + "/key-dates", page, run, InspectionAction("timetable", "key_date"));
  Route("POST", base + R"(/key-dates/(\d+)/delete)", page, run,
        InspectionAction("timetable", "key_date_delete"));
  Route("GET", base + R"(/key-dates/(\d+))", page, Permission::kSignedIn,
        InspectionShow("key_date_change"));
  Route("POST", base + R"(/key-dates/(\d+))", page, run,
        InspectionAction("key_date_change", "key_date_update"));
  Route("POST", base + "/timetable-agreement", page, run,
        InspectionAction("timetable", "timetable_agreement"));
  Route("POST", base + "/sites", page, run, InspectionAction("sites", "site"));
  Route("POST", base + "/sites-agreement", page, run, InspectionAction("sites", "sites_agreement"));
  Route("POST", base + R"(/sites/(\d+)/delete)", page, run,
        InspectionAction("sites", "site_delete"));
  Route("POST", base + "/letters", page, run, InspectionAction("sites", "letter"));
  Route("POST", base + R"(/letters/(\d+)/authorisation)", page, run,
        InspectionAction("sites", "letter_authorisation"));
  Route("GET", base + R"(/sites/(\d+))", page, Permission::kSignedIn, InspectionShow("site"));
  Route("POST", base + R"(/sites/(\d+))", page, run, InspectionAction("site", "site_update"));
  Route("GET", base + R"(/letters/(\d+)/withdraw)", page, run, InspectionShow("letter_withdrawal"));
  Route("POST", base + R"(/letters/(\d+)/withdraw)", page, run,
        InspectionAction("letter_withdrawal", "letter_withdrawal"));
  Route("POST", base + R"(/letters/(\d+)/send)", page, run,
        InspectionAction("sites", "letter_send"));
  Route("GET", base + R"(/letters/(\d+)\.(docx|pdf))", page, Permission::kSignedIn,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          SendLetterDocument(req, res, ctx, page, 2);
        });
  RegisterFieldworkPages();
  // A removal is asked about first, on a page of its own.
  for (const char* part :
       {R"(/attendance/(\d+)/delete)", R"(/sections/(\d+)/delete)", R"(/methods/(\d+)/delete)",
        R"(/red-lines/(\d+)/delete)", R"(/key-dates/(\d+)/delete)", R"(/sites/(\d+)/delete)",
        R"(/clearances/(\d+)/delete)", R"(/team/(\d+)/leave)", R"(/evaluations/(\d+)/delete)",
        R"(/lessons/(\d+)/delete)"}) {
    Route("GET", base + part, page, run, InspectionShow("removal"));
  }
  Route("POST", base + R"(/attendance/(\d+)/delete)", page, run,
        InspectionAction("findings", "attendance_delete"));
  Route("POST", base + R"(/sections/(\d+)/delete)", page, run,
        InspectionAction("findings", "section_delete"));
  Route("POST", base + R"(/sections/(\d+)/up)", page, run,
        InspectionAction("findings", "section_up"));
  Route("POST", base + R"(/sections/(\d+)/down)", page, run,
        InspectionAction("findings", "section_down"));
  Route("GET", base + R"(/sections/(\d+))", page, Permission::kSignedIn,
        InspectionShow("section_change"));
  Route("POST", base + R"(/sections/(\d+))", page, run,
        InspectionAction("section_change", "section_update"));
  RegisterEvaluationPages();
  Route("POST", base + "/tasks", page, run, InspectionAction("plan", "task"));
  Route("POST", base + R"(/tasks/(\d+)/status)", page, run,
        InspectionAction("plan", "task_status"));
  Route("GET", base + R"(/tasks/(\d+))", page, Permission::kSignedIn,
        InspectionShow("task_change"));
  Route("POST", base + R"(/tasks/(\d+))", page, run,
        InspectionAction("task_change", "task_update"));
}

// Stages 3 and 4: fieldwork, the evidence register and delegations (R23).
void InspectionFeature::RegisterFieldworkPages() {
  const auto page = Surface::kPage;
  const auto run = Permission::kRunInspections;
  const std::string base = R"(/inspections/(\d+))";
  for (const char* which : {"clearance", "interview", "live_case", "visit"}) {
    const std::string path =
        base + "/fieldwork/" +
        (which == std::string("live_case") ? std::string("live-case") : std::string(which));
    Route("GET", path, page, run,
          [this, w = std::string(which)](const Request& req, Response& res, RequestContext& ctx) {
            InspectionPage(w, req, res, ctx, OkStatus(), "");
          });
    Route("POST", path, page, run, InspectionAction(which, which));
  }
  Route("GET", base + R"(/fieldwork/visits/(\d+)/team)", page, run, InspectionShow("visit_place"));
  Route("POST", base + R"(/fieldwork/visits/(\d+)/team)", page, run,
        InspectionAction("visit_place", "visit_place"));
  Route("POST", base + "/fieldwork/arrangements", page, run,
        InspectionAction("fieldwork", "arrangements"));
  Route("POST", base + "/fieldwork/agreement", page, run,
        InspectionAction("fieldwork", "arrangements_agreement"));
  Route("GET", base + R"(/fieldwork/clearances/(\d+))", page, run,
        InspectionShow("clearance_change"));
  Route("POST", base + R"(/fieldwork/clearances/(\d+))", page, run,
        InspectionAction("clearance_change", "clearance_update"));
  Route("GET", base + R"(/fieldwork/live-cases/(\d+))", page, run,
        InspectionShow("live_case_change"));
  Route("POST", base + R"(/fieldwork/live-cases/(\d+))", page, run,
        InspectionAction("live_case_change", "live_case_update"));
  Route("POST", base + R"(/clearances/(\d+)/delete)", page, run,
        InspectionAction("fieldwork", "clearance_delete"));
  Route("POST", base + "/evidence", page, run, InspectionAction("evidence", "evidence"));
  Route("GET", base + R"(/evidence/(\d+))", page, Permission::kSignedIn,
        InspectionShow("evidence_item"));
  Route("POST", base + R"(/evidence/(\d+))", page, run,
        InspectionAction("evidence_item", "evidence_update"));
  Route("POST", base + R"(/evidence/(\d+)/reviews)", page, Permission::kSignedIn,
        InspectionAction("evidence_item", "review"));
  Route("POST", base + R"(/evidence/(\d+)/queries/(\d+)/answer)", page, run,
        InspectionAction("evidence_item", "answer"));
  Route("POST", base + R"(/evidence/(\d+)/attachments)", page, run,
        InspectionAction("evidence_item", "attach"));
  Route("GET", base + R"(/attachments/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req, 2);
          if (!id) return Fail(req, res, Surface::kPage, ctx, NotFound("No such attachment"));
          auto file = inspections_.AttachmentOf(ctx.caller, *id);
          if (!file.ok()) return Fail(req, res, Surface::kPage, ctx, file.status());
          // Always as bytes to save, never for the browser to open or sniff.
          Download(res, file->content, "application/octet-stream", file->attachment.filename);
        });
  Route("GET", base + "/delegations", page, run, InspectionShow("delegation"));
  Route("POST", base + "/delegations", page, run, InspectionAction("delegation", "delegation"));
  Route("POST", base + "/delegates", page, run, InspectionAction("delegation", "delegate"));
  Route("POST", base + R"(/delegations/(\d+)/revoke)", page, run,
        InspectionAction("team", "delegation_revoke"));
  for (const char* form :
       {"meeting", "attendance", "section", "structure_agreement", "assurance_agreement"}) {
    Route("POST", base + "/findings/" + form, page, run, InspectionAction("findings", form));
  }
  RegisterReportPages();
  for (const char* form : {"finding", "recommendation", "engagement"}) {
    Route("POST", base + "/recommendations/" + form, page, run,
          InspectionAction("recommendations", form));
  }
  Route("GET", base + R"(/recommendations/findings/(\d+))", page, Permission::kSignedIn,
        InspectionShow("finding_change"));
  Route("POST", base + R"(/recommendations/findings/(\d+))", page, run,
        InspectionAction("finding_change", "finding_update"));
  Route("GET", base + R"(/recommendations/(\d+))", page, Permission::kSignedIn,
        InspectionShow("recommendation_change"));
  Route("POST", base + R"(/recommendations/(\d+))", page, run,
        InspectionAction("recommendation_change", "recommendation_update"));
  RegisterRetentionPages();
  for (const char* form :
       {"factual_check", "correction", "recipient", "media_plan", "spokesperson", "activity"}) {
    Route("POST", base + "/media/" + form, page, run, InspectionAction("media", form));
  }
  Route("POST", base + R"(/recipients/(\d+)/delete)", page, run,
        InspectionAction("media", "recipient_delete"));
  Route("POST", base + R"(/spokespeople/(\d+)/delete)", page, run,
        InspectionAction("media", "spokesperson_delete"));
  Route("GET", base + R"(/corrections/(\d+))", page, Permission::kSignedIn,
        InspectionShow("correction"));
  Route("POST", base + "/publication", page, run, InspectionAction("publication", "publication"));
  Route("POST", base + "/publication/embargo-recipients", page, run,
        InspectionAction("publication", "embargo_recipient"));
  Route("GET", base + R"(/embargo-recipients/(\d+)/revoke)", page, run,
        InspectionShow("embargo_revoke"));
  Route("POST", base + R"(/embargo-recipients/(\d+)/revoke)", page, run,
        InspectionAction("embargo_revoke", "embargo_revoke"));
  Route("POST", base + R"(/corrections/(\d+))", page, run,
        InspectionAction("correction", "correction_update"));
}

// Stage 5's evaluation (M 29, M 32) and its lessons.
void InspectionFeature::RegisterEvaluationPages() {
  const auto page = Surface::kPage;
  const auto run = Permission::kRunInspections;
  const std::string base = R"(/inspections/(\d+))";
  Route("POST", base + "/evaluations", page, run, InspectionAction("evaluation", "evaluation"));
  Route("GET", base + R"(/evaluations/(\d+))", page, Permission::kSignedIn,
        InspectionShow("evaluation_change"));
  Route("POST", base + R"(/evaluations/(\d+))", page, run,
        InspectionAction("evaluation_change", "evaluation_update"));
  Route("POST", base + R"(/evaluations/(\d+)/delete)", page, run,
        InspectionAction("evaluation", "evaluation_delete"));
  Route("GET", base + "/lessons/new", page, run, InspectionShow("lesson_new"));
  Route("POST", base + "/lessons", page, run, InspectionAction("lesson_new", "lesson"));
  Route("GET", base + R"(/lessons/(\d+))", page, Permission::kSignedIn,
        InspectionShow("lesson_change"));
  Route("POST", base + R"(/lessons/(\d+))", page, run,
        InspectionAction("lesson_change", "lesson_update"));
  Route("POST", base + R"(/lessons/(\d+)/delete)", page, run,
        InspectionAction("evaluation", "lesson_delete"));
}

void InspectionFeature::RegisterPublicPages() {
  const auto page = Surface::kPage;
  Route("GET", "/inspections-in-progress", page, Permission::kPublic,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto all = inspections_.PublishedList();
          if (!all.ok()) return Fail(req, res, page, ctx, all.status());
          json d = Base(ctx, "Inspections in progress", "");
          json items = json::array();
          for (const auto& p : *all) {
            items.push_back({{"id", p.inspection_id},
                             {"title", p.title},
                             {"lead", p.lead},
                             {"question", p.terms.question},
                             {"published", InWords(p.published_at)},
                             {"completed", p.report_published_at.empty()
                                               ? json(false)
                                               : json(InWords(p.report_published_at))}});
          }
          d["has_items"] = !items.empty();
          Status shown =
              ShowPageOf(req, "/inspections-in-progress", std::move(items), 20, d, "items");
          if (!shown.ok()) return Fail(req, res, page, ctx, shown);
          MayBeKeptPublicly(ctx, res);
          Html(res, "inspections_in_progress", d);
        });
  Route("GET", R"(/inspections-in-progress/(\d+))", page, Permission::kPublic,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such inspection"));
          auto p = inspections_.Published(*id);
          if (!p.ok()) return Fail(req, res, page, ctx, p.status());
          json d = Base(ctx, "Joint inspection of " + p->title, "");
          d["id"] = *id;
          d["title_of"] = p->title;
          d["lead"] = p->lead;
          std::vector<std::string> others;
          for (const auto& name : p->inspectorates) {
            if (name != p->lead) others.push_back(name);
          }
          d["with"] = InWordsList(others);
          d["published"] = InWords(p->published_at);
          if (!p->report_published_at.empty()) d["completed"] = InWords(p->report_published_at);
          auto paragraphs_of = [](const std::string& text) {
            json paragraphs = json::array();
            size_t start = 0;
            while (start <= text.size()) {
              size_t end = text.find('\n', start);
              if (end == std::string::npos) end = text.size();
              std::string line = text.substr(start, end - start);
              if (line.find_first_not_of(" \t\r") != std::string::npos) paragraphs.push_back(line);
              start = end + 1;
            }
            return paragraphs;
          };
          json sections = json::array();
          auto add = [&](const char* heading, const std::string& text) {
            json paragraphs = paragraphs_of(text);
            if (!paragraphs.empty()) {
              sections.push_back({{"heading", heading}, {"paragraphs", paragraphs}});
            }
          };
          add("Background", p->terms.background);
          add("Inspection aims", p->terms.aims);
          add("The inspection question", p->terms.question);
          add("Inspection criteria", p->terms.criteria);
          add("Fieldwork sites", p->terms.sites);
          add("Inspection methodology", p->terms.methodology);
          d["sections"] = sections;
          d["methods"] = p->methods;
          d["has_methods"] = !p->methods.empty();
          d["timetable"] = paragraphs_of(p->terms.timetable);
          d["has_timetable"] = !d["timetable"].empty();
          MayBeKeptPublicly(ctx, res);
          Html(res, "inspection_in_progress", d);
        });
  Route("GET", R"(/inspections-in-progress/(\d+)/terms-of-reference\.(docx|pdf))", page,
        Permission::kPublic, [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such inspection"));
          auto p = inspections_.Published(*id);
          if (!p.ok()) return Fail(req, res, page, ctx, p.status());
          SendDocument(res, TermsDocument(*p), req.Capture(2), "terms-of-reference");
        });
}

}  // namespace jointly::web
