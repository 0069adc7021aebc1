// Stage 7 (M 41-47; R21): an inspection's publication, the recipients of
// its embargoed copies and every opening of one. Repositories over a
// Transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/publication.h"
#include "store/database.h"

namespace jointly {

StatusOr<std::optional<Publication>> GetPublication(Transaction& tx, int64_t inspection_id);
// Inserts the inspection's publication or replaces its time and version
// signed off; its version moves on. FailedPrecondition ("already-published")
// once it is published.
StatusOr<Publication> PutPublication(Transaction& tx, Publication p);
// Every publication still scheduled, soonest first.
StatusOr<std::vector<Publication>> ScheduledPublications(Transaction& tx);
// Claims the scheduled publication at `version` as published at `at`: one
// conditional UPDATE, so of several callers at once exactly one gets true;
// false when it is no longer scheduled at that version.
StatusOr<bool> ClaimPublication(Transaction& tx, int64_t inspection_id, int64_t version,
                                const std::string& at);
// Marks the embargoed copies sent at `at`, once: false if they were.
StatusOr<bool> ClaimEmbargo(Transaction& tx, int64_t inspection_id, int64_t version,
                            const std::string& at);
// Unmarks them while no recipient's copy stands sent (every e-mail of the
// first sending failed), so the time may still move until one goes.
Status UnclaimEmbargo(Transaction& tx, int64_t inspection_id);

// Someone who receives an embargoed copy for a sponsoring department.
struct EmbargoRecipient {
  int64_t id = 0;
  int64_t inspection_id = 0;
  std::string department;  // "Ministry of Justice"
  std::string name;
  std::string email;
  std::string token_sha256;  // of their personal link's token; empty before it is sent
  std::string sent_at;
  std::string revoked_at;
  int64_t version = 0;
};
StatusOr<std::vector<EmbargoRecipient>> RecipientsOf(Transaction& tx, int64_t inspection_id);
StatusOr<EmbargoRecipient> GetRecipient(Transaction& tx, int64_t id);  // NotFound if none
// The recipient whose token has this SHA-256; nullopt for none.
StatusOr<std::optional<EmbargoRecipient>> RecipientByToken(Transaction& tx,
                                                           const std::string& token_sha256);
StatusOr<EmbargoRecipient> InsertRecipient(Transaction& tx, EmbargoRecipient r);
// Saves the token, sending and revocation of `r` if it is still at
// `r.version` (Aborted otherwise); the version moves on.
StatusOr<EmbargoRecipient> UpdateEmbargoRecipient(Transaction& tx, EmbargoRecipient r);

struct EmbargoOpening {
  int64_t id = 0;
  int64_t recipient_id = 0;
  std::string opened_at;
  std::string address;  // where it was opened from
  std::string what;     // "page" or "pdf"
};
Status InsertOpening(Transaction& tx, const EmbargoOpening& o);
// Every opening of the inspection's embargoed copies, oldest first.
StatusOr<std::vector<EmbargoOpening>> OpeningsOf(Transaction& tx, int64_t inspection_id);

}  // namespace jointly
