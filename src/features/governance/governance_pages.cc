// GOV.UK pages of governance (R20, R10): the bodies and their members, the
// chair's rotation, meetings with agenda, papers, decisions and actions,
// referrals to CJCIG and external reference groups.
#include <algorithm>

#include "core/text.h"
#include "features/governance/governance_feature.h"
#include "web/page_helpers.h"
#include "web/record_form.h"

namespace jointly::web {

using nlohmann::json;

namespace {

std::vector<std::pair<std::string, std::string>> BodyOptions() {
  std::vector<std::pair<std::string, std::string>> out;
  for (GovernanceBody b : kAllGovernanceBodies) {
    out.emplace_back(GovernanceBodyId(b), GovernanceBodyLabel(b));
  }
  return out;
}

// "Title | paper" a line.
std::vector<AgendaItem> AgendaFromText(const std::string& text) {
  std::vector<AgendaItem> out;
  for (const auto& line : Split(text, '\n')) {
    if (Trim(line).empty()) continue;
    const auto bar = line.find('|');
    out.push_back({std::string(Trim(line.substr(0, bar))),
                   bar == std::string::npos ? "" : std::string(Trim(line.substr(bar + 1)))});
  }
  return out;
}

// The agenda as the form shows it: "Title | paper" a line.
std::string AgendaAsText(const std::vector<AgendaItem>& agenda) {
  std::string out;
  for (const auto& a : agenda) {
    out += a.title + (a.paper.empty() ? "" : " | " + a.paper) + "\n";
  }
  return out;
}

// The agenda's errors at the one box that holds it.
Status AtAgendaBox(const Status& s) {
  return RenameFields(s, [](const std::string& f) {
    return f.rfind("agenda", 0) == 0 ? std::string("agenda") : f;
  });
}

// External reference groups (R10), with the advice each has given and the
// forms to add a group and its advice; `form` names a refused form.
void AddReferenceGroups(json& d, const Request& req, const std::string& form,
                        const std::vector<ReferenceGroup>& reference_groups,
                        const ProposalTitles& titles) {
  auto typed = [&](const char* name) { return form == "group" ? Param(req, name) : std::string(); };
  const auto proposal_options = titles.SelectOptions("Choose");
  json groups = json::array();
  for (const auto& g : reference_groups) {
    json j = ToJson(g);
    j["work_stream"] = titles.Of(g.proposal_id);
    for (auto& advice : j["advice"]) {
      if (advice.contains("met_on"))
        advice["met_on"] = DateInWords(advice["met_on"].get<std::string>());
    }
    j["has_advice"] = !g.advice.empty();
    // Refused advice comes back in its own group's form, as typed, with the
    // error beside it and the summary linking to it.
    if (form == "advice" && PathId(req) == g.id) {
      j["typed"] = {{"day", Param(req, "met_on-day")},
                    {"month", Param(req, "met_on-month")},
                    {"year", Param(req, "met_on-year")},
                    {"advice", Param(req, "advice")}};
      j["advice_error"] = d.value("field_errors", json::object()).value("advice", "");
      for (auto& e : d["errors"]) {
        if (e.value("href", "") == "#advice") e["href"] = "#advice-" + std::to_string(g.id);
      }
    }
    groups.push_back(j);
  }
  d["groups"] = groups;
  d["has_groups"] = !groups.empty();
  d["f_group_proposal"] = FormField(d, "proposal_id", "Work stream it advises", "");
  d["f_group_proposal"]["options"] = Options(proposal_options, typed("proposal_id"));
  d["f_group_name"] = FormField(d, "group_name", "Name", typed("group_name"));
  d["f_group_members"] = FormField(d, "group_members", "Members", typed("group_members"),
                                   "One a line: name, organisation");
}

}  // namespace

// The overview; `form` names the form that was refused, shown again.
auto GovernanceFeature::Overview(const Request& req, Response& res, RequestContext& ctx,
                                 const Status& error, const std::string& form) {
  const auto page = Surface::kPage;
  auto shown = governance_.ViewGovernance(ctx.caller);
  if (!shown.ok()) return Fail(req, res, page, ctx, shown.status());
  const GovernanceView* v = &shown->overview;
  const Names n = NamesOf(shown->inspectorates);
  json d = Base(ctx, "Governance", "governance");
  if (!error.ok()) AddErrors(d, error);
  if (!form.empty()) d["open_" + form] = true;  // its form shown again, unfolded
  auto value = [&](const char* name, const char* in_form) {
    return form == in_form ? Param(req, name) : std::string();
  };
  const std::string today = FormatIsoDate(DayOf(clock_.NowMicros()));

  // R20: who chairs in the coming years.
  std::vector<std::pair<std::string, std::string>> cj;
  for (const auto& i : n.all) {
    if (i.kind == InspectorateKind::kCriminalJustice && i.is_open()) {
      cj.emplace_back(std::to_string(i.id), i.short_name);
    }
  }
  const std::optional<Rotation>& rotation = shown->rotation;
  const int this_year = shown->this_year;
  json years = json::array();
  std::vector<int64_t> order;
  if (rotation) {
    order = rotation->order;
    for (const auto& c : shown->chairs) {
      years.push_back({{"year", FinancialYearLabel(c.year)}, {"chair", n.Of(c.inspectorate_id)}});
    }
  }
  d["rotation_years"] = years;
  d["has_rotation"] = !years.empty();
  json positions = json::array();
  for (size_t p = 0; p < cj.size(); ++p) {
    const std::string key = "order_" + std::to_string(p + 1);
    const std::string current = form == "rotation" ? Param(req, key.c_str())
                                : p < order.size() ? std::to_string(order[p])
                                                   : std::string();
    json f = FormField(d, key, "Year " + std::to_string(p + 1) + " of the cycle", "");
    auto options = cj;
    options.insert(options.begin(), {"", "Choose"});
    f["options"] = Options(options, current);
    positions.push_back(f);
  }
  d["rotation_positions"] = positions;
  d["f_rotation_first_year"] = FormField(
      d, "first_year", "The financial year that is year 1 of the cycle",
      form == "rotation" ? Param(req, "first_year")
                         : FinancialYearLabel(rotation ? rotation->first_year : this_year),
      kFinancialYearHint, kFinancialYearWidth);
  d["f_rotation_reason"] = FormField(d, "reason", "The decision that changed it",
                                     form == "rotation" ? Param(req, "reason")
                                     : rotation         ? rotation->reason
                                                        : "",
                                     "For example, CJCIG meeting of 12 March 2027");

  // Members, by body.
  json bodies = json::array();
  for (GovernanceBody b : kAllGovernanceBodies) {
    json rows = json::array();
    for (const auto& m : v->members) {
      if (m.body != b) continue;
      rows.push_back({{"id", m.id},
                      {"name", m.name},
                      {"role", m.role},
                      {"inspectorate", n.Of(m.inspectorate_id)},
                      {"active", m.active},
                      {"left_on", Date::ParseOrNone(m.left_on).ToDayMonthYear()}});
    }
    bodies.push_back(
        {{"label", GovernanceBodyLabel(b)}, {"members", rows}, {"has_members", !rows.empty()}});
  }
  d["bodies"] = bodies;
  d["f_member_body"] = FormField(d, "body", "Body", "");
  d["f_member_body"]["options"] = Options(BodyOptions(), value("body", "member"));
  d["f_member_inspectorate"] = FormField(d, "inspectorate_id", "Inspectorate", "");
  {
    std::vector<std::pair<std::string, std::string>> all = {{"", "Choose"}};
    for (const auto& i : n.all) {
      if (i.is_open()) all.emplace_back(std::to_string(i.id), i.short_name);
    }
    d["f_member_inspectorate"]["options"] = Options(all, value("inspectorate_id", "member"));
  }
  d["f_member_name"] = FormField(d, "name", "Name", value("name", "member"));
  d["f_member_role"] = FormField(d, "role", "Role (optional)", value("role", "member"));
  d["f_member_email"] = FormField(d, "email", "Email address (optional)", value("email", "member"));

  // Meetings.
  json meetings = json::array();
  for (const auto& m : v->meetings) {
    meetings.push_back({{"id", m.id},
                        {"title", m.title},
                        {"held_on", DateInWords(m.held_on)},
                        {"body", GovernanceBodyLabel(m.body)}});
  }
  d["has_meetings"] = !meetings.empty();
  if (Status paged =
          ShowPageOf(req, "/governance#meetings", std::move(meetings), 20, d, "meetings");
      !paged.ok()) {
    return Fail(req, res, page, ctx, paged);
  }
  d["f_meeting_body"] = FormField(d, "meeting_body", "Body", "");
  d["f_meeting_body"]["options"] = Options(BodyOptions(), value("meeting_body", "meeting"));
  d["f_meeting_title"] = FormField(d, "title", "Title", value("title", "meeting"));
  d["f_meeting_held_on"] =
      DateField(d, req, form == "meeting", "held_on", "Date of the meeting",
                "Held, or to come: a meeting to come is recorded with its agenda. " + kDateHint);
  d["f_meeting_agenda"] =
      FormField(d, "agenda", "Agenda", value("agenda", "meeting"),
                "One item a line; add its paper after a bar, such as: Draft programme | Paper 2");

  // Actions due, and referrals.
  json actions = json::array();
  for (const auto& a : v->open_actions) {
    actions.push_back({{"text", a.text},
                       {"owner", OwnerShownAs(a.owner, shown->people_by_email)},
                       {"due_on", DateInWords(a.due_on)},
                       {"meeting_id", a.meeting_id},
                       {"due_label", std::string(ActionDueLabel(a, today))}});
  }
  d["actions"] = actions;
  d["has_actions"] = !actions.empty();
  json referrals = json::array();
  for (const auto& r : v->referrals) {
    referrals.push_back({{"subject", r.subject},
                         {"meeting_id", r.meeting_id},
                         {"decided", r.state == ReferralState::kDecided},
                         {"decision", r.decision}});
  }
  d["referrals"] = referrals;
  d["has_referrals"] = !referrals.empty();

  AddReferenceGroups(d, req, form, v->reference_groups, ProposalTitles{shown->proposal_titles});
  Html(res, "governance", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

auto GovernanceFeature::OverviewAction(const std::string& form) {
  return [this, form](const Request& req, Response& res, RequestContext& ctx) {
    std::string next = "/governance";
    Status s = OkStatus();
    if (form == "rotation") {
      Rotation r;
      Validation v;
      std::vector<int> position;  // on the form, of each inspectorate in the order
      bool unchosen = false;      // a year of the cycle left without a chair
      for (int p = 1; p <= 20; ++p) {
        const std::string key = "order_" + std::to_string(p);
        if (!req.HasParam(key)) break;
        if (auto id = ParseInt(Param(req, key.c_str()), 1, INT64_MAX)) {
          r.order.push_back(*id);
          position.push_back(p);
        } else {
          unchosen = true;
          v.Add(key, "required",
                "Choose who chairs in year " + std::to_string(p) + " of the cycle");
        }
      }
      if (auto year = FinancialYear::Parse(Param(req, "first_year"))) {
        r.first_year = year->start_year();  // out of range is the domain's to name
      } else {
        v.Add("first_year", "type",
              "Enter the financial year that is year 1 of the cycle, such as 2027-28");
      }
      const std::string reason = Field(req, "reason");
      // Every error at once: what could not be read, and the checks of
      // the rest.
      // A year left unchosen is named at its box; which inspectorates the
      // order then skips is said only of an order chosen in full.
      Status checked = OkStatus();
      if (!v.empty()) {
        Validation kept;
        const Status order = ValidateRotation(r, NamesFor(ctx.caller).all);
        for (const auto& e : order.field_errors()) {
          if (!unchosen || e.field != "order") kept.Add(e.field, e.rule, e.message);
        }
        checked = kept.Finish("The rotation is not valid");
      }
      s = v.empty() ? consultation_.SetRotation(ctx.caller, r, reason).status()
                    : MergeErrors(v.Finish("The rotation is not valid"),
                                  MergeErrors(ValidateRotationReason(reason), checked));
      s = RenameFields(s, [&position](const std::string& f) {
        if (f == "order") return std::string("order_1");
        if (f.rfind("order[", 0) != 0) return f;
        const size_t i = static_cast<size_t>(std::atoi(f.c_str() + 6));
        return "order_" + std::to_string(i < position.size() ? position[i] : 1);
      });
      next += "#rotation";
    } else if (form == "member") {
      Member m;
      m.body = ParseGovernanceBody(Param(req, "body")).value_or(GovernanceBody::kCjcig);
      m.inspectorate_id = ParseInt(Param(req, "inspectorate_id"), 1, INT64_MAX).value_or(0);
      m.name = Field(req, "name");
      m.role = Field(req, "role");
      m.email = Field(req, "email");
      s = governance_.AddMember(ctx.caller, m).status();
      next += "#members";
    } else if (form == "meeting") {
      Meeting m;
      m.body = ParseGovernanceBody(Param(req, "meeting_body")).value_or(GovernanceBody::kCjcig);
      m.title = Field(req, "title");
      m.held_on = DateParam(req, "held_on");
      m.agenda = AgendaFromText(Param(req, "agenda"));
      auto made = governance_.CreateMeeting(ctx.caller, m);
      s = AtAgendaBox(made.status());
      if (made.ok()) next = "/governance/meetings/" + std::to_string(made->meeting.id);
    } else if (form == "group") {
      ReferenceGroup g;
      g.proposal_id = ParseInt(Param(req, "proposal_id"), 1, INT64_MAX).value_or(0);
      g.name = Field(req, "group_name");
      for (const auto& line : Split(Param(req, "group_members"), '\n')) {
        if (Trim(line).empty()) continue;
        const auto comma = line.find(',');
        g.members.push_back(
            {std::string(Trim(line.substr(0, comma))),
             comma == std::string::npos ? "" : std::string(Trim(line.substr(comma + 1)))});
      }
      s = RenameFields(governance_.CreateReferenceGroup(ctx.caller, g).status(),
                       [](const std::string& f) {
                         if (f == "name") return std::string("group_name");
                         return f.rfind("members", 0) == 0 ? std::string("group_members") : f;
                       });
      next += "#reference-groups";
    } else if (form == "advice") {
      auto group = PathId(req);
      Advice a;
      a.met_on = DateParam(req, "met_on");
      a.advice = Field(req, "advice");
      s = group ? governance_.AddAdvice(ctx.caller, *group, a).status()
                : NotFound("No such reference group");
      s = RenameFields(s, [](const std::string&) { return std::string("advice"); });
      next += "#reference-groups";
    }
    if (!s.ok()) return Overview(req, res, ctx, s, form);
    res.Redirect(WithNotice(next, form == "rotation"  ? "rotation-saved"
                                  : form == "member"  ? "member-saved"
                                  : form == "meeting" ? "meeting-recorded"
                                  : form == "group"   ? "group-saved"
                                                      : "advice-recorded"));
  };
}

// A meeting: agenda and papers, decisions, actions and referrals.
auto GovernanceFeature::MeetingPage(const Request& req, Response& res, RequestContext& ctx,
                                    const Status& error, const std::string& form) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such meeting"));
  auto shown = governance_.ViewMeeting(ctx.caller, *id);
  if (!shown.ok()) return Fail(req, res, page, ctx, shown.status());
  const MeetingView* v = &shown->view;
  json d = Base(ctx, v->meeting.title, "governance");
  if (!error.ok()) AddErrors(d, error);
  if (!form.empty()) d["open_" + form] = true;
  auto value = [&](const char* name, const char* in_form) {
    return form == in_form ? Param(req, name) : std::string();
  };
  const std::string today = FormatIsoDate(DayOf(clock_.NowMicros()));
  d["meeting"] = ToJson(v->meeting);
  d["meeting"]["body_label"] = GovernanceBodyLabel(v->meeting.body);
  d["meeting"]["held_on"] = DateInWords(v->meeting.held_on);
  d["meeting"]["to_come"] = v->meeting.held_on > today;
  json attended = json::array();
  for (const auto& m : v->members) {
    if (std::find(v->meeting.attended.begin(), v->meeting.attended.end(), m.id) !=
        v->meeting.attended.end())
      attended.push_back(m.name);
  }
  d["meeting"]["attended"] = attended;
  d["meeting"]["has_attended"] = !attended.empty();
  d["is_dg"] = v->meeting.body == GovernanceBody::kDevelopmentGroup;
  d["is_cjcig"] = v->meeting.body == GovernanceBody::kCjcig;
  const ProposalTitles titles{shown->proposal_titles};
  const auto proposal_options = titles.SelectOptions("None");
  std::map<int64_t, std::string> subjects;
  std::vector<std::pair<std::string, std::string>> decision_options = {{"", "None"}};
  for (const auto& joint : shown->joint_decisions) {
    subjects[joint.id] = joint.subject;
    decision_options.emplace_back(std::to_string(joint.id), joint.subject);
  }
  json decisions = json::array();
  for (const auto& dec : v->decisions) {
    decisions.push_back(
        {{"text", dec.text},
         {"proposal_id", dec.proposal_id ? *dec.proposal_id : 0},
         {"proposal", dec.proposal_id ? titles.Of(*dec.proposal_id) : ""},
         {"joint_decision", dec.joint_decision_id ? subjects[*dec.joint_decision_id] : ""}});
  }
  d["decisions"] = decisions;
  d["has_decisions"] = !decisions.empty();
  json actions = json::array();
  for (const auto& a : v->actions) {
    json j = ToJson(a);
    j["due_on"] = DateInWords(a.due_on);
    j["owner"] = OwnerShownAs(a.owner, shown->people_by_email);
    j["done"] = a.status == ActionStatus::kDone;
    j["due_label"] = std::string(ActionDueLabel(a, today));
    const auto has = [&a](const std::vector<int64_t>& ids) {
      return std::find(ids.begin(), ids.end(), a.id) != ids.end();
    };
    j["may_mark_done"] = d.value("can_record_governance", false) || has(shown->mine);
    j["owner_unknown"] = has(shown->unowned);
    actions.push_back(j);
  }
  d["actions"] = actions;
  d["has_actions"] = !actions.empty();
  json referred = json::array();
  for (const auto& r : v->referred) {
    referred.push_back({{"subject", r.subject},
                        {"detail", r.detail},
                        {"decided", r.state == ReferralState::kDecided},
                        {"decision", r.decision}});
  }
  d["referred"] = referred;
  d["has_referred"] = !referred.empty();
  json open = json::array();
  for (const auto& r : shown->open_referrals) {
    open.push_back(
        {{"id", r.id},
         {"meeting_id", *id},
         {"subject", r.subject},
         {"detail", r.detail},
         {"error",
          d.value("field_errors", json::object()).value("decision-" + std::to_string(r.id), "")}});
  }
  json decided = json::array();
  for (const auto& r : v->decided)
    decided.push_back({{"subject", r.subject}, {"decision", r.decision}});
  d["open_referrals"] = open;
  d["has_open_referrals"] = !open.empty();
  d["decided_referrals"] = decided;
  d["f_decision_text"] = FormField(d, "text", "What was decided", value("text", "decision"));
  d["f_decision_proposal"] = FormField(d, "proposal_id", "Programme item it concerns", "");
  d["f_decision_proposal"]["options"] = Options(proposal_options, value("proposal_id", "decision"));
  d["f_decision_joint"] = FormField(d, "joint_decision_id", "Joint decision it concerns", "");
  d["f_decision_joint"]["options"] =
      Options(decision_options, value("joint_decision_id", "decision"));
  d["f_action_text"] = FormField(d, "action_text", "Action", value("action_text", "action"));
  d["f_action_owner"] = FormField(d, "owner", "Owner", value("owner", "action"));
  d["f_action_due"] = DateField(d, req, form == "action", "due_on", "Due on");
  d["f_subject"] = FormField(d, "subject", "Issue referred", value("subject", "refer"));
  d["f_detail"] = FormField(d, "detail", "Detail (optional)", value("detail", "refer"));
  Html(res, "meeting", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

auto GovernanceFeature::MeetingAction(const std::string& form) {
  const auto page = Surface::kPage;
  return [this, form](const Request& req, Response& res, RequestContext& ctx) {
    auto id = PathId(req);
    if (!id) return Fail(req, res, page, ctx, NotFound("No such meeting"));
    std::string next = "/governance/meetings/" + std::to_string(*id);
    Status s = OkStatus();
    if (form == "decision") {
      MeetingDecision dec;
      dec.meeting_id = *id;
      dec.text = Field(req, "text");
      if (auto p = ParseInt(Param(req, "proposal_id"), 1, INT64_MAX)) dec.proposal_id = *p;
      if (auto j = ParseInt(Param(req, "joint_decision_id"), 1, INT64_MAX)) {
        dec.joint_decision_id = *j;
      }
      s = governance_.AddDecision(ctx.caller, dec).status();
      next += "#decisions";
    } else if (form == "action") {
      Action a;
      a.meeting_id = *id;
      a.text = Field(req, "action_text");
      a.owner = Field(req, "owner");
      a.due_on = DateParam(req, "due_on");
      s = RenameFields(governance_.AddAction(ctx.caller, a).status(), [](const std::string& f) {
        return f == "text" ? std::string("action_text") : f;
      });
      // Recorded all the same, with a warning when its owner will not see it.
      if (s.ok()) {
        const auto known = governance_.OwnerUsesJointly(ctx.caller, a.owner);
        if (known.ok() && !*known)
          return res.Redirect(WithNotice(next + "#actions", "action-recorded-owner-unknown"));
      }
      next += "#actions";
    } else if (form == "done") {
      auto action_id = PathId(req, 2);
      auto version = ParseInt(Param(req, "version"), 1, INT64_MAX);
      s = action_id && version
              ? governance_.MarkActionDone(ctx.caller, *action_id, *version).status()
              : NotFound("No such action");
      next += "#actions";
    } else if (form == "refer") {
      Referral r;
      r.meeting_id = *id;
      r.subject = Field(req, "subject");
      r.detail = Field(req, "detail");
      s = governance_.Refer(ctx.caller, r).status();
      next += "#referrals";
    } else if (form == "decide") {
      auto referral = PathId(req, 2);
      s = referral ? governance_.DecideReferral(ctx.caller, *referral, *id, Field(req, "decision"))
                         .status()
                   : NotFound("No such referral");
      if (referral) {
        s = RenameFields(
            s, [&](const std::string&) { return "decision-" + std::to_string(*referral); });
      }
      next += "#referrals";
    }
    if (!s.ok()) return MeetingPage(req, res, ctx, s, form);
    res.Redirect(WithNotice(next, form == "decision" ? "meeting-decision-recorded"
                                  : form == "action" ? "action-recorded"
                                  : form == "done"   ? "action-done"
                                  : form == "refer"  ? "referral-made"
                                                     : "referral-decided"));
  };
}

namespace {

// The meeting form's fields onto `m`: minutes and who attended only when
// the form offered them (a meeting already held).
void ReadMeetingForm(const Request& req, Meeting& m) {
  m.body = ParseGovernanceBody(Param(req, "meeting_body")).value_or(m.body);
  m.title = Field(req, "title");
  m.held_on = DateParam(req, "held_on");
  m.agenda = AgendaFromText(Param(req, "agenda"));
  if (!req.HasParam("minutes")) return;
  m.minutes = Field(req, "minutes");
  m.attended.clear();
  for (const auto& id : req.Params("attended")) {
    if (auto n = ParseInt(id, 1, INT64_MAX)) m.attended.push_back(*n);
  }
}

// Who attended, as checkboxes of the members of its body on its day.
json AttendanceBoxes(const std::vector<Member>& members, const std::vector<int64_t>& ticked) {
  json out = json::array();
  for (const auto& m : members) {
    const bool checked = std::find(ticked.begin(), ticked.end(), m.id) != ticked.end();
    out.push_back({{"id", m.id},
                   {"first", out.empty()},
                   {"label", m.role.empty() ? m.name : m.name + ", " + m.role},
                   {"checked", checked}});
  }
  return out;
}

}  // namespace

// A meeting's own form: change any of it, and once it has been held,
// record its minutes and who attended.
void GovernanceFeature::MeetingForm(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such meeting"));
  const bool posted = req.method == "POST";
  Status error = OkStatus();
  int64_t version = ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0);
  if (posted) {
    auto saved = governance_.UpdateMeeting(ctx.caller, *id, version, [&](Meeting& m) {
      ReadMeetingForm(req, m);
      return OkStatus();
    });
    if (saved.ok()) {
      return res.Redirect(
          WithNotice("/governance/meetings/" + std::to_string(*id), "meeting-saved"));
    }
    error = AtAgendaBox(saved.status());
    if (error.code() == StatusCode::kNotFound) return Fail(req, res, page, ctx, error);
  }
  auto view = governance_.GetMeeting(ctx.caller, *id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const Meeting& stored = view->meeting;
  if (!posted || error.code() == StatusCode::kAborted) version = stored.version;
  Meeting shown = stored;
  if (posted) ReadMeetingForm(req, shown);
  const std::string today = FormatIsoDate(DayOf(clock_.NowMicros()));
  json d = Base(ctx, "Change " + stored.title, "governance");
  if (!error.ok()) AddErrors(d, error);
  d["id"] = *id;
  d["version"] = version;
  d["title"] = stored.title;
  d["held"] = stored.held_on <= today;
  d["held_on_words"] = DateInWords(stored.held_on);
  d["f_meeting_body"] = FormField(d, "meeting_body", "Body", "");
  d["f_meeting_body"]["options"] =
      Options(BodyOptions(), std::string(GovernanceBodyId(shown.body)));
  d["f_title"] = FormField(d, "title", "Title", posted ? Param(req, "title") : stored.title);
  std::map<std::string, std::string> typed;
  if (posted) (void)DateParam(req, "held_on", typed);
  d["f_held_on"] = DateField(d, "held_on", "Date of the meeting", stored.held_on, typed);
  d["f_agenda"] =
      FormField(d, "agenda", "Agenda", posted ? Param(req, "agenda") : AgendaAsText(stored.agenda),
                "One item a line; add its paper after a bar, such as: Draft programme | Paper 2");
  d["f_minutes"] =
      FormField(d, "minutes", "Minutes", posted ? Param(req, "minutes") : stored.minutes,
                "Up to 20,000 characters");
  d["attended_error"] = d.value("field_errors", json::object()).value("attended", "");
  d["attendance"] = AttendanceBoxes(view->members, shown.attended);
  d["has_members"] = !view->members.empty();
  Html(res, "governance_meeting", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void GovernanceFeature::MemberForm(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such member"));
  Status error = OkStatus();
  int64_t version = 0;
  if (req.method == "POST") {
    // One write reads the form onto the member as stored, and reports
    // what could not be read with the checks of the rest, all at once.
    version = ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0);
    auto saved = governance_.UpdateMember(ctx.caller, *id, version, [&](Member& m) {
      Typed same;
      const Status unreadable = ReadRecordForm(MemberRecord(), req, m, same);
      return unreadable.ok() ? unreadable
                             : MergeFieldErrors(unreadable, CheckShape(MemberRecord(), m));
    });
    if (saved.ok()) return res.Redirect(WithNotice("/governance#members", "member-saved"));
    error = saved.status();
    if (error.code() == StatusCode::kNotFound) return Fail(req, res, page, ctx, error);
  }
  auto view = governance_.ViewMember(ctx.caller, *id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  Member shown = view->member;
  Typed typed;
  if (req.method == "POST") {
    // Shown again exactly as typed. After someone else's save, the newest
    // version is carried so that saving again keeps what was typed.
    (void)ReadRecordForm(MemberRecord(), req, shown, typed);
    if (error.code() == StatusCode::kAborted) version = view->member.version;
  } else {
    version = shown.version;
  }
  const Names n = NamesOf(std::move(view->inspectorates));
  HistoryNames names;
  for (const auto& i : n.all) names.inspectorates[i.id] = i.short_name;
  json d = Base(ctx, "Change a member", "governance");
  if (!error.ok()) AddErrors(d, error, names);
  d["heading"] =
      "Change " + (view->member.name.empty() ? std::string("a member") : view->member.name);
  d["id"] = *id;
  d["version"] = version;
  AddRecordFields(d, MemberRecord(), shown, typed);
  std::vector<std::pair<std::string, std::string>> all = {{"", "Choose"}};
  for (const auto& i : n.all) {
    if (i.is_open() || i.id == view->member.inspectorate_id) {
      all.emplace_back(std::to_string(i.id), i.short_name);
    }
  }
  const std::string chosen = req.method == "POST" ? Param(req, "inspectorate_id")
                                                  : std::to_string(view->member.inspectorate_id);
  d["f_inspectorate_id"]["options"] = Options(all, chosen);
  Html(res, "governance_member", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void GovernanceFeature::RegisterOverviewPages() {
  const auto page = Surface::kPage;

  Route("GET", "/governance", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          Overview(req, res, ctx, OkStatus(), "");
        });

  Route("POST", "/governance/rotation", page, Permission::kChangeRotation,
        OverviewAction("rotation"));
  Route("POST", "/governance/members", page, Permission::kRecordGovernance,
        OverviewAction("member"));
  for (const char* method : {"GET", "POST"}) {
    Route(method, R"(/governance/members/(\d+)/edit)", page, Permission::kRecordGovernance,
          [this](const Request& req, Response& res, RequestContext& ctx) {
            MemberForm(req, res, ctx);
          });
  }
  Route("POST", "/governance/meetings", page, Permission::kRecordGovernance,
        OverviewAction("meeting"));
  Route("POST", "/governance/reference-groups", page, Permission::kRecordGovernance,
        OverviewAction("group"));
  Route("POST", R"(/governance/reference-groups/(\d+)/advice)", page, Permission::kRecordGovernance,
        OverviewAction("advice"));
}

void GovernanceFeature::RegisterMeetingPages() {
  const auto page = Surface::kPage;

  Route("GET", R"(/governance/meetings/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          MeetingPage(req, res, ctx, OkStatus(), "");
        });
  Route("POST", R"(/governance/meetings/(\d+)/decisions)", page, Permission::kRecordGovernance,
        MeetingAction("decision"));
  Route("POST", R"(/governance/meetings/(\d+)/actions)", page, Permission::kRecordGovernance,
        MeetingAction("action"));
  // The secretariat, or the action's own owner.
  Route("POST", R"(/governance/meetings/(\d+)/actions/(\d+)/done)", page, Permission::kSignedIn,
        MeetingAction("done"));
  Route("POST", R"(/governance/meetings/(\d+)/referrals)", page, Permission::kRecordGovernance,
        MeetingAction("refer"));
  for (const char* method : {"GET", "POST"}) {
    Route(method, R"(/governance/meetings/(\d+)/edit)", page, Permission::kRecordGovernance,
          [this](const Request& req, Response& res, RequestContext& ctx) {
            MeetingForm(req, res, ctx);
          });
  }
  Route("POST", R"(/governance/meetings/(\d+)/referrals/(\d+)/decision)", page,
        Permission::kRecordGovernance, MeetingAction("decide"));
}

}  // namespace jointly::web
