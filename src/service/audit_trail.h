// Writing the audit trail from use cases: one call per change, inside the
// change's own transaction.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "store/database.h"

namespace jointly {

// Who acted, for the audit trail: a signed-in user, or the system (command
// line, reference data) with user_id < 0.
Caller SystemCaller();

// Appends who (caller), when (clock), what (action on entity) and the
// before/after JSON (null for none) to the log.
Status RecordChange(Transaction& tx, const Clock& clock, const Caller& caller,
                    std::string_view action, std::string_view entity_type, int64_t entity_id,
                    const nlohmann::json& before, const nlohmann::json& after);

// PermissionDenied unless `caller` holds `permission`.
Status Require(const Caller& caller, Permission permission);

// The answer when a record that a request refers to in its body (not the
// one its address names) does not exist: the request is at fault, so a
// NotFound `lookup` becomes InvalidArgument naming `field` with `rule` and
// `message`. Any other status is returned as it is.
Status UnknownReference(const Status& lookup, const std::string& field, const std::string& rule,
                        const std::string& message);

}  // namespace jointly

namespace jointly {

// Re-computes the whole chain (kVerifyAudit), and checks it still holds
// `expected` when given. Names the first broken entry.
StatusOr<AuditVerification> VerifyAuditTrail(Database& db, const Caller& caller,
                                             const std::optional<AuditAnchor>& expected = {});

// The newest entry's seq and hash, to keep outside the database
// (kVerifyAudit).
StatusOr<AuditAnchor> AuditTrailHead(Database& db, const Caller& caller);

// The newest `limit` entries, newest first (kVerifyAudit).
StatusOr<std::vector<AuditEntry>> RecentAuditTrail(Database& db, const Caller& caller,
                                                   int64_t limit);

// OK if the database answers a trivial query; its error (Unavailable when it
// is down) otherwise. For health checks; needs no caller.
Status CheckDatabase(Database& db);

}  // namespace jointly
