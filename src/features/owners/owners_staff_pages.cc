// The pages of those who keep the recommendations tracker: the people of
// owner bodies and their invitation, and the quarterly trackers the joint
// secretariat publishes.
#include <string>

#include "domain/owners.h"
#include "features/owners/owners_feature.h"
#include "web/http.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

void OwnersFeature::RegisterStaffPages() {
  const auto page = Surface::kPage;
  Route("GET", "/owner-people", page, Permission::kTrackRecommendations,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto people = owners_.People(ctx.caller);
          if (!people.ok()) return Fail(req, res, page, ctx, people.status());
          json d = Base(ctx, "People who answer for owners of recommendations", "owner_people");
          json rows = json::array();
          for (const auto& p : *people) {
            rows.push_back({{"id", p.user.id},
                            {"name", p.user.name},
                            {"email", p.user.email},
                            {"owner", p.owner_name},
                            {"active", p.user.active},
                            {"signed_in", !p.user.must_change_password}});
          }
          d["rows"] = rows;
          d["has_rows"] = !rows.empty();
          Html(res, "owner_people", d);
        });
  Route("GET", "/owner-people/new", page, Permission::kTrackRecommendations,
        By(&OwnersFeature::InvitePage));
  Route("POST", "/owner-people/new", page, Permission::kTrackRecommendations,
        By(&OwnersFeature::InvitePage));
  for (const char* method : {"GET", "POST"}) {
    Route(method, R"(/owner-people/(\d+)/reinvite)", page, Permission::kTrackRecommendations,
          By(&OwnersFeature::ReinvitePage));
    Route(method, R"(/owner-people/(\d+)/withdraw)", page, Permission::kTrackRecommendations,
          By(&OwnersFeature::WithdrawPage));
  }
  Route("GET", R"(/owner-people/(\d+)/invited)", page, Permission::kTrackRecommendations,
        By(&OwnersFeature::InvitedPage));

  Route("GET", "/quarterly-trackers", page, Permission::kPublishTracker,
        [this, page](const Request& req, Response& res, RequestContext& ctx) {
          auto published = trackers_.List(ctx.caller);
          if (!published.ok()) return Fail(req, res, page, ctx, published.status());
          json d = Base(ctx, "Quarterly recommendations trackers", "quarterly_trackers");
          json rows = json::array();
          for (const auto& t : published->trackers) {
            const auto q = QuarterFromSlug(t.quarter);
            rows.push_back({{"href", "/trackers/" + t.quarter},
                            {"quarter", q ? QuarterInWords(*q) : t.quarter},
                            {"published", TimestampInWords(t.published_at)},
                            {"digest", t.digest}});
          }
          d["has_rows"] = !rows.empty();
          Status shown = ShowPageOf(req, "/quarterly-trackers", std::move(rows), 20, d, "rows");
          if (!shown.ok()) return Fail(req, res, page, ctx, shown);
          d["next"] = QuarterInWords(published->next);
          d["next_published"] = published->next_published;
          Html(res, "quarterly_trackers", d);
        });
  for (const char* method : {"GET", "POST"}) {
    Route(method, "/quarterly-trackers/publish", page, Permission::kPublishTracker,
          [this, page](const Request& req, Response& res, RequestContext& ctx) {
            auto published = trackers_.List(ctx.caller);
            if (!published.ok()) return Fail(req, res, page, ctx, published.status());
            const std::string quarter = QuarterInWords(published->next);
            if (req.method == "GET") {
              return ConfirmPage(
                  req, res, ctx,
                  {.title = "Publish the tracker for " + quarter + "?",
                   .caption = "Quarterly recommendations tracker",
                   .points = {"Every recommendation and concern on the tracker is frozen as it "
                              "stood at the quarter's end, compared with the previous quarter, "
                              "and published on the public website with its CSV, Excel and PDF "
                              "files.",
                              "Once published it is never changed."},
                   .button = "Publish the tracker"});
            }
            auto v = trackers_.Publish(ctx.caller, published->next);
            if (!v.ok()) return Fail(req, res, page, ctx, v.status());
            res.Redirect(WithNotice("/quarterly-trackers", "tracker-published"));
          });
  }
}

void OwnersFeature::InvitePage(const Request& req, Response& res, RequestContext& ctx) {
  auto owners = owners_.Owners(ctx.caller);
  if (!owners.ok()) return Fail(req, res, Surface::kPage, ctx, owners.status());
  json d = Base(ctx, "Invite someone to answer for an owner", "owner_people");
  d["back"] = "/owner-people";
  int status = 200;
  const std::string owner = Param(req, "owner_id");
  if (req.method == "POST") {
    User u;
    u.name = Param(req, "name");
    u.email = Param(req, "email");
    u.owner_id = ParseInt(owner, 1, INT64_MAX);
    auto invited = owners_.Invite(ctx.caller, u, PublicBase(req));
    if (invited.ok() && invited->mailed.ok()) {
      return res.Redirect(WithNotice("/owner-people", "owner-invited"));
    }
    // Not e-mailed: the inviter passes the one-time password on.
    if (invited.ok()) return ShowInvitation(res, *invited);
    AddErrors(d, invited.status());
    status = HttpStatusFor(invited.status().code());
  }
  std::vector<std::pair<std::string, std::string>> options = {{"", "Choose the owner"}};
  for (const auto& b : *owners) options.emplace_back(std::to_string(b.id), b.name);
  json select = FormField(d, "owner_id", "Organisation they answer for", owner,
                          "A body of the directory: a police force, a government department...");
  select["options"] = Options(options, owner);
  d["f_owner"] = select;
  d["f_name"] = FormField(d, "name", "Full name", Param(req, "name"));
  d["f_email"] = FormField(d, "email", "Email address", Param(req, "email"),
                           "We will e-mail them how to sign in");
  d["action"] = "/owner-people/new";
  Html(res, "owner_invite", d, status);
}

namespace {
constexpr char kInvitationCookie[] = "jointly_owner_invitation";

// The person of an owner body that `req`'s address names, from the list of
// them: NotFound for anyone else.
StatusOr<OwnerPerson> PersonOf(OwnerService& owners, const Request& req, const Caller& caller) {
  const int64_t id = PathId(req).value_or(0);
  ASSIGN_OR_RETURN(auto people, owners.People(caller));
  for (auto& p : people) {
    if (p.user.id == id) return std::move(p);
  }
  return NotFound("No person of an owner body has that number");
}
}  // namespace

void OwnersFeature::ShowInvitation(Response& res, const Invitation& invited) {
  const int64_t id = invited.created.user.id;
  const bool unconfigured = invited.mailed.rule() == "mail-not-configured";
  RedirectToShowOnce(
      res, kInvitationCookie, id, invited.created.one_time_password, config().secure_cookies,
      "/owner-people/" + std::to_string(id) + "/invited" + (unconfigured ? "?unconfigured=1" : ""));
}

void OwnersFeature::InvitedPage(const Request& req, Response& res, RequestContext& ctx) {
  auto person = PersonOf(owners_, req, ctx.caller);
  if (!person.ok()) return Fail(req, res, Surface::kPage, ctx, person.status());
  json d = Base(ctx, "Invitation not e-mailed", "owner_people");
  d["why"] = req.HasParam("unconfigured") ? "E-mail is not set up on this service"
                                          : "The e-mail could not be sent";
  d["email"] = person->user.email;
  d["owner"] = person->owner_name;
  if (auto password =
          TakeShownOnce(req, res, kInvitationCookie, person->user.id, config().secure_cookies)) {
    d["one_time_password"] = *password;
  } else {
    d["shown_already"] = true;
  }
  res.SetHeader("Cache-Control", "no-store");
  Html(res, "owner_invited", d);
}

void OwnersFeature::ReinvitePage(const Request& req, Response& res, RequestContext& ctx) {
  auto person = PersonOf(owners_, req, ctx.caller);
  if (!person.ok()) return Fail(req, res, Surface::kPage, ctx, person.status());
  if (req.method == "GET") {
    return ConfirmPage(
        req, res, ctx,
        {.title = "Invite " + person->user.name + " again?",
         .caption = person->owner_name,
         .points = {"A new one-time password is e-mailed to " + person->user.email +
                        ". The one they had no longer works, and they are signed out.",
                    person->user.active ? "They then choose a password of their own."
                                        : "Their access, withdrawn, is given back."},
         .button = "Send a new invitation"});
  }
  auto invited = owners_.Reinvite(ctx.caller, person->user.id, PublicBase(req));
  if (!invited.ok()) return Fail(req, res, Surface::kPage, ctx, invited.status());
  if (!invited->mailed.ok()) return ShowInvitation(res, *invited);
  res.Redirect(WithNotice("/owner-people", "owner-reinvited"));
}

void OwnersFeature::WithdrawPage(const Request& req, Response& res, RequestContext& ctx) {
  auto person = PersonOf(owners_, req, ctx.caller);
  if (!person.ok()) return Fail(req, res, Surface::kPage, ctx, person.status());
  if (req.method == "GET") {
    return ConfirmPage(
        req, res, ctx,
        {.title = "Withdraw " + person->user.name + "'s access?",
         .caption = person->owner_name,
         .points = {person->user.email + " can no longer sign in: they are signed out at once.",
                    "What they sent stays on the tracker. You can invite them "
                    "again later."},
         .button = "Withdraw access",
         .warning = true});
  }
  auto withdrawn = owners_.Withdraw(ctx.caller, person->user.id);
  if (!withdrawn.ok()) return Fail(req, res, Surface::kPage, ctx, withdrawn.status());
  res.Redirect(WithNotice("/owner-people", "owner-withdrawn"));
}

}  // namespace jointly::web
