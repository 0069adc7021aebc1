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

std::optional<AuditAnchor> ParseAuditAnchor(const std::string& text) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0 || colon > 18) return std::nullopt;
  AuditAnchor a;
  for (size_t i = 0; i < colon; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    a.seq = a.seq * 10 + (text[i] - '0');
  }
  a.hash = text.substr(colon + 1);
  if (a.seq < 1 || a.hash.size() != 64 ||
      a.hash.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return std::nullopt;
  }
  return a;
}

std::string FormatAuditAnchor(const AuditAnchor& anchor) {
  return std::to_string(anchor.seq) + ":" + anchor.hash;
}

AuditVerification VerifyAuditChain(const std::vector<AuditEntry>& entries, int64_t head_seq,
                                   const std::string& head_hash,
                                   const std::optional<AuditAnchor>& anchor) {
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
  if (anchor && anchor->seq > head_seq) {
    return broken(head_seq + 1, "the log ends at entry " + std::to_string(head_seq) +
                                    ", behind the expected head " + std::to_string(anchor->seq) +
                                    "; the newest entries were deleted");
  }
  if (anchor && entries[static_cast<size_t>(anchor->seq - 1)].hash != anchor->hash) {
    return broken(anchor->seq, "entry " + std::to_string(anchor->seq) +
                                   " is not the one the expected head names; the log was "
                                   "rewritten from there or before");
  }
  return v;
}

}  // namespace jointly
