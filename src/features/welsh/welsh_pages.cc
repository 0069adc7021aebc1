// The page on which staff enter a record's Welsh version: where it stands
// (about bodies in Wales or not, the English one written and published,
// the Welsh one published) and its title, summary and text in Welsh.
#include <string>

#include "features/welsh/welsh_feature.h"
#include "web/http.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

namespace {

constexpr char kKinds[] = R"(/welsh-versions/(report|terms-of-reference|consultation)/(\d+))";

std::string RecordKindInWords(std::string_view name) {
  if (name == "report") return "report";
  if (name == "terms-of-reference") return "terms of reference";
  return "consultation";
}

// The staff page that links to a record's Welsh version, to go back to.
std::string StaffPageOf(std::string_view name, const std::string& id) {
  if (name == "report") return "/inspections/" + id + "/publication";
  if (name == "terms-of-reference") return "/inspections/" + id + "/terms";
  return "/consultations/" + id;
}

}  // namespace

void WelshFeature::RegisterPages() {
  for (const char* method : {"GET", "POST"}) {
    Route(method, kKinds, Surface::kPage, Permission::kSignedIn, By(&WelshFeature::EditPage));
  }
}

void WelshFeature::EditPage(const Request& req, Response& res, RequestContext& ctx) {
  const auto page = Surface::kPage;
  const std::string name = req.Capture(1);
  const std::string_view kind = *WelshKindOf(name);
  const int64_t id = WholeNumber(req.Capture(2)).value_or(0);
  const std::string path = "/welsh-versions/" + name + "/" + req.Capture(2);
  auto v = welsh_.Get(ctx.caller, kind, id);
  if (!v.ok()) return Fail(req, res, page, ctx, v.status());
  json d = Base(ctx, "Welsh version of the " + RecordKindInWords(name), "");
  int status = 200;
  WelshVersion typed = v->welsh;
  if (req.method == "POST") {
    typed.title = Param(req, "title");
    typed.summary = Param(req, "summary");
    typed.text = Param(req, "text");
    typed.version = WholeNumber(Param(req, "version")).value_or(-1);
    auto saved = welsh_.Save(ctx.caller, typed);
    if (saved.ok()) {
      return res.Redirect(
          WithNotice(path, saved->welsh_released ? "welsh-released" : "welsh-saved"));
    }
    AddErrors(d, saved.status());
    status = HttpStatusFor(saved.status().code());
    // The refusal that concerns the record, not a box, links to what it says.
    if (d.contains("errors")) {
      json errors = json::array();
      for (auto e : d["errors"]) {
        if (e.value("href", "") == "#record") e["href"] = "#about-wales";
        errors.push_back(e);
      }
      d["errors"] = errors;
    }
  }
  d["caption"] = v->english_title;
  d["english_title"] = v->english_title;
  d["about_wales"] = v->about_wales;
  d["english_written"] = v->english_written;
  d["english_released"] = v->english_released;
  d["welsh_released"] = v->welsh_released;
  d["has_welsh"] = v->welsh.version > 0;
  d["english_page"] = v->english_page;
  d["back"] = StaffPageOf(name, req.Capture(2));
  d["welsh_page"] = v->welsh_page;
  d["kind_words"] = RecordKindInWords(name);
  d["may_save"] = v->about_wales && (!v->english_released || v->may_publish);
  d["publishes"] = v->english_released && v->may_publish;
  d["locked"] = v->english_released && !v->may_publish;
  d["f_title"] = FormField(d, "title", "Title in Welsh", typed.title);
  d["f_summary"] = FormField(d, "summary", "Summary in Welsh", typed.summary,
                             "A sentence or two, shown in lists and search results");
  d["f_text"] =
      FormField(d, "text", "Text in Welsh", typed.text, "Leave a blank line between paragraphs");
  d["version"] = req.method == "POST" ? Param(req, "version") : std::to_string(v->welsh.version);
  d["action"] = path;
  Html(res, "welsh_version", d, status);
}

}  // namespace jointly::web
