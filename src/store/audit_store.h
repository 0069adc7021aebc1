// The append-only audit log in the database. Append() must run in the same
// transaction as the change it records; the audit_head row it updates makes
// concurrent writers take turns, so the chain never forks.
#pragma once

#include <string>
#include <vector>

#include "domain/audit.h"
#include "store/database.h"

namespace jointly {

// Fills in seq, prev_hash and hash from the head and appends `entry`.
// Returns the entry as written.
StatusOr<AuditEntry> AppendAudit(Transaction& tx, AuditEntry entry);

// History of one record, oldest first.
StatusOr<std::vector<AuditEntry>> AuditOf(Transaction& tx, const std::string& entity_type,
                                          int64_t entity_id);
// The newest `limit` entries, newest first.
StatusOr<std::vector<AuditEntry>> RecentAudit(Transaction& tx, int64_t limit);

struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};
StatusOr<AuditHead> GetAuditHead(Transaction& tx);
// Every entry, in seq order (for verification).
StatusOr<std::vector<AuditEntry>> AllAudit(Transaction& tx);

}  // namespace jointly
