// The audit trail's tamper evidence. Each entry's hash covers its own fields
// and the previous entry's hash, so editing or deleting any entry breaks the
// chain from that point; the head (last seq and hash, kept apart) catches
// removal of the newest entries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jointly {

struct AuditEntry {
  int64_t seq = 0;          // 1, 2, 3, ... with no gaps
  std::string at;           // ISO 8601 UTC
  int64_t actor_id = 0;     // 0: the system (migrations, reference data, CLI)
  std::string actor;        // e-mail or "system", as it was at the time
  std::string action;       // "create", "update", "disable", "import", ...
  std::string entity_type;  // "body", "inspectorate", "user", "api_token", ...
  int64_t entity_id = 0;
  std::string before_json;  // "" for a create
  std::string after_json;   // "" for a delete
  std::string prev_hash;    // hash of entry seq-1; 64 zeros for the first
  std::string hash;
};

inline const std::string kGenesisHash(64, '0');

// SHA-256 over prev_hash and every field except `hash`, length-prefixed so
// no two different entries serialise alike.
std::string ComputeAuditHash(const AuditEntry& entry);

struct AuditVerification {
  bool ok = true;
  int64_t checked = 0;
  std::optional<int64_t> first_broken_seq;
  std::string reason;
};

// Checks `entries` (in seq order, from seq 1) against each other and against
// the recorded head. Names the first broken entry and why.
AuditVerification VerifyAuditChain(const std::vector<AuditEntry>& entries, int64_t head_seq,
                                   const std::string& head_hash);

}  // namespace jointly
