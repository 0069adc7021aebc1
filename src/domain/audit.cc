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
  if (e.format == 1 && e.removed_by != 0) return e.hash;
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
  if (e.format == 1) {
    Append(canonical, e.before_json);
    Append(canonical, e.after_json);
  } else {
    Append(canonical, std::to_string(e.format));
    Append(canonical, e.removed_by ? e.before_sha256 : Sha256Hex(e.before_json));
    Append(canonical, e.removed_by ? e.after_sha256 : Sha256Hex(e.after_json));
  }
  return Sha256Hex(canonical);
}

void RemoveAuditContent(AuditEntry& e, int64_t certificate_seq) {
  if (e.removed_by == 0) {
    e.before_sha256 = Sha256Hex(e.before_json);
    e.after_sha256 = Sha256Hex(e.after_json);
  }
  e.before_json.clear();
  e.after_json.clear();
  e.removed_by = certificate_seq;
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

AuditChainCheck::AuditChainCheck(AuditAnchor from, std::optional<AuditAnchor> anchor)
    : prev_(std::move(from.hash)), next_seq_(from.seq + 1), anchor_(std::move(anchor)) {}

bool AuditChainCheck::Broken(int64_t seq, std::string reason) {
  result_.ok = false;
  result_.first_broken_seq = seq;
  result_.reason = std::move(reason);
  return false;
}

bool AuditChainCheck::Add(const AuditEntry& e) {
  if (!result_.ok) return false;
  if (e.seq != next_seq_) {
    return Broken(next_seq_, "entry " + std::to_string(next_seq_) +
                                 " is missing (the next entry found is " + std::to_string(e.seq) +
                                 ")");
  }
  if (e.prev_hash != prev_) {
    return Broken(e.seq,
                  "entry " + std::to_string(e.seq) + " does not follow from the entry before it");
  }
  if (ComputeAuditHash(e) != e.hash) {
    return Broken(e.seq, "entry " + std::to_string(e.seq) + " was changed after it was written");
  }
  if (anchor_ && anchor_->seq == e.seq) {
    anchor_seen_ = true;
    if (e.hash != anchor_->hash) {
      return Broken(e.seq, "entry " + std::to_string(e.seq) +
                               " is not the one the expected head names; the log was "
                               "rewritten from there or before");
    }
  }
  prev_ = e.hash;
  ++next_seq_;
  ++result_.checked;
  return true;
}

AuditVerification AuditChainCheck::Finish(int64_t head_seq, const std::string& head_hash) {
  if (!result_.ok) return result_;
  const int64_t last = next_seq_ - 1;
  if (head_seq != last) {
    Broken(last + 1, "the log ends at entry " + std::to_string(last) + " but " +
                         std::to_string(head_seq) +
                         " entries were written; the newest were deleted");
    return result_;
  }
  if (head_hash != prev_) {
    Broken(head_seq,
           "entry " + std::to_string(head_seq) + " does not match the recorded head of the log");
    return result_;
  }
  if (anchor_ && !anchor_seen_) {
    Broken(head_seq + 1, "the log ends at entry " + std::to_string(head_seq) +
                             ", behind the expected head " + std::to_string(anchor_->seq) +
                             "; the newest entries were deleted");
  }
  return result_;
}

AuditVerification VerifyAuditChain(const std::vector<AuditEntry>& entries, int64_t head_seq,
                                   const std::string& head_hash,
                                   const std::optional<AuditAnchor>& anchor) {
  AuditChainCheck check({0, kGenesisHash}, anchor);
  for (const AuditEntry& e : entries) {
    if (!check.Add(e)) break;
  }
  return check.Finish(head_seq, head_hash);
}

}  // namespace jointly
