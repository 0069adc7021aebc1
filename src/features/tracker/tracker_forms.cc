// The forms of a tracked recommendation's page (M 46, R21): the owner's
// response recorded on its behalf, a progress update, a change of what
// the owner reports or of what the inspectorate verified, and a target
// date moved. Each is filled from the record; refused, it comes back as
// typed with every error at once.
#include <algorithm>

#include "features/tracker/tracker_api.h"
#include "features/tracker/tracker_feature.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// Rows for planned actions a response form shows: those recorded and
// one more, at least three.
size_t ActionRows(size_t recorded) {
  return std::min(kMaxPlannedActions, std::max<size_t>(3, recorded + 1));
}

std::string RowId(const char* what, size_t row) {
  return std::string("action_") + what + "_" + std::to_string(row);
}

// The planned actions a response form sent, leaving out rows left empty;
// `rows` says which row each came from.
std::vector<PlannedAction> SentActions(const Request& req, std::vector<size_t>& rows) {
  std::vector<PlannedAction> out;
  for (size_t row = 0; row < kMaxPlannedActions; ++row) {
    const std::string what = Field(req, RowId("what", row).c_str());
    const std::string by = DateParam(req, RowId("by", row));
    if (what.empty() && by.empty()) continue;
    out.push_back({what, by});
    rows.push_back(row);
  }
  return out;
}

// The domain's "actions.2.by" as the input of the form's row it came from,
// its message naming the row ("Action 3: ..."), as two rows may say the
// same.
Status ForResponseForm(const Status& s, const std::vector<size_t>& rows) {
  return RenameErrors(s, [&](const FieldError& e) {
    if (e.field == "actions") return FieldError{RowId("what", 0), e.rule, e.message};
    if (!e.field.starts_with("actions.")) return e;
    const size_t dot = e.field.find('.', 8);
    const size_t index = std::stoul(e.field.substr(8, dot - 8));
    const std::string part = dot == std::string::npos ? "what" : e.field.substr(dot + 1);
    const size_t row = index < rows.size() ? rows[index] : index;
    return FieldError{RowId(part == "by" ? "by" : "what", row), e.rule,
                      "Action " + std::to_string(row + 1) + ": " + e.message};
  });
}

json Radios(const json& d, const std::string& id, const std::string& legend,
            const std::vector<std::pair<std::string, std::string>>& choices,
            const std::string& chosen) {
  json field = FormField(d, id, legend, chosen);
  json items = json::array();
  for (size_t i = 0; i < choices.size(); ++i) {
    items.push_back({{"input_id", i == 0 ? id : id + "-" + choices[i].first},
                     {"value", choices[i].first},
                     {"label", choices[i].second},
                     {"checked", choices[i].first == chosen}});
  }
  field["items"] = items;
  return field;
}

// What a field shows: what was typed if the form came back, else `stored`.
std::string Shown(const Request& req, bool posted, const char* name, const std::string& stored) {
  return posted ? req.Param(name) : stored;
}

void ResponseFields(json& d, const Request& req, bool posted, const TrackedRecommendation& t) {
  const OwnerResponse& r = t.response;
  json fields = json::array();
  std::vector<std::pair<std::string, std::string>> answers;
  for (OwnerAnswer a : kAllOwnerAnswers) {
    if (a != OwnerAnswer::kNone) {
      answers.emplace_back(std::string(OwnerAnswerId(a)), std::string(OwnerAnswerLabel(a)));
    }
  }
  const std::string answer =
      r.answer == OwnerAnswer::kNone ? "" : std::string(OwnerAnswerId(r.answer));
  fields.push_back({{"radios", Radios(d, "answer", "The owner's answer", answers,
                                      Shown(req, posted, "answer", answer))}});
  fields.push_back({{"textarea", FormField(d, "accepted_part", "Which part is accepted",
                                           Shown(req, posted, "accepted_part", r.accepted_part),
                                           "If partly accepted: the part the owner accepts")}});
  fields.push_back({{"textarea", FormField(d, "reason", "Why not, or why not the rest",
                                           Shown(req, posted, "reason", r.reason),
                                           "If not accepted, or partly accepted")}});
  const size_t rows = ActionRows(r.actions.size());
  for (size_t row = 0; row < rows; ++row) {
    const PlannedAction stored = row < r.actions.size() ? r.actions[row] : PlannedAction{};
    const std::string n = std::to_string(row + 1);
    fields.push_back({{"subheading", "Action " + n}});
    fields.push_back(
        {{"textarea", FormField(d, RowId("what", row), "What the owner will do",
                                Shown(req, posted, RowId("what", row).c_str(), stored.what))}});
    fields.push_back({{"input", posted ? DateField(d, req, true, RowId("by", row), "By when")
                                       : DateField(d, RowId("by", row), "By when", stored.by)}});
  }
  fields.push_back(
      {{"input",
        posted
            ? DateField(d, req, true, "responded_on", "The date of the owner's response")
            : DateField(d, "responded_on", "The date of the owner's response", r.responded_on)}});
  d["fields"] = fields;
  d["heading"] = "Record the owner's response";
  d["button"] = "Record the response";
}

void StatusFields(json& d, const Request& req, bool posted, const TrackedView& v, bool verified) {
  const TrackedRecommendation& t = v.item;
  json fields = json::array();
  std::vector<std::pair<std::string, std::string>> statuses = {{"", "Choose a status"}};
  for (TrackedStatus s : kAllTrackedStatuses) {
    if (s == TrackedStatus::kSuperseded && !verified) continue;
    statuses.emplace_back(std::string(TrackedStatusId(s)), std::string(TrackedStatusLabel(s)));
  }
  const std::string now = std::string(TrackedStatusId(verified ? t.verified : t.reported));
  json to =
      FormField(d, "to", verified ? "Status the inspectorate verified" : "Status the owner reports",
                Shown(req, posted, "to", now));
  to["options"] = Options(statuses, Shown(req, posted, "to", now));
  fields.push_back({{"select", to}});
  fields.push_back({{"textarea", FormField(d, "reason", "Reason for the change",
                                           Shown(req, posted, "reason", ""))}});
  fields.push_back(
      {{"textarea", FormField(d, "evidence", "Evidence", Shown(req, posted, "evidence", ""),
                              verified ? "What the inspectorate checked"
                                       : "What the owner sent, if anything")}});
  if (verified) {
    std::vector<std::pair<std::string, std::string>> later = {{"", "Not superseded"}};
    for (const auto& o : v.same_owner) {
      if (!MaySupersede(o, t)) continue;
      later.emplace_back(std::to_string(o.id), o.report_title + " (" + o.published_on.substr(0, 4) +
                                                   "), number " + std::to_string(o.number));
    }
    const std::string stored = t.superseded_by ? std::to_string(*t.superseded_by) : "";
    json by =
        FormField(d, "superseded_by", "Superseded by", Shown(req, posted, "superseded_by", stored),
                  "If superseded: the later recommendation to the same owner that takes "
                  "its place");
    by["options"] = Options(later, Shown(req, posted, "superseded_by", stored));
    fields.push_back({{"select", by}});
  }
  d["fields"] = fields;
  d["heading"] =
      verified ? "Record what the inspectorate verified" : "Record the status the owner reports";
  d["button"] = "Record the status";
}

void FormFields(json& d, const Request& req, bool posted, const TrackedView& v,
                const std::string& form) {
  if (form == "response") return ResponseFields(d, req, posted, v.item);
  if (form == "reported" || form == "verified") {
    return StatusFields(d, req, posted, v, form == "verified");
  }
  json fields = json::array();
  if (form == "update") {
    fields.push_back({{"textarea", FormField(d, "text", "What the owner has done",
                                             Shown(req, posted, "text", ""))}});
    fields.push_back({{"input", DateField(d, req, posted, "on", "When it was done")}});
    d["heading"] = "Record a progress update";
    d["button"] = "Record the update";
  } else {
    fields.push_back({{"input", posted ? DateField(d, req, true, "to", "New target date")
                                       : DateField(d, "to", "New target date", v.item.target)}});
    fields.push_back(
        {{"textarea",
          FormField(d, "reason", "Why the target date moves", Shown(req, posted, "reason", ""),
                    "Every earlier target date stays on the record with its reason")}});
    d["heading"] = "Move the target date";
    d["button"] = "Move the target date";
  }
  d["fields"] = fields;
}

}  // namespace

StatusOr<TrackedRecommendation> TrackerFeature::Record(const Request& req, const Caller& caller,
                                                       int64_t id, const std::string& form) {
  ASSIGN_OR_RETURN(int64_t version, SentVersion(req, "the recommendation"));
  if (form == "response") {
    OwnerResponse r;
    auto answer = OwnerAnswerFromId(Field(req, "answer"));
    r.answer = answer.value_or(OwnerAnswer::kNone);
    r.accepted_part = Field(req, "accepted_part");
    r.reason = Field(req, "reason");
    r.responded_on = DateParam(req, "responded_on");
    std::vector<size_t> rows;
    r.actions = SentActions(req, rows);
    auto saved = tracker_.RecordResponse(caller, id, version, r);
    if (!saved.ok()) return ForResponseForm(saved.status(), rows);
    return saved;
  }
  if (form == "update") {
    return tracker_.AddUpdate(caller, id, version, Field(req, "text"), DateParam(req, "on"));
  }
  if (form == "target") {
    return tracker_.MoveTarget(caller, id, version, DateParam(req, "to"), Field(req, "reason"));
  }
  StatusChange change;
  auto to = TrackedStatusFromId(Field(req, "to"));
  change.reason = Field(req, "reason");
  change.evidence = Field(req, "evidence");
  if (const std::string later = Field(req, "superseded_by"); !later.empty()) {
    change.superseded_by = ParseInt(later, 1, INT64_MAX).value_or(0);
  }
  if (!to) {
    return std::move(InvalidArgument("Some fields are not valid", "status-change")
                         .AddFieldError("to", "status-change", "Choose a status"));
  }
  change.to = *to;
  return tracker_.ChangeStatus(caller, id, version, form == "verified", change);
}

void TrackerFeature::ItemForm(const Request& req, Response& res, RequestContext& ctx,
                              const std::string& form) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such tracked recommendation"));
  const bool posted = req.method == "POST";
  Status error = OkStatus();
  if (posted) {
    auto saved = Record(req, ctx.caller, *id, form);
    if (saved.ok()) {
      // Recorded again as it stood: the version is as sent, and nothing was.
      const auto sent = SentVersion(req, "the recommendation");
      const bool same = sent.ok() && *sent == saved->version;
      return res.Redirect(WithNotice("/tracker/" + std::to_string(*id),
                                     same ? "tracker-unchanged" : "tracker-" + form));
    }
    error = saved.status();
    if (error.code() == StatusCode::kNotFound || error.code() == StatusCode::kPermissionDenied) {
      return Fail(req, res, page, ctx, error);
    }
  }
  auto v = tracker_.Get(ctx.caller, *id);
  if (!v.ok()) return Fail(req, res, page, ctx, v.status());
  if (!MayTrackFor(ctx.caller, v->item.inspectorate_id)) {
    return Fail(req, res, page, ctx,
                PermissionDenied("Only the inspectorate that made a recommendation, or the joint "
                                 "secretariat, records its responses and statuses",
                                 "reporting-inspectorate"));
  }
  const TrackedRecommendation& t = v->item;
  const std::string kind = t.kind == "concern" ? "Concern" : "Recommendation";
  json d = Base(ctx, kind + " " + std::to_string(t.number) + ": " + t.report_title, "tracker");
  if (!error.ok()) AddErrors(d, error);
  d["id"] = t.id;
  d["version"] = t.version;
  d["form"] = form;
  d["caption"] = kind + " " + std::to_string(t.number) + ", " + t.report_title;
  d["text"] = t.text;
  FormFields(d, req, posted, *v, form);
  d["title"] = d["heading"].get<std::string>() + " – " + kind + " " + std::to_string(t.number);
  Html(res, "tracker_form", d, error.ok() ? 200 : HttpStatusFor(error.code()));
}

}  // namespace jointly::web
