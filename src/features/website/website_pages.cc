// The public website's pages, search, feeds and sitemap, drawn from the
// released copies only.
#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <string>
#include <tuple>

#include "core/crypto.h"
#include "core/text.h"
#include "core/xml.h"
#include "documents/documents.h"
#include "domain/csv.h"
#include "features/shared/report_page.h"
#include "features/website/website_feature.h"
#include "service/inspection_service.h"
#include "service/programme_service.h"
#include "service/quarterly_tracker.h"
#include "web/body_query.h"
#include "web/http.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

namespace {

constexpr int kMaxSearchChars = 200;

struct Section {
  std::string_view kind;
  const char* feed;   // /feeds/<feed>.atom
  const char* title;  // the feed's title
  const char* list;   // the section's page
};

constexpr Section kSections[] = {
    {kReleasedBusinessPlan, "business-plans", "Joint inspection business plans", "/business-plans"},
    {kReleasedInspection, "inspections-in-progress", "Joint inspections in progress",
     "/inspections-in-progress"},
    {kReleasedConsultation, "consultations", "Consultations on the joint programme",
     "/open-consultations"},
    {kReleasedSummary, "you-said-we-did", "You said, we did: summaries of responses",
     "/you-said-we-did"},
    {kReleasedReport, "reports", "Joint inspection reports", "/reports"},
    {kReleasedTracker, "trackers", "Quarterly recommendations trackers", "/trackers"},
};

// Where a Welsh copy is read: "/cy/" and its section.
std::string WelshPageOf(std::string_view kind, const std::string& slug) {
  if (kind == kReleasedReport) return "/cy/reports/" + slug;
  if (kind == kReleasedInspection) return "/cy/inspections-in-progress/" + slug;
  return "/cy/consultations/" + slug;
}

// Where a released item is read on the website.
std::string PageOf(const ReleasedItem& item) {
  if (item.language == "cy") return WelshPageOf(item.kind, item.slug);
  if (item.kind == kReleasedBusinessPlan) return "/business-plans/" + item.slug;
  if (item.kind == kReleasedInspection) return "/inspections-in-progress/" + item.slug;
  if (item.kind == kReleasedSummary) return "/consultations/" + item.slug + "/summary";
  if (item.kind == kReleasedReport) return "/reports/" + item.slug;
  if (item.kind == kReleasedTracker) return "/trackers/" + item.slug;
  return "/consultations/" + item.slug + "/respond";
}

std::string_view ReleasedKindInWords(std::string_view kind) {
  if (kind == kReleasedBusinessPlan) return "Business plan";
  if (kind == kReleasedInspection) return "Inspection in progress";
  if (kind == kReleasedSummary) return "You said, we did";
  if (kind == kReleasedReport) return "Joint inspection report";
  if (kind == kReleasedTracker) return "Quarterly recommendations tracker";
  return "Consultation";
}

// "2026-11-30T09:00:00.000000Z" -> "30 November 2026".
std::string ReleasedOn(const ReleasedItem& item) {
  return DateInWords(item.released_at.substr(0, 10));
}

// "2026-11-30T09:00:00.000000Z" -> "30 Tachwedd 2026".
std::string ReleasedOnInWelsh(const ReleasedItem& item) {
  static constexpr const char* kMonths[] = {"Ionawr", "Chwefror", "Mawrth",     "Ebrill",
                                            "Mai",    "Mehefin",  "Gorffennaf", "Awst",
                                            "Medi",   "Hydref",   "Tachwedd",   "Rhagfyr"};
  const std::string& at = item.released_at;
  if (at.size() < 10) return at;
  const int month = std::atoi(at.substr(5, 2).c_str());
  const int day = std::atoi(at.substr(8, 2).c_str());
  if (month < 1 || month > 12) return at.substr(0, 10);
  return std::to_string(day) + " " + kMonths[month - 1] + " " + at.substr(0, 4);
}

// RFC 3339 as Atom wants it: the stored timestamp without its fraction.
std::string AtomTime(const std::string& at) {
  return at.size() >= 19 ? at.substr(0, 19) + "Z" : at;
}

// "2026-11-30T09:00:00.000000Z" -> "Mon, 30 Nov 2026 09:00:00 GMT", as
// Last-Modified wants it; empty when it is not a time.
std::string HttpDate(const std::string& at) {
  std::tm tm{};
  std::istringstream in(at.substr(0, 19));
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
  if (in.fail()) return "";
  const std::time_t t = timegm(&tm);
  gmtime_r(&t, &tm);
  char text[40];
  const size_t n = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(text, n);
}

// Public pages may be kept by browsers and caches for a while, but only
// as anyone sees them: a signed-in page holds the person's own links, so it
// keeps the site's no-store. With `version` (what the page is drawn from:
// its release time, or for a report its whole released copy), an ETag
// drawn from the address and `version`, and Last-Modified from `changed_at`
// (when the copy last changed; `version` when not given): a repeat request
// that sends either back is answered 304.
bool CachedPublicly(const Request& req, Response& res, const RequestContext& ctx,
                    const std::string& version = "", const std::string& changed_at = "") {
  if (!ctx.caller.anonymous()) return false;
  MayBeKeptPublicly(ctx, res);
  if (version.empty()) return false;
  const std::string etag = "\"" + Sha256Hex(req.path + "\n" + version).substr(0, 32) + "\"";
  res.SetHeader("ETag", etag);
  const std::string modified = HttpDate(changed_at.empty() ? version : changed_at);
  if (!modified.empty()) res.SetHeader("Last-Modified", modified);
  if (NotModified(req, etag, modified)) {
    res.status = 304;
    return true;
  }
  return false;
}

// A public file is rendered only when the visitor's copy is out of date
// (CachedPublicly answers 304 first); one that failed to render is not kept.
void NotKeptIfFailed(Response& res) {
  if (res.status < 400) return;
  res.SetHeader("Cache-Control", "no-store");
  std::erase_if(res.headers, [](const auto& header) {
    return header.first == "ETag" || header.first == "Last-Modified" || header.first == "Vary";
  });
}

// When a released report last changed: its publication, or the newest
// owner's response released with it since (see ReleaseResponse in
// service/tracker_service.cc).
std::string ReportChangedAt(const ReleasedItem& item, const json& content) {
  const std::string responses =
      content.is_object() ? content.value("responses_at", std::string()) : std::string();
  return std::max(item.released_at, responses);
}

// When any released item last changed, for feeds and the sitemap.
std::string ChangedAt(const ReleasedItem& item) {
  if (!item.changed_at.empty()) return item.changed_at;  // as the database read it
  if (item.kind != kReleasedReport) return item.released_at;
  return ReportChangedAt(item, json::parse(item.content, nullptr, false));
}

// Beside each recommendation (or concern), its owner's response as the
// report's released copy holds it: answer, words, actions planned, and the
// status the owner reports beside the one the inspectorate verified.
void AddResponses(json& asks, const json& content) {
  const json none = json::object();
  const json& responses =
      content.is_object() && content.contains("responses") && content["responses"].is_object()
          ? content["responses"]
          : none;
  for (auto& ask : asks) {
    ask["on_tracker"] = true;
    const std::string number = std::to_string(ask.value("number", 0));
    if (!responses.contains(number)) continue;
    const json& r = responses[number];
    const std::string answer = r.value("answer", "");
    if (!answer.empty()) {
      const std::string on = r.value("responded_on", "");
      ask["response"] = answer + (on.empty() ? "" : " on " + DateInWords(on));
    }
    ask["accepted_part"] = r.value("accepted_part", "");
    ask["not_accepted_why"] = r.value("reason", "");
    json actions = json::array();
    for (const auto& a : r.value("actions", json::array())) {
      actions.push_back({{"what", a.value("what", "")}, {"by", DateInWords(a.value("by", ""))}});
    }
    ask["actions"] = actions;
    ask["has_actions"] = !actions.empty();
    ask["reported"] = r.value("reported", "");
    ask["verified"] = r.value("verified", "");
  }
}

// The snippet's text, each found word marked (see ReleasedHit): parts the
// template escapes one by one.
json SnippetParts(const std::string& snippet) {
  json parts = json::array();
  std::string text;
  bool marked = false;
  auto flush = [&] {
    if (!text.empty()) parts.push_back({{"text", text}, {"mark", marked}});
    text.clear();
  };
  for (char c : snippet) {
    if (c == '\x01' || c == '\x02') {
      flush();
      marked = c == '\x01';
    } else {
      text.push_back(c);
    }
  }
  flush();
  return parts;
}

json ListItems(const std::vector<ReleasedItem>& items) {
  json out = json::array();
  for (const auto& item : items) {
    // A Welsh version is marked as Welsh for screen readers and browsers.
    out.push_back({{"href", PageOf(item)},
                   {"title", item.title},
                   {"summary", item.summary},
                   {"lang", item.language == "en" ? "" : item.language},
                   {"released", ReleasedOn(item)}});
  }
  return out;
}

json ContactJson(const SiteContacts::Contact& c) {
  return {{"name", c.name}, {"address", c.address}, {"website", c.website}, {"email", c.email}};
}

// The joint secretariat's contact details, and the controllers of what
// is held about people.
void AddContacts(json& d, const SiteContacts& contacts) {
  if (contacts.secretariat) d["secretariat"] = ContactJson(*contacts.secretariat);
  json inspectorates = json::array();
  for (const auto& c : contacts.inspectorates) inspectorates.push_back(ContactJson(c));
  d["inspectorates"] = inspectorates;
  d["has_inspectorates"] = !inspectorates.empty();
}

}  // namespace

void WebsiteFeature::RegisterPages() {
  const auto page = Surface::kPage;
  const auto open = Permission::kPublic;
  Route("GET", "/business-plans", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto plans = site_.List(kReleasedBusinessPlan);
          if (!plans.ok()) return Fail(req, res, page, ctx, plans.status());
          json d = Base(ctx, "Joint inspection business plans", "website_plans");
          d["has_items"] = !plans->empty();
          Status shown = ShowPageOf(req, "/business-plans", ListItems(*plans), 20, d, "items");
          if (!shown.ok()) return Fail(req, res, page, ctx, shown);
          d["back"] = "/";
          CachedPublicly(req, res, ctx);
          Html(res, "public_plans", d);
        });
  Route("GET", R"(/business-plans/(\d+))", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto plan = site_.Get(kReleasedBusinessPlan, req.Capture(1));
          if (!plan.ok()) return Fail(req, res, page, ctx, plan.status());
          if (CachedPublicly(req, res, ctx, plan->released_at + "\n" + plan->content,
                             plan->released_at)) {
            return;
          }
          json d = Base(ctx, plan->title, "website_plans");
          d["plan"] = json::parse(plan->content, nullptr, false);
          d["has_signatories"] =
              d["plan"].is_object() && !d["plan"].value("signatories", json::array()).empty();
          d["published"] = ReleasedOn(*plan);
          d["has_files"] = PlanDocumentFromReleased(d["plan"]).has_value();
          d["plan_id"] = plan->slug;
          d["back"] = "/business-plans";
          Html(res, "public_plan", d);
        });
  // The published business plan as files, rendered from its released copy.
  Route("GET", R"(/business-plans/(\d+)/business-plan\.(docx|pdf))", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto item = site_.Get(kReleasedBusinessPlan, req.Capture(1));
          if (!item.ok()) return Fail(req, res, page, ctx, item.status());
          auto plan = PlanDocumentFromReleased(json::parse(item->content, nullptr, false));
          if (!plan) return Fail(req, res, page, ctx, NotFound("There is nothing published here"));
          if (CachedPublicly(req, res, ctx, item->released_at + "\n" + item->content,
                             item->released_at)) {
            return;
          }
          SendDocument(res, ToDocument(*plan), req.Capture(2),
                       "joint-inspection-business-plan-" + plan->year_label);
          NotKeptIfFailed(res);
        });
  Route("GET", "/open-consultations", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto rounds = site_.OpenConsultations();
          if (!rounds.ok()) return Fail(req, res, page, ctx, rounds.status());
          json d = Base(ctx, "Consultations", "website_consultations");
          json items = json::array();
          for (const auto& r : *rounds) {
            items.push_back({{"id", r.id}, {"title", r.title}, {"deadline", r.deadline.ToLong()}});
          }
          d["items"] = items;
          d["has_items"] = !items.empty();
          d["back"] = "/";
          CachedPublicly(req, res, ctx);
          Html(res, "public_consultations", d);
        });
  Route("GET", "/you-said-we-did", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto summaries = site_.List(kReleasedSummary);
          if (!summaries.ok()) return Fail(req, res, page, ctx, summaries.status());
          json d = Base(ctx, "You said, we did", "website_consultations");
          d["has_items"] = !summaries->empty();
          Status shown = ShowPageOf(req, "/you-said-we-did", ListItems(*summaries), 20, d, "items");
          if (!shown.ok()) return Fail(req, res, page, ctx, shown);
          d["back"] = "/";
          CachedPublicly(req, res, ctx);
          Html(res, "public_summaries", d);
        });
  Route("GET", "/search", page, open, By(&WebsiteFeature::SearchPage));
  Route("GET", R"(/cy/(reports|inspections-in-progress|consultations)/(\d+))", page, open,
        By(&WebsiteFeature::WelshPage));
  RegisterReports();
  RegisterTrackers();
  for (const auto& [path, title, which] :
       {std::tuple{"/joint-inspection-framework", "The joint inspection framework", "framework"},
        std::tuple{"/accessibility", "Accessibility statement", "accessibility"},
        std::tuple{"/privacy", "Privacy notice", "privacy"}}) {
    Route("GET", path, page, open,
          [this, page, title, which](const Request& req, Response& res, RequestContext& ctx) {
            json d = Base(ctx, title, "");
            d["back"] = "/";
            if (std::string_view(which) != "framework") {
              auto contacts = site_.Contacts();
              if (!contacts.ok()) return Fail(req, res, page, ctx, contacts.status());
              AddContacts(d, *contacts);
            }
            CachedPublicly(req, res, ctx);
            Html(res, std::string("public_") + which, d);
          });
  }
}

// The search page: what was typed is kept in the box; an error at the box
// when it is too long or holds no word to search for.
void WebsiteFeature::SearchPage(const Request& req, Response& res, RequestContext& ctx) {
  const std::string typed = Param(req, "q");
  json d = Base(ctx, "Search", "website_search");
  d["q"] = typed;
  d["back"] = "/";
  auto refuse = [&](const std::string& text) {
    d["errors"] = json::array({{{"field", "q"}, {"href", "#q"}, {"text", text}}});
    d["has_errors"] = true;
    d["q_error"] = text;
    Html(res, "public_search", d, 400);
  };
  if (typed.size() > kMaxSearchChars) {
    return refuse("Search for " + std::to_string(kMaxSearchChars) + " characters or fewer");
  }
  if (!req.HasParam("q")) {
    CachedPublicly(req, res, ctx);
    return Html(res, "public_search", d);
  }
  auto paging = ReadPaging(req, kPublicPageSize);
  if (!paging.ok()) return Fail(req, res, Surface::kPage, ctx, paging.status());
  auto found = site_.Search(typed, paging->limit, paging->offset);
  if (found.status().code() == StatusCode::kInvalidArgument) {
    return refuse(found.status().message());
  }
  if (!found.ok()) return Fail(req, res, Surface::kPage, ctx, found.status());
  if (auto better = PageToShowInstead(req, "/search", found->total, paging->limit, paging->offset,
                                      found->hits.size())) {
    res.Redirect(*better);
    return;
  }
  json results = json::array();
  for (const auto& hit : found->hits) {
    results.push_back({{"href", PageOf(hit.item)},
                       {"title", hit.item.title},
                       {"welsh", hit.item.language == "cy"},
                       {"kind", ReleasedKindInWords(hit.item.kind)},
                       {"released", ReleasedOn(hit.item)},
                       {"snippet", SnippetParts(hit.snippet)}});
  }
  d["searched"] = true;
  d["results"] = results;
  d["count"] = Count(found->total, "result", "results");
  d["has_results"] = !results.empty();
  d["pagination"] = Pagination(req, "/search", found->total, paging->limit, paging->offset);
  CachedPublicly(req, res, ctx);
  Html(res, "public_search", d);
}

// A Welsh version released with its English one: its words in Welsh
// (lang="cy"), the language switch back to the English page.
void WebsiteFeature::WelshPage(const Request& req, Response& res, RequestContext& ctx) {
  const std::string section = req.Capture(1);
  const std::string_view kind = section == "reports"                   ? kReleasedReport
                                : section == "inspections-in-progress" ? kReleasedInspection
                                                                       : kReleasedConsultation;
  auto welsh = site_.Welsh(kind, req.Capture(2));
  if (!welsh.ok()) return Fail(req, res, Surface::kPage, ctx, welsh.status());
  if (!*welsh) {
    return Fail(req, res, Surface::kPage, ctx,
                NotFound("There is nothing published in Welsh at this address"));
  }
  const ReleasedItem& item = **welsh;
  if (CachedPublicly(req, res, ctx, item.released_at + "\n" + item.content, item.released_at)) {
    return;
  }
  const json content = json::parse(item.content, nullptr, false);
  const std::string text = content.is_object() ? content.value("text", "") : "";
  ReleasedItem english = item;
  english.language = "en";
  json d = Base(ctx, item.title, kind == kReleasedReport ? "website_reports" : "");
  d["language_switch"] = {{"english", PageOf(english)}, {"in_welsh", true}};
  // The page is in Welsh; the service's own header and footer stay English.
  d["page_lang"] = "cy";
  d["caption"] = kind == kReleasedReport       ? "Adroddiad arolygiad ar y cyd"
                 : kind == kReleasedInspection ? "Cylch gorchwyl arolygiad ar y cyd"
                                               : "Ymgynghoriad";
  d["title"] = item.title;
  d["summary"] = item.summary;
  d["published"] = ReleasedOnInWelsh(item);
  json paragraphs = json::array();
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.find_first_not_of(" \t\r") != std::string::npos) paragraphs.push_back(line);
    start = end + 1;
  }
  d["paragraphs"] = paragraphs;
  if (kind == kReleasedConsultation) d["respond"] = PageOf(english);
  Html(res, "public_welsh", d);
}

// Stage 7's published reports, from their released copies: nothing of a
// report is here before the moment it is published.
void WebsiteFeature::RegisterReports() {
  const auto page = Surface::kPage;
  const auto open = Permission::kPublic;
  Route("GET", "/reports", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, kPublicPageSize);
          if (!paging.ok()) return Fail(req, res, page, ctx, paging.status());
          auto reports = site_.Page(kReleasedReport, paging->limit, paging->offset);
          if (!reports.ok()) return Fail(req, res, page, ctx, reports.status());
          if (auto better = PageToShowInstead(req, "/reports", reports->total, paging->limit,
                                              paging->offset, reports->items.size())) {
            res.Redirect(*better);
            return;
          }
          json d = Base(ctx, "Joint inspection reports", "website_reports");
          d["items"] = ListItems(reports->items);
          d["has_items"] = reports->total > 0;
          d["pagination"] =
              Pagination(req, "/reports", reports->total, paging->limit, paging->offset);
          d["back"] = "/";
          CachedPublicly(req, res, ctx);
          Html(res, "public_reports", d);
        });
  Route("GET", R"(/reports/(\d+))", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          std::optional<ReleasedItem> welsh;
          auto item = site_.Get(kReleasedReport, req.Capture(1), &welsh);
          if (!item.ok()) return Fail(req, res, page, ctx, item.status());
          const json content = json::parse(item->content, nullptr, false);
          // Its language switch changes the page when a Welsh version is
          // released after it.
          const std::string welsh_at = welsh ? welsh->released_at : "";
          if (CachedPublicly(req, res, ctx, item->released_at + "\n" + item->content + welsh_at,
                             std::max(ReportChangedAt(*item, content), welsh_at))) {
            return;
          }
          auto report = DraftReportFromJson(item->content);
          if (!report.ok()) return Fail(req, res, page, ctx, report.status());
          json d = Base(ctx, item->title, "website_reports");
          d.update(ReportPageJson(*report));
          AddResponses(d["asks"], content);
          d["published"] = ReleasedOn(*item);
          d["inspection"] = item->slug;
          if (welsh) d["language_switch"] = {{"welsh", PageOf(*welsh)}, {"in_welsh", false}};
          d["docx"] = "/reports/" + item->slug + "/report.docx";
          d["pdf"] = "/reports/" + item->slug + "/report.pdf";
          d["back"] = "/reports";
          Html(res, "public_report", d);
        });
  Route("GET", R"(/reports/(\d+)/report\.(docx|pdf))", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto item = site_.Get(kReleasedReport, req.Capture(1));
          if (!item.ok()) return Fail(req, res, page, ctx, item.status());
          // Its words never change once published (the owners' responses
          // are on its page, not in its files): cached by its release.
          if (CachedPublicly(req, res, ctx, item->released_at)) return;
          auto report = DraftReportFromJson(item->content);
          if (!report.ok()) return Fail(req, res, page, ctx, report.status());
          SendDocument(res, ReportDocument(*report), req.Capture(2), ReportFileStem(*report));
          NotKeptIfFailed(res);
        });
}

void WebsiteFeature::RegisterFeeds() {
  const auto page = Surface::kPage;
  Route(
      "GET",
      R"(/feeds/(business-plans|inspections-in-progress|consultations|you-said-we-did|reports|trackers)\.atom)",
      page, Permission::kPublic,
      [this, page](const Request& req, Response& res, RequestContext& ctx) {
        const Section* section = nullptr;
        for (const auto& s : kSections) {
          if (req.Capture(1) == s.feed) section = &s;
        }
        if (!section) return Fail(req, res, page, ctx, NotFound("No such feed"));
        auto items = site_.Feed(section->kind);
        if (!items.ok()) return Fail(req, res, page, ctx, items.status());
        // The first entry changed last.
        const std::string updated =
            AtomTime(items->empty() ? "2000-01-01T00:00:00Z" : items->front().changed_at);
        if (CachedPublicly(req, res, ctx, updated)) return;
        // Atom wants absolute addresses; each id is its page's address,
        // which stays the same whenever the item is released again.
        const std::string base = PublicBase(req);
        const std::string self = base + "/feeds/" + section->feed + ".atom";
        std::string xml =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>" +
            XmlText(section->title) + "</title>\n<id>" + XmlText(self) +
            "</id>\n<link rel=\"self\" href=\"" + XmlText(self) + "\"/>\n<link href=\"" +
            XmlText(base + section->list) + "\"/>\n<updated>" + updated +
            "</updated>\n<author><name>Criminal Justice Joint "
            "Inspection</name></author>\n";
        for (const auto& item : *items) {
          const std::string address = XmlText(base + PageOf(item));
          xml += "<entry>\n<title>" + XmlText(item.title) + "</title>\n<id>" + address +
                 "</id>\n<link href=\"" + address + "\"/>\n<published>" +
                 AtomTime(item.released_at) + "</published>\n<updated>" +
                 AtomTime(item.changed_at) + "</updated>\n<summary>" + XmlText(item.summary) +
                 "</summary>\n</entry>\n";
        }
        xml += "</feed>\n";
        res.SetContent(std::move(xml), "application/atom+xml; charset=utf-8");
      });
  Route("GET", "/sitemap.xml", page, Permission::kPublic,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto items = site_.Usable();
          if (!items.ok()) return Fail(req, res, page, ctx, items.status());
          CachedPublicly(req, res, ctx);
          std::string xml =
              "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
              "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
          // A sitemap lists absolute addresses.
          const std::string base = PublicBase(req);
          auto url = [&](const std::string& loc, const std::string& at) {
            xml += "<url><loc>" + XmlText(base + loc) + "</loc>" +
                   (at.empty() ? "" : "<lastmod>" + at.substr(0, 10) + "</lastmod>") + "</url>\n";
          };
          for (const char* fixed :
               {"/", "/business-plans", "/joint-inspection-framework", "/inspections-in-progress",
                "/open-consultations", "/you-said-we-did", "/reports", "/trackers", "/search",
                "/accessibility", "/privacy"}) {
            url(fixed, "");
          }
          for (const auto& item : *items) url(PageOf(item), ChangedAt(item));
          xml += "</urlset>\n";
          res.SetContent(std::move(xml), "application/xml; charset=utf-8");
        });
}

// The quarterly recommendations trackers, from their released copies: each
// frozen when published and never changed (R21).
namespace {

// The quarter a tracker's address names: "2026-27-q2".
std::string TrackerSlug(const Request& req) {
  return req.Capture(1) + "-" + req.Capture(2) + "-q" + req.Capture(3);
}

std::vector<std::vector<std::string>> TrackerRows(const QuarterlyTrackerView& v) {
  std::vector<std::vector<std::string>> rows = {
      {"Recommendation", "Owner", "What it asks", "Owner's response", "Status the owner reports",
       "Status verified by the inspectorate", "Target date"}};
  for (const auto& l : v.lines) {
    rows.push_back(
        {l.reference, l.owner, l.text, l.answer, l.reported, l.verified, DateInWords(l.target)});
  }
  return rows;
}

Document TrackerDocument(const QuarterlyTrackerView& v) {
  using Kind = DocumentBlock::Kind;
  Document doc;
  doc.title = "Recommendations tracker: " + v.in_words;
  doc.footer = "Criminal justice joint inspection: recommendations tracker, " + v.in_words;
  doc.Add(Kind::kTitle, doc.title);
  doc.Add(Kind::kParagraph,
          "Every recommendation and concern of the criminal justice joint "
          "inspectorates' reports as it stood on " +
              DateInWords(v.ends_on) + ".");
  if (!v.previous_slug.empty()) {
    doc.Add(Kind::kHeading1, "What moved since " + v.previous_in_words).KeepWithNext();
    if (v.moves.empty()) doc.Add(Kind::kParagraph, "Nothing moved.");
    for (const auto& m : v.moves) doc.Add(Kind::kNumbered, m.what, m.reference);
  }
  doc.Add(Kind::kHeading1, "Recommendations and concerns").KeepWithNext();
  for (const auto& l : v.lines) {
    doc.Add(Kind::kHeading2, l.reference).KeepWithNext();
    doc.Add(Kind::kParagraph, l.text);
    doc.Add(Kind::kNumbered, l.owner, "Owner");
    doc.Add(Kind::kNumbered, l.answer, "Owner's response");
    doc.Add(Kind::kNumbered, l.reported, "Status the owner reports");
    doc.Add(Kind::kNumbered, l.verified, "Status verified by the inspectorate");
    doc.Add(Kind::kNumbered, DateInWords(l.target), "Target date");
  }
  doc.Add(Kind::kNote, "Digest (SHA-256) of this tracker as frozen: " + v.digest);
  return doc;
}

}  // namespace

void WebsiteFeature::RegisterTrackers() {
  const auto page = Surface::kPage;
  const auto open = Permission::kPublic;
  Route("GET", "/trackers", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto trackers = site_.List(kReleasedTracker);
          if (!trackers.ok()) return Fail(req, res, page, ctx, trackers.status());
          json d = Base(ctx, "Quarterly recommendations trackers", "website_trackers");
          d["has_items"] = !trackers->empty();
          Status shown = ShowPageOf(req, "/trackers", ListItems(*trackers), 20, d, "items");
          if (!shown.ok()) return Fail(req, res, page, ctx, shown);
          d["back"] = "/";
          CachedPublicly(req, res, ctx);
          Html(res, "public_trackers", d);
        });
  Route("GET", R"(/trackers/(\d+)-(\d+)-q(\d+))", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto item = site_.Get(kReleasedTracker, TrackerSlug(req));
          if (!item.ok()) return Fail(req, res, page, ctx, item.status());
          if (CachedPublicly(req, res, ctx, item->released_at)) return;
          auto v = QuarterlyTrackerFromJson(item->content);
          if (!v.ok()) return Fail(req, res, page, ctx, v.status());
          json d = Base(ctx, item->title, "website_trackers");
          d["in_words"] = v->in_words;
          d["ends_on"] = DateInWords(v->ends_on);
          d["published"] = ReleasedOn(*item);
          d["digest"] = v->digest;
          d["digest_matches"] = v->digest_matches;
          json lines = json::array();
          for (const auto& l : v->lines) {
            lines.push_back({{"reference", l.reference},
                             {"owner", l.owner},
                             {"text", l.text},
                             {"answer", l.answer},
                             {"reported", l.reported},
                             {"verified", l.verified},
                             {"target", DateInWords(l.target)}});
          }
          d["lines"] = lines;
          d["has_lines"] = !lines.empty();
          json moves = json::array();
          for (const auto& m : v->moves) {
            moves.push_back({{"reference", m.reference}, {"what", m.what}});
          }
          d["moves"] = moves;
          d["has_moves"] = !moves.empty();
          d["has_previous"] = !v->previous_slug.empty();
          d["previous"] = v->previous_in_words;
          d["previous_href"] = "/trackers/" + v->previous_slug;
          d["files"] = "/trackers/" + item->slug + "/tracker";
          d["back"] = "/trackers";
          Html(res, "public_tracker", d);
        });
  Route("GET", R"(/trackers/(\d+)-(\d+)-q(\d+)/tracker\.(csv|xlsx|pdf))", page, open,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto item = site_.Get(kReleasedTracker, TrackerSlug(req));
          if (!item.ok()) return Fail(req, res, page, ctx, item.status());
          auto v = QuarterlyTrackerFromJson(item->content);
          if (!v.ok()) return Fail(req, res, page, ctx, v.status());
          const std::string stem = "recommendations-tracker-" + item->slug;
          const std::string format = req.Capture(4);
          if (format == "csv") {
            return Download(res, RowsToCsv(TrackerRows(*v)), "text/csv; charset=utf-8",
                            stem + ".csv");
          }
          if (format == "xlsx") {
            auto xlsx = RenderXlsx("Recommendations tracker", TrackerRows(*v));
            if (!xlsx.ok()) return Fail(req, res, page, ctx, xlsx.status());
            return Download(res, *xlsx,
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            stem + ".xlsx");
          }
          SendDocument(res, TrackerDocument(*v), "pdf", stem);
        });
}

}  // namespace jointly::web
