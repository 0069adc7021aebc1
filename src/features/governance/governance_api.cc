// /api/v1 routes of governance (R20, R10): members, meetings with their
// decisions and actions, referrals and reference groups. Every route here
// is described in openapi.json.
#include "features/governance/governance_feature.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// "body": cjcig, development_group or secretariat.
std::optional<GovernanceBody> ReadBody(JsonObjectReader& in) {
  auto v = in.String("body", 40, true);
  if (!v) return std::nullopt;
  auto body = ParseGovernanceBody(*v);
  if (!body) in.AddError("body", "one-of", "\"body\" is cjcig, development_group or secretariat");
  return body;
}

// The fields of a meeting sent, onto `m`: each one required when
// `creating`, any of them when changing it.
void ReadMeeting(JsonObjectReader& in, Meeting& m, bool creating) {
  if (in.Has("body") || creating) {
    if (auto b = ReadBody(in)) m.body = *b;
  }
  if (auto v = in.String("held_on", 10, creating)) m.held_on = *v;
  if (auto v = in.String("title", 200, creating)) m.title = *v;
  if (in.Has("agenda") || creating) {
    m.agenda.clear();
    // A missing title is the domain's to name.
    in.ObjectArray("agenda", 0, kMaxAgendaItems, true, [&](JsonObjectReader& a, size_t) {
      AgendaItem item;
      if (auto v = a.String("title", 500)) item.title = *v;
      if (auto v = a.String("paper", 500)) item.paper = *v;
      m.agenda.push_back(std::move(item));
    });
  }
  // Longer minutes are the domain's to name, with its other errors.
  if (auto v = in.String("minutes", 4 * kMaxMinutesChars)) m.minutes = *v;
  if (auto v = in.IdArray("attended", 200)) m.attended = *v;
}

}  // namespace

void GovernanceFeature::RegisterMemberAndMeetingApi() {
  const auto api = Surface::kApi;

  Route("GET", "/api/v1/governance", api, Permission::kSignedIn,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto v = governance_.Overview(ctx.caller);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200,
                   {{"members", ItemsJson(v->members)["items"]},
                    {"meetings", ItemsJson(v->meetings)["items"]},
                    {"open_actions", ItemsJson(v->open_actions)["items"]},
                    {"referrals", ItemsJson(v->referrals)["items"]},
                    {"reference_groups", ItemsJson(v->reference_groups)["items"]}});
        });
  RegisterRecordApi<Member>({
      .type = MemberRecord(),
      .path = "/governance/members",
      .tag = "Governance",
      .schema = "Member",
      .words = "members of CJCIG, the Development Group and the Joint Secretariat",
      .get = [this](const Caller& c, int64_t id) { return governance_.GetMember(c, id); },
      .create = [this](const Caller& c, Member m) { return governance_.AddMember(c, m); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Member&)>& change) {
            return governance_.UpdateMember(c, id, version, change);
          },
  });

  Route("POST", "/api/v1/meetings", api, Permission::kRecordGovernance,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          Meeting m;
          ReadMeeting(in, m, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = governance_.CreateMeeting(ctx.caller, m);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ToJson(*saved));
        });
  Route("GET", R"(/api/v1/meetings/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such meeting"));
          auto v = governance_.GetMeeting(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ToJson(*v));
        });
  Route("PATCH", R"(/api/v1/meetings/(\d+))", api, Permission::kRecordGovernance,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such meeting"));
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          Meeting unread;
          ReadMeeting(in, unread, false);
          if (!version) return SendProblem(res, in.Finish());
          // The body is read onto the meeting as stored; what could not be
          // read comes back with the checks of the rest.
          auto saved = governance_.UpdateMeeting(ctx.caller, *id, *version, [&](Meeting& m) {
            JsonObjectReader again(req.body);
            (void)again.Int("version", 1, INT64_MAX, true);
            ReadMeeting(again, m, false);
            return again.Finish();
          });
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 200, ToJson(*saved));
        });
}

void GovernanceFeature::RegisterMeetingBusinessApi() {
  const auto api = Surface::kApi;

  Route("POST", R"(/api/v1/meetings/(\d+)/decisions)", api, Permission::kRecordGovernance,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such meeting"));
          JsonObjectReader in(req.body);
          MeetingDecision d;
          d.meeting_id = *id;
          if (auto v = in.String("text", 5000, true)) d.text = *v;
          if (auto v = in.NullableInt("proposal_id", 1, INT64_MAX)) d.proposal_id = *v;
          if (auto v = in.NullableInt("joint_decision_id", 1, INT64_MAX)) {
            d.joint_decision_id = *v;
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = governance_.AddDecision(ctx.caller, d);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ToJson(*saved));
        });
  RegisterRecordApi<Action>({
      .type = ActionRecord(),
      .path = "/actions",
      .tag = "Governance",
      .schema = "Action",
      .words = "actions agreed at meetings",
      .create_path = "/meetings/{id}/actions",
      .parent_field = "meeting_id",
      .create = [this](const Caller& c, Action a) { return governance_.AddAction(c, a); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Action&)>& change) {
            return governance_.UpdateAction(c, id, version, change);
          },
  });
  Route("POST", R"(/api/v1/actions/(\d+)/done)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such action"));
          JsonObjectReader in(req.body);
          auto version = in.Int("version", 1, INT64_MAX, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = governance_.MarkActionDone(ctx.caller, *id, *version);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 200, ToJson(*saved));
        });
  Route("POST", R"(/api/v1/meetings/(\d+)/referrals)", api, Permission::kRecordGovernance,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such meeting"));
          JsonObjectReader in(req.body);
          Referral r;
          r.meeting_id = *id;
          if (auto v = in.String("subject", 200, true)) r.subject = *v;
          if (auto v = in.String("detail", 5000)) r.detail = *v;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = governance_.Refer(ctx.caller, r);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ToJson(*saved));
        });
  Route("POST", R"(/api/v1/referrals/(\d+)/decision)", api, Permission::kRecordGovernance,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such referral"));
          JsonObjectReader in(req.body);
          auto meeting = in.Int("meeting_id", 1, INT64_MAX, true);
          auto decision = in.String("decision", 5000, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = governance_.DecideReferral(ctx.caller, *id, *meeting, *decision);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 200, ToJson(*saved));
        });

  Route("POST", "/api/v1/reference-groups", api, Permission::kRecordGovernance,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          ReferenceGroup g;
          if (auto v = in.Int("proposal_id", 1, INT64_MAX, true)) g.proposal_id = *v;
          if (auto v = in.String("name", 200, true)) g.name = *v;
          // A missing name or organisation is the domain's to name.
          in.ObjectArray("members", 0, 100, false, [&](JsonObjectReader& m, size_t) {
            ReferenceGroupMember member;
            if (auto v = m.String("name", 200)) member.name = *v;
            if (auto v = m.String("organisation", 200)) member.organisation = *v;
            g.members.push_back(std::move(member));
          });
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = governance_.CreateReferenceGroup(ctx.caller, g);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ToJson(*saved));
        });
  Route("POST", R"(/api/v1/reference-groups/(\d+)/members)", api, Permission::kRecordGovernance,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such reference group"));
          JsonObjectReader in(req.body);
          ReferenceGroupMember m;
          if (auto v = in.String("name", 200, true)) m.name = *v;
          if (auto v = in.String("organisation", 200, true)) m.organisation = *v;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = governance_.AddGroupMember(ctx.caller, *id, m);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ToJson(*saved));
        });
  Route("POST", R"(/api/v1/reference-groups/(\d+)/advice)", api, Permission::kRecordGovernance,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such reference group"));
          JsonObjectReader in(req.body);
          Advice a;
          if (auto v = in.String("met_on", 10, true)) a.met_on = *v;
          if (auto v = in.String("advice", 5000, true)) a.advice = *v;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = governance_.AddAdvice(ctx.caller, *id, a);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ToJson(*saved));
        });
}

}  // namespace jointly::web
