// Welsh versions through /api/v1/welsh-versions/<kind>/<id>, as the
// OpenAPI document below states them.
#include <string>

#include "features/welsh/welsh_feature.h"
#include "web/api_schema.h"
#include "web/http.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

namespace {

constexpr char kKinds[] =
    R"(/api/v1/welsh-versions/(report|terms-of-reference|consultation)/(\d+))";
constexpr const char* kKindNames[] = {"report", "terms-of-reference", "consultation"};

json ViewJson(const WelshVersionView& v) {
  return {{"kind", WelshKindName(v.welsh.kind)},  {"record_id", v.welsh.record_id},
          {"english_title", v.english_title},     {"title", v.welsh.title},
          {"summary", v.welsh.summary},           {"text", v.welsh.text},
          {"version", v.welsh.version},           {"about_wales", v.about_wales},
          {"english_written", v.english_written}, {"english_released", v.english_released},
          {"welsh_released", v.welsh_released},   {"may_publish", v.may_publish},
          {"english_page", v.english_page},       {"welsh_page", v.welsh_page}};
}

}  // namespace

void WelshFeature::RegisterApi() {
  const auto api = Surface::kApi;
  Route("GET", kKinds, api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto v = welsh_.Get(ctx.caller, *WelshKindOf(req.Capture(1)),
                              WholeNumber(req.Capture(2)).value_or(0));
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ViewJson(*v));
        });
  Route("PUT", kKinds, api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          WelshVersion w;
          w.kind = std::string(*WelshKindOf(req.Capture(1)));
          w.record_id = WholeNumber(req.Capture(2)).value_or(0);
          w.version = in.Int("version", 0, INT64_MAX, true).value_or(0);
          w.title = in.String("title", kMaxWelshTitle, true).value_or("");
          w.summary = in.String("summary", kMaxWelshSummary, true).value_or("");
          w.text = in.String("text", kMaxWelshText, true).value_or("");
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto v = welsh_.Save(ctx.caller, std::move(w));
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ViewJson(*v));
        });
}

void WelshFeature::DocumentApi() {
  using namespace api;  // NOLINT: the schema vocabulary
  auto& doc = site().openapi();
  doc.AddTag("Welsh versions",
             "Welsh versions of published reports, terms of reference and consultations about "
             "bodies in Wales");
  doc.AddSchema("WelshVersion",
                Object({{"kind", OneOf({"report", "terms-of-reference", "consultation"})},
                        {"record_id", Integer().Says("The inspection's or consultation's id")},
                        {"english_title", String()},
                        {"title", String()},
                        {"summary", String()},
                        {"text", String().Says("Paragraphs separated by blank lines")},
                        {"version", Integer().Says("0 before it is first saved")},
                        {"about_wales", Boolean()},
                        {"english_written", Boolean()},
                        {"english_released", Boolean()},
                        {"welsh_released", Boolean()},
                        {"may_publish", Boolean()},
                        {"english_page", String()},
                        {"welsh_page", String()}})
                    .Require({"kind", "record_id", "title", "summary", "text", "version",
                              "about_wales", "english_released", "welsh_released"}));
  for (const char* name : kKindNames) {
    const std::string path = std::string("/welsh-versions/") + name + "/{id}";
    const std::string camel = std::string(name) == "report"               ? "Report"
                              : std::string(name) == "terms-of-reference" ? "TermsOfReference"
                                                                          : "Consultation";
    doc.AddOperation(
        "get", path,
        {.id = "getWelshVersionOf" + camel,
         .summary = "The Welsh version and where it stands",
         .tag = "Welsh versions",
         .description = "For those who may edit the record (the inspection's team; who runs "
                        "consultations). An inspection the caller does not see is not found.",
         .answer = "The Welsh version (version 0 when there is none yet)",
         .returns = Ref("WelshVersion"),
         .problems = {403, 404}});
    doc.AddOperation(
        "put", path,
        {.id = "saveWelshVersionOf" + camel,
         .summary = "Save the Welsh version; it is published with the English one",
         .tag = "Welsh versions",
         .description =
             "Every error at once: title, summary and text required; refused before the English "
             "one is written (rule welsh-needs-english, field text) and for a record not about "
             "bodies in Wales in the directory (rule welsh-only-for-wales, field record). Once "
             "the English one is published, only someone who may publish it may save, which "
             "publishes the Welsh version at once (rule welsh-released-with-english). Saving "
             "what is held changes nothing.",
         .body = Object({{"version", Integer().Min(0)},
                         {"title", String().MaxChars(kMaxWelshTitle).NonBlank()},
                         {"summary", String().MaxChars(kMaxWelshSummary).NonBlank()},
                         {"text", String().MaxChars(kMaxWelshText).NonBlank()}})
                     .Require({"version", "title", "summary", "text"})
                     .Closed(),
         .answer = "Saved",
         .returns = Ref("WelshVersion"),
         .problems = {400, 403, 404, 409}});
  }
}

}  // namespace jointly::web
