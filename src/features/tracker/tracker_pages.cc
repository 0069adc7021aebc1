// The recommendations tracker's pages (M 46, R21): the register with its
// filters kept in the address, its CSV and XLSX; a tracked
// recommendation's page with the two statuses side by side, every change
// with its reason and evidence, every target date, the progress over time
// and earlier recommendations that read alike; and a form for each thing
// recorded on it.
#include <algorithm>

#include "documents/documents.h"
#include "domain/csv.h"
#include "domain/tracker_csv.h"
#include "features/tracker/tracker_api.h"
#include "features/tracker/tracker_feature.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

namespace {

constexpr int64_t kMaxDownloadRows = 100000;

std::string NameIn(const std::map<int64_t, std::string>& names, int64_t id) {
  auto it = names.find(id);
  return it == names.end() ? "" : it->second;
}

// "Recommendation" or, from an inspection led by HMI Prisons, "Concern"
// (R19).
std::string KindLabel(const TrackedRecommendation& t) {
  return t.kind == "concern" ? "Concern" : "Recommendation";
}

std::string Reference(const TrackedRecommendation& t) {
  return t.report_title + " (" + t.published_on.substr(0, 4) + "), " +
         (t.kind == "concern" ? "concern " : "recommendation ") + std::to_string(t.number);
}

std::string StatusWords(const std::string& id) {
  auto s = TrackedStatusFromId(id);
  return s ? std::string(TrackedStatusLabel(*s)) : id;
}

std::string AnswerWords(OwnerAnswer answer) {
  return answer == OwnerAnswer::kNone ? "No response yet" : std::string(OwnerAnswerLabel(answer));
}

// What is next asked of the owner, in words: "Response due by 12 July
// 2026", "Update overdue since 3 May 2026", or "Nothing: closed".
std::string NextInWords(const NextDue& next, Date today, bool& overdue) {
  overdue = IsOverdue(next, today);
  if (next.what == AskedOf::kNothing) return "Nothing: closed";
  const std::string what = next.what == AskedOf::kResponse ? "Response" : "Update";
  return what + (overdue ? " overdue since " : " due by ") + DateInWords(next.due_on.ToIso());
}

std::vector<std::vector<std::string>> RegisterRows(const TrackerListView& v, Date today) {
  std::vector<std::vector<std::string>> rows = {
      {"Report", "Published", "Number", "Kind", "Made by", "Owner", "What it asks",
       "How it will be measured", "Owner's answer", "Owner reports", "Inspectorate verified",
       "Target date", "First target date", "Next due"}};
  for (const auto& t : v.page.items) {
    bool overdue = false;
    rows.push_back({t.report_title, t.published_on, std::to_string(t.number), KindLabel(t),
                    NameIn(v.names.inspectorates, t.inspectorate_id),
                    NameIn(v.names.owners, t.owner_id), t.text, t.measure,
                    AnswerWords(t.response.answer), std::string(TrackedStatusLabel(t.reported)),
                    std::string(TrackedStatusLabel(t.verified)), t.target, t.first_target,
                    NextInWords(NextDueOfTracked(t), today, overdue)});
  }
  return rows;
}

std::vector<std::pair<std::string, std::string>> StatusOptions(const std::string& any) {
  std::vector<std::pair<std::string, std::string>> out = {{"", any}};
  for (TrackedStatus s : kAllTrackedStatuses) {
    out.emplace_back(std::string(TrackedStatusId(s)), std::string(TrackedStatusLabel(s)));
  }
  return out;
}

// One event in words, for the histories of the page.
json EventRow(const TrackerEvent& e, const TrackerNames& names) {
  json row = {{"on", DateInWords(e.happened_on)},
              {"who", NameIn(names.people, e.recorded_by)},
              {"at", TimestampInWords(e.recorded_at)},
              {"reason", e.reason},
              {"evidence", e.evidence}};
  switch (e.kind) {
    case TrackerEventKind::kResponse: {
      auto answer = OwnerAnswerFromId(e.to);
      row["what"] = "Response: " + AnswerWords(answer.value_or(OwnerAnswer::kNone));
      row["evidence_label"] = "Part accepted";
      break;
    }
    case TrackerEventKind::kUpdate:
      row["what"] = "Progress update";
      row["evidence_label"] = "What was done";
      break;
    case TrackerEventKind::kReported:
    case TrackerEventKind::kVerified:
      row["what"] = StatusWords(e.from) + " to " + StatusWords(e.to);
      row["evidence_label"] = "Evidence";
      break;
    case TrackerEventKind::kTarget:
      row["what"] = "Moved from " + DateInWords(e.from) + " to " + DateInWords(e.to);
      break;
  }
  return row;
}

json ItemData(const TrackedView& v, const RequestContext& ctx, Date today) {
  const TrackedRecommendation& t = v.item;
  json d =
      Base(ctx, KindLabel(t) + " " + std::to_string(t.number) + ": " + t.report_title, "tracker");
  d["id"] = t.id;
  d["kind"] = KindLabel(t);
  d["kind_lower"] = t.kind;
  d["number"] = t.number;
  d["report_title"] = t.report_title;
  d["published_on"] = DateInWords(t.published_on);
  d["joint"] = v.inspection_id.has_value();
  d["inspection_id"] = v.inspection_id.value_or(0);
  d["made_by"] = NameIn(v.names.inspectorates, t.inspectorate_id);
  d["owner"] = NameIn(v.names.owners, t.owner_id);
  d["text"] = t.text;
  d["measure"] = t.measure;
  d["findings"] = t.findings;
  d["has_findings"] = !t.findings.empty();
  d["target"] = DateInWords(t.target);
  d["target_history"] = v.target_history;
  d["answer"] = AnswerWords(t.response.answer);
  d["responded"] = t.response.answer != OwnerAnswer::kNone;
  d["responded_on"] = DateInWords(t.response.responded_on);
  d["accepted_part"] = t.response.accepted_part;
  d["response_reason"] = t.response.reason;
  json actions = json::array();
  for (const auto& a : t.response.actions) {
    actions.push_back({{"what", a.what}, {"by", DateInWords(a.by)}});
  }
  d["actions"] = actions;
  d["has_actions"] = !actions.empty();
  d["reported"] = TrackedStatusLabel(t.reported);
  d["verified"] = TrackedStatusLabel(t.verified);
  if (t.superseded_by) {
    for (const auto& o : v.same_owner) {
      if (o.id == *t.superseded_by) d["superseded_by"] = {{"id", o.id}, {"ref", Reference(o)}};
    }
  }
  bool overdue = false;
  d["next"] = NextInWords(v.next, today, overdue);
  d["overdue"] = overdue;
  json reported = json::array(), verified = json::array(), progress = json::array(),
       targets = json::array();
  for (const auto& e : v.events) {
    json row = EventRow(e, v.names);
    switch (e.kind) {
      case TrackerEventKind::kReported:
        reported.push_back(row);
        break;
      case TrackerEventKind::kVerified:
        verified.push_back(row);
        break;
      case TrackerEventKind::kTarget:
        targets.push_back(row);
        break;
      default:
        progress.push_back(row);
    }
  }
  d["reported_history"] = reported;
  d["verified_history"] = verified;
  d["progress"] = progress;
  d["target_moves"] = targets;
  json alike = json::array();
  for (const auto& a : v.alike) {
    alike.push_back({{"id", a.item.id},
                     {"ref", Reference(a.item)},
                     {"year", a.item.published_on.substr(0, 4)},
                     {"text", a.item.text},
                     {"verified", TrackedStatusLabel(a.item.verified)},
                     {"percent", static_cast<int>(a.similarity * 100 + 0.5)}});
  }
  d["alike"] = alike;
  d["has_alike"] = !alike.empty();
  d["may_record"] = MayTrackFor(ctx.caller, t.inspectorate_id);
  return d;
}

}  // namespace

void TrackerFeature::SendRegister(const Request& req, Response& res, RequestContext& ctx,
                                  Surface surface, const std::string& format) {
  auto q = ReadTrackerQuery(
      req, surface == Surface::kApi ? EmptyFilter::kRefused : EmptyFilter::kAny, false);
  if (!q.ok()) return Fail(req, res, surface, ctx, q.status());
  auto v = tracker_.ViewList(ctx.caller, q->filter, kMaxDownloadRows, 0);
  if (!v.ok()) return Fail(req, res, surface, ctx, v.status());
  const auto rows = RegisterRows(*v, Date::ParseOrNone(v->today));
  if (format == "csv") {
    return Download(res, RowsToCsv(rows), "text/csv; charset=utf-8", "recommendations-tracker.csv");
  }
  auto xlsx = RenderXlsx("Recommendations tracker", rows);
  if (!xlsx.ok()) return Fail(req, res, surface, ctx, xlsx.status());
  Download(res, *xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
           "recommendations-tracker.xlsx");
}

void TrackerFeature::RegisterListPages() {
  const auto page = Surface::kPage;
  Route("GET", "/tracker", page, Permission::kSignedIn,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Recommendations tracker", "tracker");
          auto q = ReadTrackerQuery(req, EmptyFilter::kAny, true);
          auto v = tracker_.ViewList(ctx.caller, q.ok() ? q->filter : TrackerFilter{},
                                     q.ok() ? q->limit : 20, q.ok() ? q->offset : 0);
          if (!v.ok()) return Fail(req, res, page, ctx, v.status());
          std::vector<std::pair<std::string, std::string>> owners = {{"", "Any owner"}};
          for (const auto& [id, name] : v->names.owners_tracked) {
            owners.emplace_back(std::to_string(id), name);
          }
          std::vector<std::pair<std::string, std::string>> made_by = {{"", "Any inspectorate"}};
          // The criminal justice inspectorates, which make recommendations.
          for (const auto& i : v->names.all_inspectorates) {
            if (i.is_criminal_justice() && !i.closed_year) {
              made_by.emplace_back(std::to_string(i.id), i.short_name);
            }
          }
          d["owner_options"] = Options(owners, req.Param("owner_id"));
          d["inspectorate_options"] = Options(made_by, req.Param("inspectorate_id"));
          d["verified_options"] = Options(StatusOptions("Any status"), req.Param("verified"));
          d["overdue_checked"] = req.Param("overdue") == "yes";
          if (!q.ok()) {
            AddErrors(d, q.status());
            d["refused"] = true;
            return Html(res, "tracker", d, 400);
          }
          if (auto better = PageToShowInstead(req, "/tracker", v->page.total, q->limit, q->offset,
                                              v->page.items.size())) {
            res.Redirect(*better);
            return;
          }
          const Date today = Date::ParseOrNone(v->today);
          json rows = json::array();
          for (const auto& t : v->page.items) {
            bool overdue = false;
            const std::string next = NextInWords(NextDueOfTracked(t), today, overdue);
            rows.push_back({{"id", t.id},
                            {"reference", Reference(t)},
                            {"kind", KindLabel(t)},
                            {"owner", NameIn(v->names.owners, t.owner_id)},
                            {"made_by", NameIn(v->names.inspectorates, t.inspectorate_id)},
                            {"text", t.text},
                            {"answer", AnswerWords(t.response.answer)},
                            {"reported", TrackedStatusLabel(t.reported)},
                            {"verified", TrackedStatusLabel(t.verified)},
                            {"target", DateInWords(t.target)},
                            {"next", next},
                            {"overdue", overdue}});
          }
          d["rows"] = rows;
          d["has_rows"] = !rows.empty();
          d["total"] = v->page.total;
          d["from"] = rows.empty() ? 0 : q->offset + 1;
          d["to"] = q->offset + static_cast<int64_t>(rows.size());
          d["filters"] = TrackerFilters(q->filter);
          d["may_import"] = Allows(ctx.caller, Permission::kTrackRecommendations);
          d["may_publish"] = Allows(ctx.caller, Permission::kPublishTracker);
          d["pagination"] = Pagination(req, "/tracker", v->page.total, q->limit, q->offset);
          Html(res, "tracker", d);
        });
  for (const char* method : {"GET", "POST"}) {
    Route(method, "/tracker/import", page, Permission::kTrackRecommendations,
          [this](const Request& req, Response& res, RequestContext& ctx) {
            json d = Base(ctx, "Import recommendations onto the tracker", "tracker");
            if (req.method != "POST") return Html(res, "tracker_import", d);
            const auto* file = req.File("csv_file");
            Status s;
            if (!file || file->content.empty()) {
              s = InvalidArgument("Select a CSV file", "required");
              s.AddFieldError("csv_file", "required", "Select a CSV file to import");
            } else {
              auto imported = tracker_.ImportCsv(ctx.caller, file->content);
              if (imported.ok()) return res.Redirect(WithNotice("/tracker", "tracker-imported"));
              s = imported.status();
              if (s.field_errors().empty()) s.AddFieldError("csv_file", s.rule(), s.message());
            }
            AddErrors(d, s);
            Html(res, "tracker_import", d, HttpStatusFor(s.code()));
          });
  }
  // The import's columns as an empty file to fill in Excel.
  Route("GET", R"(/tracker/import-template\.csv)", page, Permission::kTrackRecommendations,
        [](const Request&, Response& res, RequestContext&) {
          std::vector<std::string> header(std::begin(kTrackerCsvColumns),
                                          std::end(kTrackerCsvColumns));
          Download(res, RowsToCsv({header}), "text/csv; charset=utf-8",
                   "tracker-import-template.csv");
        });
  for (const char* format : {"csv", "xlsx"}) {
    Route("GET", std::string("/tracker\\.") + format, page, Permission::kSignedIn,
          [this, format](const Request& req, Response& res, RequestContext& ctx) {
            SendRegister(req, res, ctx, Surface::kPage, format);
          });
  }
}

void TrackerFeature::ItemPage(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such tracked recommendation"));
  auto v = tracker_.Get(ctx.caller, *id);
  if (!v.ok()) return Fail(req, res, page, ctx, v.status());
  Html(res, "tracker_item", ItemData(*v, ctx, Date::ParseOrNone(v->today)));
}

void TrackerFeature::RegisterItemPages() {
  const auto page = Surface::kPage;
  Route(
      "GET", R"(/tracker/(\d+))", page, Permission::kSignedIn,
      [this](const Request& req, Response& res, RequestContext& ctx) { ItemPage(req, res, ctx); });
  for (const char* form : {"response", "update", "reported", "verified", "target"}) {
    for (const char* method : {"GET", "POST"}) {
      Route(method, std::string(R"(/tracker/(\d+)/)") + form, page,
            Permission::kTrackRecommendations,
            [this, form](const Request& req, Response& res, RequestContext& ctx) {
              ItemForm(req, res, ctx, form);
            });
    }
  }
}

}  // namespace jointly::web
