#include "web/page_helpers.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "core/date.h"
#include "core/text.h"
#include "domain/access.h"
#include "domain/consultation.h"
#include "domain/delegation.h"
#include "domain/fieldwork.h"
#include "domain/findings.h"
#include "domain/governance.h"
#include "domain/inspection.h"
#include "domain/programme.h"
#include "service/records_json.h"
#include "web/body_query.h"
#include "web/templates.h"

namespace jointly::web {

using nlohmann::json;

json Base(const RequestContext& ctx, const std::string& title, const std::string& nav) {
  json d = {{"title", title}, {"nav_" + nav, true}};
  if (!ctx.caller.anonymous()) {
    d["user"] = {{"email", ctx.caller.email}};
    d["csrf_token"] = ctx.csrf_token;
    d["is_admin"] = Allows(ctx.caller, Permission::kManageUsers);
    d["can_edit_directory"] = Allows(ctx.caller, Permission::kEditDirectory);
    d["can_edit_reference"] = Allows(ctx.caller, Permission::kEditReferenceData);
    d["can_edit_programme"] = Allows(ctx.caller, Permission::kEditProgramme);
    d["can_publish_programme"] = Allows(ctx.caller, Permission::kPublishProgramme);
    d["can_run_consultations"] = Allows(ctx.caller, Permission::kRunConsultations);
    d["can_change_rotation"] = Allows(ctx.caller, Permission::kChangeRotation);
    d["can_record_governance"] = Allows(ctx.caller, Permission::kRecordGovernance);
    d["can_score"] = Allows(ctx.caller, Permission::kScoreProposals);
    d["can_answer"] = Allows(ctx.caller, Permission::kAnswerDecisions);
    d["is_owner"] = ctx.caller.owner_id.has_value();
  }
  if (!ctx.notice.empty()) d["notice"] = ctx.notice;
  if (!ctx.caller.anonymous() && !ctx.back.empty()) d["back"] = ctx.back;
  return d;
}

namespace {

// Every confirmation a page shows after a form: one table, so that the
// words are written once and nothing else can appear in a banner.
constexpr std::pair<std::string_view, std::string_view> kNotices[] = {
    {"proposal-added", "The proposal has been added to the long-list"},
    {"password-chosen", "You have chosen your password and are signed in"},
    {"contact-added", "The contact has been added"},
    {"bodies-imported", "The file was imported"},
    {"proposal-saved", "Your changes to the proposal have been saved"},
    {"proposal-unchanged", "You made no changes, so the proposal is as it was"},
    {"scores-saved", "Your scores have been saved"},
    {"plan-created", "The plan has been created"},
    {"plan-saved", "Your changes to the plan have been saved"},
    {"plan-unchanged", "You made no changes, so the plan is as it was"},
    {"decision-asked", "Every inspectorate concerned has been asked to agree"},
    {"draft-from-run",
     "The run's programme is now the draft programme: ask every inspectorate to agree it"},
    {"decision-agreed", "Your inspectorate's agreement has been recorded"},
    {"decision-declined", "Your inspectorate's decision to decline has been recorded"},
    {"plan-sent", "You recorded that the draft programme went to CJ Ministers"},
    {"plan-published", "The joint business plan has been published"},
    {"comment-recorded", "The Minister's comment has been recorded"},
    {"comment-answered", "The answer to the Minister's comment has been saved"},
    {"consultation-started", "The consultation has been started as a draft"},
    {"consultation-opened", "The consultation is open: anyone can respond on the public form"},
    {"consultation-closed", "The consultation has been closed"},
    {"consultee-added", "The consultee has been added"},
    {"contact-attached", "The consultee's contact details have been saved"},
    {"consultee-dropped", "The consultee has been dropped"},
    {"dispatch-recorded", "What was sent has been recorded in the dispatch register"},
    {"response-recorded", "The response has been recorded"},
    {"response-tagged", "The response's tags and what was done have been saved"},
    {"response-marked", "The response's status has been saved"},
    {"summary-published", "The summary of responses has been published"},
    {"meeting-recorded", "The meeting has been recorded"},
    {"meeting-saved", "The meeting has been saved"},
    {"user-saved", "Your changes to the user have been saved"},
    {"account-unlocked", "The account has been unlocked: they can sign in again now"},
    {"rotation-saved", "The rotation has been saved"},
    {"group-saved", "The reference group has been saved"},
    {"run-started", "The optimiser run has been started"},
    {"improving-stopped", "The optimiser will stop improving the programme within moments"},
    {"member-saved", "The member has been saved"},
    {"advice-recorded", "The reference group's advice has been recorded"},
    {"meeting-decision-recorded", "The decision has been recorded"},
    {"action-recorded", "The action has been recorded"},
    {"action-done", "The action has been marked done"},
    {"action-recorded-owner-unknown",
     "The action has been recorded. No one of that name uses Jointly: they will not see it on "
     "their home page"},
    {"referral-made", "The issue has been referred to CJCIG"},
    {"referral-decided", "CJCIG's decision on the referral has been recorded"},
    {"signed-out", "You have signed out"},
    {"inspection-member-named", "They have been named to the team"},
    {"inspection-member-left", "Their place on the team has ended"},
    {"inspection-saved", "Your changes have been saved"},
    {"finding-added", "The finding has been added"},
    {"finding-saved", "The finding has been saved"},
    {"recommendation-saved", "It has been saved"},
    {"recommendation-added", "It has been added, with the findings it answers"},
    {"engagement-recorded", "The engagement with the owner has been recorded"},
    {"retention-agreed", "The retention schedules have been agreed for the inspection"},
    {"retention-agreed-undated",
     "The retention schedules have been agreed for the inspection, with no publication date: "
     "what counts from publication counts from the day the report is published"},
    {"hold-placed",
     "The legal hold has been placed: nothing of the inspection is destroyed while it is in force"},
    {"hold-lifted", "The legal hold has been lifted"},
    {"evidence-destroyed",
     "The evidence item has been destroyed for good, and its destruction certificate is in the "
     "audit trail"},
    {"retention-extended", "The item is kept until its next review"},
    {"factual-check-recorded", "The factual accuracy check has been recorded"},
    {"correction-recorded", "The correction received has been recorded"},
    {"correction-saved", "The decision on the correction has been saved"},
    {"recipient-added", "They have been added to your distribution list"},
    {"recipient-removed", "They have been removed from your distribution list"},
    {"media-plan-saved", "The media plan has been saved"},
    {"publication-set",
     "The date and time of publication have been set: the report is published at that moment"},
    {"embargo-recipient-named",
     "They have been named: their personal link is e-mailed to them when the embargoed copies "
     "go out, or at once if they have already gone"},
    {"embargo-link-revoked", "The link has been revoked: it no longer opens"},
    {"spokesperson-named", "The spokesperson has been named"},
    {"spokesperson-removed", "The spokesperson has been removed"},
    {"activity-recorded", "The post-publication activity has been recorded"},
    {"evaluation-given", "Your evaluation has been recorded"},
    {"evaluation-saved", "Your evaluation has been saved"},
    {"evaluation-removed", "Your evaluation has been removed"},
    {"tracker-response", "The owner's response has been recorded"},
    {"tracker-update", "The progress update has been recorded"},
    {"tracker-unchanged", "You made no changes, so the response is as it was"},
    {"tracker-reported", "The status the owner reports has been recorded"},
    {"tracker-verified", "The status the inspectorate verified has been recorded"},
    {"tracker-target", "The target date has been moved; the earlier one stays on the record"},
    {"tracker-imported", "The file was imported onto the tracker"},
    {"lesson-recorded", "The lesson has been recorded in the lessons-learned register"},
    {"lesson-saved", "The lesson has been saved"},
    {"lesson-removed", "The lesson has been removed"},
    {"inspection-unchanged", "You made no changes, so it is as it was"},
    {"liaison-recorded", "The stakeholder liaison has been recorded"},
    {"method-added", "The method has been added to the terms of reference"},
    {"red-line-recorded", "Your inspectorate's red line has been recorded"},
    {"key-date-added", "The date has been added to the timetable"},
    {"key-date-saved", "The date on the timetable has been saved"},
    {"site-added", "The fieldwork site has been added"},
    {"letter-drafted", "The commissioning letter has been drafted"},
    {"task-added", "The task has been added to the project plan"},
    {"task-saved", "The task has been saved"},
    {"live-case-saved", "The issue in a live case has been saved"},
    {"clearance-recorded", "The clearance has been recorded"},
    {"clearance-saved", "The clearance has been saved"},
    {"interview-recorded", "The interview or focus group has been recorded"},
    {"live-case-recorded", "The issue in the live case has been recorded"},
    {"visit-planned", "The fieldwork visit has been planned"},
    {"visit-place-added", "They have been added to the visit's team"},
    {"sites-added", "The sites you chose have been added"},
    {"site-data-imported", "The file was imported; fieldwork sites are proposed from it"},
    {"inspection-removed", "It has been removed"},
    {"method-removed", "The method has been removed from the terms of reference"},
    {"red-line-removed", "Your inspectorate's red line has been removed"},
    {"key-date-removed", "The date has been removed from the timetable"},
    {"site-removed", "The fieldwork site has been removed"},
    {"clearance-removed", "The clearance has been removed"},
    {"attendance-removed",
     "Your inspectorate's presence at the emerging-findings meeting has been removed"},
    {"section-removed",
     "The section has been removed from the report structure; the sections after it have moved "
     "up one place"},
    {"section-saved", "The section of the report structure has been saved"},
    {"section-moved", "The section has been moved; the report structure is numbered in order"},
    {"section-drafted", "The section has been saved as a new version"},
    {"section-commented",
     "Your comment or suggested edit has been added; every participating inspectorate sees it"},
    {"section-comment-answered", "Your answer has been recorded"},
    {"inspection-asked", "Every participating inspectorate has been asked to agree"},
    {"step-submitted-agreement",
     "The report has been submitted for the Development Group representatives' agreement"},
    {"step-submitted-approval",
     "The report has been submitted for approval by HM Inspectors and Chief Inspectors"},
    {"step-submitted-critical_reading", "The report has been sent to the critical readers"},
    {"step-submitted-sign_off", "The report has been submitted for final sign-off"},
    {"step-approved-agreement", "You agreed the report for your inspectorate"},
    {"step-approved-approval", "You approved the report for your inspectorate"},
    {"step-approved-sign_off", "You signed off the report for your inspectorate"},
    {"reader-named", "The critical reader has been named"},
    {"reader-response-saved", "Their response and what was done about it have been recorded"},
    {"letter-sent", "The letter has been sent and the sending recorded"},
    {"letter-withdrawn",
     "The letter is withdrawn and the withdrawal recorded; a letter sent by e-mail is followed "
     "by an e-mail saying so, and a posted one needs a letter from you saying so"},
    {"letter-posted",
     "The letter is recorded as sent by post: post the printed letter to its addressee"},
    {"evidence-recorded", "The evidence has been recorded in the shared register"},
    {"evidence-reviewed", "Your inspectorate's quality assurance has been recorded"},
    {"query-answered", "Your answer to the query has been recorded"},
    {"file-attached", "The file has been attached"},
    {"delegation-made", "The delegation has been recorded"},
    {"delegation-revoked", "The delegation has been revoked from today"},
    {"delegate-named", "The delegation now names them too"},
    {"response-unchanged", "You made no changes, so your response is as it was"},
    {"owner-invited", "The invitation has been e-mailed"},
    {"owner-reinvited", "A new invitation has been e-mailed"},
    {"owner-withdrawn", "Their access has been withdrawn: they can no longer sign in"},
    {"tracker-published", "The quarterly tracker has been published on the public website"},
    {"welsh-saved", "The Welsh version has been saved: it is published with the English one"},
    {"welsh-released", "The Welsh version has been saved and published on the public website"},
};

}  // namespace

std::string_view NoticeText(std::string_view notice) {
  for (const auto& [key, text] : kNotices) {
    if (key == notice) return text;
  }
  return {};
}

std::string ParentPage(std::string_view path) {
  std::vector<std::string_view> parts;
  for (size_t start = 0; start < path.size();) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (parts.empty()) return "";
  const std::string_view top = parts[0];
  if (parts.size() == 1) {
    if (top == "contacts") return "/consultations";
    if (top == "criteria-sets") return "/plans";
    if (top == "retention-due") return "/inspections";
    return "";
  }
  if (top == "runs") return "/plans";  // a run's page names its own plan
  size_t keep = parts.size() - 1;
  // "/programme/proposals" and "/governance/meetings" are not pages; a
  // user's or a contact's forms have no record page above them.
  if ((top == "programme" || top == "governance") && keep == 2) keep = 1;
  if ((top == "users" || top == "contacts") && keep > 1) keep = 1;
  if (top == "bodies" && parts[1] == "site-data") keep = 1;
  std::string out;
  for (size_t i = 0; i < keep; ++i) out += "/" + std::string(parts[i]);
  return out;
}

std::string WithNotice(const std::string& location, std::string_view notice) {
  if (notice.empty()) return location;  // nothing was just done
  const size_t hash = location.find('#');
  std::string path = location.substr(0, hash);
  path += path.find('?') == std::string::npos ? "?done=" : "&done=";
  path += notice;
  if (hash != std::string::npos) path += location.substr(hash);
  return path;
}

namespace {

// The error summary listed in the order its fields appear on the page
// (GOV.UK: the summary follows the page), whatever order the checks ran
// in; nullopt if it already does. Errors whose field is not on the page
// keep their order, after the others.
std::optional<json> InPageOrder(const json& data, const std::string& html) {
  const auto errors = data.find("errors");
  if (errors == data.end() || !errors->is_array() || errors->size() < 2) return std::nullopt;
  std::vector<std::pair<size_t, json>> placed;
  for (const auto& e : *errors) {
    const std::string href = e.value("href", "");
    const size_t at =
        href.size() > 1 ? html.find("id=\"" + href.substr(1) + "\"") : std::string::npos;
    placed.emplace_back(at, e);
  }
  if (std::is_sorted(placed.begin(), placed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; })) {
    return std::nullopt;
  }
  std::stable_sort(placed.begin(), placed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  json out = data;
  out["errors"] = json::array();
  for (auto& [at, e] : placed) out["errors"].push_back(std::move(e));
  return out;
}

}  // namespace

void Html(Response& res, const std::string& page, const json& data, int status) {
  res.status = status;
  std::string html = RenderPage(page, data);
  if (auto ordered = InPageOrder(data, html)) html = RenderPage(page, *ordered);
  res.SetContent(std::move(html), "text/html; charset=utf-8");
}

void ConfirmPage(const Request& req, Response& res, const RequestContext& ctx,
                 const Confirmation& c) {
  json d = Base(ctx, c.title, "");
  d["caption"] = c.caption;
  d["points"] = c.points;
  d["button"] = c.button;
  d["warning"] = c.warning;
  d["action"] = req.path;
  d["cancel"] = ctx.back.empty() ? ParentPage(req.path) : ctx.back;  // a page that is there
  Html(res, "confirm", d);
}

// GOV.UK error summary and inline messages. Field names map to the id of
// the input they concern (usually the same).
void AddErrors(json& data, const Status& s) { AddErrors(data, s, HistoryNames{}); }

void AddErrors(json& data, const Status& s, const HistoryNames& names) {
  if (s.code() == StatusCode::kAborted && !s.detail_json().empty()) {
    const json detail = json::parse(s.detail_json(), nullptr, false);
    const json current = detail.is_object() ? detail.value("current", json()) : json();
    if (current.is_object() && current.contains("version") &&
        current["version"].is_number_integer()) {
      std::string text = "This was changed while you were editing it.";
      for (const auto& sentence : ChangesInWords(detail, names)) text += " " + sentence;
      text += " Your changes are below as you typed them: check them and save again to keep them.";
      data["errors"] = json::array({{{"text", text}}});
      data["has_errors"] = true;
      data["field_errors"] = json::object();
      data["newest_version"] = std::to_string(current["version"].get<int64_t>());
      return;
    }
  }
  json summary = json::array();
  json fields = json::object();
  for (const auto& field_error : s.field_errors()) {
    FieldError e = field_error;
    // Pages take dates as day, month and year, never as YYYY-MM-DD.
    if (e.rule == "date") {
      const size_t as = e.message.rfind(" as ");
      if (as != std::string::npos && e.message.find("YYYY-MM-DD", as) != std::string::npos) {
        e.message = e.message.substr(0, as) + " as a real date, such as " + kDateExample;
      }
    }
    std::string anchor = e.field;
    if (anchor.rfind("line ", 0) == 0) anchor = "csv_file";  // CSV lines point at the upload
    summary.push_back(
        {{"href", "#" + anchor},
         {"text", e.field.rfind("line ", 0) == 0 ? e.field + ": " + e.message : e.message}});
    if (!fields.contains(anchor)) fields[anchor] = e.message;
  }
  if (summary.empty()) summary.push_back({{"text", s.message()}});
  data["errors"] = summary;
  data["has_errors"] = true;
  data["field_errors"] = fields;
}

std::string Field(const Request& req, const char* name) {
  return std::string(Trim(Param(req, name)));
}

std::string Param(const Request& req, const char* name) {
  return req.HasParam(name) ? req.Param(name) : std::string();
}

bool Checked(const Request& req, const char* name, Validation& errors) {
  const std::vector<std::string> sent = req.Params(name);
  bool ticked = false;
  for (const std::string& value : sent) {
    if (value.empty()) continue;  // the form's hidden "not ticked"
    ticked = true;
    if (value != "yes") {
      errors.Add(name, "yes-no", std::string(name) + " is ticked with the value yes, or not sent");
      return false;
    }
  }
  return ticked;
}

void TextSent(const Request& req, const char* name, std::string& field) {
  if (req.HasParam(name)) field = Field(req, name);
}

void CheckedSent(const Request& req, const char* name, bool& field, Validation& errors) {
  if (req.HasParam(name)) field = Checked(req, name, errors);
}

StatusOr<int64_t> SentVersion(const Request& req, std::string_view what) {
  if (auto version = ParseInt(Param(req, "version"), 1, INT64_MAX)) return *version;
  Status s = InvalidArgument(
      "The form was sent without the version of " + std::string(what) + " it changes",
      "version-required");
  s.AddFieldError("version", "version-required",
                  "This form was sent without the version of " + std::string(what) +
                      " it changes, so nothing was saved: open it again and make your change");
  return s;
}

std::optional<int64_t> WholeNumber(std::string_view text) {
  const std::string_view t = Trim(text);
  const bool negative = !t.empty() && t[0] == '-';
  const std::string_view digits = t.substr(negative ? 1 : 0);
  if (digits.empty()) return std::nullopt;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  if (auto n = ParseInt(std::string(t), INT64_MIN, INT64_MAX)) return n;
  return negative ? INT64_MIN : INT64_MAX;
}

int NearestInt(int64_t n) { return static_cast<int>(std::clamp<int64_t>(n, INT32_MIN, INT32_MAX)); }

Status RenameErrors(const Status& s, const std::function<FieldError(const FieldError&)>& for_form) {
  Status out(s.code(), s.message(), s.rule());
  for (const auto& e : s.field_errors()) {
    FieldError renamed = for_form(e);
    out.AddFieldError(std::move(renamed.field), renamed.rule, std::move(renamed.message));
  }
  if (!s.detail_json().empty()) out.SetDetailJson(s.detail_json());  // a conflict's record
  return out;
}

Status RenameFields(const Status& s,
                    const std::function<std::string(const std::string&)>& to_input) {
  return RenameErrors(s, [&](const FieldError& e) {
    return FieldError{to_input(e.field), e.rule, e.message};
  });
}

json Options(const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected) {
  json out = json::array();
  for (const auto& [value, label] : values) {
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  }
  return out;
}

json FormField(const json& data, const std::string& id, const std::string& label,
               const std::string& value, const std::string& hint, const std::string& width) {
  const std::string error = data.value("field_errors", json::object()).value(id, "");
  std::string described_by = hint.empty() ? "" : id + "-hint";
  if (!error.empty()) described_by += (described_by.empty() ? "" : " ") + id + "-error";
  return {{"id", id},       {"label", label},           {"value", value},
          {"hint", hint},   {"error", error},           {"described_by", described_by},
          {"width", width}, {"options", json::array()}, {"date", false}};
}

namespace {

const char* const kDateParts[] = {"-day", "-month", "-year"};

}  // namespace

std::string DateParam(const Request& req, const std::string& id,
                      std::map<std::string, std::string>& typed) {
  if (!req.HasParam(id + "-day") && !req.HasParam(id + "-month") && !req.HasParam(id + "-year")) {
    return std::string(Trim(req.Param(id)));
  }
  std::string parts[3];
  for (int i = 0; i < 3; ++i) {
    const std::string name = id + kDateParts[i];
    typed[name] = req.Param(name);
    parts[i] = std::string(Trim(typed[name]));
  }
  if (parts[0].empty() && parts[1].empty() && parts[2].empty()) return "";
  const auto day = ParseInt(parts[0], 1, 99);
  const auto month = ParseInt(parts[1], 1, 99);
  const auto year = ParseInt(parts[2], 1000, 9999);
  if (!day || !month || !year) return parts[2] + "/" + parts[1] + "/" + parts[0];  // no date
  char iso[16];
  std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", static_cast<int>(*year),
                static_cast<int>(*month), static_cast<int>(*day));
  return iso;
}

std::string DateParam(const Request& req, const std::string& id) {
  std::map<std::string, std::string> typed;
  return DateParam(req, id, typed);
}

json DateField(const json& data, const std::string& id, const std::string& legend,
               const std::string& iso, const std::map<std::string, std::string>& typed,
               const std::string& hint) {
  json field = FormField(data, id, legend, iso, hint);
  field["date"] = true;
  std::string shown[3];
  if (typed.count(id + "-day") || typed.count(id + "-month") || typed.count(id + "-year")) {
    for (int i = 0; i < 3; ++i) {
      auto it = typed.find(id + kDateParts[i]);
      if (it != typed.end()) shown[i] = it->second;
    }
  } else if (const Date day = Date::ParseOrNone(iso); day.ok()) {
    shown[0] = std::to_string(day.day());
    shown[1] = std::to_string(day.month());
    shown[2] = std::to_string(day.year());
  } else if (auto it = typed.find(id); it != typed.end()) {
    shown[0] = it->second;  // sent as one field: shown where it can be corrected
  }
  field["day"] = shown[0];
  field["month"] = shown[1];
  field["year"] = shown[2];
  return field;
}

json DateField(const json& data, const Request& req, bool posted, const std::string& id,
               const std::string& legend, const std::string& hint) {
  std::map<std::string, std::string> typed;
  std::string iso;
  if (posted) {
    iso = DateParam(req, id, typed);
    if (typed.empty()) typed[id] = iso;
  }
  return DateField(data, id, legend, iso, typed, hint);
}

std::string Names::Of(int64_t id) const {
  auto it = name.find(id);
  return it == name.end() ? "inspectorate " + std::to_string(id) : it->second;
}

std::string ProposalTitles::Of(int64_t id) const {
  auto it = title.find(id);
  return it == title.end() ? "Proposal " + std::to_string(id) : it->second;
}

std::vector<std::pair<std::string, std::string>> ProposalTitles::SelectOptions(
    const std::string& none) const {
  std::vector<std::pair<std::string, std::string>> out = {{"", none}};
  for (const auto& [id, t] : title) out.emplace_back(std::to_string(id), t);
  return out;
}

Names NamesOf(std::vector<Inspectorate> inspectorates) {
  Names n;
  n.all = std::move(inspectorates);
  for (const auto& i : n.all) n.name[i.id] = i.short_name;
  return n;
}

std::string TimestampInWords(const std::string& timestamp) {
  if (timestamp.size() < 16 || timestamp[10] != 'T') return timestamp;
  const Date day = Date::ParseOrNone(timestamp.substr(0, 10));
  if (!day.ok()) return timestamp;
  return day.ToDayMonthYear() + " at " + timestamp.substr(11, 5);
}

std::string DateInWords(const std::string& iso_date) {
  const Date day = Date::ParseOrNone(iso_date);
  return day.ok() ? day.ToDayMonthYear() : iso_date;
}

std::string FieldInWords(const std::string& field) {
  std::string out = field;
  for (char& c : out) {
    if (c == '_' || c == '.') c = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

namespace {

// The described records by entity type: each one's name in words and its
// fields, for their labels and choices.
struct Described {
  std::string label;
  std::map<std::string, FieldSpec, std::less<>> fields;
};

// The choices of an enumeration as a field describes them.
template <typename E, typename Values>
std::vector<Choice> ChoicesIn(const Values& all, std::string_view (*id_of)(E),
                              std::string_view (*label_of)(E)) {
  std::vector<Choice> out;
  for (const auto& [value, choice] : ChoicesOf(all, id_of, label_of)) out.push_back(choice);
  return out;
}

// The directory's records as their pages label them: an inspected body and
// an inspectorate.
void DescribeDirectory(std::map<std::string, Described, std::less<>>& out) {
  auto field = [](const char* name, const char* label, FieldType type = FieldType::kLine,
                  std::vector<Choice> choices = {}) {
    return FieldSpec{.name = name, .label = label, .type = type, .choices = std::move(choices)};
  };
  Described& body = out["body"];
  body.label = "Body";
  for (FieldSpec f :
       {field("code", "Code"), field("name", "Name"),
        field("type", "Type", FieldType::kChoice,
              ChoicesIn(kAllBodyTypes, BodyTypeId, BodyTypeLabel)),
        field("region", "Region"),
        field("nation", "Nation", FieldType::kChoice,
              ChoicesIn(kAllNations, NationId, NationLabel)),
        field("in_london", "In London", FieldType::kBoolean),
        field("active", "Active", FieldType::kBoolean), field("address", "Postal address")}) {
    body.fields[f.name] = f;
  }
  Described& inspectorate = out["inspectorate"];
  inspectorate.label = "Inspectorate";
  for (FieldSpec f :
       {field("code", "Code"), field("short_name", "Short name"), field("full_name", "Full name"),
        field("kind", "Kind of inspectorate", FieldType::kChoice,
              ChoicesIn(kAllInspectorateKinds, InspectorateKindId, InspectorateKindLabel)),
        field("is_criminal_justice", "Criminal justice body", FieldType::kBoolean),
        field("closed_year", "Closed in", FieldType::kInteger),
        field("findings", "Findings written as", FieldType::kChoice,
              ChoicesIn(kAllFindingsStyles, FindingsStyleId, FindingsStyleLabel)),
        field("sends_embargoed_copies", "Sends embargoed copies", FieldType::kBoolean),
        field("senior_oversight_title", "Senior oversight title"), field("head_name", "Head"),
        field("head_title", "Head's title"), field("address", "Postal address"),
        field("website", "Website"), field("email", "Email address"),
        field("queries_name", "Named for queries"),
        field("sponsoring_department", "Sponsoring department")}) {
    inspectorate.fields[f.name] = f;
  }
}

// A joint decision as the audit trail records it, and each inspectorate's
// answer within it.
void DescribeDecisions(std::map<std::string, Described, std::less<>>& out) {
  Described& decision = out["joint_decision"];
  decision.label = "Joint decision";
  const std::pair<const char*, const char*> labels[] = {
      {"kind", "Kind of decision"},
      {"subject", "What is decided"},
      {"state", "State"},
      {"concerned", "Inspectorates concerned"},
      {"awaiting", "Awaiting an answer from"},
      {"responses", "Answers"},
      {"inspectorate_id", "Inspectorate"},
      {"agreed", "Agreed"},
      {"reason", "Reason"},
      {"by_user_id", "Answered by"},
      {"at", "Answered"},
      {"raised_by", "Asked by"},
      {"raised_at", "Asked"},
      {"decided_at", "Decided"},
      {"lapsed_at", "Lapsed"},
      {"superseded_by", "Asked again as"},
  };
  for (const auto& [name, label] : labels) {
    decision.fields[name] = FieldSpec{.name = name, .label = label};
  }
}

const Described* DescribedRecord(std::string_view entity) {
  static const std::map<std::string, Described, std::less<>> kDescribed = [] {
    std::map<std::string, Described, std::less<>> out;
    DescribeDirectory(out);
    auto add = [&out](const auto& type) {
      Described& d = out[type.name];
      d.label = FieldInWords(type.label);
      for (const auto& f : type.fields) d.fields[f.name] = f;
    };
    add(ContactRecord());
    add(ResponseMarkRecord());
    add(MemberRecord());
    add(ActionRecord());
    add(TermsRecord());
    add(MethodPlanRecord());
    add(RedLineRecord());
    add(LiaisonRecord());
    add(KeyDateRecord());
    add(TaskRecord());
    add(SiteRecord());
    add(LetterRecord());
    add(ArrangementsRecord());
    add(ClearanceRecord());
    add(EvidenceRecord());
    add(InterviewRecord());
    add(LiveCaseRecord());
    add(VisitRecord());
    add(VisitPlaceRecord());
    add(DelegationRecord());
    add(DelegateRecord());
    add(FindingsMeetingRecord());
    add(AttendanceRecord());
    add(ReportSectionRecord());
    DescribeDecisions(out);
    return out;
  }();
  auto type = kDescribed.find(entity);
  return type == kDescribed.end() ? nullptr : &type->second;
}

const FieldSpec* DescribedField(std::string_view entity, std::string_view key) {
  const Described* type = DescribedRecord(entity);
  if (!type) return nullptr;
  auto field = type->fields.find(key);
  return field == type->fields.end() ? nullptr : &field->second;
}

// Whether a field holds a list of inspectorates' ids.
bool NamesInspectorates(std::string_view key) {
  return key == "concerned" || key == "awaiting" || key == "participating" || key == "partners" ||
         key.ends_with("inspectorate_ids");
}

// Members some records' JSON carries for the pages and the API (links, and
// what the reader may do), which are not facts about the record: the audit
// trail does not show them.
bool ForReadersOnly(std::string_view key) {
  return key == "mine_to_answer" || key == "subject_page" || key == "subject_page_words";
}

// What an audited field's value is shown with: the names of the ids it
// may hold and the kind of record it belongs to.
struct Shown {
  const HistoryNames& names;
  std::string_view entity;
};

// An audited value in words: dates and times as words, yes and no, lists
// joined, records as their fields, long texts cut short.
std::string ShowField(const std::string& key, const json& v, const Shown& shown);

// A field's name in words, as the record's description labels it:
// "inspectorate_id" is "Inspectorate".
std::string KeyInWords(const std::string& key, std::string_view entity = "") {
  std::string_view label = entity == "proposal" ? ProposalFieldLabel(key)
                           : entity == "plan"   ? PlanFieldLabel(key)
                                                : std::string_view();
  if (label.empty()) {
    if (const FieldSpec* f = DescribedField(entity, key)) label = f->label;
  }
  if (!label.empty()) return std::string(label);
  std::string words = FieldInWords(key);
  if (words.size() > 3 && words.ends_with(" id")) words.resize(words.size() - 3);
  return words;
}

std::string Show(const json& v, const Shown& shown) {
  constexpr size_t kMaxShown = 300;
  if (v.is_null()) return "(none)";
  if (v.is_boolean()) return v.get<bool>() ? "Yes" : "No";
  if (v.is_number_integer()) return WithThousands(v.get<int64_t>());
  if (v.is_number()) return NumberInWords(v.get<double>());
  if (v.is_string()) {
    const std::string& text = v.get_ref<const std::string&>();
    if (text.empty()) return "(blank)";
    if (text.size() == 10) {
      if (Date day = Date::ParseOrNone(text); day.ok()) return day.ToDayMonthYear();
    }
    if (text.size() >= 20 && text[10] == 'T' && text.back() == 'Z') return TimestampInWords(text);
    // A choice's id ("lead_inspector", "long_list") in words.
    const bool id_like = text.find('_') != std::string::npos && text.front() != '_' &&
                         text.back() != '_' && std::all_of(text.begin(), text.end(), [](char c) {
                           return c == '_' || (c >= 'a' && c <= 'z');
                         });
    if (id_like) return FieldInWords(text);
    if (text.size() > kMaxShown) {
      size_t cut = kMaxShown;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      return text.substr(0, cut) + "…";
    }
    return text;
  }
  if (v.is_array()) {
    if (v.empty()) return "(none)";
    std::string out;
    for (const auto& item : v) out += (out.empty() ? "" : "; ") + Show(item, shown);
    return out;
  }
  if (v.is_object()) {
    std::string out;
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() == "version" || ForReadersOnly(it.key())) continue;
      out += (out.empty() ? "" : ", ") + KeyInWords(it.key(), shown.entity) + ": " +
             ShowField(it.key(), it.value(), shown);
    }
    return out.empty() ? "(none)" : out;
  }
  return v.dump();
}

// The name `known` gives the id `v` holds; "" if none.
std::string NameOf(const json& v, const std::map<int64_t, std::string>& known) {
  if (!v.is_number_integer()) return "";
  auto it = known.find(v.get<int64_t>());
  return it == known.end() ? "" : it->second;
}

// A proposal's own words for its choices, its takers part and the
// proposals it clashes with; "" for a field it does not describe.
std::string ShowProposalField(const std::string& key, const json& v, const Shown& shown) {
  const std::string id = v.is_string() ? v.get<std::string>() : "";
  if (key == "type" && v.is_string()) {
    if (auto t = ParseWorkType(id)) return std::string(WorkTypeLabel(*t));
  } else if (key == "part" && v.is_string()) {
    if (auto part = ParsePart(id)) return std::string(PartLabel(*part));
  } else if (key == "origin" && v.is_string()) {
    if (auto o = ParseOrigin(id)) return std::string(OriginLabel(*o));
  } else if (key == "status" && v.is_string()) {
    if (auto st = ParseProposalStatus(id)) return std::string(ProposalStatusLabel(*st));
  } else if (key == "forced" && v.is_string()) {
    return std::string(ForcedLabel(ParseForced(id).value_or(Forced::kNone)));
  } else if (key == "focus" && v.is_array()) {
    std::vector<std::string> labels;
    for (const auto& f : v) {
      auto focus = f.is_string() ? ParseFocus(f.get<std::string>()) : std::nullopt;
      labels.push_back(focus ? std::string(FocusLabel(*focus)) : Show(f, shown));
    }
    return labels.empty() ? "(none)" : InWordsList(labels);
  } else if (key == "participants" && v.is_array()) {
    std::string out;
    for (const auto& part : v) {
      if (!part.is_object()) continue;
      const json& inspectorate = part.value("inspectorate_id", json());
      std::string name = NameOf(inspectorate, shown.names.inspectorates);
      if (name.empty()) name = Show(inspectorate, shown);
      auto how = ParseInvolvement(part.value("involvement", std::string()));
      out += (out.empty() ? "" : "; ") + name + " " +
             std::string(how ? InvolvementVerb(*how) : "takes part") + ": " +
             Show(part.value("effort_days", json(0)), shown) + " inspector-days";
    }
    return out.empty() ? "(none)" : out;
  } else if (key == "scores" && v.is_object()) {
    // Each criterion's score, by the criterion's name.
    std::string out;
    for (auto it = v.begin(); it != v.end(); ++it) {
      auto criterion = ParseInt(it.key(), 1, INT64_MAX);
      auto name = criterion ? shown.names.criteria.find(*criterion) : shown.names.criteria.end();
      out += (out.empty() ? "" : "; ") +
             (name != shown.names.criteria.end() ? name->second : "Criterion " + it.key()) + ": " +
             Show(it.value(), shown);
    }
    return out.empty() ? "(none)" : out;
  }
  return "";
}

// A round's consultees as a list in words: "3: Home Office, Pat Smith
// (statutory), HMICFRS (statutory) and A Think Tank (dropped)", each by its
// organisation and, where it has one, its contact.
std::string ConsulteesInWords(const json& consultees, const HistoryNames& names) {
  std::vector<std::string> said;
  for (const auto& c : consultees) {
    if (!c.is_object()) continue;
    std::string one = c.value("organisation", std::string());
    std::string contact = NameOf(c.value("contact_id", json()), names.contacts);
    if (!one.empty() && contact.ends_with(", " + one))
      contact.resize(contact.size() - one.size() - 2);
    if (!contact.empty() && contact != one) one += one.empty() ? contact : ", " + contact;
    std::vector<std::string> notes;
    if (c.value("statutory", false)) notes.push_back("statutory");
    if (c.value("dropped", false)) notes.push_back("dropped");
    if (!notes.empty()) one += " (" + InWordsList(notes) + ")";
    said.push_back(one.empty() ? "a consultee" : one);
  }
  if (said.empty()) return "(none)";
  return WithThousands(static_cast<int64_t>(said.size())) + ": " + InWordsList(said);
}

// A field's value in words; a choice recorded as one lowercase word
// ("draft", "open", "lead") starts with a capital like a tag's label.
std::string ShowField(const std::string& key, const json& v, const Shown& shown) {
  static const std::set<std::string> kChoices = {
      "state",  "status", "type",           "kind",   "involvement", "category", "forced",
      "origin", "part",   "classification", "method", "outcome",     "decision"};
  const HistoryNames& names = shown.names;
  if (shown.entity == "proposal") {
    if (std::string text = ShowProposalField(key, v, shown); !text.empty()) return text;
  }
  if (const FieldSpec* f = DescribedField(shown.entity, key);
      f && f->type == FieldType::kChoice && v.is_string()) {
    return ChoiceLabel(*f, v.get<std::string>());
  }
  // Ids of inspectorates, people, proposals and criteria sets by name; a
  // described reference to an inspectorate says so in its label.
  const FieldSpec* described = DescribedField(shown.entity, key);
  const bool to_inspectorate =
      described && described->type == FieldType::kReference &&
      AsciiLower(described->label).find("inspectorate") != std::string::npos;
  if (key.ends_with("inspectorate_id") || key == "recorded_for" || to_inspectorate) {
    if (std::string name = NameOf(v, names.inspectorates); !name.empty()) return name;
  }
  if (NamesInspectorates(key) && v.is_array()) {
    std::vector<std::string> said;
    for (const auto& id : v) {
      std::string name = NameOf(id, names.inspectorates);
      said.push_back(name.empty() ? Show(id, shown) : name);
    }
    return said.empty() ? "(none)" : InWordsList(said);
  }
  if (key == "superseded_by") {
    auto decisions = names.records.find("joint_decision");
    if (decisions != names.records.end()) {
      if (std::string name = NameOf(v, decisions->second); !name.empty()) return name;
    }
  } else if (key.ends_with("_by") || key.ends_with("user_id") || key == "person_id") {
    if (std::string name = NameOf(v, names.people); !name.empty()) return name;
  }
  if (key == "proposal_id") {
    if (std::string name = NameOf(v, names.proposals); !name.empty()) return name;
  }
  if (key == "contact_id") {
    if (std::string name = NameOf(v, names.contacts); !name.empty()) return name;
  }
  if (key == "consultees" && v.is_array()) return ConsulteesInWords(v, names);
  if (key == "clashes_with" && v.is_array()) {
    std::vector<std::string> titles;
    for (const auto& id : v) {
      std::string title = NameOf(id, names.proposals);
      titles.push_back(title.empty() ? Show(id, shown) : title);
    }
    return titles.empty() ? "(none)" : InWordsList(titles);
  }
  if (key == "criteria_set_id") {
    if (std::string name = NameOf(v, names.criteria_sets); !name.empty()) return name;
  }
  // Another record it refers to ("inspection_id"), by its name.
  if (auto referred = names.records.find(key);
      key.ends_with("_id") && referred != names.records.end()) {
    if (std::string name = NameOf(v, referred->second); !name.empty()) return name;
  }
  // A year and an id are written without a thousands separator.
  if (v.is_number_integer() && (key.ends_with("year") || key.ends_with("_id") || key == "id")) {
    return std::to_string(v.get<int64_t>());
  }
  if (key == "roles" && v.is_array()) {
    std::string out;
    for (const auto& r : v) {
      auto role = r.is_string() ? ParseRole(r.get<std::string>()) : std::nullopt;
      out += (out.empty() ? "" : "; ") + (role ? std::string(RoleLabel(*role)) : Show(r, shown));
    }
    return out.empty() ? "(none)" : out;
  }
  const bool choice = kChoices.count(key) > 0 || key.ends_with("_state") ||
                      key.ends_with("_status") || key.ends_with("_type");
  if (choice && v.is_string()) {
    const std::string& text = v.get_ref<const std::string&>();
    if (!text.empty() && text.size() <= 40 && std::all_of(text.begin(), text.end(), [](char c) {
          return c == '_' || c == '-' || (c >= 'a' && c <= 'z');
        })) {
      std::string words = FieldInWords(text);
      std::replace(words.begin(), words.end(), '-', ' ');
      return words;
    }
  }
  return Show(v, shown);
}

// What was done, in words: "create" is "Created".
std::string ActionInWords(const std::string& action) {
  static const std::map<std::string, std::string> kDone = {
      {"create", "Created"},
      {"update", "Changed"},
      {"delete", "Deleted"},
      {"disable", "Disabled"},
      {"import", "Imported"},
      {"open", "Opened"},
      {"close", "Closed"},
      {"publish", "Published"},
      {"publish_summary", "Published the summary of responses"},
      {"add", "Added"},
      {"drop", "Dropped"},
      {"dispatch", "Sent a copy"},
      {"sign_in", "Signed in"},
      {"sign_out", "Signed out"},
      {"score", "Scored"},
      {"accepted", "Accepted a suggested edit"},
      {"agree", "Agreed"},
      {"agreed", "Agreed"},
      {"comment", "Commented"},
      {"declined", "Declined a suggested edit"},
      {"draft", "Saved a draft"},
      {"resolved", "Resolved a comment"},
      {"adopt-run", "Agreed an optimiser run's programme"},
      {"advise", "Advised"},
      {"answer", "Answered"},
      {"respond", "Answered"},
      {"respond-online", "Answered online"},
      {"attach", "Attached a file"},
      {"change-password", "Changed their password"},
      {"reset-password", "Reset the password"},
      {"decide", "Decided"},
      {"demo-data", "Loaded the demo data"},
      {"reference-data", "Loaded the reference data"},
      {"force", "Forced in or out"},
      {"join", "Joined"},
      {"leave", "Left"},
      {"lapse", "Lapsed"},
      {"raise", "Raised"},
      {"record", "Recorded"},
      {"refer", "Referred"},
      {"review", "Reviewed"},
      {"revoke", "Revoked"},
      {"send", "Sent"},
      {"send_embargoed", "Sent an embargoed copy"},
      {"send-to-ministers", "Sent to Ministers"},
      {"set-rotation", "Set the rotation"},
      {"start", "Started"},
      {"tag", "Tagged"},
      {"unlock", "Unlocked the account"},
      {"withdraw", "Withdrew"}};
  if (auto it = kDone.find(action); it != kDone.end()) return it->second;
  std::string words = FieldInWords(action);  // "change-password": "Change password"
  std::replace(words.begin(), words.end(), '-', ' ');
  return words;
}

// A plan's programme (its items: a proposal and the quarter it starts)
// before and after a change, as what changed, one line a proposal by its
// title: "Added Hate crime, starting 2017-18 Q2", "Removed Older people",
// "Moved Youth justice from 2017-18 Q1 to 2017-18 Q3".
std::vector<std::string> ProgrammeChangesInWords(const json& before, const json& after,
                                                 const HistoryNames& names) {
  auto starts = [](const json& items) {
    std::map<int64_t, std::string> out;
    if (!items.is_array()) return out;
    for (const auto& item : items) {
      if (!item.is_object() || !item.value("proposal_id", json()).is_number_integer()) continue;
      const json& quarter = item.value("start_quarter", json());
      out[item["proposal_id"].get<int64_t>()] =
          quarter.is_string() ? quarter.get<std::string>() : quarter.dump();
    }
    return out;
  };
  auto title = [&](int64_t id) {
    std::string name = NameOf(json(id), names.proposals);
    return name.empty() ? "proposal " + std::to_string(id) : name;
  };
  const auto was = starts(before);
  const auto now = starts(after);
  std::vector<std::string> out;
  for (const auto& [id, quarter] : now) {
    auto old = was.find(id);
    if (old == was.end()) {
      out.push_back((before.is_array() ? "Added " : "") + title(id) + ", starting " + quarter);
    } else if (old->second != quarter) {
      out.push_back("Moved " + title(id) + " from " + old->second + " to " + quarter);
    }
  }
  for (const auto& [id, quarter] : was) {
    if (!now.count(id)) out.push_back("Removed " + title(id));
  }
  if (out.empty()) out.push_back(now.empty() ? "(none)" : "No change");
  return out;
}

}  // namespace

std::string KindInWords(const std::string& entity_type) {
  const Described* described = DescribedRecord(entity_type);
  return described ? described->label : FieldInWords(entity_type);
}

std::string EntityInWords(const std::string& entity_type, int64_t entity_id,
                          const HistoryNames& names) {
  auto named = [&](const std::map<int64_t, std::string>& known) -> std::string {
    auto it = known.find(entity_id);
    return it == known.end() ? "" : it->second;
  };
  std::string name = entity_type == "proposal"       ? named(names.proposals)
                     : entity_type == "inspectorate" ? named(names.inspectorates)
                     : entity_type == "user"         ? named(names.people)
                     : entity_type == "criteria_set" ? named(names.criteria_sets)
                     : entity_type == "contact"      ? named(names.contacts)
                                                     : std::string();
  if (auto kind = names.records.find(entity_type); name.empty() && kind != names.records.end()) {
    name = named(kind->second);
  }
  const std::string kind = KindInWords(entity_type);
  return name.empty() ? kind + " " + std::to_string(entity_id) : kind + ": " + name;
}

std::string EntityInWords(const AuditEntry& entry, const HistoryNames& names) {
  std::string known = EntityInWords(entry.entity_type, entry.entity_id, names);
  const std::string kind = KindInWords(entry.entity_type);
  if (known != kind + " " + std::to_string(entry.entity_id)) return known;
  // Not named by `names` (gone since, say): by what the entry recorded of it.
  for (const std::string& text : {entry.after_json, entry.before_json}) {
    const json record = json::parse(text, nullptr, false);
    if (!record.is_object()) continue;
    for (const char* member : {"title", "name", "subject", "addressee", "text", "summary"}) {
      const json& value = record.value(member, json());
      if (value.is_string() && !value.get_ref<const std::string&>().empty()) {
        return kind + ": " + Show(value, Shown{names, entry.entity_type});
      }
    }
    if (std::string name = NameOf(record.value("inspectorate_id", json()), names.inspectorates);
        !name.empty()) {
      return kind + ": " + name;
    }
  }
  return known;
}

namespace {

// Who made an audited change: the person by name where known, else as the
// entry recorded them; Jointly itself for the system.
std::string ActorInWords(const AuditEntry& e, const HistoryNames& names) {
  if (e.actor == "system") return "Jointly";
  auto person = names.people.find(e.actor_id);
  return person != names.people.end() && !person->second.empty() ? person->second : e.actor;
}

}  // namespace

// Audit entries as rows of "what changed", oldest first.
json HistoryRows(const std::vector<AuditEntry>& entries, const HistoryNames& names) {
  json rows = json::array();
  for (const auto& e : entries) {
    json entry = ToJson(e);
    json changes = json::array();
    const json& before = entry["before"];
    const json& after = entry["after"];
    const Shown shown{names, e.entity_type};
    // A proposal's fields in the order of its form; others as recorded.
    std::vector<std::pair<size_t, json>> ordered;
    const auto fields = ProposalFieldLabels();
    auto order = [&](const std::string& key) {
      if (e.entity_type != "proposal") return ordered.size();
      for (size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].first == key) return i;
      }
      return fields.size();
    };
    if (after.is_object()) {
      for (auto it = after.begin(); it != after.end(); ++it) {
        if (it.key() == "version" || it.key() == "id" || ForReadersOnly(it.key())) continue;
        const json old = before.is_object() ? before.value(it.key(), json()) : json();
        if (before.is_object() && old == it.value()) continue;
        // A new record shows what it was given, not its blanks.
        const json& now = it.value();
        if (!before.is_object() &&
            (now.is_null() || (now.is_string() && now.get_ref<const std::string&>().empty()) ||
             (now.is_array() && now.empty()))) {
          continue;
        }
        if (e.entity_type == "plan" && it.key() == "items") {
          for (auto& line : ProgrammeChangesInWords(old, now, names)) {
            ordered.emplace_back(order(it.key()), json{{"field", KeyInWords(it.key(), "plan")},
                                                       {"text", std::move(line)}});
          }
          continue;
        }
        ordered.emplace_back(
            order(it.key()),
            json{{"field", KeyInWords(it.key(), e.entity_type)},
                 {"text", before.is_object() ? ShowField(it.key(), old, shown) + " → " +
                                                   ShowField(it.key(), now, shown)
                                             : ShowField(it.key(), now, shown)}});
      }
    }
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [at, change] : ordered) changes.push_back(std::move(change));
    rows.push_back({{"seq", e.seq},
                    {"at", TimestampInWords(e.at)},
                    {"actor", ActorInWords(e, names)},
                    {"action", ActionInWords(e.action)},
                    {"changes", changes}});
  }
  return rows;
}

std::vector<std::string> ChangesInWords(const json& detail, const HistoryNames& names) {
  std::vector<std::string> out;
  if (!detail.is_object()) return out;
  for (const auto& c : detail.value("changes_since_your_version", json::array())) {
    if (!c.is_object()) continue;
    const std::string by = c.value("by", std::string());
    std::string sentence = (by.empty() || by == "system" ? std::string("Jointly") : by) +
                           " changed it on " + TimestampInWords(c.value("at", std::string()));
    std::string what;
    const std::string entity = detail.value("entity", std::string());
    const Shown shown{names, entity};
    for (const auto& v : c.value("values", json::array())) {
      if (!v.is_object() || !v.contains("field") || !v["field"].is_string()) continue;
      const std::string key = v["field"].get<std::string>();
      what += (what.empty() ? "" : "; ") + KeyInWords(key, entity) + ": " +
              ShowField(key, v.value("from", json()), shown) + " → " +
              ShowField(key, v.value("to", json()), shown);
    }
    out.push_back(sentence + (what.empty() ? "." : ": " + what + "."));
  }
  return out;
}

namespace {

// What a page's links keep of its address: the filters, and a page size the
// reader chose; not where the page starts, nor the banner of what was just
// done. Only what the address held: a page shown again after a refused form
// is not to put the form's fields into its links. "&type=police&limit=50".
std::string KeptQuery(const Request& req, int64_t limit) {
  std::string kept = req.HasParam("limit") ? "&limit=" + std::to_string(limit) : "";
  for (const auto& [name, value] : req.query) {
    if (name == "offset" || name == "limit" || name == "after" || name == "after_name" ||
        name == "before" || name == "done" || value.empty()) {
      continue;
    }
    kept += "&" + EncodeQueryParam(name) + "=" + EncodeQueryParam(value);
  }
  return kept;
}

// The address of the page of `path` ("/governance#meetings": a fragment
// goes last) starting at `offset`, keeping `kept` and adding `start`.
std::string PageHref(const std::string& path, int64_t offset, const std::string& start,
                     const std::string& kept) {
  const size_t hash = path.find('#');
  std::string out = path.substr(0, hash) + "?offset=" + std::to_string(offset);
  if (!start.empty()) out += "&" + start;
  out += kept;
  if (hash != std::string::npos) out += path.substr(hash);
  return out;
}

}  // namespace

nlohmann::json Pagination(const Request& req, const std::string& path, int64_t total, int64_t limit,
                          int64_t offset, const std::string& next_start) {
  const std::string kept = KeptQuery(req, limit);
  const int64_t pages = (total + limit - 1) / limit;
  const int64_t current = offset / limit;
  if (pages <= 1) return nullptr;
  auto href = [&](int64_t p) { return PageHref(path, p * limit, "", kept); };
  nlohmann::json items = nlohmann::json::array();
  for (int64_t p = 0; p < pages; ++p) {
    // Page numbers near the current one, the first and the last; a gap of
    // one page shows its number rather than an ellipsis.
    const bool near = std::abs(p - current) <= 2 || (p == 1 && current == 4) ||
                      (p == pages - 2 && current == pages - 5);
    if (p != 0 && p != pages - 1 && !near) {
      // One ellipsis for each run of pages left out; the loop jumps over it.
      if (items.empty() || !items.back().contains("ellipsis"))
        items.push_back({{"ellipsis", true}});
      p = p < current ? current - 3 : pages - 2;
      continue;
    }
    items.push_back({{"number", p + 1}, {"current", p == current}, {"href", href(p)}});
  }
  nlohmann::json out = {{"items", items}};
  // For the page's title: which page of how many this is.
  if (current < pages) {
    out["page_label"] =
        " (page " + std::to_string(current + 1) + " of " + std::to_string(pages) + ")";
  }
  if (current > 0) out["previous"] = href(std::min(current - 1, pages - 1));
  if (current + 1 < pages) {
    out["next"] = PageHref(path, (current + 1) * limit, next_start, kept);
  }
  return out;
}

std::optional<std::string> PageToShowInstead(const Request& req, const std::string& path,
                                             int64_t total, int64_t limit, int64_t offset,
                                             size_t shown) {
  if (total <= 0) return std::nullopt;
  // A keyset page (one of this site's next links, so at a page's start)
  // is moved only if it came out empty.
  const bool keyset = req.HasParam("after") || req.HasParam("before");
  if (keyset && shown > 0) return std::nullopt;
  const int64_t last = (total - 1) / limit * limit;
  const int64_t start = std::min(offset, last) / limit * limit;
  if (start == offset && !keyset) return std::nullopt;  // where it should be
  return PageHref(path, start, "", KeptQuery(req, limit));
}

Status ShowPageOf(const Request& req, const std::string& path, nlohmann::json rows,
                  int64_t per_page, nlohmann::json& d, const std::string& key,
                  std::optional<size_t> focus) {
  auto paging = ReadPaging(req, 100);
  if (!paging.ok()) return paging.status();
  const int64_t limit = req.HasParam("limit") ? paging->limit : per_page;
  const int64_t total = static_cast<int64_t>(rows.size());
  if (!req.HasParam("offset") && focus && *focus < rows.size()) {
    paging->offset = static_cast<int64_t>(*focus) / limit * limit;
  }
  // An address past the end (made by hand, or rows gone since its link was
  // made) shows the last page.
  if (total > 0 && paging->offset >= total) paging->offset = (total - 1) / limit * limit;
  // And one between two pages' starts, the page it falls in.
  paging->offset = paging->offset / limit * limit;
  const int64_t from = std::min(paging->offset, total);
  const int64_t to = std::min(from + limit, total);
  nlohmann::json shown = nlohmann::json::array();
  for (int64_t i = from; i < to; ++i) shown.push_back(std::move(rows[static_cast<size_t>(i)]));
  d[key] = std::move(shown);
  d["total"] = WithThousands(total);
  d["from"] = to > from ? from + 1 : 0;
  d["to"] = to;
  d["pagination"] = Pagination(req, path, total, limit, paging->offset);
  return OkStatus();
}

}  // namespace jointly::web
