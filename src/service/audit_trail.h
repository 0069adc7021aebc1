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
#include "store/audit_store.h"
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

// How much of the chain a verification reads.
enum class AuditScope {
  // Every entry from the first: the command line's check, and the one to
  // run on a schedule. It also checks the chain still holds the checkpoint
  // an earlier verification recorded.
  kFull,
  // Only the entries after the checkpoint (and that the checkpoint's entry
  // is still the one verified): what the page and the API run.
  kSinceCheckpoint,
};

// Entries read at a time by VerifyAuditTrail.
inline constexpr int64_t kAuditChunk = 2000;

// Re-computes the chain's hashes (kVerifyAudit), and checks it still holds
// `expected` when given. Names the first broken entry. The log is read in
// chunks of `chunk` entries (keyset on seq) in one read transaction, so
// memory stays the same however long the log is. When the chain is intact
// the checkpoint moves to its head (one small write), so the next
// kSinceCheckpoint verification starts there.
StatusOr<AuditVerification> VerifyAuditTrail(Database& db, const Caller& caller,
                                             const std::optional<AuditAnchor>& expected = {},
                                             AuditScope scope = AuditScope::kFull,
                                             int64_t chunk = kAuditChunk);

// The newest entry's seq and hash, to keep outside the database
// (kVerifyAudit).
StatusOr<AuditAnchor> AuditTrailHead(Database& db, const Caller& caller);

// The newest `limit` entries, newest first (kVerifyAudit).
StatusOr<std::vector<AuditEntry>> RecentAuditTrail(Database& db, const Caller& caller,
                                                   int64_t limit);

// A page of the entries that match `filter`, newest first, with how many
// match (kVerifyAudit).
StatusOr<AuditPage> ListAuditTrail(Database& db, const Caller& caller, const AuditFilter& filter,
                                   int64_t limit, int64_t offset);

// OK if the database answers a trivial query; its error (Unavailable when it
// is down) otherwise. For health checks; needs no caller.
Status CheckDatabase(Database& db);

}  // namespace jointly
