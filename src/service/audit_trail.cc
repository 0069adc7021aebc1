#include "service/audit_trail.h"

#include "store/audit_store.h"

namespace jointly {

Caller SystemCaller() {
  Caller c;
  c.user_id = -1;
  c.email = "system";
  c.roles = {Role::kAdministrator};
  c.active = true;
  return c;
}

Status RecordChange(Transaction& tx, const Clock& clock, const Caller& caller,
                    std::string_view action, std::string_view entity_type, int64_t entity_id,
                    const nlohmann::json& before, const nlohmann::json& after) {
  AuditEntry e;
  e.at = FormatTimestamp(clock.NowMicros());
  e.actor_id = std::max<int64_t>(caller.user_id, 0);
  e.actor = caller.email;
  e.action = action;
  e.entity_type = entity_type;
  e.entity_id = entity_id;
  e.before_json = before.is_null() ? "" : before.dump();
  e.after_json = after.is_null() ? "" : after.dump();
  return AppendAudit(tx, std::move(e)).status();
}

Status Require(const Caller& caller, Permission permission) {
  if (Allows(caller, permission)) return OkStatus();
  if (caller.anonymous()) return Unauthenticated("Sign in to do this");
  return PermissionDenied("Your roles do not allow this", "access");
}

Status UnknownReference(const Status& lookup, const std::string& field, const std::string& rule,
                        const std::string& message) {
  if (lookup.code() != StatusCode::kNotFound) return lookup;
  return std::move(InvalidArgument(message, rule).AddFieldError(field, rule, message));
}

}  // namespace jointly

namespace jointly {

StatusOr<AuditVerification> VerifyAuditTrail(Database& db, const Caller& caller,
                                             const std::optional<AuditAnchor>& expected) {
  RETURN_IF_ERROR(Require(caller, Permission::kVerifyAudit));
  AuditVerification result;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(AuditHead head, GetAuditHead(tx));
    ASSIGN_OR_RETURN(std::vector<AuditEntry> entries, AllAudit(tx));
    result = VerifyAuditChain(entries, head.seq, head.hash, expected);
    return OkStatus();
  }));
  return result;
}

StatusOr<AuditAnchor> AuditTrailHead(Database& db, const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kVerifyAudit));
  AuditAnchor out;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(AuditHead head, GetAuditHead(tx));
    out = AuditAnchor{head.seq, head.hash};
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<AuditEntry>> RecentAuditTrail(Database& db, const Caller& caller,
                                                   int64_t limit) {
  RETURN_IF_ERROR(Require(caller, Permission::kVerifyAudit));
  std::vector<AuditEntry> recent;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(recent, RecentAudit(tx, limit));
    return OkStatus();
  }));
  return recent;
}

Status CheckDatabase(Database& db) {
  return db.Read([](Transaction& tx) { return tx.Query("SELECT 1").status(); });
}

}  // namespace jointly
