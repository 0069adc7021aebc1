// /api/v1 routes of consultation (R9, R10) and governance rotation (R20).
// Every route here is described in openapi.json.
#include "core/text.h"
#include "features/consultation/consultation_feature.h"
#include "web/body_query.h"
#include "web/record_routes.h"

namespace jointly::web {

using nlohmann::json;

namespace {

// name, organisation, on_behalf_of, answers {"1": "..."}, consent_to_publish.
void ReadResponse(JsonObjectReader& in, ConsultationResponse& r) {
  if (auto v = in.String("name", 200, true)) r.name = *v;
  if (auto v = in.String("organisation", 200)) r.organisation = *v;
  if (auto v = in.String("on_behalf_of", 200)) r.on_behalf_of = *v;
  if (auto v = in.Bool("consent_to_publish")) r.consent_to_publish = *v;
  if (const json* v = in.Value("answers", true)) {
    if (!v->is_object() || v->size() > 400) {
      in.AddError("answers", "type", "\"answers\" is an object of question number to answer text");
      return;
    }
    for (auto it = v->begin(); it != v->end(); ++it) {
      auto number = ParseInt(it.key(), 1, 400);
      if (!number || !it.value().is_string()) {
        in.AddError("answers." + it.key(), "type",
                    "Each answer is text keyed by its question number");
        continue;
      }
      r.answers[static_cast<int>(*number)] = it.value().get<std::string>();
    }
  }
}

}  // namespace

void ConsultationFeature::RegisterRoundApi() {
  const auto api = Surface::kApi;

  RegisterRecordApi<Contact>({
      .type = ContactRecord(),
      .path = "/contacts",
      .tag = "Consultation",
      .schema = "Contact",
      .words = "contacts consultations are sent to (one per e-mail address)",
      .list = [this](const Caller& c,
                     const RecordQuery& q) { return consultation_.ContactPage(c, q); },
      .get = [this](const Caller& c, int64_t id) { return consultation_.GetContact(c, id); },
      .create = [this](const Caller& c, Contact x) { return consultation_.CreateContact(c, x); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(Contact&)>& change) {
            return consultation_.UpdateContact(c, id, version, change);
          },
      .remove = [this](const Caller& c, int64_t id,
                       int64_t version) { return consultation_.DeleteContact(c, id, version); },
  });

  RegisterRecordApi<ResponseMark>({
      .type = ResponseMarkRecord(),
      .path = "/consultation-responses",
      .tag = "Consultation",
      .schema = "ResponseMark",
      .words = "markings of consultation responses (counted, or set aside as spam, a duplicate "
               "or withdrawn, with why)",
      .item_suffix = "/mark",
      .get = [this](const Caller& c, int64_t id) { return consultation_.GetResponseMark(c, id); },
      .update =
          [this](const Caller& c, int64_t id, int64_t version,
                 const std::function<Status(ResponseMark&)>& change) {
            return consultation_.MarkResponse(c, id, version, change);
          },
  });

  Route("GET", "/api/v1/consultations", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto all = consultation_.Rounds(ctx.caller);
          if (!all.ok()) return SendProblem(res, all.status());
          SendJson(res, 200, SlicePage(*all, paging->limit, paging->offset));
        });
  Route("POST", "/api/v1/consultations", api, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          ConsultationRound r;
          if (auto v = in.String("title", 200, true)) r.title = *v;
          if (auto v = in.Int("first_year", 2000, 2098, true)) r.first_year = static_cast<int>(*v);
          if (auto v = in.Int("years", 0, 10)) r.years = static_cast<int>(*v);
          if (auto v = in.NullableInt("owner_inspectorate_id", 1, INT64_MAX)) {
            r.owner_inspectorate_id = *v;
          }
          if (auto v = in.String("opens_on", 10, true)) r.opens_on = Date::ParseOrNone(*v);
          if (auto v = in.String("deadline", 10, true)) r.deadline = Date::ParseOrNone(*v);
          in.ObjectArray("sections", 0, kMaxSections, true, [&](JsonObjectReader& item, size_t) {
            ConsultationSection section;
            // A missing title or question is the domain's to name.
            if (auto v = item.String("title", 200)) section.title = *v;
            if (auto v = item.StringArray("questions", kMaxQuestionsPerSection, 1000)) {
              section.questions = *v;
            }
            r.sections.push_back(std::move(section));
          });
          // Every error at once: what could not be read, and the checks of
          // the rest.
          if (Status s = in.Finish(); !s.ok()) {
            return SendProblem(
                res, s.field_errors().empty() ? s : MergeErrors(s, consultation_.CheckNewRound(r)));
          }
          auto created = consultation_.CreateRound(ctx.caller, r);
          if (!created.ok()) return SendProblem(res, created.status());
          SendJson(res, 201, ToJson(*created));
        });
  Route("GET", R"(/api/v1/consultations/(\d+))", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          auto v = consultation_.GetRound(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ToJson(*v));
        });
  Route("POST", R"(/api/v1/consultations/(\d+)/(open|close))", api, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          auto v = req.Capture(2) == "open" ? consultation_.OpenRound(ctx.caller, *id)
                                            : consultation_.CloseRound(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ToJson(*v));
        });
  Route("POST", R"(/api/v1/consultations/(\d+)/consultees)", api, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          JsonObjectReader in(req.body);
          auto contact = in.Int("contact_id", 1, INT64_MAX, true);
          auto category = in.String("category", 40);
          std::optional<ConsulteeCategory> parsed = ConsulteeCategory::kStakeholder;
          if (category && !(parsed = ParseConsulteeCategory(*category))) {
            in.AddError("category", "one-of",
                        "\"category\" is stakeholder or specified_by_ministers");
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto c = consultation_.AddConsultee(ctx.caller, *id, *contact, *parsed);
          if (!c.ok()) return SendProblem(res, c.status());
          SendJson(res, 201, ToJson(*c));
        });
  Route("PATCH", R"(/api/v1/consultees/(\d+))", api, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultee"));
          JsonObjectReader in(req.body);
          auto contact = in.Int("contact_id", 1, INT64_MAX, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto c = consultation_.AttachContact(ctx.caller, *id, *contact);
          if (!c.ok()) return SendProblem(res, c.status());
          SendJson(res, 200, ToJson(*c));
        });
  Route("POST", R"(/api/v1/consultees/(\d+)/drop)", api, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultee"));
          JsonObjectReader in(req.body.empty() ? std::string("{}") : req.body);
          auto reason = in.String("reason", 2000);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto c = consultation_.Drop(ctx.caller, *id, reason.value_or(""));
          if (!c.ok()) return SendProblem(res, c.status());
          SendJson(res, 200, ToJson(*c));
        });
  Route("POST", R"(/api/v1/consultations/(\d+)/dispatches)", api, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          JsonObjectReader in(req.body);
          std::vector<int64_t> consultees =
              in.IdArray("consultee_ids", 1000, true).value_or(std::vector<int64_t>{});
          Dispatch d;
          if (auto v = in.String("sent_on", 10, true)) d.sent_on = Date::ParseOrNone(*v);
          if (auto v = in.String("method", 100, true)) d.method = *v;
          if (auto v = in.String("what", 500, true)) d.what = *v;
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = consultation_.RecordDispatches(ctx.caller, *id, consultees, d);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ItemsJson(*saved));
        });
}

void ConsultationFeature::RegisterResponseApi() {
  const auto api = Surface::kApi;

  Route("GET", R"(/api/v1/consultations/(\d+)/responses)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto all = consultation_.Responses(ctx.caller, *id);
          if (!all.ok()) return SendProblem(res, all.status());
          SendJson(res, 200, SlicePage(*all, paging->limit, paging->offset));
        });
  Route("POST", R"(/api/v1/consultations/(\d+)/responses)", api, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          JsonObjectReader in(req.body);
          ConsultationResponse r;
          r.round_id = *id;
          ReadResponse(in, r);
          if (auto v = in.String("channel", 10, true)) {
            r.channel = ParseResponseChannel(*v).value_or(ResponseChannel::kOnline);
          }
          if (auto v = in.String("received_on", 10, true)) r.received_on = Date::ParseOrNone(*v);
          if (auto ids = in.IdArray("proposals", 100)) {
            r.proposals.insert(ids->begin(), ids->end());
          }
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = consultation_.RecordResponse(ctx.caller, r);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, ToJson(*saved));
        });
  Route("PUT", R"(/api/v1/consultation-responses/(\d+)/tags)", api, Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such response"));
          JsonObjectReader in(req.body);
          std::set<int64_t> proposals;
          if (auto ids = in.IdArray("proposals", 100, true)) {
            proposals.insert(ids->begin(), ids->end());
          }
          auto topics = in.StringArray("topics", 20, 100);
          auto our_response = in.String("our_response", kMaxOurResponseChars);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto r =
              consultation_.TagResponse(ctx.caller, *id, proposals,
                                        topics.value_or(std::vector<std::string>{}), our_response);
          if (!r.ok()) return SendProblem(res, r.status());
          SendJson(res, 200, ToJson(*r));
        });
  Route("GET", R"(/api/v1/proposals/(\d+)/consultation-responses)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such proposal"));
          auto paging = ReadPaging(req, 100);
          if (!paging.ok()) return SendProblem(res, paging.status());
          auto all = consultation_.ResponsesAbout(ctx.caller, *id);
          if (!all.ok()) return SendProblem(res, all.status());
          SendJson(res, 200, SlicePage(*all, paging->limit, paging->offset));
        });

  Route("GET", R"(/api/v1/consultations/(\d+)/summary)", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          auto v = consultation_.Summary(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          json j = ToJson(*v);
          j["can_publish"] = v->can_publish.ok();
          if (!v->can_publish.ok()) j["not_publishable_because"] = v->can_publish.message();
          SendJson(res, 200, j);
        });
  Route("POST", R"(/api/v1/consultations/(\d+)/summary/publish)", api,
        Permission::kRunConsultations,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          auto v = consultation_.PublishSummary(ctx.caller, *id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, ToJson(*v));
        });
}

StatusOr<ConsultationPack> ConsultationFeature::DocumentPack(const Caller& caller, int64_t id,
                                                             const Request& req) {
  auto pack = consultation_.Pack(caller, id);
  if (!pack.ok()) return pack.status();
  pack->respond_url = PublicBase(req) + "/consultations/" + std::to_string(id) + "/respond";
  pack->framework_url = PublicBase(req) + "/joint-inspection-framework";
  if (auto programme = DraftProgramme(caller, pack->round)) pack->programme = *programme;
  // The other plans whose rolling two years reach the round's years: the
  // document finds the one covering each year.
  if (auto plans = programme_.Plans(caller); plans.ok()) {
    for (const auto& p : *plans) {
      if (pack->programme && p.first_year == pack->programme->first_year) continue;
      if (p.first_year + 1 < pack->round.first_year ||
          p.first_year >= pack->round.first_year + pack->round.years) {
        continue;
      }
      if (auto doc = programme_.BusinessPlan(caller, p.id); doc.ok()) {
        pack->later.push_back(*doc);
      }
    }
  }
  return pack;
}

std::optional<PlanDocument> ConsultationFeature::DraftProgramme(const Caller& caller,
                                                                const ConsultationRound& round) {
  // The plan for the round's first year, or else the latest plan whose
  // rolling two years reach it.
  auto plans = programme_.Plans(caller);
  if (!plans.ok()) return std::nullopt;
  const Plan* chosen = nullptr;
  for (const auto& p : *plans) {
    const int year = round.first_year;
    if (p.first_year > year || p.first_year + 1 < year) continue;
    if (!chosen || p.first_year > chosen->first_year) chosen = &p;
  }
  if (!chosen) return std::nullopt;
  if (auto doc = programme_.BusinessPlan(caller, chosen->id); doc.ok()) return *doc;
  return std::nullopt;
}

void ConsultationFeature::RegisterDocumentAndPublicApi() {
  const auto api = Surface::kApi;

  // The consultation document, the covering letter and the summary, as
  // DOCX or PDF.
  Route("GET", R"(/api/v1/consultations/(\d+)/(document|letter|summary)\.(docx|pdf))", api,
        Permission::kSignedIn, [this](const Request& req, Response& res, RequestContext& ctx) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("No such consultation"));
          const std::string which = req.Capture(2);
          const std::string stem = "consultation-" + std::to_string(*id) + "-" + which;
          if (which == "summary") {
            auto v = consultation_.Summary(ctx.caller, *id);
            if (!v.ok()) return SendProblem(res, v.status());
            return SendDocument(res, SummaryDocument(v->round, v->summary), req.Capture(3), stem);
          }
          auto pack = DocumentPack(ctx.caller, *id, req);
          if (!pack.ok()) return SendProblem(res, pack.status());
          SendDocument(res, which == "letter" ? CoveringLetter(*pack) : ConsultationDocument(*pack),
                       req.Capture(3), stem);
        });

  // The public side: no sign-in, only what the form shows.
  Route("GET", R"(/api/v1/public/consultations/(\d+))", api, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext&) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("There is no consultation at this address"));
          auto r = consultation_.PublicRound(*id);
          if (!r.ok()) return SendProblem(res, r.status());
          json j = ToJson(*r);
          for (const char* kept_back :
               {"owner_inspectorate_id", "summary_published", "closed_on", "version"}) {
            j.erase(kept_back);
          }
          SendJson(res, 200, j);
        });
  Route("POST", R"(/api/v1/public/consultations/(\d+)/responses)", api, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext&) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("There is no consultation at this address"));
          JsonObjectReader in(req.body);
          ConsultationResponse r;
          r.round_id = *id;
          ReadResponse(in, r);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = consultation_.SubmitOnline(r, req.client_address);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 201, {{"received", true}, {"reference", saved->public_reference}});
        });

  Route("GET", R"(/api/v1/public/consultations/(\d+)/summary)", api, Permission::kPublic,
        [this](const Request& req, Response& res, RequestContext&) {
          auto id = PathId(req);
          if (!id) return SendProblem(res, NotFound("There is no published summary here"));
          auto v = consultation_.PublicSummary(*id);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, (*v)["summary"]);
        });

  // Governance (R20).
  Route("GET", "/api/v1/governance/rotation", api, Permission::kSignedIn,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto rotation = consultation_.GetRotation(ctx.caller);
          if (!rotation.ok()) return SendProblem(res, rotation.status());
          std::optional<int64_t> from_year = rotation->first_year;
          if (req.HasParam("from")) {
            from_year = ParseInt(req.Param("from"), 2000, 2098);
            if (!from_year) {
              return SendProblem(res, std::move(InvalidArgument("The query is not valid", "range")
                                                    .AddFieldError("from", "range",
                                                                   "\"from\" is a year from 2000 "
                                                                   "to 2098")));
            }
          }
          const int from = static_cast<int>(*from_year);
          auto chairs = consultation_.Chairs(ctx.caller, from, 6);
          if (!chairs.ok()) return SendProblem(res, chairs.status());
          json years = json::array();
          for (const auto& c : *chairs) {
            years.push_back({{"year", c.year},
                             {"cjcig_chair", c.inspectorate_id},
                             {"development_group_chair", c.inspectorate_id},
                             {"secretariat", c.inspectorate_id}});
          }
          SendJson(
              res, 200,
              {{"order", rotation->order}, {"first_year", rotation->first_year}, {"years", years}});
        });
  Route("PUT", "/api/v1/governance/rotation", api, Permission::kChangeRotation,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          JsonObjectReader in(req.body);
          Rotation r;
          if (auto v = in.IdArray("order", 20, true)) r.order = *v;
          if (auto v = in.Int("first_year", 2000, 2098, true)) r.first_year = static_cast<int>(*v);
          auto reason = in.String("reason", 2000, true);
          if (Status s = in.Finish(); !s.ok()) return SendProblem(res, s);
          auto saved = consultation_.SetRotation(ctx.caller, r, *reason);
          if (!saved.ok()) return SendProblem(res, saved.status());
          SendJson(res, 200, {{"order", saved->order}, {"first_year", saved->first_year}});
        });
}

}  // namespace jointly::web
