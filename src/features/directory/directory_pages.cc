// The pages of the directory: inspectorates and inspected bodies.
#include "core/text.h"
#include "features/directory/directory_feature.h"
#include "service/records_json.h"
#include "web/body_query.h"
#include "web/page_helpers.h"
#include "web/templates.h"

namespace jointly::web {

using nlohmann::json;

namespace {

json BodyTypeOptions(const std::string& selected, bool with_any) {
  std::vector<std::pair<std::string, std::string>> v;
  if (with_any) v.emplace_back("", "Any type");
  for (BodyType t : kAllBodyTypes)
    v.emplace_back(std::string(BodyTypeId(t)), std::string(BodyTypeLabel(t)));
  return Options(v, selected);
}

json NationOptions(const std::string& selected, bool with_any) {
  std::vector<std::pair<std::string, std::string>> v;
  if (with_any) v.emplace_back("", "Any nation");
  for (Nation n : kAllNations)
    v.emplace_back(std::string(NationId(n)), std::string(NationLabel(n)));
  return Options(v, selected);
}

json BodyView(const InspectedBody& b) {
  json j = ToJson(b);
  j["type_label"] = BodyTypeLabel(b.type);
  j["nation_label"] = NationLabel(b.nation);
  j["london_note"] = b.in_london && b.region != "London";
  return j;
}

// Reads the body form into `b`. A field the form did not send keeps its
// value, except that a new body (`adding`) is given a type and a nation.
void BodyFromForm(const Request& req, bool adding, InspectedBody& b, Validation& v) {
  TextSent(req, "code", b.code);
  TextSent(req, "name", b.name);
  TextSent(req, "region", b.region);
  TextSent(req, "address", b.address);
  if (adding || req.HasParam("type")) {
    if (auto t = ParseBodyType(Param(req, "type"))) {
      b.type = *t;
    } else {
      v.Add("type", "one-of", "Select the type of body");
    }
  }
  if (adding || req.HasParam("nation")) {
    if (auto n = ParseNation(Param(req, "nation"))) {
      b.nation = *n;
    } else {
      v.Add("nation", "one-of", "Select the nation");
    }
  }
  CheckedSent(req, "in_london", b.in_london, v);
  CheckedSent(req, "active", b.active, v);
}

json BodyFormData(json d, const InspectedBody& b) {
  d["body"] = BodyView(b);
  d["type_options"] = BodyTypeOptions(std::string(BodyTypeId(b.type)), false);
  d["nation_options"] = NationOptions(std::string(NationId(b.nation)), false);
  return d;
}

}  // namespace

void DirectoryFeature::InspectorateForm(const Request& req, Response& res, RequestContext& ctx) {
  auto id = PathId(req);
  auto current = id ? directory_.GetInspectorate(ctx.caller, *id)
                    : StatusOr<Inspectorate>(NotFound("No such inspectorate"));
  if (!current.ok()) return Fail(req, res, Surface::kPage, ctx, current.status());
  Inspectorate i = *current;
  json d = Base(ctx, "Change " + i.short_name, "inspectorates");
  int status = 200;
  if (req.method == "POST") {
    // Nothing is changed without the version it was changed from, and a
    // field the form did not send is kept.
    auto version = SentVersion(req, "the inspectorate");
    for (const auto& [name, field] : {std::pair{"short_name", &i.short_name},
                                      {"full_name", &i.full_name},
                                      {"senior_oversight_title", &i.senior_oversight_title},
                                      {"head_name", &i.head_name},
                                      {"head_title", &i.head_title},
                                      {"address", &i.address},
                                      {"website", &i.website},
                                      {"email", &i.email},
                                      {"queries_name", &i.queries_name},
                                      {"sponsoring_department", &i.sponsoring_department}}) {
      TextSent(req, name, *field);
    }
    if (req.HasParam("findings")) {
      i.findings = Param(req, "findings") == "concerns" ? FindingsStyle::kConcerns
                                                        : FindingsStyle::kRecommendations;
    }
    Validation form;
    CheckedSent(req, "sends_embargoed_copies", i.sends_embargoed_copies, form);
    if (version.ok()) i.version = *version;
    const Status unread = MergeErrors(version.status(), form.Finish());
    auto saved =
        unread.ok() ? directory_.UpdateInspectorate(ctx.caller, i) : StatusOr<Inspectorate>(unread);
    if (saved.ok()) return res.Redirect("/inspectorates/" + std::to_string(i.id) + "?saved=1");
    AddErrors(d, saved.status());
    status = HttpStatusFor(saved.status().code());
  }
  d["inspectorate"] = ToJson(i);
  d["concerns"] = i.findings == FindingsStyle::kConcerns;
  Html(res, "inspectorate_form", d, status);
}

void DirectoryFeature::BodyNew(const Request& req, Response& res, RequestContext& ctx) {
  json d = Base(ctx, "Add an inspected body", "bodies");
  InspectedBody b;
  if (req.method == "POST") {
    Validation v;
    BodyFromForm(req, true, b, v);
    Status s = v.Finish();
    if (s.ok()) {
      auto created = directory_.CreateBody(ctx.caller, b);
      if (created.ok()) return res.Redirect("/bodies/" + std::to_string(created->id) + "?saved=1");
      s = created.status();
    }
    AddErrors(d, s);
    d["action"] = "/bodies/new";
    return Html(res, "body_form", BodyFormData(d, b), HttpStatusFor(s.code()));
  }
  d["action"] = "/bodies/new";
  Html(res, "body_form", BodyFormData(d, b));
}

void DirectoryFeature::BodyImport(const Request& req, Response& res, RequestContext& ctx) {
  json d = Base(ctx, "Import inspected bodies", "bodies");
  if (req.method == "POST") {
    const std::string csv = req.File("csv_file") ? req.File("csv_file")->content : std::string();
    Status s;
    if (csv.empty()) {
      s = InvalidArgument("Select a CSV file", "required");
      s.AddFieldError("csv_file", "required", "Select a CSV file to import");
    } else {
      auto summary = directory_.ImportBodiesCsv(ctx.caller, csv);
      if (summary.ok()) {
        return res.Redirect(WithNotice("/bodies", "bodies-imported"));
      }
      s = summary.status();
      if (s.field_errors().empty()) s.AddFieldError("csv_file", s.rule(), s.message());
    }
    AddErrors(d, s);
    return Html(res, "import", d, HttpStatusFor(s.code()));
  }
  Html(res, "import", d);
}

void DirectoryFeature::SiteDataImport(const Request& req, Response& res, RequestContext& ctx) {
  json d = Base(ctx, "Import data to choose fieldwork sites from", "bodies");
  // A multipart form's text fields come as parts without a file name.
  const std::string kind =
      req.File("kind") ? std::string(Trim(req.File("kind")->content)) : Field(req, "kind");
  d["kind_indicators"] = kind == "indicators";
  d["kind_inspections"] = kind == "inspections";
  if (req.method != "POST") return Html(res, "site_data_import", d);
  const std::string csv = req.File("csv_file") ? req.File("csv_file")->content : std::string();
  Validation v;
  if (kind != "indicators" && kind != "inspections") {
    v.Add("kind", "one-of", "Choose what the file holds");
  }
  if (csv.empty()) v.Add("csv_file", "required", "Select a CSV file to import");
  Status s = v.Finish();
  if (s.ok()) {
    auto summary = kind == "indicators" ? directory_.ImportIndicatorsCsv(ctx.caller, csv)
                                        : directory_.ImportPastInspectionsCsv(ctx.caller, csv);
    if (summary.ok()) return res.Redirect(WithNotice("/bodies", "site-data-imported"));
    s = summary.status();
    if (s.field_errors().empty()) s.AddFieldError("csv_file", s.rule(), s.message());
  }
  AddErrors(d, s);
  Html(res, "site_data_import", d, HttpStatusFor(s.code()));
}

void DirectoryFeature::BodyEdit(const Request& req, Response& res, RequestContext& ctx) {
  auto id = PathId(req);
  auto current =
      id ? directory_.GetBody(ctx.caller, *id) : StatusOr<InspectedBody>(NotFound("No such body"));
  if (!current.ok()) return Fail(req, res, Surface::kPage, ctx, current.status());
  json d = Base(ctx, "Change " + current->name, "bodies");
  d["action"] = "/bodies/" + std::to_string(*id) + "/edit";
  d["editing"] = true;
  if (req.method != "POST") return Html(res, "body_form", BodyFormData(d, *current));
  // Nothing is changed without the version it was changed from, and a
  // field the form did not send is kept.
  auto version = SentVersion(req, "the body");
  Validation v;
  InspectedBody b = *current;
  BodyFromForm(req, false, b, v);
  if (version.ok()) b.version = *version;
  Status s = MergeErrors(version.status(), v.Finish());
  if (s.ok()) {
    auto saved = directory_.UpdateBody(ctx.caller, b);
    if (saved.ok()) return res.Redirect("/bodies/" + std::to_string(*id) + "?saved=1");
    s = saved.status();
  }
  // A stale save says what the other person changed and carries the
  // newest version; the form keeps this person's text.
  AddErrors(d, s);
  Html(res, "body_form", BodyFormData(d, b), HttpStatusFor(s.code()));
}

void DirectoryFeature::RegisterInspectoratePages() {
  const auto page = Surface::kPage;

  // Inspectorates.
  Route("GET", "/inspectorates", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto all = directory_.Inspectorates(ctx.caller);
          if (!all.ok()) return Fail(req, res, Surface::kPage, ctx, all.status());
          json d = Base(ctx, "Inspectorates", "inspectorates");
          json groups = json::array();
          for (auto [kind, label] :
               {std::pair{InspectorateKind::kCriminalJustice, "Criminal justice inspectorates"},
                {InspectorateKind::kPartner, "Partner inspectorates"},
                {InspectorateKind::kJointBody, "Joint bodies"}}) {
            json rows = json::array();
            for (const auto& i : *all) {
              if (i.kind != kind) continue;
              json r = ToJson(i);
              r["closed"] = !i.is_open();
              rows.push_back(r);
            }
            groups.push_back({{"label", label},
                              {"rows", rows},
                              {"is_cj", kind == InspectorateKind::kCriminalJustice}});
          }
          d["groups"] = groups;
          Html(res, "inspectorates", d);
        });
  Route("GET", R"(/inspectorates/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto i = id ? directory_.GetInspectorate(ctx.caller, *id)
                      : StatusOr<Inspectorate>(NotFound("No such inspectorate"));
          if (!i.ok()) return Fail(req, res, Surface::kPage, ctx, i.status());
          json d = Base(ctx, i->full_name, "inspectorates");
          d["inspectorate"] = ToJson(*i);
          d["kind_label"] = InspectorateKindLabel(i->kind);
          d["saved"] = req.HasParam("saved");
          auto history = directory_.History(ctx.caller, "inspectorate", *id);
          if (history.ok()) {
            d["history"] = HistoryRows(*history);
            d["has_history"] = !history->empty();
          }
          Html(res, "inspectorate", d);
        });
  Route("GET", R"(/inspectorates/(\d+)/edit)", page, Permission::kEditReferenceData,
        By(&DirectoryFeature::InspectorateForm));
  Route("POST", R"(/inspectorates/(\d+)/edit)", page, Permission::kEditReferenceData,
        By(&DirectoryFeature::InspectorateForm));
}

void DirectoryFeature::RegisterBodyPages() {
  const auto page = Surface::kPage;

  // Inspected bodies.
  Route("GET", "/bodies", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Inspected bodies", "bodies");
          auto query = ReadBodyQuery(req);
          // The form keeps what was typed; a refused filter shows no bodies,
          // not every body under a form that looks filtered.
          d["search"] = Param(req, "search");
          d["type_options"] = BodyTypeOptions(Param(req, "type"), true);
          d["nation_options"] = NationOptions(Param(req, "nation"), true);
          const std::string region = Param(req, "region");
          json regions =
              json::array({{{"value", ""}, {"label", "Any region"}, {"selected", region.empty()}}});
          if (auto all = directory_.Regions(ctx.caller); all.ok()) {
            for (const auto& r : *all)
              regions.push_back({{"value", r}, {"label", r}, {"selected", r == region}});
          }
          d["region_options"] = regions;
          if (!query.ok()) {
            AddErrors(d, query.status());
            d["refused"] = true;
            Html(res, "bodies", d, 400);
            return;
          }
          const BodyQuery& q = *query;
          auto page_result = directory_.Bodies(ctx.caller, q);
          if (!page_result.ok()) return Fail(req, res, Surface::kPage, ctx, page_result.status());
          if (auto better = PageToShowInstead(req, "/bodies", page_result->total, q.limit, q.offset,
                                              page_result->items.size())) {
            res.Redirect(*better);
            return;
          }
          json rows = json::array();
          for (const auto& b : page_result->items) rows.push_back(BodyView(b));
          d["rows"] = rows;
          d["has_rows"] = !rows.empty();
          d["count"] = Count(page_result->total, "body", "bodies");
          d["from"] = WithThousands(q.offset + 1);
          d["to"] = WithThousands(q.offset + static_cast<int64_t>(rows.size()));
          // Pagination links keep the filters; the next page of an unranked
          // list starts after this one's last body, as it is named now.
          std::string next;
          if (q.search.empty() && !page_result->items.empty()) {
            const InspectedBody& last = page_result->items.back();
            next =
                "after=" + std::to_string(last.id) + "&after_name=" + EncodeQueryParam(last.name);
          }
          d["pagination"] = Pagination(req, "/bodies", page_result->total, q.limit, q.offset, next);
          Html(res, "bodies", d);
        });
  Route("GET", "/bodies/new", page, Permission::kEditDirectory, By(&DirectoryFeature::BodyNew));
  Route("POST", "/bodies/new", page, Permission::kEditDirectory, By(&DirectoryFeature::BodyNew));
  Route("GET", "/bodies/export.csv", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto csv = directory_.ExportBodiesCsv(ctx.caller);
          if (!csv.ok()) return Fail(req, res, Surface::kPage, ctx, csv.status());
          res.SetHeader("Content-Disposition", "attachment; filename=\"inspected-bodies.csv\"");
          res.SetContent(*csv, "text/csv; charset=utf-8");
        });
  Route("GET", "/bodies/import", page, Permission::kEditDirectory,
        By(&DirectoryFeature::BodyImport));
  Route("POST", "/bodies/import", page, Permission::kEditDirectory,
        By(&DirectoryFeature::BodyImport));
  Route("GET", "/bodies/site-data/import", page, Permission::kEditDirectory,
        By(&DirectoryFeature::SiteDataImport));
  Route("POST", "/bodies/site-data/import", page, Permission::kEditDirectory,
        By(&DirectoryFeature::SiteDataImport));
  Route("GET", R"(/bodies/(\d+))", page, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto b = id ? directory_.GetBody(ctx.caller, *id)
                      : StatusOr<InspectedBody>(NotFound("No such body"));
          if (!b.ok()) return Fail(req, res, Surface::kPage, ctx, b.status());
          json d = Base(ctx, b->name, "bodies");
          d["body"] = BodyView(*b);
          d["saved"] = req.HasParam("saved");
          auto history = directory_.History(ctx.caller, "body", *id);
          if (history.ok()) {
            d["history"] = HistoryRows(*history);
            d["has_history"] = !history->empty();
          }
          Html(res, "body", d);
        });
  Route("GET", R"(/bodies/(\d+)/edit)", page, Permission::kEditDirectory,
        By(&DirectoryFeature::BodyEdit));
  Route("POST", R"(/bodies/(\d+)/edit)", page, Permission::kEditDirectory,
        By(&DirectoryFeature::BodyEdit));
}

}  // namespace jointly::web
