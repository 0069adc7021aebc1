// The owners' portal's pages: the list of the body's recommendations, each
// one's page, the response and the update (each form, then a check of the
// answers, then a confirmation), and the pages of those who invite the
// owners' people and publish the quarterly tracker.
#include <algorithm>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "domain/owners.h"
#include "features/owners/owners_feature.h"
#include "web/http.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// How many planned actions the response form offers: one more than it
// holds, at least three, at most kMaxActionRows.
constexpr int kMinActionRows = 3;
constexpr int kMaxActionRows = 10;

std::string ItemPath(int64_t id) { return "/your-recommendations/" + std::to_string(id); }

// "Response due by 5 January 2027", with whether it is overdue.
std::string AskedInWords(const NextDue& next) {
  switch (next.what) {
    case AskedOf::kNothing:
      return "Nothing more is asked";
    case AskedOf::kResponse:
      return "Response due by " + next.due_on.ToDayMonthYear();
    case AskedOf::kUpdate:
      return "Update due by " + next.due_on.ToDayMonthYear();
  }
  return "";
}

json ItemRow(const OwnedRecommendation& o) {
  const auto& t = o.item;
  return {{"href", ItemPath(t.id)},
          {"reference", TrackerReference(t)},
          {"asked", AskedInWords(o.next)},
          {"overdue", o.overdue},
          {"answer", OwnerAnswerLabel(t.response.answer)},
          {"verified", TrackedStatusLabel(t.verified)}};
}

std::string EventInWords(const TrackerEvent& e) {
  switch (e.kind) {
    case TrackerEventKind::kResponse:
      return "Response: " +
             std::string(OwnerAnswerLabel(OwnerAnswerFromId(e.to).value_or(OwnerAnswer::kNone)));
    case TrackerEventKind::kUpdate:
      return "Progress update: " + e.evidence;
    case TrackerEventKind::kReported:
    case TrackerEventKind::kVerified: {
      const auto to = TrackedStatusFromId(e.to).value_or(TrackedStatus::kOpen);
      return std::string(e.kind == TrackerEventKind::kVerified ? "Verified by the inspectorate: "
                                                               : "Status reported: ") +
             std::string(TrackedStatusLabel(to)) + (e.reason.empty() ? "" : " (" + e.reason + ")");
    }
    case TrackerEventKind::kTarget:
      return "Target date moved to " + DateInWords(e.to) + " (" + e.reason + ")";
  }
  return "";
}

// The recommendation as every page of the portal heads it.
json ItemJson(const OwnedView& v) {
  const auto& t = v.owned.item;
  json d = ItemRow(v.owned);
  d["id"] = t.id;
  d["owner"] = v.owner_name;
  d["text"] = t.text;
  d["kind"] = t.kind;
  d["published"] = DateInWords(t.published_on);
  d["targets"] = v.target_history;
  d["responded"] = t.response.answer != OwnerAnswer::kNone;
  d["accepted_part"] = t.response.accepted_part;
  d["reason"] = t.response.reason;
  json actions = json::array();
  for (const auto& a : t.response.actions) {
    actions.push_back({{"what", a.what}, {"by", DateInWords(a.by)}});
  }
  d["actions"] = actions;
  d["has_actions"] = !actions.empty();
  d["closed"] = IsClosed(t.verified);
  d["joint"] = t.recommendation_id.has_value();  // of a joint report, whose page shows it
  if (v.superseded_by) {
    d["superseded_by"] = {{"href", ItemPath(v.superseded_by->id)},
                          {"reference", TrackerReference(*v.superseded_by)}};
  }
  d["reported"] = TrackedStatusLabel(t.reported);
  json events = json::array();
  for (const auto& e : v.events) {
    events.push_back({{"on", DateInWords(e.happened_on)}, {"what", EventInWords(e)}});
  }
  d["events"] = events;
  d["has_events"] = !events.empty();
  d["version"] = t.version;
  return d;
}

// The response a form sent, with the form row of each action read (its
// "action-N-what" and "action-N-by"), and what was typed in each date box.
struct SentResponse {
  OwnerResponse response;
  std::vector<int> rows;  // the form row of each action, from 1
  std::map<std::string, std::string> typed;
  std::map<int, PlannedAction> by_row;  // what each row holds, for showing it again
  std::string part_typed;               // as typed, for showing it again
  std::string reason_typed;
};

SentResponse ReadResponse(const Request& req) {
  SentResponse s;
  auto& r = s.response;
  r.answer = OwnerAnswerFromId(Param(req, "answer")).value_or(OwnerAnswer::kNone);
  s.part_typed = Param(req, "accepted_part");
  s.reason_typed = Param(req, "reason");
  // Read whatever the answer: words that do not go with it are refused
  // (CheckOwnerResponse), never dropped.
  r.accepted_part = Field(req, "accepted_part");
  r.reason = Field(req, "reason");
  for (int n = 1; n <= kMaxActionRows; ++n) {
    const std::string at = "action-" + std::to_string(n);
    PlannedAction a{Field(req, (at + "-what").c_str()), DateParam(req, at + "-by", s.typed)};
    s.by_row[n] = {Param(req, (at + "-what").c_str()), a.by};
    // Kept whatever the answer: a refusal may still say what will be done,
    // and nothing typed is dropped unseen.
    if (a.what.empty() && a.by.empty()) continue;
    s.rows.push_back(n);
    r.actions.push_back(std::move(a));
  }
  return s;
}

// The use case's "actions.2.by" as the form's "action-5-by", its message
// naming the row ("Action 5: ..."), as two rows may say the same.
Status ForResponseForm(const Status& status, const std::vector<int>& rows) {
  return RenameErrors(status, [&](const FieldError& e) {
    if (e.field == "actions") return FieldError{"action-1-what", e.rule, e.message};
    if (e.field.rfind("actions.", 0) != 0) return e;
    const size_t dot = e.field.find('.', 8);
    if (dot == std::string::npos) return FieldError{"action-1-what", e.rule, e.message};
    const size_t i = std::stoul(e.field.substr(8, dot - 8));
    const std::string row = std::to_string(i < rows.size() ? rows[i] : 1);
    return FieldError{"action-" + row + "-" + e.field.substr(dot + 1), e.rule,
                      "Action " + row + ": " + e.message};
  });
}

// The response form's fields: as sent when `sent`, else as held.
void ResponseFields(json& d, const OwnedView& v, const SentResponse* sent) {
  const OwnerResponse& r = sent ? sent->response : v.owned.item.response;
  const std::string answer = sent && sent->response.answer == OwnerAnswer::kNone
                                 ? std::string()
                                 : std::string(OwnerAnswerId(r.answer));
  json answers = json::array();
  bool first = true;
  for (OwnerAnswer a : kAllOwnerAnswers) {
    if (a == OwnerAnswer::kNone) continue;
    answers.push_back({{"value", OwnerAnswerId(a)},
                       {"label", OwnerAnswerLabel(a)},
                       {"id", first ? "answer" : "answer-" + std::string(OwnerAnswerId(a))},
                       {"checked", answer == OwnerAnswerId(a)},
                       {"partly", a == OwnerAnswer::kPartlyAccepted}});
    first = false;
  }
  d["answers"] = answers;
  d["answer_error"] = d.value("field_errors", json::object()).value("answer", "");
  d["f_accepted_part"] =
      FormField(d, "accepted_part", "Which part is accepted",
                sent ? sent->part_typed : r.accepted_part, "Only if you partly accept it");
  d["f_reason"] =
      FormField(d, "reason", "Why not, for what is not accepted",
                sent ? sent->reason_typed : r.reason, "Leave empty if you accept all of it");
  int count = kMinActionRows;
  if (sent) {
    for (const auto& [row, a] : sent->by_row) {
      if (!a.what.empty() || !a.by.empty()) count = std::max(count, row + 1);
    }
  } else {
    count = std::max(count, static_cast<int>(r.actions.size()) + 1);
  }
  count = std::min(count, kMaxActionRows);
  json rows = json::array();
  for (int n = 1; n <= count; ++n) {
    const std::string at = "action-" + std::to_string(n);
    PlannedAction a;
    if (sent) {
      if (auto it = sent->by_row.find(n); it != sent->by_row.end()) a = it->second;
    } else if (n <= static_cast<int>(r.actions.size())) {
      a = r.actions[n - 1];
    }
    rows.push_back({{"number", n},
                    {"what", FormField(d, at + "-what", "Action " + std::to_string(n), a.what)},
                    {"by", DateField(d, at + "-by", "By when", sent ? std::string() : a.by,
                                     sent ? sent->typed : std::map<std::string, std::string>{})}});
  }
  d["action_rows"] = rows;
}

// Every field the form sent, for the check page to send again.
json Hidden(const Request& req) {
  json out = json::array();
  for (const auto& [name, value] : req.params) {
    if (name == "csrf_token" || name == "step") continue;
    out.push_back({{"name", name}, {"value", value}});
  }
  return out;
}

}  // namespace

void OwnersFeature::RegisterPortalPages() {
  const auto page = Surface::kPage;
  const auto owner = Permission::kAnswerAsOwner;
  Route("GET", "/your-recommendations", page, owner,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto portal = owners_.Portal(ctx.caller);
          if (!portal.ok()) return Fail(req, res, page, ctx, portal.status());
          json d = Base(ctx, "Your recommendations", "owner");
          d["owner"] = portal->owner_name;
          json rows = json::array();
          for (const auto& o : portal->items) rows.push_back(ItemRow(o));
          d["has_rows"] = !rows.empty();
          Status shown = ShowPageOf(req, "/your-recommendations", std::move(rows), 50, d, "rows");
          if (!shown.ok()) return Fail(req, res, page, ctx, shown);
          Html(res, "owner_recommendations", d);
        });
  Route("GET", R"(/your-recommendations/(\d+))", page, owner,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto v = owners_.View(ctx.caller, id.value_or(0));
          if (!v.ok()) return Fail(req, res, page, ctx, v.status());
          json d = Base(ctx, TrackerReference(v->owned.item), "owner");
          d["item"] = ItemJson(*v);
          d["back"] = "/your-recommendations";
          Html(res, "owner_recommendation", d);
        });
  Route("GET", R"(/your-recommendations/(\d+)/respond)", page, owner,
        By(&OwnersFeature::RespondPage));
  Route("POST", R"(/your-recommendations/(\d+)/respond)", page, owner,
        By(&OwnersFeature::RespondPage));
  Route("GET", R"(/your-recommendations/(\d+)/update)", page, owner,
        By(&OwnersFeature::UpdatePage));
  Route("POST", R"(/your-recommendations/(\d+)/update)", page, owner,
        By(&OwnersFeature::UpdatePage));
  for (const auto& [path, title, words] :
       {std::tuple{"response-sent", "Response sent",
                   "The inspectorate that made it will check what you report. We will remind you "
                   "by e-mail before an update on progress is due."},
        std::tuple{"update-sent", "Update sent",
                   "The inspectorate that made it will check what you report. We will remind you "
                   "by e-mail before the next update is due."}}) {
    Route("GET", std::string(R"(/your-recommendations/(\d+)/)") + path, page, owner,
          [this, page, title, words](const Request& req, Response& res, RequestContext& ctx) {
            auto v = owners_.View(ctx.caller, PathId(req).value_or(0));
            if (!v.ok()) return Fail(req, res, page, ctx, v.status());
            json d = Base(ctx, title, "owner");
            d["item"] = ItemJson(*v);
            d["words"] = words;
            d["back"] = "";
            Html(res, "owner_done", d);
          });
  }
}

// The response: the form, then its answers to check, then sent. What was
// typed travels in the check page's hidden fields, so nothing is kept
// between the steps.
void OwnersFeature::RespondPage(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  const int64_t id = PathId(req).value_or(0);
  auto v = owners_.View(ctx.caller, id);
  if (!v.ok()) return Fail(req, res, page, ctx, v.status());
  const bool responded = v->owned.item.response.answer != OwnerAnswer::kNone;
  json d =
      Base(ctx, responded ? "Change your response" : "Respond to this recommendation", "owner");
  d["item"] = ItemJson(*v);
  d["action"] = ItemPath(id) + "/respond";
  d["back"] = ItemPath(id);
  d["version"] = v->owned.item.version;
  if (req.method == "GET") {
    if (IsClosed(v->owned.item.verified)) {
      return Fail(req, res, page, ctx, CheckOwnerMayRespond(v->owned.item));
    }
    ResponseFields(d, *v, nullptr);
    return Html(res, "owner_respond", d);
  }
  const SentResponse sent = ReadResponse(req);
  const std::string step = Param(req, "step");
  auto version = SentVersion(req, "the recommendation");
  Status s = version.status();
  if (step == "change") {
    ResponseFields(d, *v, &sent);
    d["version"] = version.ok() ? *version : v->owned.item.version;
    return Html(res, "owner_respond", d);
  }
  if (s.ok() && step == "send") {
    auto saved = owners_.Respond(ctx.caller, id, *version, sent.response);
    // A response that says what the one held says is returned as it was.
    if (saved.ok() && saved->version == v->owned.item.version) {
      return res.Redirect(WithNotice(ItemPath(id), "response-unchanged"));
    }
    if (saved.ok()) return res.Redirect(ItemPath(id) + "/response-sent");
    s = saved.status();
  } else if (s.ok()) {
    s = owners_.CheckResponse(*v, sent.response);
  }
  if (s.ok()) {
    // Check your answers.
    d["title"] = "Check your response before sending it";
    d["answer"] = OwnerAnswerLabel(sent.response.answer);
    d["accepted_part"] = sent.response.accepted_part;
    d["reason"] = sent.response.reason;
    json actions = json::array();
    for (const auto& a : sent.response.actions) {
      actions.push_back({{"what", a.what}, {"by", DateInWords(a.by)}});
    }
    d["actions"] = actions;
    d["has_actions"] = !actions.empty();
    d["hidden"] = Hidden(req);
    d["back"] = "";
    d["back_to_change"] = true;  // the Back link sends the answers back to the form
    d["send"] = "Send response";
    return Html(res, "owner_check", d);
  }
  AddErrors(d, ForResponseForm(s, sent.rows));
  ResponseFields(d, *v, &sent);
  d["version"] = version.ok() ? *version : v->owned.item.version;
  Html(res, "owner_respond", d, HttpStatusFor(s.code()));
}

void OwnersFeature::UpdatePage(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  const int64_t id = PathId(req).value_or(0);
  auto v = owners_.View(ctx.caller, id);
  if (!v.ok()) return Fail(req, res, page, ctx, v.status());
  if (Status may = CheckOwnerMayUpdate(v->owned.item); !may.ok()) {
    return Fail(req, res, page, ctx, may);
  }
  json d = Base(ctx, "Give an update on progress", "owner");
  d["item"] = ItemJson(*v);
  d["action"] = ItemPath(id) + "/update";
  d["back"] = ItemPath(id);
  d["version"] = v->owned.item.version;
  const std::string text = req.method == "POST" ? Field(req, "text") : std::string();
  auto field = [&] {
    d["f_text"] = FormField(d, "text", "What has been done since the last update",
                            Param(req, "text"), "Say what was done and what it changed");
  };
  if (req.method == "GET" || Param(req, "step") == "change") {
    field();
    return Html(res, "owner_update", d);
  }
  auto version = SentVersion(req, "the recommendation");
  Status s = version.status();
  const bool send = Param(req, "step") == "send";
  if (s.ok()) {
    s = send ? owners_.GiveUpdate(ctx.caller, id, *version, text).status()
             : owners_.CheckUpdate(*v, text);
  }
  if (s.ok() && send) return res.Redirect(ItemPath(id) + "/update-sent");
  if (s.ok()) {
    d["title"] = "Check your update before sending it";
    d["update"] = text;
    d["hidden"] = Hidden(req);
    d["back"] = "";
    d["back_to_change"] = true;
    d["send"] = "Send update";
    return Html(res, "owner_check", d);
  }
  AddErrors(d, s);
  field();
  Html(res, "owner_update", d, HttpStatusFor(s.code()));
}

}  // namespace jointly::web
