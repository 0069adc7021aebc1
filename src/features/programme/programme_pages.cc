// GOV.UK pages of programme planning: the long-list, proposals and their
// scores, plans with the optimiser and its explanations, joint decisions,
// Ministers' comments and the business plan.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "core/text.h"
#include "features/programme/programme_feature.h"
#include "features/programme/programme_forms.h"
#include "service/programme_json.h"
#include "web/page_helpers.h"
#include "web/record_form.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// A run's state in words, for its tag.
std::string_view RunStateLabel(RunState state) {
  switch (state) {
    case RunState::kQueued:
      return "Waiting to start";
    case RunState::kRunning:
      return "Running";
    case RunState::kFinished:
      return "Finished";
    case RunState::kFailed:
      return "No programme found";
  }
  return "";
}

std::string Score(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

// Whole numbers without decimals, others to one place.
std::string Days(double v) {
  if (std::abs(v - std::round(v)) < 1e-9)
    return std::to_string(static_cast<int64_t>(std::round(v)));
  return Score(v);
}

// The fields of a proposal its form does not offer: those a published plan
// holding it prints (rule published-plan-frozen).
using Fixed = std::set<std::string, std::less<>>;
using PublishedIn = std::vector<std::pair<Plan, Date>>;

Fixed FixedFields(const PublishedIn& published_in) {
  Fixed out;
  if (published_in.empty()) return out;
  for (std::string_view field : PublishedProposalFields()) out.emplace(field);
  return out;
}

// What a proposal's page and form say of each published plan holding it.
json HeldWords(const PublishedIn& published_in) {
  json out = json::array();
  for (const auto& [plan, on] : published_in) out.push_back(HeldByPublishedPlanWords(plan, on));
  return out;
}

// Who takes part, in words: "HMICFRS leads: 120 inspector-days".
json TakingPart(const Proposal& p, const Names& n) {
  json out = json::array();
  for (const auto& part : p.participants) {
    out.push_back({{"name", n.Of(part.inspectorate_id)},
                   {"how", InvolvementVerb(part.involvement)},
                   {"effort", WithThousands(part.effort_days)}});
  }
  return out;
}

// The form's fixed fields with their values, for a summary list.
json FixedRows(const Fixed& fixed, const Proposal& p, const Names& n) {
  json rows = json::array();
  for (std::string_view field : PublishedProposalFields()) {
    if (fixed.count(field) == 0) continue;
    std::string value = field == "title"     ? p.title
                        : field == "summary" ? p.summary
                        : field == "type"    ? std::string(WorkTypeLabel(p.type))
                        : field == "part"    ? std::string(PartLabel(p.part))
                                             : Count(p.duration_quarters, "quarter", "quarters");
    const bool list = field == "participants";
    rows.push_back({{"label", ProposalFieldLabel(field)},
                    {"value", list ? "" : value},
                    {"is_list", list},
                    {"taking_part", list ? TakingPart(p, n) : json::array()}});
  }
  return rows;
}

std::string LeadsLabel(const Proposal& p, const Names& names) {
  std::string out;
  for (int64_t id : LeadsOf(p)) out += (out.empty() ? "" : " & ") + names.Of(id);
  return out;
}

json ProposalRow(const ProposalView& v, const Names& names) {
  const Proposal& p = v.proposal;
  json j = {{"id", p.id},
            {"title", p.title},
            {"type", WorkTypeLabel(p.type)},
            {"lead", LeadsLabel(p, names)},
            {"status", ProposalStatusLabel(p.status)},
            {"qualifies", v.qualifies},
            {"tests_apply", TestsApply(v.tests)},
            {"forced_in", p.forced == Forced::kIn},
            {"forced_out", p.forced == Forced::kOut},
            {"scored", v.scoring.combined.count > 0},
            {"score", Score(v.scoring.combined.mean)},
            {"spread", Score(v.scoring.combined.spread())},
            {"count", v.scoring.combined.count},
            {"scored_by", v.scoring.combined.count == 1
                              ? std::string("one inspectorate's score only")
                              : "between " + std::to_string(v.scoring.combined.count) +
                                    " inspectorates' scores"}};
  return j;
}

json EnumOptions(std::vector<std::pair<std::string, std::string>> values, const std::string& any,
                 const std::string& selected) {
  values.insert(values.begin(), {"", any});
  return Options(values, selected);
}

json TypeOptions(const std::string& selected, bool with_any) {
  std::vector<std::pair<std::string, std::string>> v;
  for (WorkType t : {WorkType::kCore, WorkType::kJointThematic, WorkType::kCollaborative,
                     WorkType::kScopingStudy, WorkType::kOther}) {
    v.emplace_back(std::string(WorkTypeId(t)), std::string(WorkTypeLabel(t)));
  }
  return with_any ? EnumOptions(v, "Any type", selected) : Options(v, selected);
}

json FocusOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (Focus f : kAllFocus) v.emplace_back(std::string(FocusId(f)), std::string(FocusLabel(f)));
  return EnumOptions(v, "Any process or issue", selected);
}

json StatusOptions(const std::string& selected, bool with_any) {
  std::vector<std::pair<std::string, std::string>> v;
  for (ProposalStatus s : kAllProposalStatuses) {
    v.emplace_back(std::string(ProposalStatusId(s)), std::string(ProposalStatusLabel(s)));
  }
  return with_any ? EnumOptions(v, "Any status", selected) : Options(v, selected);
}

json PartOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (ProgrammePart p : kAllParts)
    v.emplace_back(std::string(PartId(p)), std::string(PartLabel(p)));
  return Options(v, selected);
}

json OriginOptions(const std::string& selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (Origin o : kAllOrigins)
    v.emplace_back(std::string(OriginId(o)), std::string(OriginLabel(o)));
  return Options(v, selected);
}

// The proposal form's data from a proposal (and any ids of other proposals).
// Each field's label, as the proposal's page and form show it.
json ProposalLabels() {
  json labels = json::object();
  for (const auto& [field, label] : ProposalFieldLabels()) labels[std::string(field)] = label;
  return labels;
}

json ProposalFormData(json d, const Proposal& p, const Names& names,
                      const std::vector<Proposal>& others, const Typed& typed = {}) {
  d["labels"] = ProposalLabels();
  d["quarter_example"] = kQuarterExample;
  d["background_hint"] = "Up to " + WithThousands(kMaxBackgroundChars) + " characters";
  json participants = json::array();
  for (const auto& i : names.all) {
    if (!i.is_open()) continue;
    std::string involvement;
    std::string effort;
    for (const auto& part : p.participants) {
      if (part.inspectorate_id == i.id) {
        involvement = std::string(InvolvementId(part.involvement));
        effort = std::to_string(part.effort_days);
      }
    }
    const std::string key = std::to_string(i.id);
    if (auto t = typed.find("effort_" + key); t != typed.end()) effort = t->second;
    const json errors = d.value("field_errors", json::object());
    participants.push_back({{"id", i.id},
                            {"name", i.short_name},
                            {"effort", effort},
                            {"effort_error", errors.value("effort_" + key, "")},
                            {"involvement_error", errors.value("involvement_" + key, "")},
                            {"options", Options({{"", "Not involved"},
                                                 {"lead", "Leads"},
                                                 {"joint_lead", "Leads jointly"},
                                                 {"support", "Supports"},
                                                 {"contribute", "Contributes"}},
                                                involvement)}});
  }
  json focus = json::array();
  for (Focus f : kAllFocus) {
    focus.push_back({{"value", FocusId(f)},
                     {"label", FocusLabel(f)},
                     {"checked", p.focus.count(f) > 0},
                     {"process", IsHighLevelProcess(f)}});
  }
  json clashes = json::array();
  for (const auto& o : others) {
    if (o.id == p.id) continue;
    const bool on =
        std::find(p.clashes_with.begin(), p.clashes_with.end(), o.id) != p.clashes_with.end();
    clashes.push_back({{"id", o.id}, {"title", o.title}, {"checked", on}});
  }
  json form = ToJson(p);
  form["earliest_start"] = p.earliest_start ? QuarterLabel(p.earliest_start) : "";
  // What was typed, exactly, where the form was sent.
  for (const auto& [name, text] : typed) {
    if (form.contains(name)) form[name] = text;
  }
  d["proposal"] = form;
  d["participant_rows"] = participants;
  d["focus_choices"] = focus;
  d["clash_choices"] = clashes;
  d["has_clash_choices"] = !clashes.empty();
  d["type_options"] = TypeOptions(std::string(WorkTypeId(p.type)), false);
  d["origin_options"] = OriginOptions(std::string(OriginId(p.origin)));
  d["part_options"] = PartOptions(std::string(PartId(p.part)));
  d["status_options"] = StatusOptions(std::string(ProposalStatusId(p.status)), false);
  return d;
}

// An inspectorate's name as a message gives it: in full.
std::string FullNameOf(const Names& names, int64_t id) {
  for (const auto& i : names.all) {
    if (i.id == id) return i.full_name.empty() ? i.short_name : i.full_name;
  }
  return names.Of(id);
}

// What the proposal form says of an inspectorate's effort, whether what
// was typed is not a number or is out of range: one message for both.
std::string EffortMessage(const Names& names, int64_t inspectorate) {
  return "Enter " + Possessive(FullNameOf(names, inspectorate)) +
         " effort as a whole number of inspector-days, from 0 to " + WithThousands(kMaxEffortDays);
}

void ReadParticipants(const Request& req, Proposal& p, const Names& names, Validation& v,
                      Typed& typed);
void ReadTiming(const Request& req, Proposal& p, Validation& v,
                const std::function<bool(const char*)>& read);
void ReadChoices(const Request& req, Proposal& p, Validation& v);

// Reads the form onto `p`; problems that are about the form itself (not a
// number, not a quarter) go into `v`. The fields in `fixed` (those a
// published plan prints) are not on the form and are kept as they are, as
// is every field the form did not send (a field sent empty is emptied):
// the form sends an empty hidden value under each checkbox group's name.
void ProposalFromForm(const Request& req, Proposal& p, const Names& names, Validation& v,
                      bool editing, Typed& typed, const Fixed& fixed) {
  const auto open = [&](const char* field) { return fixed.count(field) == 0; };
  // Sent, or needed: a new proposal is asked for its type and duration.
  const auto read = [&](const char* field) {
    return open(field) && (req.HasParam(field) || !editing);
  };
  for (const char* name : {"title", "summary", "background", "scope_and_purpose", "main_question",
                           "specialist_skills", "duration_quarters", "earliest_start"}) {
    if (open(name) && req.HasParam(name)) typed[name] = Param(req, name);
  }
  if (open("title")) TextSent(req, "title", p.title);
  if (open("summary")) TextSent(req, "summary", p.summary);
  for (auto [name, field] : {std::pair{"background", &p.background},
                             std::pair{"scope_and_purpose", &p.scope_and_purpose},
                             std::pair{"main_question", &p.main_question},
                             std::pair{"specialist_skills", &p.specialist_skills}}) {
    TextSent(req, name, *field);
  }
  if (read("type")) {
    if (auto t = ParseWorkType(Param(req, "type"))) {
      p.type = *t;
    } else {
      v.Add("type", "R7", "Choose the type of work");
    }
  }
  if (auto o = ParseOrigin(Param(req, "origin"))) p.origin = *o;
  if (read("part")) p.part = ParsePart(Param(req, "part")).value_or(DefaultPart(p.origin, p.type));
  if (editing) {
    if (auto s = ParseProposalStatus(Param(req, "status"))) p.status = *s;
  }
  ReadTiming(req, p, v, read);
  ReadChoices(req, p, v);
  if (open("participants")) ReadParticipants(req, p, names, v, typed);
}

// The duration and earliest start, where `read` says to.
void ReadTiming(const Request& req, Proposal& p, Validation& v,
                const std::function<bool(const char*)>& read) {
  // Out of range is the domain's to name; what is not a number is ours.
  if (read("duration_quarters")) {
    if (auto d = WholeNumber(Param(req, "duration_quarters"))) {
      p.duration_quarters = NearestInt(*d);
    } else {
      v.Add("duration_quarters", "type",
            "Enter the duration as a whole number of quarters, 1 to 8");
    }
  }
  if (!read("earliest_start")) return;
  const std::string start = Field(req, "earliest_start");
  if (start.empty()) {
    p.earliest_start = 0;
  } else if (auto q = ParseQuarter(start)) {
    p.earliest_start = *q;
  } else {
    v.Add("earliest_start", "quarter",
          "Enter the earliest start as a quarter, such as " + std::string(kQuarterExample));
  }
}

// The principles, focus and clashes: checkboxes, each read if sent.
void ReadChoices(const Request& req, Proposal& p, Validation& v) {
  CheckedSent(req, "contributes_to_improvement", p.contributes_to_improvement, v);
  CheckedSent(req, "outcome_focused", p.outcome_focused, v);
  CheckedSent(req, "user_perspective", p.user_perspective, v);
  if (req.HasParam("focus")) {
    p.focus.clear();
    for (const std::string& value : req.Params("focus")) {
      if (auto f = ParseFocus(value)) p.focus.insert(*f);
    }
  }
  if (req.HasParam("clashes_with")) {
    p.clashes_with.clear();
    for (const std::string& value : req.Params("clashes_with")) {
      if (auto id = ParseInt(value, 1, INT64_MAX)) p.clashes_with.push_back(*id);
    }
  }
}

// Reads who takes part, and each one's effort, onto `p`: an inspectorate
// the form sent nothing for keeps its part as it is.
void ReadParticipants(const Request& req, Proposal& p, const Names& names, Validation& v,
                      Typed& typed) {
  const auto sent = [&](const Inspectorate& i) {
    const std::string key = std::to_string(i.id);
    return req.HasParam("involvement_" + key) || req.HasParam("effort_" + key);
  };
  if (std::none_of(names.all.begin(), names.all.end(), sent)) return;
  std::vector<Participation> read;
  for (const auto& i : names.all) {
    const std::string key = std::to_string(i.id);
    if (!sent(i)) {
      for (const auto& kept : p.participants) {
        if (kept.inspectorate_id == i.id) read.push_back(kept);
      }
      continue;
    }
    const std::string involvement = Param(req, ("involvement_" + key).c_str());
    const std::string effort = Field(req, ("effort_" + key).c_str());
    typed["effort_" + key] = Param(req, ("effort_" + key).c_str());
    auto parsed = ParseInvolvement(involvement);
    if (!parsed) {
      // Effort typed for an inspectorate that takes no part is kept and
      // questioned, not dropped.
      if (!effort.empty()) {
        v.Add("involvement_" + key, "one-of",
              "Choose how " + FullNameOf(names, i.id) + " takes part, or clear its effort");
      }
      continue;
    }
    Participation part;
    part.inspectorate_id = i.id;
    part.involvement = *parsed;
    if (effort.empty()) {
      part.effort_days = 0;
    } else if (auto days = WholeNumber(effort)) {
      part.effort_days = NearestInt(*days);
    } else {
      v.Add("effort_" + key, "type", EffortMessage(names, i.id));
    }
    read.push_back(part);
  }
  p.participants = std::move(read);
}

// Domain field names ("participants[1].effort_days") to the form's inputs;
// a participant's effort out of range names its inspectorate.
Status ForForm(const Status& s, const Proposal& p, const Names& names) {
  return RenameErrors(s, [&](const FieldError& e) {
    const size_t index = e.field.rfind("participants[", 0) == 0
                             ? std::stoul(e.field.substr(13, e.field.find(']') - 13))
                             : p.participants.size();
    if (index >= p.participants.size()) return e;
    const int64_t inspectorate = p.participants[index].inspectorate_id;
    const std::string id = std::to_string(inspectorate);
    if (e.field.find("effort_days") == std::string::npos) {
      return FieldError{"involvement_" + id, e.rule, e.message};
    }
    return FieldError{"effort_" + id, e.rule,
                      e.rule == "range" ? EffortMessage(names, inspectorate) : e.message};
  });
}

// What consultees said about a proposal (R10), for its page and scoring.
json SaidAbout(const std::vector<ConsultationResponse>& responses) {
  json out = json::array();
  for (const auto& r : responses) {
    json answers = json::array();
    for (const auto& [number, text] : r.answers) {
      answers.push_back({{"number", number}, {"text", text}});
    }
    out.push_back({{"name", r.name},
                   {"organisation", r.organisation},
                   {"received_on", r.received_on.ToDayMonthYear()},
                   {"late", r.late},
                   {"answers", answers}});
  }
  return out;
}

json DecisionRow(const DecisionView& v, const Names& names,
                 const std::map<int64_t, std::string>& people) {
  json j = ToJson(v);
  // Who asked, when, and (for a proposal forced in or out) why.
  auto asker = people.find(v.stored.raised_by);
  j["asked_words"] = "Asked by " +
                     (asker != people.end() ? asker->second : std::string("Jointly")) + " on " +
                     TimestampInWords(v.stored.raised_at) + ".";
  j["why"] = j.value("reason", "");
  json concerned = json::array();
  for (int64_t i : v.stored.decision.concerned) {
    auto r = v.stored.decision.responses.find(i);
    std::string answer = "Awaiting";
    std::string tag = "govuk-tag--grey";
    std::string reason;
    std::string by;  // who answered for it
    if (r == v.stored.decision.responses.end() && v.state == DecisionState::kDeclined) {
      answer = "Need not answer";  // declined by another: it will not take effect
    } else if (r != v.stored.decision.responses.end()) {
      answer = r->second.agreed ? "Agreed" : "Declined";
      tag = r->second.agreed ? "govuk-tag--green" : "govuk-tag--red";
      reason = r->second.reason;
      auto who = people.find(r->second.by_user_id);
      if (who != people.end()) by = who->second;
    }
    concerned.push_back(
        {{"name", names.Of(i)}, {"answer", answer}, {"tag", tag}, {"reason", reason}, {"by", by}});
  }
  j["concerned_rows"] = concerned;
  j["state_label"] = v.state == DecisionState::kAwaiting ? "Awaiting agreement"
                     : v.state == DecisionState::kAgreed ? "Agreed: in effect"
                     : v.state == DecisionState::kLapsed ? "Lapsed"
                                                         : "Declined";
  j["state_tag"] = v.state == DecisionState::kAwaiting ? "govuk-tag--yellow"
                   : v.state == DecisionState::kAgreed ? "govuk-tag--green"
                   : v.state == DecisionState::kLapsed ? "govuk-tag--grey"
                                                       : "govuk-tag--red";
  if (v.state == DecisionState::kDeclined) {
    std::map<int64_t, std::string> short_names;
    for (const auto& i : names.all) short_names[i.id] = i.short_name;
    json declined = json::array();
    for (auto& line : DeclinedWords(v.stored.decision, short_names, people)) {
      declined.push_back(std::move(line));
    }
    j["declined_words"] = declined;
    j["declined_next"] =
        "It does not take effect, so the other inspectorates need not answer. "
        "To ask again, change what was declined and ask from its page.";
    j["declined_href"] = SubjectPageOf(v);
  }
  if (v.state == DecisionState::kLapsed) {
    j["lapsed_words"] = "This lapsed on " + TimestampInWords(v.stored.decision.lapsed_at) +
                        ", before every inspectorate had answered: a newer version was put to "
                        "them in its place, so nobody is asked to agree this one.";
    j["superseded_href"] = "#decision-" + std::to_string(v.stored.decision.superseded_by);
  }
  return j;
}

}  // namespace

// The form's participants are read in the order of the inspectorates,
// and its messages name them, so a POST reads the form's view first.
void ProgrammeFeature::ProposalForm(const Request& req, Response& res, RequestContext& ctx,
                                    std::optional<int64_t> id) {
  const auto page = Surface::kPage;
  auto view = programme_.ViewProposalForm(ctx.caller, id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const Names n = NamesOf(std::move(view->inspectorates));
  const std::vector<Proposal>& others = view->all;
  Proposal p;
  p.duration_quarters = 2;
  if (view->proposal) p = *view->proposal;
  if (id) {
    if (Status may = CheckMayChangeProposal(ctx.caller, p); !may.ok()) {
      return Fail(req, res, page, ctx, may);
    }
  }
  json d = Base(ctx, id ? "Edit proposal" : "Add a proposal", "programme");
  d["editing"] = id.has_value();
  const Fixed fixed = FixedFields(view->published_in);
  d["held_words"] = HeldWords(view->published_in);
  for (const auto& field : fixed) d["fixed"][field] = true;
  d["fixed_rows"] = FixedRows(fixed, p, n);
  d["has_fixed"] = !fixed.empty();
  d["action"] = id ? "/programme/proposals/" + std::to_string(*id) + "/edit"
                   : std::string("/programme/proposals/new");
  if (req.method == "POST") {
    Validation v;
    Typed typed;
    // Nothing is changed without the version it was changed from.
    Status sent = OkStatus();
    if (id) {
      auto version = SentVersion(req, "the proposal");
      if (version.ok()) p.version = *version;
      sent = version.status();
    }
    ProposalFromForm(req, p, n, v, id.has_value(), typed, fixed);
    // Every error at once: what could not be read, and the checks of the
    // rest.
    Status s = MergeErrors(MergeErrors(sent, ForForm(v.Finish(), p, n)),
                           ForForm(ValidateProposal(p), p, n));
    if (s.ok()) {
      auto saved =
          id ? programme_.UpdateProposal(ctx.caller, p) : programme_.CreateProposal(ctx.caller, p);
      if (saved.ok()) {
        const bool unchanged = id && saved->version == p.version;
        res.Redirect(WithNotice("/programme/proposals/" + std::to_string(saved->id),
                                !id         ? "proposal-added"
                                : unchanged ? "proposal-unchanged"
                                            : "proposal-saved"));
        return;
      }
      s = saved.status();
      // A refusal that names fields (a published plan's, say) is the form's
      // to show at them.
      if (s.code() != StatusCode::kInvalidArgument && s.code() != StatusCode::kAborted &&
          s.field_errors().empty()) {
        return Fail(req, res, page, ctx, s);
      }
    }
    HistoryNames names;
    names.inspectorates = n.name;
    AddErrors(d, ForForm(s, p, n), names);
    Html(res, "proposal_form", ProposalFormData(d, p, n, others, typed), HttpStatusFor(s.code()));
    return;
  }
  Html(res, "proposal_form", ProposalFormData(d, p, n, others));
}

// One proposal: details, qualifying tests, scores, override.
void ProgrammeFeature::ProposalPage(const Request& req, Response& res, RequestContext& ctx,
                                    const Status& error) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such proposal"));
  auto view = programme_.ViewProposal(ctx.caller, *id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const ProposalView* v = &view->view;
  const Names n = NamesOf(std::move(view->inspectorates));
  const Proposal& p = v->proposal;
  json d = Base(ctx, p.title, "programme");
  if (!error.ok()) AddErrors(d, error);
  d["labels"] = ProposalLabels();
  d["proposal"] = ToJson(p);
  d["proposal"]["may_change"] = CheckMayChangeProposal(ctx.caller, p).ok();
  d["type_label"] = WorkTypeLabel(p.type);
  d["part_label"] = PartLabel(p.part);
  d["status_label"] = ProposalStatusLabel(p.status);
  d["lead"] = LeadsLabel(p, n);
  d["earliest"] = p.earliest_start ? "from " + QuarterLabel(p.earliest_start) + " at the earliest"
                                   : std::string("as soon as the plan allows");
  d["taking_part"] = TakingPart(p, n);
  // In a published plan's programme: it says so, and is not forced in or out.
  d["held_words"] = HeldWords(view->published_in);
  if (const auto& declined = view->declined_force) {
    d["declined_force"] = DeclinedPanel(*declined, n.all, view->people, "declined-force");
  }
  json focus = json::array();
  for (Focus f : p.focus) focus.push_back(FocusLabel(f));
  d["focus_labels"] = focus;
  d["origin_label"] = OriginLabel(p.origin);
  json tests = json::array();
  for (const auto& t : v->tests) {
    json row = ToJson(t);
    row["name"] = t.test == QualifyingTest::kTwoOrMoreCjInspectorates
                      ? "Involves two or more CJ inspectorates"
                  : t.test == QualifyingTest::kIdentifiedLeadCjInspectorate
                      ? "Has an identified lead CJ inspectorate"
                  : t.test == QualifyingTest::kDefinedScopeAndPurpose
                      ? "Has a clearly defined scope and purpose"
                      : "Meets the key inspection principles";
    tests.push_back(row);
  }
  d["tests"] = tests;
  d["tests_apply"] = TestsApply(v->tests);
  d["treated_as_collaborative"] = QualifyingTestsApply(p.type) && !TestsApply(v->tests);
  d["qualifies"] = v->qualifies;
  json scores = json::array();
  for (const auto& r : v->scoring.by_inspectorate) {
    scores.push_back({{"name", n.Of(r.inspectorate_id)}, {"weighted", Score(r.weighted)}});
  }
  d["scores"] = scores;
  d["has_scores"] = !scores.empty();
  d["combined"] = Score(v->scoring.combined.mean);
  d["spread"] = Score(v->scoring.combined.spread());
  d["wide_spread"] = v->scoring.combined.count > 1 && v->scoring.combined.spread() >= 20;
  d["forced_label"] = p.forced == Forced::kNone ? "" : std::string(ForcedLabel(p.forced));
  d["reason"] = Param(req, "reason");
  // The override chosen, kept when the form comes back with errors.
  const std::string chosen = Param(req, "forced");
  d["forced_choice"] = {
      {"in", chosen == "in"}, {"out", chosen == "out"}, {"none", chosen == "none"}};
  d["said"] = SaidAbout(view->said);
  d["has_said"] = !view->said.empty();
  HistoryNames names{n.name, view->people, view->titles, {}, {}, {}, {}};
  for (const auto& set : view->criteria_sets) {
    names.criteria_sets[set.id] = set.name;
    for (const auto& c : set.criteria) names.criteria[c.id] = c.name;
  }
  d["history"] = HistoryRows(view->history, names);
  d["has_history"] = !view->history.empty();
  Html(res, "proposal", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

// Scoring for the caller's inspectorate, on the newest plan's criteria
// set. `sent`: the scores a refused form sent, shown again with `error`.
void ProgrammeFeature::ScorePage(const Request& req, Response& res, RequestContext& ctx,
                                 const CriterionScores* sent, const Status& error) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such proposal"));
  auto view = programme_.ViewScoring(ctx.caller, *id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const Names n = NamesOf(std::move(view->inspectorates));
  const CriteriaSet& set = view->set;
  json d = Base(ctx, "Score " + view->view.proposal.title, "programme");
  // R1, R2: scores rank the proposals that qualify. One that does not yet
  // qualify may be scored, and the page says why and what that means.
  json failed = json::array();
  for (const auto& t : view->view.tests) {
    if (t.applies && !t.passed) failed.push_back(t.reason);
  }
  d["failed_tests"] = failed;
  d["does_not_qualify"] = !failed.empty();
  CriterionScores mine;
  for (const auto& r : view->view.scoring.by_inspectorate) {
    if (ctx.caller.inspectorate_id && r.inspectorate_id == *ctx.caller.inspectorate_id) {
      mine = r.scores;
    }
  }
  if (sent) mine = *sent;
  if (!error.ok()) {
    AddErrors(d, RenameFields(error, [](const std::string& field) {
                return field.rfind("scores.", 0) == 0 ? "score_" + field.substr(7) : field;
              }));
  }
  json criteria = json::array();
  for (const auto& c : set.criteria) {
    const std::string key = "score_" + std::to_string(c.id);
    json options = json::array();
    for (int s = kMinScore; s <= kMaxScore; ++s) {
      options.push_back({{"value", s},
                         {"id", key + (s == kMinScore ? "" : "-" + std::to_string(s))},
                         {"checked", mine.count(c.id) && mine.at(c.id) == s}});
    }
    criteria.push_back({{"key", key},
                        {"name", c.name},
                        {"description", c.description},
                        {"weight", Score(c.weight * 100)},
                        {"error", d.value("field_errors", json::object()).value(key, "")},
                        {"options", options}});
  }
  d["proposal"] = ToJson(view->view.proposal);
  d["said"] = SaidAbout(view->said);
  d["has_said"] = !view->said.empty();
  d["set"] = ToJson(set);
  d["criteria"] = criteria;
  d["inspectorate"] = ctx.caller.inspectorate_id ? n.Of(*ctx.caller.inspectorate_id) : "";
  Html(res, "score_form", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void ProgrammeFeature::PlanPage(const Request& req, Response& res, RequestContext& ctx,
                                const Status& error) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such plan"));
  auto view = programme_.ViewPlan(ctx.caller, *id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const Plan* plan = &view->plan;
  const Names n = NamesOf(std::move(view->inspectorates));
  json d = Base(ctx, "Business plan " + plan->label(), "plans");
  if (!error.ok()) AddErrors(d, error);
  d["plan"] = ToJson(*plan);
  d["label"] = plan->label();
  d["horizon_from"] = QuarterLabel(plan->horizon_start());
  d["horizon_to"] = QuarterLabel(plan->horizon_start() + kHorizonQuarters - 1);
  d["state_label"] = PlanStateLabel(plan->state);
  d["is_draft"] = plan->state == PlanState::kDraft;
  d["is_agreed"] = plan->state == PlanState::kAgreed;
  d["with_ministers"] = plan->state == PlanState::kWithMinisters;
  d["is_published"] = plan->state == PlanState::kPublished;
  d["may_change"] = plan->state != PlanState::kPublished;
  d["frozen"] = CheckPlanMayChange(*plan, view->published_on).message();
  d["publish_blockers"] = view->publish_blockers;
  d["has_publish_blockers"] = !view->publish_blockers.empty();
  d["publish_warnings"] = view->publish_warnings;
  if (const auto& declined = view->declined_approval) {
    d["declined_approval"] = DeclinedPanel(*declined, n.all, view->people, "declined-approval");
  }
  if (const auto& asked = view->open_approval) {
    d["open_approval"] = {{"id", asked->decision.id},
                          {"subject", asked->decision.subject},
                          {"raised_at", TimestampInWords(asked->raised_at)}};
  }
  // The programme quarter by quarter.
  const int h = plan->horizon_start();
  json quarters = json::array();
  for (int q = 0; q < kHorizonQuarters; ++q) quarters.push_back(QuarterLabel(h + q));
  d["quarters"] = quarters;
  json items = json::array();
  for (const auto& item : plan->items) {
    auto it = view->programmed.find(item.proposal_id);
    if (it == view->programmed.end()) continue;
    const Proposal& p = it->second;
    json cells = json::array();
    for (int q = 0; q < kHorizonQuarters; ++q) {
      const bool on =
          h + q >= item.start_quarter && h + q < item.start_quarter + p.duration_quarters;
      cells.push_back({{"on", on}, {"quarter", QuarterLabel(h + q)}});
    }
    items.push_back({{"id", p.id},
                     {"title", p.title},
                     {"lead", LeadsLabel(p, n)},
                     {"part", PartLabel(PartInPlan(*plan, item, p))},
                     {"cells", cells},
                     {"continues_from", ContinuesFrom(*plan, item).value_or("")},
                     {"span", ItemTiming(*plan, item, p)}});
  }
  d["items"] = items;
  d["has_items"] = !items.empty();
  json capacity = json::array();
  for (const auto& [inspectorate, days] : plan->capacity) {
    capacity.push_back({{"name", n.Of(inspectorate)}, {"days", days}});
  }
  d["capacity"] = capacity;
  json run_rows = json::array();
  for (const auto& r : view->runs) {
    run_rows.push_back({{"id", r.id},
                        {"state", RunStateLabel(r.state)},
                        {"requested_at", TimestampInWords(r.requested_at)},
                        {"finished", r.state == RunState::kFinished},
                        {"failed", r.state == RunState::kFailed}});
  }
  d["runs"] = run_rows;
  d["has_runs"] = !run_rows.empty();
  // A refused answer comes back in its own comment's box, as typed, with
  // the error beside it and the summary linking to it.
  const auto answering = req.method == "POST" ? PathId(req, 2) : std::nullopt;
  json comment_rows = json::array();
  for (const auto& c : view->comments) {
    json row = ToJson(c);
    row["received_on"] = c.received_on.ToDayMonthYear();
    row["answered"] = !c.response.empty();
    if (answering == c.id) {
      row["response_typed"] = Field(req, "response");
      row["response_error"] = d.value("field_errors", json::object()).value("response", "");
      for (auto& e : d["errors"]) {
        if (e.value("href", "") == "#response") e["href"] = "#response-" + std::to_string(c.id);
      }
    }
    comment_rows.push_back(row);
  }
  d["comments"] = comment_rows;
  d["has_comments"] = !comment_rows.empty();
  d["time_limit"] = req.HasParam("time_limit_seconds") ? Param(req, "time_limit_seconds") : "10";
  // The hint gives the earliest day the rule takes, as its error does.
  const std::string hint = ReceivedFromHint(view->sent_to_ministers_on, kSentToMinisters);
  d["form"] = {{"minister", Param(req, "minister")},
               {"f_received_on", DateField(d, req, req.method == "POST", "received_on",
                                           "Received on", hint.empty() ? kDateHint : hint)},
               {"comment", Param(req, "comment")}};
  Html(res, "plan", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

// Plan actions; each shows the plan again with an error summary if refused.
auto ProgrammeFeature::PlanAction(const std::string& action) {
  const auto page = Surface::kPage;
  return [this, action](const Request& req, Response& res, RequestContext& ctx) {
    auto id = PathId(req);
    if (!id) return Fail(req, res, page, ctx, NotFound("No such plan"));
    std::string next = "/plans/" + std::to_string(*id);
    Status s = OkStatus();
    if (action == "run") {
      if (auto limit = ParseInt(Field(req, "time_limit_seconds"), 1, 300)) {
        auto run = programme_.StartRun(ctx.caller, *id, static_cast<int>(*limit));
        s = run.status();
        if (run.ok()) next = "/runs/" + std::to_string(run->id);
      } else {
        s = std::move(InvalidArgument("The time limit is not valid", "range")
                          .AddFieldError("time_limit_seconds", "range",
                                         "Enter the time limit as a whole number of seconds "
                                         "from 1 to 300"));
      }
    } else if (action == "approval") {
      auto d = programme_.ProposePlanApproval(ctx.caller, *id);
      s = d.status();
      if (d.ok()) next = "/decisions#decision-" + std::to_string(d->stored.decision.id);
    } else if (action == "send") {
      s = programme_.SendToMinisters(ctx.caller, *id).status();
    } else if (action == "publish") {
      s = programme_.Publish(ctx.caller, *id).status();
    } else if (action == "comment") {
      MinisterComment c;
      c.plan_id = *id;
      c.minister = Field(req, "minister");
      c.received_on = Date::ParseOrNone(DateParam(req, "received_on"));
      c.comment = Field(req, "comment");
      s = programme_.AddComment(ctx.caller, c).status();
      next += "#ministers";
    }
    if (!s.ok()) return PlanPage(req, res, ctx, s);
    res.Redirect(WithNotice(next, action == "run"        ? "run-started"
                                  : action == "approval" ? "decision-asked"
                                  : action == "send"     ? "plan-sent"
                                  : action == "publish"  ? "plan-published"
                                                         : "comment-recorded"));
  };
}

// Capacity, balance and the words of the plan.
// The capacity inputs are one per inspectorate, so a POST reads the
// plan's view first.
void ProgrammeFeature::PlanForm(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such plan"));
  auto view = programme_.ViewPlan(ctx.caller, *id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const Names n = NamesOf(std::move(view->inspectorates));
  Plan p = std::move(view->plan);
  const std::string back = "/plans/" + std::to_string(p.id);
  if (Status may = CheckPlanMayChange(p, view->published_on); !may.ok()) {
    // Published: nothing here to change; say why, and lead back.
    json d = Base(ctx, "The " + p.label() + " business plan cannot be edited", "plans");
    d["message"] = may.message() + ".";
    d["link"] = {{"href", back}, {"text", "Go back to the " + p.label() + " business plan"}};
    return Html(res, "error", d, HttpStatusFor(may.code()));
  }
  json d = Base(ctx, "Edit business plan " + p.label(), "plans");
  Status error = OkStatus();
  if (req.method == "POST") {
    Validation v;
    // Only what the form sent changes; nothing without the version.
    auto version = SentVersion(req, "the plan");
    if (version.ok()) p.version = *version;
    if (req.HasParam("introduction")) p.introduction = Param(req, "introduction");
    if (req.HasParam("context")) p.context = Param(req, "context");
    TextSent(req, "victim_waiver", p.victim_waiver);
    const auto coverage = WholeNumber(Param(req, "min_process_coverage"));
    if (coverage && req.HasParam("min_process_coverage")) {
      p.min_process_coverage = NearestInt(*coverage);
    } else if (req.HasParam("min_process_coverage")) {
      v.Add("min_process_coverage", "type", "Enter the coverage as a whole number from 0 to 10");
    }
    for (const auto& i : n.all) {
      const std::string key = "capacity_" + std::to_string(i.id);
      if (!req.HasParam(key)) continue;
      const std::string value = Field(req, key.c_str());
      if (value.empty()) {
        p.capacity.erase(i.id);
      } else if (auto days = WholeNumber(value)) {
        p.capacity[i.id] = NearestInt(*days);
      } else {
        v.Add(key, "type",
              "Enter " + Possessive(i.short_name) + " capacity as whole inspector-days");
      }
    }
    error = MergeErrors(MergeErrors(version.status(), v.Finish()), ValidatePlan(p));
    if (error.ok()) {
      auto saved = programme_.UpdatePlan(ctx.caller, p);
      if (saved.ok()) {
        // Saved unchanged, the plan keeps its version.
        res.Redirect(
            WithNotice(back, saved->version == p.version ? "plan-unchanged" : "plan-saved"));
        return;
      }
      error = saved.status();
    }
    AddErrors(d, RenameFields(error, [](const std::string& field) {
                return field.rfind("capacity.", 0) == 0 ? "capacity_" + field.substr(9) : field;
              }));
  }
  d["plan"] = ToJson(p);
  if (req.method == "POST") {  // shown as typed
    d["plan"]["min_process_coverage"] = Param(req, "min_process_coverage");
  }
  d["label"] = p.label();
  json capacity = json::array();
  for (const auto& i : n.all) {
    if (!i.is_open() || i.kind == InspectorateKind::kJointBody) continue;
    const std::string key = "capacity_" + std::to_string(i.id);
    capacity.push_back({{"key", key},
                        {"name", i.short_name},
                        {"value", req.method == "POST"     ? Param(req, key.c_str())
                                  : p.capacity.count(i.id) ? std::to_string(p.capacity.at(i.id))
                                                           : std::string()},
                        {"error", d.value("field_errors", json::object()).value(key, "")}});
  }
  // Not "capacity": inside {{#plan}} that would name the plan's own list.
  d["capacity_inputs"] = capacity;
  Html(res, "plan_form", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

// Joint decisions.
void ProgrammeFeature::DecisionsPage(const Request& req, Response& res, RequestContext& ctx,
                                     const Status& error) {
  const auto page = Surface::kPage;
  auto view = decisions_.ViewDecisions(ctx.caller);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const Names n = NamesOf(std::move(view->inspectorates));
  json d = Base(ctx, "Joint decisions", "decisions");
  if (!error.ok()) AddErrors(d, error);
  // A refused answer is shown again at its decision: the errors at its
  // fields, and the choice and reason as sent.
  const std::optional<int64_t> answered = req.method == "POST" ? PathId(req) : std::nullopt;
  const json errors = d.value("field_errors", json::object());
  json mine = json::array();
  json others = json::array();
  for (const auto& v : view->decisions) {
    json row = DecisionRow(v, n, view->people);
    if (v.mine_to_answer) {
      const std::string suffix = "-" + std::to_string(v.stored.decision.id);
      row["answer_error"] = errors.value("answer" + suffix, "");
      row["reason_error"] = errors.value("reason" + suffix, "");
      if (answered == v.stored.decision.id) {
        row["agree_checked"] = Param(req, "answer") == "agree";
        row["decline_checked"] = Param(req, "answer") == "decline";
        row["reason_typed"] = Param(req, "reason");
      }
    }
    (v.mine_to_answer ? mine : others).push_back(std::move(row));
  }
  d["mine"] = mine;
  d["has_mine"] = !mine.empty();
  d["has_others"] = !others.empty();
  // Those awaiting the caller are few and all shown; the rest, a page.
  if (Status shown = ShowPageOf(req, "/decisions", std::move(others), 20, d, "others");
      !shown.ok()) {
    return Fail(req, res, page, ctx, shown);
  }
  d["inspectorate"] =
      ctx.caller.inspectorate_id ? Possessive(n.Of(*ctx.caller.inspectorate_id)) : "";
  Html(res, "decisions", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void ProgrammeFeature::RegisterLongListPages() {
  const auto page = Surface::kPage;

  // The long-list.
  Route("GET", "/programme", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Long-list of proposals", "programme");
          auto query = ReadProposalFilter(req);
          Names n;
          if (!query.ok()) {
            // A refused filter shows no proposals, not every proposal under
            // a form that looks filtered.
            AddErrors(d, query.status());
            d["refused"] = true;
            n = NamesFor(ctx.caller);
          } else {
            ProposalQuery q = *query;
            if (!req.HasParam("limit")) q.paging.limit = 50;
            auto list = programme_.ViewLongList(ctx.caller, q.filter, q.criteria_set_id,
                                                q.paging.limit, q.paging.offset);
            if (!list.ok()) return Fail(req, res, page, ctx, list.status());
            if (auto better = PageToShowInstead(req, "/programme", list->total, q.paging.limit,
                                                q.paging.offset, list->proposals.size())) {
              res.Redirect(*better);
              return;
            }
            n = NamesOf(std::move(list->inspectorates));
            json rows = json::array();
            for (const auto& v : list->proposals) rows.push_back(ProposalRow(v, n));
            d["proposals"] = rows;
            d["has_rows"] = !rows.empty();
            d["count"] = Count(list->total, "proposal", "proposals");
            d["from"] = WithThousands(q.paging.offset + 1);
            d["to"] = WithThousands(q.paging.offset + static_cast<int64_t>(rows.size()));
            d["pagination"] = Pagination(
                req, "/programme", list->total, q.paging.limit, q.paging.offset,
                rows.empty() ? "" : "after=" + std::to_string(list->proposals.back().proposal.id));
          }
          d["type_options"] = TypeOptions(Param(req, "type"), true);
          d["focus_options"] = FocusOptions(Param(req, "focus"));
          d["status_options"] = StatusOptions(Param(req, "status"), true);
          std::vector<std::pair<std::string, std::string>> leads;
          for (const auto& i : n.all) {
            if (i.is_open()) leads.emplace_back(std::to_string(i.id), i.short_name);
          }
          d["lead_options"] = EnumOptions(leads, "Any lead", Param(req, "lead"));
          d["min_score"] = Param(req, "min_score");
          d["search"] = Param(req, "search");
          Html(res, "programme", d, query.ok() ? 200 : 400);
        });
}

void ProgrammeFeature::RegisterProposalFormPages() {
  const auto page = Surface::kPage;

  Route("GET", "/programme/proposals/new", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          ProposalForm(req, res, ctx, std::nullopt);
        });
  Route("POST", "/programme/proposals/new", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          ProposalForm(req, res, ctx, std::nullopt);
        });
  Route("GET", R"(/programme/proposals/(\d+)/edit)", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          ProposalForm(req, res, ctx, PathId(req));
        });
  Route("POST", R"(/programme/proposals/(\d+)/edit)", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          ProposalForm(req, res, ctx, PathId(req));
        });
}

void ProgrammeFeature::RegisterProposalPages() {
  const auto page = Surface::kPage;

  Route("GET", R"(/programme/proposals/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          ProposalPage(req, res, ctx, OkStatus());
        });
  Route("POST", R"(/programme/proposals/(\d+)/force)", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such proposal"));
          auto forced = ParseForced(Param(req, "forced"));
          if (!forced) {
            // Every error at once: the choice, and the reason it will need.
            return ProposalPage(req, res, ctx, CheckForceRequest(forced, Param(req, "reason")));
          }
          auto d = programme_.ProposeForce(ctx.caller, *id, *forced, Param(req, "reason"));
          if (!d.ok()) return ProposalPage(req, res, ctx, d.status());
          res.Redirect(WithNotice("/decisions#decision-" + std::to_string(d->stored.decision.id),
                                  "decision-asked"));
        });

  Route("GET", R"(/programme/proposals/(\d+)/score)", page, Permission::kScoreProposals,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          ScorePage(req, res, ctx, nullptr, OkStatus());
        });
  // The form first (score_<criterion id>: 0 to 5), then one write; the use
  // case checks the scores against the set and names each one missing.
  Route("POST", R"(/programme/proposals/(\d+)/score)", page, Permission::kScoreProposals,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such proposal"));
          CriterionScores sent;
          Validation form;
          for (const auto& [name, value] : req.params) {
            if (name.rfind("score_", 0) != 0 || value.empty()) continue;
            auto criterion = ParseInt(name.substr(6), 1, INT64_MAX);
            if (!criterion || sent.count(*criterion)) continue;
            if (auto score = ParseInt(value, kMinScore, kMaxScore)) {
              sent[*criterion] = static_cast<int>(*score);
            } else {
              form.Add("scores." + std::to_string(*criterion), "range",
                       "Choose a score from 0 to 5");
            }
          }
          Status error = form.Finish();
          if (error.ok()) {
            auto saved = programme_.SubmitScores(ctx.caller, *id, sent);
            if (saved.ok()) {
              res.Redirect(WithNotice("/programme/proposals/" + std::to_string(*id) + "#scores",
                                      "scores-saved"));
              return;
            }
            error = saved.status();
            if (error.code() != StatusCode::kInvalidArgument)
              return Fail(req, res, page, ctx, error);
          }
          ScorePage(req, res, ctx, &sent, error);
        });
}

void ProgrammeFeature::RegisterCriteriaSetPages() {
  const auto page = Surface::kPage;

  // Criteria sets (R2, R4): weights, how they were set, and consistency.
  Route(
      "GET", "/criteria-sets", page, Permission::kSignedIn,
      [this](const Request& req, Response& res, RequestContext& ctx) {
        auto sets = programme_.CriteriaSets(ctx.caller);
        if (!sets.ok()) return Fail(req, res, page, ctx, sets.status());
        const Names n = NamesFor(ctx.caller);
        json d = Base(ctx, "Prioritisation criteria", "programme");
        json rows = json::array();
        // A link to one set (`?set=ID`) opens the page that holds it.
        const int64_t wanted = ParseInt(Param(req, "set"), 1, INT64_MAX).value_or(0);
        std::optional<size_t> focus;
        for (const auto& set : *sets) {
          if (set.id == wanted) focus = rows.size();
          json criteria = json::array();
          for (const auto& c : set.criteria) {
            criteria.push_back({{"name", c.name},
                                {"description", c.description},
                                {"weight", Score(c.weight * 100)}});
          }
          rows.push_back({{"id", set.id},
                          {"name", set.name},
                          {"description", set.description},
                          {"owner", set.inspectorate_id ? n.Of(*set.inspectorate_id)
                                                        : std::string("All inspectorates")},
                          {"pairwise", set.method == WeightMethod::kPairwise},
                          {"ratio", Score(set.consistency_ratio)},
                          {"inconsistent", set.consistency_ratio > kAcceptableConsistencyRatio},
                          {"criteria", criteria}});
        }
        d["has_sets"] = !rows.empty();
        if (Status paged = ShowPageOf(req, "/criteria-sets", std::move(rows), 10, d, "sets", focus);
            !paged.ok()) {
          return Fail(req, res, page, ctx, paged);
        }
        Html(res, "criteria_sets", d);
      });
}

// The plans, a page at a time, newest first as the store keeps them, with
// the form to start one; `error` is a refused start, shown with what was typed.
void ProgrammeFeature::PlansPage(const Request& req, Response& res, RequestContext& ctx,
                                 const Status& error) {
  auto plans = programme_.Plans(ctx.caller);
  if (!plans.ok()) return Fail(req, res, Surface::kPage, ctx, plans.status());
  json d = Base(ctx, "Business plans", "plans");
  json rows = json::array();
  for (const auto& p : *plans) {
    rows.push_back({{"id", p.id}, {"label", p.label()}, {"state", PlanStateLabel(p.state)}});
  }
  d["has_plans"] = !rows.empty();
  if (Status paged = ShowPageOf(req, "/plans", std::move(rows), 20, d, "plans"); !paged.ok()) {
    return Fail(req, res, Surface::kPage, ctx, paged);
  }
  d["first_year_hint"] = kFinancialYearHint;
  if (!error.ok()) {
    d["first_year"] = Param(req, "first_year");
    AddErrors(d, error);
  }
  Html(res, "plans", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void ProgrammeFeature::RegisterPlanPages() {
  const auto page = Surface::kPage;

  // Plans.
  Route("GET", "/plans", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          PlansPage(req, res, ctx, OkStatus());
        });
  Route("POST", "/plans", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          Plan plan;
          auto year = FinancialYear::Parse(Field(req, "first_year"));
          Status s = OkStatus();
          if (!year || year->start_year() < 2000 || year->start_year() > 2098) {
            s = std::move(InvalidArgument("Enter the year", "range")
                              .AddFieldError("first_year", "range",
                                             "Enter the financial year the plan starts, from "
                                             "2000-01 to 2098-99, such as 2027-28"));
          } else {
            plan.first_year = year->start_year();
            plan.min_process_coverage = 1;
            auto created = programme_.CreatePlan(ctx.caller, plan);
            if (created.ok()) {
              res.Redirect(WithNotice("/plans/" + std::to_string(created->id), "plan-created"));
              return;
            }
            s = created.status();
          }
          PlansPage(req, res, ctx, s);
        });

  Route("GET", R"(/plans/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          PlanPage(req, res, ctx, OkStatus());
        });
}

void ProgrammeFeature::RegisterPlanActionPages() {
  const auto page = Surface::kPage;

  Route("POST", R"(/plans/(\d+)/runs)", page, Permission::kEditProgramme, PlanAction("run"));
  Route("POST", R"(/plans/(\d+)/approval)", page, Permission::kEditProgramme,
        PlanAction("approval"));
  // Where agreement is asked (and sending to Ministers): the plan page's
  // section on it, for whoever follows or types the action's address.
  for (const char* action : {"approval", "send-to-ministers"}) {
    Route("GET", std::string(R"(/plans/(\d+)/)") + action, page, Permission::kSignedIn,
          [](const Request& req, Response& res, RequestContext&) {
            res.Redirect("/plans/" + std::to_string(PathId(req).value_or(0)) + "#agreement");
          });
  }
  Route("POST", R"(/plans/(\d+)/send-to-ministers)", page, Permission::kPublishProgramme,
        PlanAction("send"));
  Route("GET", R"(/plans/(\d+)/publish)", page, Permission::kPublishProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto view = id ? programme_.ViewPlan(ctx.caller, *id)
                         : StatusOr<jointly::PlanPage>(NotFound("No such plan"));
          if (!view.ok()) return Fail(req, res, Surface::kPage, ctx, view.status());
          // Nothing is offered that would be refused: the plan's page says
          // what holds it back.
          if (view->plan.state != PlanState::kWithMinisters || !view->publish_blockers.empty()) {
            return res.Redirect("/plans/" + std::to_string(*id));
          }
          Confirmation c{"Publish the business plan?",
                         "Business plan " + view->plan.label(),
                         {},
                         "Publish the business plan",
                         false};
          for (const auto& w : view->publish_warnings) c.points.push_back(w + ".");
          c.points.push_back(
              "The joint programme becomes the published business plan: anyone can read it, and "
              "its work streams can be started as inspections.");
          c.points.push_back("Once published it cannot be changed or withdrawn.");
          ConfirmPage(req, res, ctx, c);
        });
  Route("POST", R"(/plans/(\d+)/publish)", page, Permission::kPublishProgramme,
        PlanAction("publish"));
  Route("POST", R"(/plans/(\d+)/comments)", page, Permission::kPublishProgramme,
        PlanAction("comment"));
  // A refused comment or answer is shown at the address it was sent to;
  // reloading or returning to that address leads back to the plan's
  // Ministers' comments rather than to a page that does not exist.
  const auto to_comments = [](const Request& req, Response& res, RequestContext&) {
    const auto plan = PathId(req);
    const auto comment = PathId(req, 2);
    res.Redirect("/plans/" + std::to_string(plan.value_or(0)) +
                 (comment ? "#comment-" + std::to_string(*comment) : std::string("#ministers")));
  };
  Route("GET", R"(/plans/(\d+)/comments)", page, Permission::kSignedIn, to_comments);
  Route("GET", R"(/plans/(\d+)/comments/(\d+)/response)", page, Permission::kSignedIn, to_comments);
  Route("POST", R"(/plans/(\d+)/comments/(\d+)/response)", page, Permission::kPublishProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto plan = PathId(req);
          auto comment = PathId(req, 2);
          if (!plan || !comment) return Fail(req, res, page, ctx, NotFound("No such comment"));
          const auto version = ParseInt(Field(req, "version"), 1, INT64_MAX);
          Status s = programme_
                         .RespondToComment(ctx.caller, *plan, *comment, Field(req, "response"),
                                           version.value_or(0))
                         .status();
          if (!s.ok()) return PlanPage(req, res, ctx, s);
          res.Redirect(
              WithNotice("/plans/" + std::to_string(*plan) + "#ministers", "comment-answered"));
        });

  Route("GET", R"(/plans/(\d+)/edit)", page, Permission::kEditProgramme,
        By(&ProgrammeFeature::PlanForm));
  Route("POST", R"(/plans/(\d+)/edit)", page, Permission::kEditProgramme,
        By(&ProgrammeFeature::PlanForm));
}

void ProgrammeFeature::RegisterBusinessPlanPages() {
  const auto page = Surface::kPage;

  // The business plan as a page.
  Route("GET", R"(/plans/(\d+)/business-plan)", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such plan"));
          auto doc = programme_.BusinessPlan(ctx.caller, *id);
          if (!doc.ok()) return Fail(req, res, page, ctx, doc.status());
          json d = Base(ctx, doc->title, "plans");
          d["doc"] = {{"title", doc->title},
                      {"year", doc->year_label},
                      {"draft", doc->draft},
                      {"status_line", doc->status_line},
                      {"introduction", doc->introduction},
                      {"notes", doc->notes}};
          json chiefs = json::array();
          for (const auto& c : doc->chief_inspectors) {
            chiefs.push_back({{"name", c.name}, {"title", c.title}});
          }
          d["doc"]["chief_inspectors"] = chiefs;
          json context = json::array();
          int number = 1;
          for (const auto& section : doc->context) {
            context.push_back({{"number", number++},
                               {"heading", section.heading},
                               {"paragraphs", section.paragraphs}});
          }
          d["doc"]["context"] = context;
          json parts = json::array();
          for (const auto& part : doc->parts) {
            json rows = json::array();
            for (const auto& r : part.rows) {
              rows.push_back({{"subject", r.subject},
                              {"lead", r.lead},
                              {"others", r.others.empty() ? "None" : r.others},
                              {"description", r.description},
                              {"type", r.type},
                              {"timing", r.timing}});
            }
            parts.push_back({{"number", number++},
                             {"heading", part.heading},
                             {"intro", part.intro},
                             {"lead_header", part.lead_header},
                             {"rows", rows},
                             {"has_rows", !rows.empty()}});
          }
          d["parts"] = parts;
          json principles = json::array();
          for (const auto& [name, text] : doc->principles) {
            principles.push_back({{"name", name}, {"text", text}});
          }
          d["principles"] = principles;
          d["plan_id"] = *id;
          Html(res, "business_plan", d);
        });
}

namespace {

// The run's progress for its page: each point as a row of a table, and a
// chart of the best total priority and the bound over time (an SVG drawn
// here, 600 by 200, with its figures also said in words).
void AddProgress(json& d, const json& result, bool improving) {
  const json progress = result.value("progress", json::array());
  d["improving"] = improving;
  d["has_progress"] = progress.size() > 1 || improving;
  if (progress.empty()) return;
  double top = 0, bottom = 1e300, last = 0;
  for (const auto& p : progress) {
    top = std::max(top, p.value("best_bound", 0.0));
    bottom = std::min(bottom, p.value("total_priority", 0.0));
    last = std::max(last, p.value("seconds", 0.0));
  }
  if (top - bottom < 1e-9) top = bottom + 1;
  last = std::max(last, 1.0);
  const double left = 60, right = 590, upper = 10, lower = 170;
  auto x = [&](double seconds) { return left + (right - left) * seconds / last; };
  auto y = [&](double v) { return lower - (lower - upper) * (v - bottom) / (top - bottom); };
  std::string value_line, bound_line;
  json rows = json::array();
  for (const auto& p : progress) {
    const double s = p.value("seconds", 0.0), v = p.value("total_priority", 0.0),
                 b = p.value("best_bound", 0.0);
    char point[64];
    std::snprintf(point, sizeof point, "%.1f,%.1f ", x(s), y(v));
    value_line += point;
    std::snprintf(point, sizeof point, "%.1f,%.1f ", x(s), y(b));
    bound_line += point;
    rows.push_back({{"seconds", Score(s)},
                    {"total", Score(v)},
                    {"bound", Score(b)},
                    {"gap", Score(v > 0 ? (b - v) * 100 / v : 0)}});
  }
  d["progress_rows"] = rows;
  d["chart"] = {{"value_line", value_line},
                {"bound_line", bound_line},
                {"top", Score(top)},
                {"bottom", Score(bottom)},
                {"last", Score(last)},
                {"first_total", rows.front()["total"]},
                {"last_total", rows.back()["total"]},
                {"first_bound", rows.front()["bound"]},
                {"last_bound", rows.back()["bound"]}};
}

// The plan's programme, as the run page names it: its state's.
std::string ProgrammeOf(const Plan& plan) {
  switch (plan.state) {
    case PlanState::kDraft:
      return "the draft programme in the plan";
    case PlanState::kAgreed:
      return "the agreed programme";
    case PlanState::kWithMinisters:
      return "the programme sent to Ministers";
    case PlanState::kPublished:
      return "the published programme";
  }
  return "the plan's programme";
}

// Whether a run's programme is the plan's (each work stream starting when
// the plan has it start), and so nothing differs; else what it is
// compared with.
void CompareWithPlan(json& d, const json& result, const Plan& plan) {
  std::set<std::pair<int64_t, int>> chosen;
  for (const auto& c : result["chosen"]) {
    chosen.insert({c["proposal_id"].get<int64_t>(), c["start_quarter"].get<int>()});
  }
  std::set<std::pair<int64_t, int>> items;
  for (const auto& item : plan.items) items.insert({item.proposal_id, item.start_quarter});
  const bool same = !items.empty() && chosen == items;
  d["is_plans_programme"] = same;
  d["compared_with"] = ProgrammeOf(plan);
  if (same) {
    d["plans_programme_words"] = "This run's programme is " + ProgrammeOf(plan) + " of the " +
                                 plan.label() + " business plan, so nothing differs from it.";
  }
}

}  // namespace

void ProgrammeFeature::RegisterRunPages() {
  const auto page = Surface::kPage;

  // An optimiser run: progress, then the programme, capacity and reasons.
  Route("GET", R"(/runs/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such run"));
          auto view = programme_.ViewRun(ctx.caller, *id);
          if (!view.ok()) return Fail(req, res, page, ctx, view.status());
          const OptimiserRun* run = &view->run;
          const Plan* plan = &view->plan;
          json d = Base(ctx, "Optimiser run " + std::to_string(run->id), "plans");
          json r = ToJson(*run);
          d["run"] = r;
          d["label"] = plan->label();
          d["plan_id"] = plan->id;
          d["back"] = "/plans/" + std::to_string(plan->id);
          if (const auto& declined = view->declined_adoption) {
            d["declined_adoption"] = DeclinedPanel(*declined, NamesFor(ctx.caller).all,
                                                   view->people, "declined-adoption");
          }
          // A published plan's programme no longer changes; one with
          // Ministers is agreed as it is, so no run becomes its draft.
          d["may_change"] = plan->state != PlanState::kPublished;
          d["may_use_as_draft"] =
              plan->state == PlanState::kDraft || plan->state == PlanState::kAgreed;
          d["frozen"] = CheckPlanMayChange(*plan, view->published_on).message();
          d["waiting"] = run->state == RunState::kQueued || run->state == RunState::kRunning;
          d["finished"] = run->state == RunState::kFinished;
          d["failed"] = run->state == RunState::kFailed;
          const json& result = r["result"];
          if (run->state == RunState::kFinished) {
            d["proven"] = result.value("proven_optimal", false);
            d["gap"] = Score(result.value("gap", 0.0) * 100);
            d["bound"] = Score(result.value("best_bound", 0.0));
            d["seconds"] = Score(result.value("seconds", 0.0));
            d["total"] = Score(result.value("total_priority", 0.0));
            d["greedy"] = Score(result.value("greedy_total_priority", 0.0));
            json chosen = json::array();
            for (const auto& c : result["chosen"]) {
              json cells = json::array();
              const int first = c["first"].get<int>();
              const int length = c["length"].get<int>();
              for (size_t q = 0; q < result["quarters"].size(); ++q) {
                const int qi = static_cast<int>(q);
                cells.push_back({{"on", qi >= first && qi < first + length},
                                 {"quarter", result["quarters"][q]}});
              }
              json row = c;
              row["cells"] = cells;
              row["priority_label"] = Score(c["priority"].get<double>());
              chosen.push_back(row);
            }
            d["chosen"] = chosen;
            d["quarters"] = result["quarters"];
            json capacity = result["capacity"];
            for (auto& inspectorate : capacity) {
              for (auto& q : inspectorate["quarters"]) {
                q["percent"] = Days(q["percent"].get<double>());
                q["used"] = Days(q["used"].get<double>());
                q["capacity"] = Days(q["capacity"].get<double>());
                q["left"] = Days(q["left"].get<double>());
              }
            }
            d["capacity"] = capacity;
            json excluded = result["excluded"];
            for (auto& e : excluded) {
              e["priority_label"] = Score(e["priority"].get<double>());
              e["has_displaced"] = !e["displaced_by"].empty();
              for (auto& by : e["displaced_by"])
                by["priority"] = Score(by["priority"].get<double>());
            }
            d["excluded"] = excluded;
            d["has_excluded"] = !excluded.empty();
            json changes = result["changes"];
            for (auto& c : changes) {
              const std::string kind = c.value("kind", "");
              c["kind_label"] = FieldInWords(kind);
              c["kind_tag"] = kind == "added"   ? "govuk-tag--green"
                              : kind == "moved" ? "govuk-tag--blue"
                                                : "govuk-tag--red";
            }
            d["changes"] = changes;
            d["has_changes"] = !changes.empty();
            d["has_approved"] = !plan->items.empty();
            CompareWithPlan(d, result, *plan);
          }
          if (run->state == RunState::kFinished) AddProgress(d, result, run->improving_until > 0);
          d["not_considered"] = result.value("not_considered", json::array());
          d["has_not_considered"] = !d["not_considered"].empty();
          if (run->state == RunState::kFailed) {
            d["commitments"] = result.contains("detail")
                                   ? result["detail"].value("commitments", json::array())
                                   : json::array();
            d["has_commitments"] = !d["commitments"].empty();
            d["capacities"] = result.contains("detail")
                                  ? result["detail"].value("capacities", json::array())
                                  : json::array();
          }
          Html(res, "run", d);
        });
  Route("POST", R"(/runs/(\d+)/stop-improving)", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such run"));
          Status s = programme_.StopImproving(ctx.caller, *id);
          if (!s.ok()) return Fail(req, res, page, ctx, s);
          res.Redirect(WithNotice("/runs/" + std::to_string(*id), "improving-stopped"));
        });
  Route("POST", R"(/runs/(\d+)/use-as-draft)", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such run"));
          auto plan = programme_.UseRunAsDraft(ctx.caller, *id);
          if (!plan.ok()) return Fail(req, res, page, ctx, plan.status());
          res.Redirect(WithNotice("/plans/" + std::to_string(plan->id), "draft-from-run"));
        });
  Route("POST", R"(/runs/(\d+)/adopt)", page, Permission::kEditProgramme,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such run"));
          auto d = programme_.ProposeAdoptRun(ctx.caller, *id);
          if (!d.ok()) return Fail(req, res, page, ctx, d.status());
          res.Redirect(WithNotice("/decisions#decision-" + std::to_string(d->stored.decision.id),
                                  "decision-asked"));
        });
}

void ProgrammeFeature::RegisterDecisionPages() {
  const auto page = Surface::kPage;

  Route("GET", "/decisions", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          DecisionsPage(req, res, ctx, OkStatus());
        });
  Route("POST", R"(/decisions/(\d+)/respond)", page, Permission::kAnswerDecisions,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such decision"));
          const std::string answer = Param(req, "answer");
          if (answer != "agree" && answer != "decline") {
            return DecisionsPage(
                req, res, ctx,
                std::move(InvalidArgument("Choose agree or decline", "one-of")
                              .AddFieldError("answer-" + std::to_string(*id), "one-of",
                                             "Choose whether your inspectorate agrees")));
          }
          auto d = decisions_.Respond(ctx.caller, *id, answer == "agree", Param(req, "reason"));
          if (!d.ok()) {
            const std::string suffix = "-" + std::to_string(*id);  // one form per decision
            return DecisionsPage(
                req, res, ctx,
                d.status().field_errors().empty()
                    ? d.status()
                    : RenameFields(d.status(),
                                   [&suffix](const std::string& field) { return field + suffix; }));
          }
          res.Redirect(WithNotice("/decisions#decision-" + std::to_string(*id),
                                  answer == "agree" ? "decision-agreed" : "decision-declined"));
        });
}

}  // namespace jointly::web
