// GOV.UK pages of consultation: the public response form (no sign-in), and
// what consultees said about a proposal.
#include "core/crypto.h"
#include "core/text.h"
#include "web/app.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

void App::RegisterConsultationPages() {
  const auto page = Surface::kPage;

  // The form, with a CSRF token bound to a pre-session cookie as on the
  // sign-in page. Shows only the round's title, deadline and questions.
  auto form = [this](const httplib::Request& req, httplib::Response& res, RequestContext& ctx,
                     const ConsultationRound& round, const ConsultationResponse& entered,
                     const Status& error, int status) {
    json d = Base(ctx, round.title, "consultation");
    std::string pre = GetCookie(req, kPreSessionCookie);
    if (pre.empty()) {
      pre = RandomToken(32);
      res.set_header("Set-Cookie", CookieHeader(kPreSessionCookie, pre, config_.secure_cookies));
    }
    if (ctx.caller.anonymous()) d["csrf_token"] = pre;
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
    d["round"] = {{"id", round.id}, {"title", round.title}, {"deadline", round.deadline}};
    d["sections"] = sections;
    d["entered"] = {{"name", entered.name},
                    {"organisation", entered.organisation},
                    {"on_behalf_of", entered.on_behalf_of},
                    {"consent", entered.consent_to_publish}};
    const Status open = AcceptsOnlineResponses(round, FormatIsoDate(DayOf(clock_.NowMicros())));
    d["open"] = open.ok();
    d["closed_message"] = open.ok() ? "" : open.message();
    Html(res, "consult_respond", d, status);
  };

  Route("GET", R"(/consultations/(\d+)/respond)", page, Permission::kPublic,
        [this, form](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto round = id ? consultation_.PublicRound(*id)
                          : StatusOr<ConsultationRound>(NotFound("No such consultation"));
          if (!round.ok()) return Fail(req, res, page, ctx, round.status());
          form(req, res, ctx, *round, {}, OkStatus(), 200);
        });
  Route("POST", R"(/consultations/(\d+)/respond)", page, Permission::kPublic,
        [this, form](const httplib::Request& req, httplib::Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          auto round = id ? consultation_.PublicRound(*id)
                          : StatusOr<ConsultationRound>(NotFound("No such consultation"));
          if (!round.ok()) return Fail(req, res, page, ctx, round.status());
          ConsultationResponse r;
          r.round_id = *id;
          r.name = Field(req, "name");
          r.organisation = Field(req, "organisation");
          r.on_behalf_of = Field(req, "on_behalf_of");
          r.consent_to_publish = Checked(req, "consent_to_publish");
          const int questions = QuestionCount(*round);
          for (int n = 1; n <= questions; ++n) {
            const std::string key = "answer_" + std::to_string(n);
            std::string answer = Param(req, key.c_str());
            if (!Trim(answer).empty()) r.answers[n] = std::move(answer);
          }
          // A field people never see: only automated senders fill it in.
          if (!Param(req, "website").empty()) {
            return form(req, res, ctx, *round, r,
                        InvalidArgument("Your response could not be accepted", "spam"), 400);
          }
          auto saved = consultation_.SubmitOnline(r, req.remote_addr);
          if (!saved.ok()) {
            const Status renamed = RenameFields(saved.status(), [](const std::string& field) {
              if (field.rfind("answers.", 0) == 0) return "answer_" + field.substr(8);
              return field == "answers" ? std::string("answer_1") : field;
            });
            return form(req, res, ctx, *round, r, renamed, HttpStatusFor(saved.status().code()));
          }
          json d = Base(ctx, "Response received", "consultation");
          d["reference"] = *saved;
          d["round_title"] = round->title;
          Html(res, "consult_thanks", d);
        });
}

}  // namespace jointly::web
