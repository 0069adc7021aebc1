// Stage 8 (M 48, R22): what is kept of an inspection's retention: the
// schedules' agreement and the publication date, legal holds, what the
// owners said of each item (its kind of material, a review that kept it)
// and each destruction. Repositories over a Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/retention.h"
#include "store/database.h"

namespace jointly {

struct RetentionAgreement {
  int64_t inspection_id = 0;
  std::string agreed_on;  // YYYY-MM-DD
  int64_t agreed_by = 0;
  std::string published_on;  // "" while not set
  int64_t version = 0;
};
StatusOr<std::optional<RetentionAgreement>> GetRetentionAgreement(Transaction& tx,
                                                                  int64_t inspection_id);
// Inserts or replaces the inspection's agreement; its version moves on.
StatusOr<RetentionAgreement> PutRetentionAgreement(Transaction& tx, RetentionAgreement a);

StatusOr<std::vector<LegalHold>> HoldsOf(Transaction& tx, int64_t inspection_id);
// Holds in force on any inspection.
StatusOr<std::vector<LegalHold>> HoldsInForce(Transaction& tx);
StatusOr<LegalHold> GetHold(Transaction& tx, int64_t id);  // NotFound if none
StatusOr<LegalHold> InsertHold(Transaction& tx, LegalHold h);
Status MarkHoldLifted(Transaction& tx, const LegalHold& h);

// What the owner said of an item.
struct RetentionItemNote {
  std::string entity_type;
  int64_t entity_id = 0;
  int64_t inspection_id = 0;
  std::string kind;  // a MaterialKindId, "" for the default
  std::string extended_to;
  std::string extend_reason;
};
StatusOr<std::vector<RetentionItemNote>> NotesOf(Transaction& tx, int64_t inspection_id);
Status PutNote(Transaction& tx, const RetentionItemNote& n);

struct Destruction {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string entity_type;
  int64_t entity_id = 0;
  int64_t inspectorate_id = 0;
  std::string destroyed_at;
  int64_t approved_by = 0;
  std::string content_sha256;
  int64_t certificate_seq = 0;
};
// An inspection's destructions (0: every inspection's), oldest first.
StatusOr<std::vector<Destruction>> DestructionsOf(Transaction& tx, int64_t inspection_id);
StatusOr<Destruction> InsertDestruction(Transaction& tx, Destruction d);

}  // namespace jointly
