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
  // How the hash covers the record contents: 1, the contents themselves
  // (entries written before contents could be removed); 2, their SHA-256,
  // so the contents of a destroyed record can be removed from the entry
  // and the chain still verifies (R22).
  int format = kAuditFormat;
  // Once the contents are removed: their SHA-256 (of "" for none) and the
  // seq of the destruction certificate that removed them.
  std::string before_sha256;
  std::string after_sha256;
  int64_t removed_by = 0;
  static constexpr int kAuditFormat = 2;
};

inline const std::string kGenesisHash(64, '0');

// SHA-256 over prev_hash and every field except `hash`, length-prefixed so
// no two different entries serialise alike; in format 2 over the SHA-256 of
// each record content instead of the content (the kept digests once it is
// removed). An entry of format 1 whose contents were removed can no longer
// be recomputed: its own hash is taken as it is, and the chain still links
// it to its neighbours and the certificate that removed it names it.
std::string ComputeAuditHash(const AuditEntry& entry);

// R22: removes the record contents from `entry` for the destruction
// certificate `certificate_seq`, keeping what its hash needs.
void RemoveAuditContent(AuditEntry& entry, int64_t certificate_seq);

struct AuditVerification {
  bool ok = true;
  int64_t checked = 0;
  std::optional<int64_t> first_broken_seq;
  std::string reason;
  // Entries 1 to this one were found intact by an earlier verification
  // (the checkpoint) and were not read again; 0 for a full check.
  int64_t checkpoint = 0;
};

// A point of the chain kept outside the database ("jointly audit head"):
// the newest entry's seq and hash when it was taken. Deleting the newest
// entries and winding the recorded head back leaves a chain that verifies
// on its own; an anchor taken earlier catches it.
struct AuditAnchor {
  int64_t seq = 0;
  std::string hash;
};

// "SEQ:HASH", as `jointly audit head` prints it; nullopt if malformed (the
// hash is 64 lower-case hex digits).
std::optional<AuditAnchor> ParseAuditAnchor(const std::string& text);
std::string FormatAuditAnchor(const AuditAnchor& anchor);

// Checks a chain fed to it in seq order, one entry at a time, so the log
// never has to be in memory at once. It starts after a point already
// verified (`from`: its seq and hash; seq 0 and kGenesisHash for the start
// of the log) and, when given `anchor` (whose seq must be after `from`),
// checks the chain still holds it. Not thread-safe.
class AuditChainCheck {
 public:
  explicit AuditChainCheck(AuditAnchor from = {0, kGenesisHash},
                           std::optional<AuditAnchor> anchor = std::nullopt);

  // Checks the next entry; false once the chain is broken (later entries
  // are then ignored).
  bool Add(const AuditEntry& entry);
  // The seq of the last entry checked (from's seq if none), and whether the
  // chain is already known to be broken.
  int64_t last_seq() const { return next_seq_ - 1; }
  bool broken() const { return !result_.ok; }

  // The result, once every entry up to the recorded head has been added:
  // also checks the chain ends at the head and reaches the anchor.
  AuditVerification Finish(int64_t head_seq, const std::string& head_hash);

 private:
  bool Broken(int64_t seq, std::string reason);

  AuditVerification result_;
  std::string prev_;
  int64_t next_seq_;
  std::optional<AuditAnchor> anchor_;
  bool anchor_seen_ = false;
};

// Checks `entries` (in seq order, from seq 1) against each other and against
// the recorded head, and, when given, that the chain still holds `anchor`:
// it reaches the anchor's entry and that entry has the anchored hash. Names
// the first broken entry and why.
AuditVerification VerifyAuditChain(const std::vector<AuditEntry>& entries, int64_t head_seq,
                                   const std::string& head_hash,
                                   const std::optional<AuditAnchor>& anchor = std::nullopt);

}  // namespace jointly
