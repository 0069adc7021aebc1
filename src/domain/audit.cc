#include "domain/audit.h"

#include "core/crypto.h"

namespace jointly {
namespace {

void Append(std::string& out, std::string_view field) {
  out += std::to_string(field.size());
  out.push_back(':');
  out.append(field);
  out.push_back(';');
}

}  // namespace

std::string ComputeAuditHash(const AuditEntry& e) {
  std::string canonical;
  canonical.reserve(256 + e.before_json.size() + e.after_json.size());
  Append(canonical, e.prev_hash);
  Append(canonical, std::to_string(e.seq));
  Append(canonical, e.at);
  Append(canonical, std::to_string(e.actor_id));
  Append(canonical, e.actor);
  Append(canonical, e.action);
  Append(canonical, e.entity_type);
  Append(canonical, std::to_string(e.entity_id));
  Append(canonical, e.before_json);
  Append(canonical, e.after_json);
  return Sha256Hex(canonical);
}

AuditVerification VerifyAuditChain(const std::vector<AuditEntry>& entries, int64_t head_seq,
                                   const std::string& head_hash) {
  AuditVerification v;
  std::string prev = kGenesisHash;
  int64_t expected_seq = 1;
  auto broken = [&](int64_t seq, std::string reason) {
    v.ok = false;
    v.first_broken_seq = seq;
    v.reason = std::move(reason);
    return v;
  };
  for (const AuditEntry& e : entries) {
    if (e.seq != expected_seq) {
      return broken(expected_seq, "entry " + std::to_string(expected_seq) +
                                      " is missing (the next entry found is " +
                                      std::to_string(e.seq) + ")");
    }
    if (e.prev_hash != prev) {
      return broken(e.seq,
                    "entry " + std::to_string(e.seq) + " does not follow from the entry before it");
    }
    if (ComputeAuditHash(e) != e.hash) {
      return broken(e.seq, "entry " + std::to_string(e.seq) + " was changed after it was written");
    }
    prev = e.hash;
    ++expected_seq;
    ++v.checked;
  }
  if (head_seq != expected_seq - 1) {
    return broken(expected_seq, "the log ends at entry " + std::to_string(expected_seq - 1) +
                                    " but " + std::to_string(head_seq) +
                                    " entries were written; the newest were deleted");
  }
  if (head_hash != prev) {
    return broken(head_seq, "entry " + std::to_string(head_seq) +
                                " does not match the recorded head of the log");
  }
  return v;
}

}  // namespace jointly
