// The home page. Signed out, the start page; signed in, what needs doing
// now (decisions, scoring, consultations closing, tasks and actions due)
// and the areas of work the person's roles open to them.
#include <string>

#include "core/text.h"
#include "features/home/home_feature.h"
#include "features/shared/labels.h"
#include "web/page_helpers.h"
#include "web/templates.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// "Development Group representative for HMICFRS", "Administrator".
std::string WhoInWords(const Caller& caller, const HomePage& page) {
  std::string out;
  for (Role r : caller.roles) {
    if (!out.empty()) out += ", ";
    out += RoleLabel(r);
  }
  if (page.inspectorate) out += " for " + page.inspectorate->short_name;
  return out;
}

json Due(const std::string& due_on, Date today) {
  const auto due = Date::Parse(due_on);
  return {{"due", DateInWords(due_on)}, {"overdue", due && *due < today}};
}

// What the caller asked that was declined, with who declined and why.
json Declined(const HomePage& page) {
  json out = json::array();
  for (const auto& v : page.declined) {
    json why = json::array();
    for (auto& line : DeclinedWords(v.stored.decision, page.inspectorate_names, page.people)) {
      why.push_back(std::move(line));
    }
    out.push_back({{"subject", v.stored.decision.subject},
                   {"why", why},
                   {"href", "/decisions#decision-" + std::to_string(v.stored.decision.id)},
                   {"next_href", SubjectPageOf(v)}});
  }
  return out;
}

// Recommendations of the caller's inspectorate whose response or update is
// overdue (R21), in words.
json TrackerOverdue(const HomePage& page) {
  json overdue = json::array();
  for (const auto& t : page.tracker_overdue) {
    const NextDue next =
        NextDueOf({Date::ParseOrNone(t.published_on), t.response.answer != OwnerAnswer::kNone,
                   Date::ParseOrNone(t.last_update_on), t.verified});
    auto owner = page.tracker_owners.find(t.owner_id);
    overdue.push_back({{"href", "/tracker/" + std::to_string(t.id)},
                       {"text", (t.kind == "concern" ? "Concern " : "Recommendation ") +
                                    std::to_string(t.number) + " of " + t.report_title},
                       {"owner", owner == page.tracker_owners.end() ? "" : owner->second},
                       {"what", next.what == AskedOf::kResponse ? "Response" : "Update"},
                       {"since", DateInWords(next.due_on.ToIso())}});
  }
  return overdue;
}

json NextSteps(const HomePage& page, const std::vector<ReportAwaiting>& reports) {
  json d;
  json awaiting = json::array();
  for (const auto& r : reports) {
    awaiting.push_back(
        {{"title", r.title},
         {"step", InSentence(ApprovalStepLabel(r.step))},
         {"href", "/inspections/" + std::to_string(r.inspection_id) + "/report#approval"}});
  }
  d["reports_awaiting"] = awaiting;
  d["declined"] = Declined(page);
  json decisions = json::array();
  for (const auto& v : page.decisions) {
    decisions.push_back({{"subject", v.stored.decision.subject},
                         {"href", "/decisions#decision-" + std::to_string(v.stored.decision.id)},
                         {"next_href", SubjectPageOf(v)}});
  }
  d["decisions"] = decisions;
  json unscored = json::array();
  for (const auto& [id, title] : page.unscored) {
    unscored.push_back(
        {{"title", title}, {"href", "/programme/proposals/" + std::to_string(id) + "/score"}});
  }
  d["unscored"] = unscored;
  const int64_t more = page.unscored_total - static_cast<int64_t>(page.unscored.size());
  if (more > 0) d["unscored_more"] = more;
  json rounds = json::array();
  for (const auto& r : page.open_rounds) {
    rounds.push_back({{"title", r.title},
                      {"href", "/consultations/" + std::to_string(r.id)},
                      {"deadline", r.deadline.ToLong()},
                      {"closing_soon", r.deadline.DaysSince(page.today) <= kClosingSoonDays}});
  }
  d["rounds"] = rounds;
  // The caller's own tasks are theirs to do next; the others due on their
  // inspections are listed apart.
  json tasks = json::array();
  json others_tasks = json::array();
  for (const auto& t : page.tasks) {
    json row = Due(t.task.due_on, page.today);
    row["title"] = t.task.title;
    row["owner"] = t.owner;
    row["inspection"] = t.inspection_title;
    row["href"] = "/inspections/" + std::to_string(t.task.inspection_id) + "/plan";
    (t.mine ? tasks : others_tasks).push_back(row);
  }
  d["tasks"] = tasks;
  d["others_tasks"] = others_tasks;
  json to_assure = json::array();
  for (const auto& e : page.evidence_to_assure) {
    to_assure.push_back({{"summary", Abridged(e.item.summary, 200)},
                         {"inspection", e.inspection_title},
                         {"gathered", DateInWords(e.item.gathered_on)},
                         {"href", "/inspections/" + std::to_string(e.inspection_id) + "/evidence/" +
                                      std::to_string(e.item.id)}});
  }
  d["to_assure"] = to_assure;
  json answered = json::array();
  for (const auto& e : page.answered_queries) {
    answered.push_back({{"query", Abridged(e.query->comment, 200)},
                        {"answer", Abridged(e.query->answer, 200)},
                        {"inspection", e.inspection_title},
                        {"answered", TimestampInWords(e.query->answered_at)},
                        {"href", "/inspections/" + std::to_string(e.inspection_id) + "/evidence/" +
                                     std::to_string(e.item.id)}});
  }
  d["answered"] = answered;
  json actions = json::array();
  for (const auto& a : page.actions) {
    json row = Due(a.due_on, page.today);
    row["due_label"] = std::string(ActionDueLabel(a, page.today.ToIso()));
    row["text"] = a.text;
    row["owner"] = a.owner;
    row["href"] = "/governance/meetings/" + std::to_string(a.meeting_id) + "#actions";
    actions.push_back(row);
  }
  d["actions"] = actions;
  json my_actions = json::array();
  for (const auto& a : page.my_actions) {
    json row = Due(a.due_on, page.today);
    row["due_label"] = std::string(ActionDueLabel(a, page.today.ToIso()));
    row["text"] = a.text;
    row["href"] = "/governance/meetings/" + std::to_string(a.meeting_id) + "#actions";
    my_actions.push_back(row);
  }
  d["my_actions"] = my_actions;
  const json overdue = TrackerOverdue(page);
  d["tracker_overdue"] = overdue;
  d["tracker_overdue_total"] = page.tracker_overdue_total;
  d["tracker_overdue_more"] =
      page.tracker_overdue_total > static_cast<int64_t>(page.tracker_overdue.size());
  d["tracker_overdue_href"] =
      page.inspectorate
          ? "/tracker?inspectorate_id=" + std::to_string(page.inspectorate->id) + "&overdue=yes"
          : std::string("/tracker?overdue=yes");
  d["tracker_overdue_whose"] = page.inspectorate ? "Your inspectorate's" : "The inspectorates'";
  for (const char* list :
       {"reports_awaiting", "decisions", "unscored", "rounds", "tasks", "others_tasks", "to_assure",
        "answered", "actions", "my_actions", "declined", "tracker_overdue"}) {
    d[std::string("has_") + list] = !d[list].empty();
  }
  d["nothing_to_do"] = awaiting.empty() && decisions.empty() && unscored.empty() && tasks.empty() &&
                       to_assure.empty() && answered.empty() && actions.empty() &&
                       my_actions.empty() && d["declined"].empty() && overdue.empty();
  return d;
}

}  // namespace

// For anyone not signed in: what the public can do here (respond to an
// open consultation, read what was said and done, see the inspections in
// progress), and signing in for staff.
void HomeFeature::StartPage(const Request& req, Response& res, RequestContext& ctx) {
  auto page = home_.ViewPublicHome();
  if (!page.ok()) return Fail(req, res, Surface::kPage, ctx, page.status());
  json d = Base(ctx, "Welcome", "home");
  json open = json::array();
  for (const auto& r : page->open_rounds) {
    open.push_back({{"id", r.id}, {"title", r.title}, {"deadline", r.deadline.ToLong()}});
  }
  json summaries = json::array();
  for (const auto& r : page->summaries) {
    summaries.push_back({{"id", r.id},
                         {"title", r.title},
                         {"published_on", r.summary_published_on.ToDayMonthYear()}});
  }
  d["open_rounds"] = open;
  d["has_open_rounds"] = !open.empty();
  d["summaries"] = summaries;
  d["has_summaries"] = !summaries.empty();
  MayBeKeptPublicly(ctx, res);
  Html(res, "start", d);
}

void HomeFeature::RegisterPages() {
  Route("GET", "/", Surface::kPage, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          if (ctx.caller.anonymous()) return StartPage(req, res, ctx);
          // The people of owner bodies have their recommendations and nothing else.
          if (ctx.caller.owner_id) {
            return res.Redirect(WithNotice("/your-recommendations", Param(req, "done")));
          }
          auto page = home_.ViewHome(ctx.caller);
          if (!page.ok()) return Fail(req, res, Surface::kPage, ctx, page.status());
          auto reports = inspections_.ReportsAwaiting(ctx.caller);
          if (!reports.ok()) return Fail(req, res, Surface::kPage, ctx, reports.status());
          json d = Base(ctx, "Home", "home");
          d["who"] = WhoInWords(ctx.caller, *page);
          d["next"] = NextSteps(*page, *reports);
          d["inspectorate_count"] = page->inspectorate_count;
          d["body_count"] = WithThousands(page->body_count);
          Html(res, "home", d);
        });
}

}  // namespace jointly::web
