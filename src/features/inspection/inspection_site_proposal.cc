// Fieldwork sites proposed from data (M 12-14, R14): the API that proposes
// them, and the page where the lead inspectorate asks for a number of
// bodies of one type, reads why each was proposed and why the near misses
// were not, and adds the sites it ticks.
#include <algorithm>
#include <set>

#include "core/text.h"
#include "features/inspection/inspection_feature.h"
#include "features/inspection/inspection_page_parts.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;
using namespace inspection_pages;  // NOLINT(google-build-using-namespace)

namespace {

constexpr int kDefaultSites = 3;

struct ProposalAsk {
  BodyType type = BodyType::kPoliceForce;
  int count = kDefaultSites;
};

// The type and number asked for, each bad one named at once: kDefaultSites
// when no number is given; police forces when no type is given, unless
// `choose_type` (the page, where the type is always chosen, never assumed).
StatusOr<ProposalAsk> ReadAsk(const Request& req, bool choose_type) {
  ProposalAsk ask;
  Validation v;
  if (choose_type && Field(req, "type").empty()) {
    v.Add("type", "required", "Choose the type of body to visit");
  } else if (req.HasParam("type")) {
    const auto t = ParseBodyType(Field(req, "type"));
    if (t) ask.type = *t;
    if (!t) v.Add("type", "one-of", "Choose the type of body to visit");
  }
  if (req.HasParam("count")) {
    const auto n = WholeNumber(Field(req, "count"));
    const bool fits = n && *n >= 1 && *n <= kMaxProposedSites;
    if (fits) ask.count = static_cast<int>(*n);
    if (!fits) {
      v.Add("count", "range",
            "Enter a number of sites from 1 to " + std::to_string(kMaxProposedSites));
    }
  }
  RETURN_IF_ERROR(v.Finish());
  return ask;
}

std::string PerformanceWords(const BodyIndicators& i) {
  if (i.performance.empty()) return "No data";
  if (i.performance_measure.empty()) return UpperFirst(i.performance);
  return i.performance_measure + ": " + i.performance;
}

std::string SizeWords(const BodyIndicators& i) {
  return i.size > 0 ? WithThousands(i.size) + " " + i.size_measure : "Not known";
}

std::string WhereWords(const InspectedBody& b) {
  std::string out = b.region.empty() ? std::string(NationLabel(b.nation)) : b.region;
  if (b.in_london && b.region != "London") out += ", in London";
  if (b.nation == Nation::kWales && b.region != "Wales") out += ", in Wales";
  return out;
}

std::string BurdenCount(int n, int years) {
  return (n == 0 ? std::string("No inspections") : Count(n, "inspection", "inspections")) +
         " in the " + std::to_string(years) + " years before or the year after";
}

json PickJson(const SiteProposalView& v, const SitePick& p) {
  const InspectedBody& b = v.bodies.at(p.body_id);
  const BodyIndicators& i = v.indicators.at(p.body_id);
  return {{"body_id", b.id},
          {"name", b.name},
          {"reason", p.reason},
          {"performance", i.performance},
          {"performance_measure", i.performance_measure},
          {"size", i.size},
          {"size_measure", i.size_measure},
          {"region", b.region},
          {"nation", NationId(b.nation)},
          {"in_london", b.in_london},
          {"burden", v.burden.at(p.body_id)}};
}

json ProposalJson(const SiteProposalView& v) {
  json picks = json::array();
  json misses = json::array();
  json no_data = json::array();
  for (const auto& p : v.proposal.picks) picks.push_back(PickJson(v, p));
  for (const auto& p : v.proposal.near_misses) misses.push_back(PickJson(v, p));
  for (int64_t id : v.proposal.no_data) {
    no_data.push_back({{"body_id", id}, {"name", v.bodies.at(id).name}});
  }
  return {{"type", BodyTypeId(v.type)},
          {"count", v.proposal.asked},
          {"burden_around", v.burden_around},
          {"burden_years", kBurdenYearsBack},
          {"sites", picks},
          {"near_misses", misses},
          {"no_data", no_data}};
}

// The cards of the proposal's picks (ticked) and near misses, each with
// its fieldwork dates and why, showing again what was sent if `posted`.
json Choices(const SiteProposalView& v, const json& d, const Request& req, bool posted) {
  const auto sent = req.Params("body_id");
  json out = json::array();
  auto add = [&](const SitePick& p, bool near_miss) {
    const InspectedBody& b = v.bodies.at(p.body_id);
    const auto found = v.indicators.find(p.body_id);
    const BodyIndicators i = found == v.indicators.end() ? BodyIndicators{} : found->second;
    const std::string id = std::to_string(b.id);
    const bool ticked = posted ? std::find(sent.begin(), sent.end(), id) != sent.end() : !near_miss;
    const json errors = d.value("field_errors", json::object());
    json f_why = FormField(d, "why-" + id, "Why this site",
                           posted      ? Param(req, ("why-" + id).c_str())
                           : near_miss ? ""
                                       : p.reason);
    out.push_back(
        {{"bid", b.id},
         {"name", b.name},
         {"near_miss", near_miss},
         {"reason", p.reason.empty() ? "Not in this proposal; you ticked it" : p.reason},
         {"reason_label", near_miss          ? "Why not proposed"
                          : p.reason.empty() ? "Proposed"
                                             : "Why proposed"},
         {"performance", PerformanceWords(i)},
         {"size", SizeWords(i)},
         {"where", WhereWords(b)},
         {"burden", BurdenCount(v.burden.at(b.id), kBurdenYearsBack)},
         {"checked", ticked},
         {"pick_error", errors.value("pick-" + id, "")},
         {"f_starts", DateField(d, req, posted, "starts-" + id, "Onsite fieldwork starts on")},
         {"f_ends", DateField(d, req, posted, "ends-" + id, "Onsite fieldwork ends on",
                              "Leave empty for one day. For example, 29 3 2027")},
         {"f_why", f_why}});
  };
  std::set<std::string> shown;
  for (const auto& p : v.proposal.picks) add(p, false);
  for (const auto& p : v.proposal.near_misses) add(p, true);
  for (const auto& c : out) shown.insert(std::to_string(c["bid"].get<int64_t>()));
  // A body ticked that the proposal no longer shows, so its errors land.
  for (const auto& id : sent) {
    auto body = WholeNumber(id);
    if (!body || shown.count(id) || !v.bodies.count(*body)) continue;
    shown.insert(id);
    add({*body, ""}, false);
  }
  return out;
}

// The errors of AddSites, named after the page's inputs.
Status OnPage(const Status& s, const std::vector<FieldworkSite>& sites, const SiteProposalView* v) {
  return RenameFields(s, [&](const std::string& field) -> std::string {
    if (field == "body_id") {
      if (!sites.empty()) return "pick-" + std::to_string(sites.front().body_id);
      if (v && !v->proposal.picks.empty()) {
        return "pick-" + std::to_string(v->proposal.picks.front().body_id);
      }
      return field;
    }
    if (!field.starts_with("site-")) return field;
    const auto dash = field.find('-', 5);
    const std::string id = field.substr(5, dash - 5);
    const std::string what = dash == std::string::npos ? "" : field.substr(dash + 1);
    if (what == "fieldwork_starts_on") return "starts-" + id;
    if (what == "fieldwork_ends_on") return "ends-" + id;
    if (what == "why") return "why-" + id;
    return "pick-" + id;
  });
}

}  // namespace

void InspectionFeature::SiteProposalPage(const Request& req, Response& res, RequestContext& ctx,
                                         const Status& error) {
  const auto page = Surface::kPage;
  auto id = PathId(req);
  if (!id) return Fail(req, res, page, ctx, NotFound("No such inspection"));
  auto shown = inspections_.ViewInspection(ctx.caller, *id);
  if (!shown.ok()) return Fail(req, res, page, ctx, shown.status());
  json d = Base(ctx, "Propose sites from data: " + shown->inspection.title, "inspections");
  d["id"] = *id;
  d["title_of"] = shown->inspection.title;
  d["burden_years"] = kBurdenYearsBack;
  d["may_import"] = Allows(ctx.caller, Permission::kEditDirectory);
  const bool asked = req.HasParam("type") || req.HasParam("count");
  Status problem = error;
  StatusOr<SiteProposalView> v = NotFound("Not asked");
  if (asked) {
    auto ask = ReadAsk(req, true);
    if (ask.ok()) v = inspections_.ProposeSites(ctx.caller, *id, ask->type, ask->count);
    const Status s = ask.ok() ? v.status() : ask.status();
    if (s.code() == StatusCode::kNotFound || s.code() == StatusCode::kPermissionDenied) {
      return Fail(req, res, page, ctx, s);
    }
    if (problem.ok()) problem = s;
  }
  if (!problem.ok()) AddErrors(d, OnPage(problem, {}, v.ok() ? &*v : nullptr));
  std::vector<std::pair<std::string, std::string>> types = {{"", "Choose a type of body"}};
  for (BodyType t : kAllBodyTypes) {
    types.emplace_back(std::string(BodyTypeId(t)), std::string(BodyTypeLabel(t)));
  }
  d["f_type"] = FormField(d, "type", "Type of body to visit", "");
  d["f_type"]["options"] = Options(types, asked ? Field(req, "type") : "");
  d["f_count"] = FormField(d, "count", "Number of sites",
                           asked ? Param(req, "count") : std::to_string(kDefaultSites), "", "3");
  if (v.ok()) {
    d["has_proposal"] = true;
    d["type"] = BodyTypeId(v->type);
    d["count"] = v->proposal.asked;
    d["type_words"] = BodyTypeLabel(v->type);
    const size_t considered = v->bodies.size() - v->proposal.no_data.size();
    d["summary"] = considered == 0 ? std::string(
                                         "None can be proposed: there is no data on any body of "
                                         "this type yet.")
                                   : std::to_string(v->proposal.picks.size()) + " of " +
                                         std::to_string(considered) +
                                         " with data proposed; the burden is counted around " +
                                         InWords(v->burden_around) + ".";
    json no_data = json::array();
    for (int64_t b : v->proposal.no_data) no_data.push_back(v->bodies.at(b).name);
    d["no_data"] = no_data;
    d["has_no_data"] = !no_data.empty();
    d["no_data_count"] = Count(static_cast<int64_t>(no_data.size()), "body", "bodies");
    d["choices"] = Choices(*v, d, req, req.method == "POST");
    d["has_choices"] = !d["choices"].empty();
  }
  Html(res, "inspection_site_proposal", d, problem.ok() ? 200 : HttpStatusFor(problem.code()));
}

void InspectionFeature::RegisterSiteProposal() {
  const std::string base = R"(/inspections/(\d+))";
  Route("GET", "/api/v1" + base + "/site-proposal", Surface::kApi, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such inspection"));
          auto ask = ReadAsk(req, false);
          if (!ask.ok()) return SendProblem(res, ask.status());
          auto v = inspections_.ProposeSites(ctx.caller, *id, ask->type, ask->count);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ProposalJson(*v));
        });
  Route("GET", base + "/sites/propose", Surface::kPage, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          SiteProposalPage(req, res, ctx, OkStatus());
        });
  Route("POST", base + "/sites/propose", Surface::kPage, Permission::kRunInspections,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return Fail(req, res, Surface::kPage, ctx, NotFound("No such inspection"));
          std::vector<FieldworkSite> sites;
          for (const auto& sent : req.Params("body_id")) {
            auto body = WholeNumber(sent);
            if (!body || *body < 1) continue;
            const std::string b = std::to_string(*body);
            FieldworkSite site;
            site.body_id = *body;
            site.fieldwork_starts_on = DateParam(req, "starts-" + b);
            site.fieldwork_ends_on = DateParam(req, "ends-" + b);
            site.why = Param(req, ("why-" + b).c_str());
            sites.push_back(std::move(site));
          }
          auto added = inspections_.AddSites(ctx.caller, *id, sites);
          if (added.status().code() == StatusCode::kNotFound) {
            return Fail(req, res, Surface::kPage, ctx, added.status());
          }
          if (!added.ok())
            return SiteProposalPage(req, res, ctx, OnPage(added.status(), sites, nullptr));
          res.Redirect(WithNotice("/inspections/" + std::to_string(*id) + "/sites", "sites-added"));
        });
}

}  // namespace jointly::web
