// GOV.UK pages of consultation: the secretariat's rounds, consultees,
// dispatch register, responses and contacts, and the public response form
// (no sign-in).
#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "core/crypto.h"
#include "core/text.h"
#include "features/consultation/consultation_feature.h"
#include "service/audit_trail.h"
#include "web/body_query.h"
#include "web/page_helpers.h"
#include "web/record_form.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// A round's responses, on the page that holds `response` (the responses
// page reads "response" to choose it), at that response.
std::string ResponseOnItsPage(int64_t round_id, int64_t response) {
  const std::string id = std::to_string(response);
  return "/consultations/" + std::to_string(round_id) + "/responses?response=" + id + "#response-" +
         id;
}

std::vector<int64_t> Ids(const Request& req, const char* name) {
  std::vector<int64_t> out;
  for (const std::string& value : req.Params(name)) {
    if (auto id = ParseInt(value, 1, INT64_MAX)) out.push_back(*id);
  }
  return out;
}

// The questions of a new round's form: up to four sections, each a title
// and its questions one per line.
constexpr int kFormSections = 4;

constexpr int kMaxFormQuestions = 400;

// Who responded and their answers ("answer_1" ...) from a response form;
// blank answers are left out. Problems with the form itself go into `v`.
ConsultationResponse ResponseFromForm(const Request& req, int64_t round_id, int questions,
                                      Validation& v) {
  ConsultationResponse r;
  r.round_id = round_id;
  r.name = Field(req, "name");
  r.organisation = Field(req, "organisation");
  r.on_behalf_of = Field(req, "on_behalf_of");
  r.consent_to_publish = Checked(req, "consent_to_publish", v);
  for (int n = 1; n <= questions; ++n) {
    std::string answer = Param(req, ("answer_" + std::to_string(n)).c_str());
    if (!Trim(answer).empty()) r.answers[n] = std::move(answer);
  }
  return r;
}

// A response's field ("answers.3") to its form input ("answer_3").
std::string AnswerInput(const std::string& field) {
  if (field.rfind("answers.", 0) == 0) return "answer_" + field.substr(8);
  return field == "answers" ? std::string("answer_1") : field;
}

json RoundRow(const ConsultationRound& r, const Names& names) {
  json row = {{"id", r.id},
              {"title", r.title},
              {"years", RoundYearsLabel(r)},
              {"owner", r.owner_inspectorate_id ? names.Of(*r.owner_inspectorate_id)
                                                : std::string("Joint secretariat")},
              {"opens_on", r.opens_on.ToLong()},
              {"deadline", r.deadline.ToLong()},
              {"state", RoundStateId(r.state)},
              {"state_label", RoundStateLabel(r.state)},
              {"state_colour", r.state == RoundState::kOpen    ? "govuk-tag--green"
                               : r.state == RoundState::kDraft ? "govuk-tag--yellow"
                                                               : "govuk-tag--grey"}};
  // Closed by hand before the end of its last day.
  if (ClosedEarly(r)) {
    row["closed_early_on"] = r.closed_on.ToLong();
  }
  return row;
}

}  // namespace

// A new round: the years, dates, owner and questions.
void ConsultationFeature::RoundForm(const Request& req, Response& res, RequestContext& ctx) {
  json d = Base(ctx, "Start a consultation", "consultations");
  const bool posted = req.method == "POST";
  Status error = OkStatus();
  if (posted) {
    ConsultationRound r;
    Validation v;
    r.title = Field(req, "title");
    if (auto year = FinancialYear::Parse(Param(req, "first_year"))) {
      r.first_year = year->start_year();  // out of range is ValidateRound's to name
    } else {
      v.Add("first_year", "range", "Enter the first financial year, such as 2027-28");
    }
    r.years = Param(req, "years") == "1" ? 1 : 2;
    if (auto owner = ParseInt(Param(req, "owner"), 1, INT64_MAX)) r.owner_inspectorate_id = *owner;
    r.opens_on = Date::ParseOrNone(DateParam(req, "opens_on"));
    r.deadline = Date::ParseOrNone(DateParam(req, "deadline"));
    std::vector<int> form_number;  // of each section entered
    for (int i = 1; i <= kFormSections; ++i) {
      const std::string title = Field(req, ("section_" + std::to_string(i)).c_str());
      const std::string questions = Param(req, ("questions_" + std::to_string(i)).c_str());
      ConsultationSection section;
      section.title = title;
      for (const auto& line : Split(questions, '\n')) {
        if (!Trim(line).empty()) section.questions.emplace_back(Trim(line));
      }
      if (title.empty() && section.questions.empty()) continue;
      r.sections.push_back(std::move(section));
      form_number.push_back(i);
    }
    // Every error at once: what could not be read, and the checks of the
    // rest.
    error = MergeErrors(v.Finish(), consultation_.CheckNewRound(r));
    // A last day that is not a working day is warned of once: sent again
    // with the same date, the round starts.
    if (error.ok()) {
      auto created = consultation_.CreateRound(ctx.caller, r,
                                               Param(req, "deadline_warned") == r.deadline.ToIso());
      if (created.ok()) {
        res.Redirect(WithNotice("/consultations/" + std::to_string(created->round.id),
                                "consultation-started"));
        return;
      }
      if (created.status().rule() == "deadline-not-working-day") {
        d["deadline_warning"] = created.status().message();
        d["deadline_warned"] = r.deadline.ToIso();
      } else {
        error = created.status();
      }
    }
    if (!error.ok()) {
      AddErrors(d, RenameFields(error, [&form_number](const std::string& field) {
                  if (field == "sections") return std::string("section_1");
                  if (field.rfind("sections[", 0) != 0) return field;
                  const auto close = field.find(']');
                  const size_t index = static_cast<size_t>(std::atoi(field.c_str() + 9));
                  const int number = index < form_number.size() ? form_number[index] : 1;
                  const bool questions = field.find("questions", close) != std::string::npos;
                  return (questions ? "questions_" : "section_") + std::to_string(number);
                }));
    }
  }
  auto value = [&](const char* name, const std::string& fallback) {
    return posted ? Param(req, name) : fallback;
  };
  d["f_title"] = FormField(d, "title", "Title", value("title", ""),
                           "For example, Consultation on the joint inspection programme");
  d["f_first_year"] = FormField(d, "first_year", "First financial year", value("first_year", ""),
                                kFinancialYearHint, kFinancialYearWidth);
  d["two_years"] = value("years", "2") != "1";
  const Names n = NamesFor(ctx.caller);
  std::vector<std::pair<std::string, std::string>> owners = {{"", "The joint secretariat"}};
  for (const auto& i : n.all) {
    if (i.kind == InspectorateKind::kCriminalJustice && i.is_open()) {
      owners.emplace_back(std::to_string(i.id), i.short_name);
    }
  }
  d["f_owner"] = FormField(d, "owner", "Who runs it", "");
  d["f_owner"]["options"] = Options(owners, value("owner", ""));
  d["f_opens_on"] = DateField(d, req, posted, "opens_on", "Opens on");
  d["f_deadline"] = DateField(d, req, posted, "deadline", "Last day for responses",
                              "Responses are taken until the end of this day. For example, "
                              "27 3 2027");
  const char* default_titles[kFormSections] = {"Core inspections", "Joint thematic inspections",
                                               "Research and anything else", ""};
  const char* default_questions[kFormSections] = {
      "What are your views on the core inspection programme?",
      "Which thematic topics should we prioritise, and why?",
      "What research would help, and is there anything else we should consider?", ""};
  json sections = json::array();
  for (int i = 1; i <= kFormSections; ++i) {
    const std::string k = std::to_string(i);
    sections.push_back(
        {{"number", i},
         {"title", FormField(d, "section_" + k, "Section " + k + " title",
                             value(("section_" + k).c_str(), default_titles[i - 1]))},
         {"questions", FormField(d, "questions_" + k, "Section " + k + " questions",
                                 value(("questions_" + k).c_str(), default_questions[i - 1]),
                                 "One question a line")}});
  }
  d["sections"] = sections;
  Html(res, "consultation_form", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

// A round: its consultees, the dispatch register and what can be done next.
// `form`: the form that was sent and refused ("add", "contact", "drop",
// "dispatch"), shown again with what was entered.
void ConsultationFeature::RoundPage(const Request& req, Response& res, RequestContext& ctx,
                                    const Status& error, const std::string& form) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such consultation"));
  auto shown = consultation_.ViewRound(ctx.caller, *id);
  if (!shown.ok()) return Fail(req, res, page, ctx, shown.status());
  const RoundView* view = &shown->view;
  const Names n = NamesOf(shown->inspectorates);
  const ConsultationRound& r = view->round;
  json d = Base(ctx, r.title, "consultations");
  if (!error.ok()) AddErrors(d, error);
  if (!form.empty()) d["open_" + form] = true;  // its form shown again, unfolded
  std::map<int64_t, Contact> contacts;
  std::vector<std::pair<std::string, std::string>> contact_options = {{"", "Choose a contact"}};
  for (const auto& c : shown->contacts) {
    contacts[c.id] = c;
    contact_options.emplace_back(
        std::to_string(c.id), NameAndOrganisation(c.name, c.organisation) + " (" + c.email + ")");
  }
  d["round"] = RoundRow(r, n);
  d["round"]["responses"] = view->responses;
  // What the letters will lack, said before they go.
  for (const auto& i : shown->inspectorates) {
    const bool owner =
        r.owner_inspectorate_id ? i.id == *r.owner_inspectorate_id : i.code == "JOINT-SECRETARIAT";
    if (!owner || r.state == RoundState::kClosed) continue;
    d["pack_gaps"] = PackGaps(i);
    d["pack_gaps_owner"] = {{"id", i.id}, {"name", i.short_name}};
    d["has_pack_gaps"] = !d["pack_gaps"].empty();
  }
  d["is_draft"] = r.state == RoundState::kDraft;
  d["is_open"] = r.state == RoundState::kOpen;
  d["is_closed"] = r.state == RoundState::kClosed;
  std::map<int64_t, const Dispatch*> last_sent;
  for (const auto& dispatch : view->dispatches) last_sent[dispatch.consultee_id] = &dispatch;
  std::set<int64_t> missing;
  for (const auto& c : view->not_yet_sent) missing.insert(c.id);
  json rows = json::array();
  // Every consultee still consulted can be given contact details or have
  // them changed; a Change link chooses the consultee in the form.
  std::vector<std::pair<std::string, std::string>> attachable = {{"", "Choose a consultee"}};
  const std::string changing = form.empty() ? Param(req, "consultee") : "";
  std::string changing_contact;
  std::vector<std::string> without_contact;
  std::vector<std::pair<std::string, std::string>> droppable = {{"", "Choose a consultee"}};
  json to_send = json::array();
  const std::set<int64_t> ticked = [&] {
    auto ids = Ids(req, "consultee_ids");
    return std::set<int64_t>(ids.begin(), ids.end());
  }();
  for (const auto& c : view->consultees) {
    json row = {{"id", c.id},
                {"organisation", c.organisation},
                {"category", ConsulteeCategoryLabel(c.category)},
                {"statutory", IsStatutory(c.category)},
                {"dropped", c.dropped},
                {"dropped_reason", c.dropped_reason},
                {"contact", ""},
                {"sent", ""},
                {"not_yet_sent", missing.count(c.id) > 0}};
    if (auto it = contacts.find(c.contact_id); it != contacts.end()) {
      row["contact"] = it->second.name + " (" + it->second.email + ")";
    } else if (c.contact_id) {
      row["contact"] = "Contact " + std::to_string(c.contact_id);
    }
    if (auto it = last_sent.find(c.id); it != last_sent.end()) {
      row["sent"] = "Sent on " + it->second->sent_on.ToLong() + " by " + it->second->method + ": " +
                    it->second->what;
    }
    // "Victims First (stakeholder)"; a named statutory consultee is its
    // own category, so it is not named twice.
    const std::string_view category = ConsulteeCategoryLabel(c.category);
    const std::string label = category == c.organisation
                                  ? c.organisation
                                  : c.organisation + " (" + std::string(category) + ")";
    if (!c.dropped) {
      attachable.emplace_back(std::to_string(c.id), label);
      row["can_change"] = true;
      if (changing == std::to_string(c.id) && c.contact_id) {
        changing_contact = std::to_string(c.contact_id);
      }
      if (!c.contact_id) without_contact.push_back(c.organisation);
      droppable.emplace_back(std::to_string(c.id), label);
      if (c.contact_id && !last_sent.count(c.id)) {
        to_send.push_back({{"id", c.id},
                           {"first", to_send.empty()},
                           {"label", label},
                           {"checked", form == "dispatch" && ticked.count(c.id) > 0}});
      }
    }
    rows.push_back(row);
  }
  d["consultees"] = rows;
  d["not_yet_sent"] = missing.size();
  json owed = json::array();
  for (const auto& c : view->not_yet_sent) owed.push_back(c.organisation);
  d["has_owed"] = !owed.empty();
  d["owed"] = owed;
  const auto& final_programme = view->final_programme;
  d["final_published"] = final_programme && final_programme->state == PlanState::kPublished;
  d["final_year"] = FinancialYearLabel(r.first_year);
  if (final_programme) {
    d["final_plan"] = {{"id", final_programme->plan_id},
                       {"state", InSentence(PlanStateLabel(final_programme->state))}};
  }
  d["to_send"] = to_send;
  d["has_to_send"] = !to_send.empty();
  d["has_attachable"] = attachable.size() > 1;
  if (!without_contact.empty()) {
    d["without_contact"] =
        Count(static_cast<int64_t>(without_contact.size()), "consultee", "consultees") + " (" +
        InWordsList(without_contact) + ") " + (without_contact.size() == 1 ? "has" : "have") +
        " no contact details, so the covering letter cannot reach " +
        (without_contact.size() == 1 ? "it" : "them") + ".";
  }
  auto value = [&](const char* name) { return form.empty() ? std::string() : Param(req, name); };
  const bool dispatch = form == "dispatch";
  d["f_contact"] = FormField(d, "contact_id", "Contact", "");
  d["f_contact"]["options"] = Options(contact_options, value("contact_id"));
  d["f_category"] = FormField(d, "category", "Why they are consulted", "");
  d["f_category"]["options"] = Options({{"stakeholder", "A wider stakeholder"},
                                        {"specified_by_ministers", "Specified by the Ministers"}},
                                       value("category"));
  d["f_attach_consultee"] = FormField(d, "attach_consultee_id", "Consultee", "");
  d["f_attach_consultee"]["options"] =
      Options(attachable, form.empty() ? changing : value("attach_consultee_id"));
  d["f_attach_contact"] = FormField(d, "attach_contact_id", "Their contact details", "");
  d["f_attach_contact"]["options"] =
      Options(contact_options, form.empty() ? changing_contact : value("attach_contact_id"));
  d["f_drop_consultee"] = FormField(d, "drop_consultee_id", "Consultee", "");
  d["f_drop_consultee"]["options"] = Options(droppable, value("drop_consultee_id"));
  d["f_reason"] =
      FormField(d, "reason", "Reason", value("reason"), "Required for a statutory consultee");
  // Nothing is filled in for the user: each dispatch is a statutory record
  // of something that was actually sent.
  d["f_sent_on"] = DateField(d, req, dispatch, "sent_on", "Sent on");
  d["f_method"] = FormField(d, "method", "How it was sent", dispatch ? value("method") : "",
                            "For example, email, post or by hand", "20");
  d["f_what"] = FormField(d, "what", "What was sent", dispatch ? value("what") : "",
                          "For example, the joint business plan " +
                              FinancialYearLabel(r.first_year) + " and the inspection framework");
  d["consultee_ids_error"] = d.value("field_errors", json::object()).value("consultee_ids", "");
  Html(res, "consultation", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

auto ConsultationFeature::RoundAction(const std::string& action) {
  const auto page = Surface::kPage;
  return [this, action](const Request& req, Response& res, RequestContext& ctx) {
    auto id = PathId(req);
    if (!id) return Fail(req, res, page, ctx, NotFound("No such consultation"));
    std::string next = "/consultations/" + std::to_string(*id);
    Status s = OkStatus();
    auto required = [](const char* field, const std::string& message) {
      return std::move(
          InvalidArgument(message, "required").AddFieldError(field, "required", message));
    };
    if (action == "open") {
      s = consultation_.OpenRound(ctx.caller, *id).status();
    } else if (action == "close") {
      s = consultation_.CloseRound(ctx.caller, *id).status();
    } else if (action == "add") {
      auto contact = ParseInt(Param(req, "contact_id"), 1, INT64_MAX);
      auto category = ParseConsulteeCategory(Param(req, "category"));
      s = !contact ? required("contact_id", "Choose the contact to consult")
                   : consultation_
                         .AddConsultee(ctx.caller, *id, *contact,
                                       category.value_or(ConsulteeCategory::kStakeholder))
                         .status();
      next += "#consultees";
    } else if (action == "contact") {
      auto consultee = ParseInt(Param(req, "attach_consultee_id"), 1, INT64_MAX);
      auto contact = ParseInt(Param(req, "attach_contact_id"), 1, INT64_MAX);
      Validation v;  // every error at once
      if (!consultee) v.Add("attach_consultee_id", "required", "Choose the consultee");
      if (!contact) v.Add("attach_contact_id", "required", "Choose their contact details");
      s = !v.empty() ? v.Finish()
                     : consultation_.AttachContact(ctx.caller, *consultee, *contact, *id).status();
      next += "#consultees";
    } else if (action == "drop") {
      auto consultee = ParseInt(Param(req, "drop_consultee_id"), 1, INT64_MAX);
      s = !consultee
              ? required("drop_consultee_id", "Choose the consultee to drop")
              : consultation_.Drop(ctx.caller, *consultee, Field(req, "reason"), *id).status();
      next += "#consultees";
    } else if (action == "dispatch") {
      Dispatch what;
      what.sent_on = Date::ParseOrNone(DateParam(req, "sent_on"));
      what.method = Field(req, "method");
      what.what = Field(req, "what");
      s = consultation_.RecordDispatches(ctx.caller, *id, Ids(req, "consultee_ids"), what).status();
      next += "#dispatch";
    }
    // A consultee of another round, or a round that is not there.
    if (s.code() == StatusCode::kNotFound) return Fail(req, res, page, ctx, s);
    if (!s.ok()) return RoundPage(req, res, ctx, s, action);
    res.Redirect(WithNotice(next, action == "open"      ? "consultation-opened"
                                  : action == "close"   ? "consultation-closed"
                                  : action == "add"     ? "consultee-added"
                                  : action == "contact" ? "contact-attached"
                                  : action == "drop"    ? "consultee-dropped"
                                                        : "dispatch-recorded"));
  };
}

// Responses with their tags and what was done about each; the secretariat
// records responses that came by e-mail or post here too.
void ConsultationFeature::ResponsesPage(const Request& req, Response& res, RequestContext& ctx,
                                        const Status& error) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such consultation"));
  auto view = consultation_.ViewResponses(ctx.caller, *id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const ConsultationRound& round = view->round;
  json d = Base(ctx, "Responses: " + round.title, "consultations");
  if (!error.ok()) AddErrors(d, error);
  std::vector<std::string> questions;
  for (const auto& s : round.sections) {
    for (const auto& q : s.questions) questions.push_back(q);
  }
  const ProposalTitles titles{view->proposal_titles};
  // The marking form of each response: what was sent if it was refused.
  const bool marking = req.method == "POST" && req.path.find("/mark") != std::string::npos;
  const int64_t marked = marking ? PathId(req, 2).value_or(0) : 0;
  auto status_options = [&](const ConsultationResponse& r) {
    const std::string chosen =
        r.id == marked ? Param(req, "status") : std::string(ResponseStatusId(r.status));
    std::vector<std::pair<std::string, std::string>> choices;
    for (const auto& c : ResponseMarkRecord().Find("status")->choices) {
      choices.emplace_back(c.id, c.label);
    }
    return Options(choices, chosen);
  };
  // The page opens where the response just changed is (named in the
  // address after a change, in the path after a refused one).
  const int64_t focus_id = req.method == "POST"
                               ? PathId(req, 2).value_or(0)
                               : ParseInt(Param(req, "response"), 1, INT64_MAX).value_or(0);
  std::optional<size_t> focus;
  std::vector<int64_t> received;  // every response's id, in order
  for (const auto& r : view->responses) received.push_back(r.id);
  std::sort(received.begin(), received.end());
  json rows = json::array();
  for (const auto& r : view->responses) {
    json answers = json::array();
    for (const auto& [n, text] : r.answers) {
      answers.push_back({{"number", n},
                         {"question", n >= 1 && n <= static_cast<int>(questions.size())
                                          ? questions[static_cast<size_t>(n - 1)]
                                          : ""},
                         {"text", text}});
    }
    json about = json::array();
    for (int64_t p : r.proposals) about.push_back(titles.Of(p));
    std::string topics;
    for (const auto& t : r.topics) topics += (topics.empty() ? "" : ", ") + t;
    // Numbered within the consultation, in the order received.
    const auto number = std::upper_bound(received.begin(), received.end(), r.id) - received.begin();
    if (r.id == focus_id) focus = rows.size();
    rows.push_back(
        {{"id", r.id},
         {"number", number},
         {"round_id", r.round_id},
         {"name", r.name},
         {"organisation", r.organisation},
         {"on_behalf_of", r.on_behalf_of},
         {"channel", r.channel == ResponseChannel::kOnline  ? "on the online form"
                     : r.channel == ResponseChannel::kEmail ? "by email"
                                                            : "by post"},
         {"received_on", r.received_on.ToDayMonthYear()},
         {"late", r.late},
         {"reference", PublicReference(r)},
         {"consent", r.consent_to_publish},
         {"answers", answers},
         {"has_proposal_options", !titles.title.empty()},
         {"about", about},
         {"has_about", !about.empty() || !topics.empty()},
         {"topics", topics},
         {"our_response", r.our_response},
         {"version", r.version},
         {"set_aside", r.status != ResponseStatus::kCounted},
         {"status", ResponseStatusLabel(r.status)},
         {"status_note", r.status_note},
         {"note_typed", r.id == marked ? Param(req, "note") : r.status_note},
         {"mark_open", r.id == marked},
         {"note_error",
          d.value("field_errors", json::object()).value("note-" + std::to_string(r.id), "")},
         {"status_options", status_options(r)}});
  }
  // Late is after the last day for responses: the deadline, or the day it
  // closed early.
  d["round"] = {
      {"id", round.id}, {"title", round.title}, {"deadline", LastDayForResponses(round).ToLong()}};
  // Once "you said, we did" is published, the responses it reports are fixed.
  if (round.summary_published) {
    d["frozen"] = CheckSummaryNotPublished(round).message();
  }
  d["has_responses"] = !rows.empty();
  const std::string path = "/consultations/" + std::to_string(round.id) + "/responses";
  if (Status shown = ShowPageOf(req, path, std::move(rows), 20, d, "responses", focus);
      !shown.ok()) {
    return Fail(req, res, page, ctx, shown);
  }
  // Each shown response's tagging form offers every proposal: built for
  // the page alone, as a programme may hold thousands.
  std::map<int64_t, const ConsultationResponse*> by_id;
  for (const auto& r : view->responses) by_id[r.id] = &r;
  for (json& row : d["responses"]) {
    const ConsultationResponse& r = *by_id.at(row["id"].get<int64_t>());
    json tagged = json::array();
    for (const auto& [proposal, title] : titles.title) {
      tagged.push_back({{"id", proposal},
                        {"response_id", r.id},
                        {"title", title},
                        {"checked", r.proposals.count(proposal) > 0}});
    }
    row["proposal_options"] = std::move(tagged);
  }
  // Recording a response from e-mail or post.
  const bool recording = req.method == "POST" && req.path.size() > 4 &&
                         req.path.compare(req.path.size() - 4, 4, "/new") == 0;
  auto value = [&](const char* name) { return recording ? Param(req, name) : std::string(); };
  // The staff member records someone else's response: the labels speak of
  // the respondent, as do the errors (ResponseEntry::kByStaff).
  d["f_name"] = FormField(d, "name", "Respondent's name", value("name"));
  d["f_organisation"] =
      FormField(d, "organisation", "Their organisation (optional)", value("organisation"));
  d["f_on_behalf_of"] = FormField(d, "on_behalf_of", "On whose behalf they responded (optional)",
                                  value("on_behalf_of"));
  d["f_channel"] = FormField(d, "channel", "How it came", "");
  d["f_channel"]["options"] =
      Options({{"email", "By email"}, {"post", "By post"}}, value("channel"));
  // The hint gives the earliest day the rule takes, as its error does.
  d["f_received_on"] = DateField(d, req, recording, "received_on", "Received on",
                                 ReceivedFromHint(round.opens_on, kConsultationOpened));
  json answer_fields = json::array();
  for (size_t i = 0; i < questions.size(); ++i) {
    const std::string key = "answer_" + std::to_string(i + 1);
    answer_fields.push_back(
        FormField(d, key, std::to_string(i + 1) + ". " + questions[i], value(key.c_str())));
  }
  d["answer_fields"] = answer_fields;
  d["consent"] = recording && Param(req, "consent_to_publish") == "yes";
  Html(res, "consultation_responses", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

// The form, with a CSRF token bound to a pre-session cookie as on the
// sign-in page (set only while the round takes responses). Shows only the round's title, deadline
// and questions.
void ConsultationFeature::Form(const Request& req, Response& res, RequestContext& ctx,
                               const ConsultationRound& round, bool has_draft_programme,
                               const ConsultationResponse& entered, const Status& error, int status,
                               bool has_welsh) {
  json d = Base(ctx, round.title, "consultation");
  if (has_welsh) {
    d["language_switch"] = {{"welsh", "/cy/consultations/" + std::to_string(round.id)},
                            {"in_welsh", false}};
  }
  const Status open = AcceptsOnlineResponses(round, Date::DayOf(clock_.NowMicros()));
  // Only a page that shows the form sets the cookie its token is bound to.
  if (open.ok() && ctx.caller.anonymous()) {
    std::string pre = GetCookie(req, kPreSessionCookie);
    if (pre.empty()) {
      pre = RandomToken(32);
      res.SetHeader("Set-Cookie", CookieHeader(kPreSessionCookie, pre, config().secure_cookies));
    }
    d["csrf_token"] = pre;
  }
  if (!error.ok()) AddErrors(d, error);
  const json errors = d.value("field_errors", json::object());
  json sections = json::array();
  int number = 1;
  for (const auto& s : round.sections) {
    json questions = json::array();
    for (const auto& q : s.questions) {
      const std::string key = "answer_" + std::to_string(number);
      auto it = entered.answers.find(number);
      questions.push_back({{"key", key},
                           {"number", number},
                           {"text", q},
                           {"value", it == entered.answers.end() ? "" : it->second},
                           {"error", errors.value(key, "")}});
      ++number;
    }
    sections.push_back({{"title", s.title}, {"questions", questions}});
  }
  d["round"] = {{"id", round.id}, {"title", round.title}, {"deadline", round.deadline.ToLong()}};
  d["has_draft_programme"] = has_draft_programme;
  d["sections"] = sections;
  d["entered"] = {{"name", entered.name},
                  {"organisation", entered.organisation},
                  {"on_behalf_of", entered.on_behalf_of},
                  {"consent", entered.consent_to_publish}};
  d["open"] = open.ok();
  d["closed_message"] = open.ok() ? "" : open.message();
  d["summary_published"] = round.summary_published;
  Html(res, "consult_respond", d, status);
}

void ConsultationFeature::RegisterRoundListPages() {
  const auto page = Surface::kPage;

  // The secretariat's list of rounds.
  Route("GET", "/consultations", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto view = consultation_.ViewRounds(ctx.caller);
          if (!view.ok()) return Fail(req, res, page, ctx, view.status());
          const Names n = NamesOf(view->inspectorates);
          json d = Base(ctx, "Consultations", "consultations");
          json rows = json::array();  // newest first
          for (const auto& r : view->rounds) rows.push_back(RoundRow(r, n));
          d["has_rounds"] = !rows.empty();
          Status shown = ShowPageOf(req, "/consultations", std::move(rows), 20, d, "rounds");
          if (!shown.ok()) return Fail(req, res, page, ctx, shown);
          Html(res, "consultations", d);
        });
}

void ConsultationFeature::RegisterNewRoundPages() {
  const auto page = Surface::kPage;

  Route("GET", "/consultations/new", page, Permission::kRunConsultations,
        By(&ConsultationFeature::RoundForm));
  Route("POST", "/consultations/new", page, Permission::kRunConsultations,
        By(&ConsultationFeature::RoundForm));
}

auto ConsultationFeature::ConfirmOnRound(
    std::function<Confirmation(const ConsultationRound&)> ask) {
  return [this, ask = std::move(ask)](const Request& req, Response& res, RequestContext& ctx) {
    auto id = PathId(req);
    auto v = id ? consultation_.GetRound(ctx.caller, *id)
                : StatusOr<RoundView>(NotFound("No such consultation"));
    if (!v.ok()) return Fail(req, res, Surface::kPage, ctx, v.status());
    ConfirmPage(req, res, ctx, ask(v->round));
  };
}

void ConsultationFeature::RegisterRoundPages() {
  const auto page = Surface::kPage;

  Route("GET", R"(/consultations/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          RoundPage(req, res, ctx, OkStatus(), "");
        });
  Route("POST", R"(/consultations/(\d+)/open)", page, Permission::kRunConsultations,
        RoundAction("open"));
  Route("GET", R"(/consultations/(\d+)/close)", page, Permission::kRunConsultations,
        ConfirmOnRound([](const ConsultationRound& round) -> Confirmation {
          return {"Close the consultation now?",
                  round.title,
                  {"The public response form stops taking responses at once, though its last "
                   "day for responses was to be " +
                       round.deadline.ToLong() + ".",
                   "Responses received after today, by email or post, are recorded as late, "
                   "and its documents will say it has closed instead of inviting responses.",
                   "The consultation's page will say it closed early, and when. It cannot be "
                   "opened again."},
                  "Close the consultation now",
                  true};
        }));
  Route("POST", R"(/consultations/(\d+)/close)", page, Permission::kRunConsultations,
        RoundAction("close"));
  Route("POST", R"(/consultations/(\d+)/consultees)", page, Permission::kRunConsultations,
        RoundAction("add"));
  Route("POST", R"(/consultations/(\d+)/contact)", page, Permission::kRunConsultations,
        RoundAction("contact"));
  Route("POST", R"(/consultations/(\d+)/drop)", page, Permission::kRunConsultations,
        RoundAction("drop"));
  Route("POST", R"(/consultations/(\d+)/dispatches)", page, Permission::kRunConsultations,
        RoundAction("dispatch"));
}

void ConsultationFeature::RegisterResponsePages() {
  const auto page = Surface::kPage;

  Route("POST", R"(/consultations/(\d+)/responses/(\d+)/mark)", page, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto round_id = PathId(req);
          auto id = PathId(req, 2);
          if (!round_id || !id) return Fail(req, res, page, ctx, NotFound("No such response"));
          const int64_t version = ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0);
          Typed typed;
          auto saved =
              consultation_.MarkResponse(ctx.caller, *id, version, [&](ResponseMark& m) -> Status {
                return ReadRecordForm(ResponseMarkRecord(), req, m, typed);
              });
          if (!saved.ok()) {
            return ResponsesPage(req, res, ctx, RenameFields(saved.status(), [&](const auto& f) {
                                   return f + "-" + std::to_string(*id);
                                 }));
          }
          res.Redirect(WithNotice(ResponseOnItsPage(*round_id, *id), "response-marked"));
        });
  Route("GET", R"(/consultations/(\d+)/responses)", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          ResponsesPage(req, res, ctx, OkStatus());
        });
  Route("POST", R"(/consultations/(\d+)/responses/new)", page, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such consultation"));
          Validation form;
          ConsultationResponse r = ResponseFromForm(req, *id, kMaxFormQuestions, form);
          // Any other way it came is refused with the other errors (an
          // online response is not recorded by hand).
          const std::string channel = Param(req, "channel");
          r.channel = channel == "post"    ? ResponseChannel::kPost
                      : channel == "email" ? ResponseChannel::kEmail
                                           : ResponseChannel::kOnline;
          r.received_on = Date::ParseOrNone(DateParam(req, "received_on"));
          auto saved = form.empty() ? consultation_.RecordResponse(ctx.caller, r)
                                    : StatusOr<ConsultationResponse>(form.Finish());
          if (!saved.ok()) {
            return ResponsesPage(req, res, ctx, RenameFields(saved.status(), AnswerInput));
          }
          res.Redirect(WithNotice(ResponseOnItsPage(*id, saved->id), "response-recorded"));
        });
  Route("POST", R"(/consultations/(\d+)/responses/(\d+)/tags)", page, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto response = PathId(req, 2);
          if (!id || !response) return Fail(req, res, page, ctx, NotFound("No such response"));
          auto ids = Ids(req, "proposals");
          std::vector<std::string> topics;
          for (const auto& t : Split(Param(req, "topics"), ',')) {
            if (!Trim(t).empty()) topics.emplace_back(Trim(t));
          }
          Status s = OkStatus();
          if (topics.size() > 20) {
            s = std::move(InvalidArgument("Too many topics", "count")
                              .AddFieldError("topics-" + std::to_string(*response), "count",
                                             "Tag a response with 20 topics or fewer"));
          } else {
            s = consultation_
                    .TagResponse(ctx.caller, *response, std::set<int64_t>(ids.begin(), ids.end()),
                                 topics, Param(req, "our_response"))
                    .status();
          }
          if (!s.ok()) return ResponsesPage(req, res, ctx, s);
          res.Redirect(WithNotice(ResponseOnItsPage(*id, *response), "response-tagged"));
        });
}

namespace {

// What the summary page shows of a summary's JSON (ToJson(SummaryView)),
// whether read as written or from its released copy.
void SummaryPageData(json& d, json& j, const ProposalTitles& titles) {
  for (auto& q : j["questions"]) {
    q["has_said"] = !q["said"].empty();
    q["has_we_did"] = !q["we_did"].empty();
    const int answers = q["answers"].get<int>();
    q["answers_label"] = Count(answers, "answer", "answers");
  }
  for (auto& p : j["by_proposal"]) p["title"] = titles.Of(p["proposal_id"].get<int64_t>());
  d["summary"] = j;
  d["has_by_proposal"] = !j["by_proposal"].empty();
  d["has_by_topic"] = !j["by_topic"].empty();
}

}  // namespace

void ConsultationFeature::RegisterSummaryPages() {
  const auto page = Surface::kPage;

  // "You said, we did": for the secretariat while it is written, and for
  // everyone once published.
  Route("GET", R"(/consultations/(\d+)/summary)", page, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such consultation"));
          const bool insider = !ctx.caller.anonymous();
          // Anyone not signed in reads the released copy, and nothing else.
          if (!insider) {
            auto released = consultation_.PublicSummary(*id);
            if (!released.ok()) return Fail(req, res, page, ctx, released.status());
            json& j = (*released)["summary"];
            json d = Base(ctx, "You said, we did: " + j.value("title", ""), "consultations");
            j["deadline"] = (*released)["deadline"];
            j["published_on"] = (*released)["published_on"];
            std::map<int64_t, std::string> titles;
            for (const auto& [key, title] : (*released)["proposal_titles"].items()) {
              titles[std::stoll(key)] = title.get<std::string>();
            }
            SummaryPageData(d, j, ProposalTitles{titles});
            d["unanswered"] = json::array();
            d["insider"] = false;
            d["can_publish"] = false;
            return Html(res, "consultation_summary", d);
          }
          auto shown = consultation_.ViewSummary(ctx.caller, *id);
          if (!shown.ok()) return Fail(req, res, page, ctx, shown.status());
          const SummaryView* v = &shown->summary;
          json d = Base(ctx, "You said, we did: " + v->round.title, "consultations");
          json j = ToJson(*v);
          j["deadline"] = LastDayForResponses(v->round).ToLong();
          j["published_on"] = v->round.summary_published_on.ToDayMonthYear();
          json unanswered = json::array();
          for (const auto& [response, who] : v->unanswered) {
            unanswered.push_back({{"id", response}, {"who", who}});
          }
          d["unanswered"] = unanswered;
          d["has_unanswered"] = !unanswered.empty();
          // Signed in, every proposal counted.
          SummaryPageData(d, j, ProposalTitles{shown->proposal_titles});
          d["insider"] = insider;
          d["can_publish"] = v->can_publish.ok() && !v->round.summary_published &&
                             Allows(ctx.caller, Permission::kRunConsultations);
          d["not_publishable_because"] = v->can_publish.ok() ? "" : v->can_publish.message();
          Html(res, "consultation_summary", d);
        });
  Route("GET", R"(/consultations/(\d+)/summary/publish)", page, Permission::kRunConsultations,
        ConfirmOnRound([](const ConsultationRound& round) -> Confirmation {
          return {"Publish the summary of responses?",
                  round.title,
                  {"Anyone will be able to read the summary: what was said, quoting only those "
                   "who agreed to be quoted, and what the inspectorates did about it.",
                   "Once published it cannot be withdrawn or changed."},
                  "Publish the summary",
                  false};
        }));
  Route("POST", R"(/consultations/(\d+)/summary/publish)", page, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such consultation"));
          auto v = consultation_.PublishSummary(ctx.caller, *id);
          if (!v.ok()) return Fail(req, res, page, ctx, v.status());
          res.Redirect(WithNotice("/consultations/" + std::to_string(*id) + "/summary",
                                  "summary-published"));
        });
}

void ConsultationFeature::RegisterPublicResponsePages() {
  const auto page = Surface::kPage;

  Route("GET", R"(/consultations/(\d+)/respond)", page, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          bool has_programme = false;
          bool has_welsh = false;
          auto round = id ? consultation_.PublicRound(*id, &has_programme, &has_welsh)
                          : StatusOr<ConsultationRound>(NotFound("No such consultation"));
          if (!round.ok()) return Fail(req, res, page, ctx, round.status());
          Form(req, res, ctx, *round, has_programme, {}, OkStatus(), 200, has_welsh);
        });
  Route("POST", R"(/consultations/(\d+)/respond)", page, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, page, ctx, NotFound("No such consultation"));
          // The form first, then one write; the round is read again only to
          // show a refused form.
          Validation checks;
          ConsultationResponse r = ResponseFromForm(req, *id, kMaxFormQuestions, checks);
          auto refused = [&](const Status& error, int status) {
            bool has_programme = false;
            bool has_welsh = false;
            auto round = consultation_.PublicRound(*id, &has_programme, &has_welsh);
            if (!round.ok()) return Fail(req, res, page, ctx, round.status());
            Form(req, res, ctx, *round, has_programme, r, error, status, has_welsh);
          };
          // A field people never see: only automated senders fill it in.
          if (!Param(req, "website").empty()) {
            return refused(InvalidArgument("Your response could not be accepted", "spam"), 400);
          }
          if (!checks.empty()) return refused(checks.Finish(), 400);
          auto saved = consultation_.SubmitOnline(r, req.client_address);
          if (!saved.ok()) {
            if (saved.status().code() == StatusCode::kNotFound) {
              return Fail(req, res, page, ctx, saved.status());
            }
            return refused(RenameFields(saved.status(), AnswerInput),
                           HttpStatusFor(saved.status().code()));
          }
          // Post, redirect, get: reloading the thank-you page sends nothing again.
          res.Redirect("/consultations/" + std::to_string(*id) +
                       "/respond/received?reference=" + saved->public_reference);
        });
  // What the public form consults on, for anyone while the consultation is
  // open or after: the consultation document, and the draft programme.
  Route("GET",
        R"(/consultations/(\d+)/respond/(consultation-document|draft-programme)\.(pdf|docx))", page,
        Permission::kPublic, [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto round = id ? consultation_.PublicRound(*id)
                          : StatusOr<ConsultationRound>(NotFound("No such consultation"));
          if (!round.ok()) return Fail(req, res, page, ctx, round.status());
          const std::string which = req.Capture(2);
          const std::string stem = "consultation-" + std::to_string(*id) + "-" + which;
          if (which == "draft-programme") {
            auto programme = DraftProgramme(SystemCaller(), *round);
            if (!programme) {
              return Fail(req, res, page, ctx, NotFound("There is no draft programme yet"));
            }
            return SendDocument(res, ToDocument(*programme), req.Capture(3), stem);
          }
          auto pack = DocumentPack(SystemCaller(), *id, req);
          if (!pack.ok()) return Fail(req, res, page, ctx, pack.status());
          SendDocument(res, ConsultationDocument(*pack), req.Capture(3), stem);
        });
  Route("GET", R"(/consultations/(\d+)/respond/received)", page, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto round = id ? consultation_.PublicRound(*id)
                          : StatusOr<ConsultationRound>(NotFound("No such consultation"));
          if (!round.ok()) return Fail(req, res, page, ctx, round.status());
          json d = Base(ctx, "Response received", "consultation");
          // Only a reference as the form gives them is shown: the address
          // cannot make the page say anything else.
          const std::string reference = Param(req, "reference");
          const bool well_formed =
              reference.size() == 9 && reference[4] == '-' &&
              std::all_of(reference.begin(), reference.end(), [](char c) {
                return c == '-' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
              });
          if (well_formed) d["reference"] = reference;
          d["round_title"] = round->title;
          d["round_id"] = round->id;
          d["deadline"] = round->deadline.ToLong();
          d["open"] = AcceptsOnlineResponses(*round, Date::DayOf(clock_.NowMicros())).ok();
          Html(res, "consult_thanks", d);
        });
}

// Contacts, one per e-mail address: added, changed and deleted with
// labels, limits and choices from the contact's description.
void ConsultationFeature::ContactsPage(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  json d = Base(ctx, "Contacts", "consultations");
  Status error = OkStatus();
  Contact entered;
  Typed typed;
  if (req.method == "POST") {
    error = ReadRecordForm(ContactRecord(), req, entered, typed);
    if (error.ok()) {
      auto created = consultation_.CreateContact(ctx.caller, entered);
      if (created.ok()) {
        const std::string back = Param(req, "return_to");
        res.Redirect(WithNotice(back.rfind("/consultations/", 0) == 0 ? back : "/contacts",
                                "contact-added"));
        return;
      }
      error = created.status();
    } else {
      error = MergeFieldErrors(error, CheckShape(ContactRecord(), entered));
    }
    AddErrors(d, error);
  }
  auto paging = ReadPaging(req, 100);
  if (!paging.ok()) return Fail(req, res, page, ctx, paging.status());
  auto all = consultation_.ContactPage(
      ctx.caller, {.equal = {}, .limit = paging->limit, .offset = paging->offset});
  if (!all.ok()) return Fail(req, res, page, ctx, all.status());
  if (auto better = PageToShowInstead(req, "/contacts", all->total, paging->limit, paging->offset,
                                      all->items.size())) {
    res.Redirect(*better);
    return;
  }
  const auto& type_field = *ContactRecord().Find("type");
  json rows = json::array();
  for (const auto& c : all->items) {
    rows.push_back({{"id", c.id},
                    {"name", c.name},
                    {"organisation", c.organisation},
                    {"email", c.email},
                    {"type", ChoiceLabel(type_field, ContactTypeId(c.type))}});
  }
  d["contacts"] = rows;
  d["has_contacts"] = all->total > 0;
  d["total"] = all->total;
  d["from"] = rows.empty() ? 0 : paging->offset + 1;
  d["to"] = paging->offset + static_cast<int64_t>(rows.size());
  d["pagination"] = Pagination(req, "/contacts", all->total, paging->limit, paging->offset);
  if (req.HasParam("deleted")) d["banner"] = "The contact has been deleted.";
  if (req.HasParam("saved")) d["banner"] = "The contact has been saved.";
  AddRecordFields(d, ContactRecord(), entered, typed);
  d["return_to"] = Param(req, "return_to");
  Html(res, "contacts", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void ConsultationFeature::ContactForm(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such contact"));
  Status error = OkStatus();
  Typed typed;
  Contact shown;
  int64_t version = 0;
  if (req.method == "POST") {
    // The form first, kept as typed to show it again whatever happens,
    // then one write that reads it onto the stored contact (and reports
    // what could not be read).
    version = ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0);
    (void)ReadRecordForm(ContactRecord(), req, shown, typed);
    auto saved = consultation_.UpdateContact(ctx.caller, *id, version, [&](Contact& c) {
      Typed same;
      const Status unreadable = ReadRecordForm(ContactRecord(), req, c, same);
      shown = c;
      return unreadable.ok() ? unreadable
                             : MergeFieldErrors(unreadable, CheckShape(ContactRecord(), c));
    });
    if (saved.ok()) return res.Redirect("/contacts?saved=1");
    error = saved.status();
    if (error.code() == StatusCode::kNotFound) return Fail(req, res, page, ctx, error);
    if (error.code() == StatusCode::kAborted) {
      // Someone else changed it: keep what was typed, say which fields
      // they changed, and let a second save put this version over theirs.
      // The conflict's detail holds the contact as it is now.
      const json detail = json::parse(error.detail_json(), nullptr, false);
      const json current = detail.is_object() ? detail.value("current", json()) : json();
      if (!current.is_object() || !current.contains("version")) {
        return Fail(req, res, page, ctx, error);
      }
      version = current["version"].get<int64_t>();
      shown.name = current.value("name", shown.name);  // the heading names it as it is
      std::string changed;
      if (detail.is_object()) {
        for (const auto& c : detail.value("changes_since_your_version", json::array())) {
          for (const auto& f : c.value("fields", json::array())) {
            const auto* field = ContactRecord().Find(f.get<std::string>());
            const std::string label = field ? field->label : f.get<std::string>();
            if (changed.find(label) == std::string::npos) {
              changed += (changed.empty() ? "" : ", ") + label;
            }
          }
        }
      }
      error = Aborted("Someone changed this contact while you were editing it" +
                          (changed.empty() ? std::string() : " (" + changed + ")") +
                          ". Your changes are below: check them against theirs and save "
                          "again to keep yours.",
                      "stale-version");
    }
  } else {
    auto current = consultation_.GetContact(ctx.caller, *id);
    if (!current.ok()) return Fail(req, res, page, ctx, current.status());
    shown = *current;
    version = current->version;
  }
  json d = Base(ctx, "Change a contact", "consultations");
  if (!error.ok()) AddErrors(d, error);
  d["heading"] = "Change " + (shown.name.empty() ? std::string("a contact") : shown.name);
  d["id"] = *id;
  d["version"] = version;
  AddRecordFields(d, ContactRecord(), shown, typed);
  Html(res, "contact_form", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void ConsultationFeature::ContactDelete(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such contact"));
  Status error = OkStatus();
  if (req.method == "POST") {
    const int64_t version = ParseInt(Param(req, "version"), 1, INT64_MAX).value_or(0);
    error = consultation_.DeleteContact(ctx.caller, *id, version);
    if (error.ok()) return res.Redirect("/contacts?deleted=1");
    if (error.code() == StatusCode::kNotFound) return Fail(req, res, page, ctx, error);
  }
  auto view = consultation_.ViewContactDeletion(ctx.caller, *id);
  if (!view.ok()) return Fail(req, res, page, ctx, view.status());
  const Contact* current = &view->contact;
  json d = Base(ctx, "Delete a contact", "consultations");
  if (!error.ok() && error.rule() != "contact-in-use") AddErrors(d, error);
  d["id"] = current->id;
  d["version"] = current->version;
  d["name"] = current->name;
  d["organisation"] = current->organisation;
  d["email"] = current->email;
  // Said before anything is pressed: a contact that is a consultee stays,
  // and its details are changed instead.
  d["in_use"] = view->refusal.ok() ? "" : view->refusal.message();
  Html(res, "contact_delete", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

void ConsultationFeature::RegisterContactPages() {
  const auto page = Surface::kPage;

  Route("GET", "/contacts", page, Permission::kRunConsultations,
        By(&ConsultationFeature::ContactsPage));
  Route("POST", "/contacts", page, Permission::kRunConsultations,
        By(&ConsultationFeature::ContactsPage));

  Route("GET", R"(/contacts/(\d+)/edit)", page, Permission::kRunConsultations,
        By(&ConsultationFeature::ContactForm));
  Route("POST", R"(/contacts/(\d+)/edit)", page, Permission::kRunConsultations,
        By(&ConsultationFeature::ContactForm));

  Route("GET", R"(/contacts/(\d+)/delete)", page, Permission::kRunConsultations,
        By(&ConsultationFeature::ContactDelete));
  Route("POST", R"(/contacts/(\d+)/delete)", page, Permission::kRunConsultations,
        By(&ConsultationFeature::ContactDelete));
}

}  // namespace jointly::web
