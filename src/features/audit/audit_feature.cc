// The audit trail: verifying the chain (API and page) and the latest entries.
#include "features/audit/audit_feature.h"

#include "service/audit_trail.h"
#include "service/records_json.h"
#include "web/page_helpers.h"
#include "web/templates.h"

namespace jointly::web {

using nlohmann::json;

void AuditFeature::RegisterApi() {
  const auto api = Surface::kApi;

  // The audit trail (administrators).
  Route("GET", "/api/v1/audit/verify", api, Permission::kVerifyAudit,
        [this](const Request&, Response& res, RequestContext& ctx) {
          auto v = VerifyAuditTrail(db_, ctx.caller);
          if (!v.ok()) return SendProblem(res, v.status());
          SendJson(res, 200,
                   {{"ok", v->ok},
                    {"checked", v->checked},
                    {"first_broken_seq",
                     v->first_broken_seq ? json(*v->first_broken_seq) : json(nullptr)},
                    {"reason", v->reason}});
        });
}

void AuditFeature::RegisterPages() {
  const auto page = Surface::kPage;

  // The audit trail (administrators).
  Route("GET", "/audit", page, Permission::kVerifyAudit,
        [this](const Request& req, Response& res, RequestContext& ctx) {
          json d = Base(ctx, "Audit trail", "audit");
          auto v = VerifyAuditTrail(db_, ctx.caller);
          if (!v.ok()) return Fail(req, res, Surface::kPage, ctx, v.status());
          d["verified"] = v->ok;
          d["checked"] = v->checked;
          d["reason"] = v->reason;
          auto recent = RecentAuditTrail(db_, ctx.caller, 50);
          if (recent.ok()) {
            json rows = HistoryRows(*recent);
            for (size_t i = 0; i < recent->size(); ++i) {
              rows[i]["entity"] = FieldInWords((*recent)[i].entity_type) + " " +
                                  std::to_string((*recent)[i].entity_id);
            }
            d["rows"] = rows;
          }
          Html(res, "audit", d);
        });
}

}  // namespace jointly::web
