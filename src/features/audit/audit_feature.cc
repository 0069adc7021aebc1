// The audit trail: verifying the chain (API and page) and the entries,
// paged and filtered.
#include "features/audit/audit_feature.h"

#include <algorithm>
#include <limits>

#include "core/text.h"
#include "service/audit_trail.h"
#include "service/records_json.h"
#include "web/body_query.h"
#include "web/page_helpers.h"
#include "web/templates.h"

namespace jointly::web {

using nlohmann::json;

namespace {

struct AuditQuery {
  AuditFilter filter;
  Paging paging;
};

// entity_type, entity_id (with entity_type), actor, from and to (dates),
// limit and offset. InvalidArgument naming each bad or unknown parameter.
StatusOr<AuditQuery> ReadAuditQuery(const Request& req, EmptyFilter empty,
                                    std::map<std::string, std::string>* typed = nullptr) {
  AuditQuery q;
  Validation v;
  // The page sends each date as day, month and year; the API as one value.
  std::map<std::string, std::string> boxes;
  const std::string dates[] = {DateParam(req, "from", boxes), DateParam(req, "to", boxes)};
  if (typed) *typed = boxes;
  for (const auto& [name, value] : req.params) {
    if (name == "limit" || name == "offset" || name == "from" || name == "to" ||
        boxes.count(name)) {
      continue;
    }
    if (value.empty() && empty == EmptyFilter::kAny) continue;
    if (name == "entity_type") {
      if (value.empty() || value.size() > 40 ||
          value.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") != std::string::npos) {
        v.Add(name, "entity-type",
              "Enter the kind of record in lower-case letters and underscores, such as body or "
              "fieldwork_site");
      } else {
        q.filter.entity_type = value;
      }
    } else if (name == "entity_id") {
      auto id = ParseInt(value, 1, std::numeric_limits<int64_t>::max());
      if (!id) {
        v.Add(name, "range", "Enter the record number as a whole number, 1 or more");
      } else {
        q.filter.entity_id = *id;
      }
    } else if (name == "actor") {
      v.Line(name, value, 320, true, "actor");
      q.filter.actor = value;
    } else if (empty == EmptyFilter::kRefused) {
      // A page reads only its filters (and its own paging: `before`).
      v.Add(name, "unknown-parameter", "\"" + name + "\" is not a filter of this list");
    }
  }
  for (int i = 0; i < 2; ++i) {
    const std::string name = i == 0 ? "from" : "to";
    const std::string& value = dates[i];
    const bool sent = req.HasParam(name) || boxes.count(name + "-day");
    if (!sent || (value.empty() && empty == EmptyFilter::kAny)) continue;
    if (auto day = Date::Parse(value)) {
      (i == 0 ? q.filter.from : q.filter.to) = day->ToIso();
    } else if (boxes.count(name + "-day")) {
      v.Add(name, "date",
            std::string(i == 0 ? "From" : "To") + " must be a real date, such as " + kDateExample);
    } else {
      v.Add(name, "date", name + " must be a date written YYYY-MM-DD");
    }
  }
  if (!q.filter.from.empty() && !q.filter.to.empty() && q.filter.to < q.filter.from) {
    v.Add("to", "date-order", "To must be the same as or after From");
  }
  if (q.filter.entity_id != 0 && q.filter.entity_type.empty()) {
    v.Add("entity_id", "needs-type",
          "Enter the kind of record too: a record number is looked up within one kind");
  }
  auto paging = ReadPaging(req, 100);
  if (paging.ok()) q.paging = *paging;
  RETURN_IF_ERROR(v.Finish("The query is not valid"));
  RETURN_IF_ERROR(paging.status());
  return q;
}

json VerificationJson(const AuditVerification& v) {
  return {{"ok", v.ok},
          {"checked", v.checked},
          {"checkpoint", v.checkpoint},
          {"first_broken_seq", v.first_broken_seq ? json(*v.first_broken_seq) : json(nullptr)},
          {"reason", v.reason}};
}

// The kinds of record to choose from, in words, "Any kind" first; one
// asked for that the log does not hold is kept as it was asked for.
json KindOptions(const std::vector<std::string>& kinds, const std::string& chosen) {
  std::vector<std::pair<std::string, std::string>> choices;
  for (const auto& kind : kinds) choices.emplace_back(kind, KindInWords(kind));
  std::sort(choices.begin(), choices.end(),
            [](const auto& a, const auto& b) { return a.second < b.second; });
  if (!chosen.empty() && std::find(kinds.begin(), kinds.end(), chosen) == kinds.end()) {
    choices.emplace(choices.begin(), chosen, KindInWords(chosen));
  }
  choices.emplace(choices.begin(), "", "Any kind");
  return Options(choices, chosen);
}

}  // namespace

void AuditFeature::RegisterApi() {
  const auto api = Surface::kApi;

  // The audit trail (administrators): what is new since the checkpoint.
  Route("GET", "/api/v1/audit/verify", api, Permission::kVerifyAudit,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto v = VerifyAuditTrail(db_, ctx.caller, std::nullopt, AuditScope::kSinceCheckpoint);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200, VerificationJson(*v));
        });
  Route("GET", "/api/v1/audit/entries", api, Permission::kVerifyAudit,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          auto q = ReadAuditQuery(req, EmptyFilter::kRefused);
          if (!q.ok()) return SendProblem(res, q.status());
          auto page = ListAuditTrail(db_, ctx.caller, q->filter, q->paging.limit, q->paging.offset);
          if (!page.ok()) return SendProblem(res, page.status());
          json items = json::array();
          for (const auto& e : page->items) items.push_back(ToJson(e));
          SendJson(res, 200,
                   PageJson(std::move(items), page->total, q->paging.limit, q->paging.offset));
        });
}

void AuditFeature::RegisterPages() {
  const auto page = Surface::kPage;

  // The audit trail (administrators).
  Route("GET", "/audit", page, Permission::kVerifyAudit,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Audit trail", "audit");
          auto v = VerifyAuditTrail(db_, ctx.caller, std::nullopt, AuditScope::kSinceCheckpoint);
          if (!v.ok()) return Fail(req, res, Surface::kPage, ctx, v.status());
          d["verified"] = v->ok;
          d["checked"] = v->checked;
          d["checkpoint"] = v->checkpoint > 0 ? json(v->checkpoint) : json(false);
          const std::string checked = Count(v->checked, "entry", "entries");
          d["verified_text"] =
              v->checkpoint > 0
                  ? "Entries 1 to " + WithThousands(v->checkpoint) +
                        " were found intact by an earlier check" +
                        (v->checked > 0 ? ", and the " + checked + " added since were checked now"
                                        : ", and none has been added since") +
                        ". None has been changed or deleted."
                  : (v->checked == 1 ? std::string("The one entry was checked")
                                     : "All " + checked + " were checked") +
                        ". None has been changed or deleted.";
          d["reason"] = v->reason;
          std::map<std::string, std::string> typed;
          auto query = ReadAuditQuery(req, EmptyFilter::kAny, &typed);
          // What was typed is shown again as it was; a filter that is not
          // valid lists nothing rather than everything.
          d["entity_type"] = Param(req, "entity_type");
          d["entity_id"] = Param(req, "entity_id");
          d["actor"] = Param(req, "actor");
          if (!query.ok()) {
            AddErrors(d, query.status());
            d["f_from"] = DateField(d, "from", "From", "", typed);
            d["f_to"] = DateField(d, "to", "To", "", typed);
            d["rows"] = json::array();
            d["entity_type_options"] = KindOptions({}, Param(req, "entity_type"));
            d["refused"] = true;
            return Html(res, "audit", d, 400);
          }
          AuditQuery q = *query;
          if (!req.HasParam("limit")) q.paging.limit = 50;
          // The next link starts after the page's oldest entry, so that
          // entries written meanwhile do not repeat rows on the next page.
          q.filter.before_seq =
              ParseInt(Param(req, "before"), 1, std::numeric_limits<int64_t>::max()).value_or(0);
          d["f_from"] = DateField(d, "from", "From", q.filter.from, typed);
          d["f_to"] = DateField(d, "to", "To", q.filter.to, typed);
          auto listed = ListAuditTrail(db_, ctx.caller, q.filter, q.paging.limit, q.paging.offset);
          if (!listed.ok()) return Fail(req, res, Surface::kPage, ctx, listed.status());
          if (auto better = PageToShowInstead(req, "/audit", listed->total, q.paging.limit,
                                              q.paging.offset, listed->items.size())) {
            res.Redirect(*better);
            return;
          }
          const HistoryNames names{listed->inspectorates, listed->people,        listed->proposals,
                                   listed->criteria,      listed->criteria_sets, listed->contacts,
                                   listed->records};
          json rows = HistoryRows(listed->items, names);
          for (size_t i = 0; i < listed->items.size(); ++i) {
            rows[i]["entity"] = EntityInWords(listed->items[i], names);
          }
          d["rows"] = rows;
          d["entity_type_options"] = KindOptions(listed->kinds, q.filter.entity_type);
          d["has_rows"] = !rows.empty();
          d["count"] = Count(listed->total, "entry", "entries");
          d["from"] = WithThousands(q.paging.offset + 1);
          d["to"] = WithThousands(q.paging.offset + static_cast<int64_t>(listed->items.size()));
          d["pagination"] = Pagination(
              req, "/audit", listed->total, q.paging.limit, q.paging.offset,
              listed->items.empty() ? "" : "before=" + std::to_string(listed->items.back().seq));
          Html(res, "audit", d);
        });
}

}  // namespace jointly::web
