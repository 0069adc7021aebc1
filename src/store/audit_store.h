// The append-only audit log in the database. Append() must run in the same
// transaction as the change it records; the audit_head row it updates makes
// concurrent writers take turns, so the chain never forks.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "domain/audit.h"
#include "store/database.h"
#include "store/record_store.h"

namespace jointly {

// Fills in seq, prev_hash and hash from the head and appends `entry`.
// Returns the entry as written.
StatusOr<AuditEntry> AppendAudit(Transaction& tx, AuditEntry entry);
// Appends `entries` in order, as AppendAudit each: a bulk import's, in a
// few statements whatever their number.
Status AppendAuditEntries(Transaction& tx, std::vector<AuditEntry> entries);

// History of one record, oldest first.
StatusOr<std::vector<AuditEntry>> AuditOf(Transaction& tx, const std::string& entity_type,
                                          int64_t entity_id);
// A page of it, `limit` entries from `offset`, with how many there are.
StatusOr<Page<AuditEntry>> AuditOfPage(Transaction& tx, const std::string& entity_type,
                                       int64_t entity_id, int64_t limit, int64_t offset);
// R22: removes the record contents from every entry of one record's
// history (kept digests let the chain still verify), each marked with the
// destruction certificate's seq.
Status RemoveAuditContents(Transaction& tx, const std::string& entity_type, int64_t entity_id,
                           int64_t certificate_seq);
// The newest `limit` entries, newest first.
StatusOr<std::vector<AuditEntry>> RecentAudit(Transaction& tx, int64_t limit);

struct AuditHead {
  int64_t seq = 0;
  std::string hash;
};
StatusOr<AuditHead> GetAuditHead(Transaction& tx);
// Every entry, in seq order. Small logs only (tests): verification reads
// the log in chunks with AuditAfter.
StatusOr<std::vector<AuditEntry>> AllAudit(Transaction& tx);

// At most `limit` entries with after_seq < seq <= up_to_seq, in seq order:
// one chunk of the log, read by its primary key (keyset), so reading the
// whole log this way holds one chunk in memory at a time.
StatusOr<std::vector<AuditEntry>> AuditAfter(Transaction& tx, int64_t after_seq, int64_t up_to_seq,
                                             int64_t limit);
// AuditAfter into `entries`, overwriting what they held and reusing their
// memory: a whole log read chunk after chunk into the same vectors
// allocates almost nothing once they have grown.
Status ReadAuditAfter(Transaction& tx, int64_t after_seq, int64_t up_to_seq, int64_t limit,
                      std::vector<AuditEntry>& entries);

// The hash of entry `seq`; NotFound if there is none.
StatusOr<std::string> AuditHashAt(Transaction& tx, int64_t seq);

// The newest point of the chain a full verification found intact (seq 0
// and the genesis hash if none has been recorded): later verifications
// start from it.
StatusOr<AuditAnchor> GetAuditCheckpoint(Transaction& tx);
// Moves the checkpoint forward to `checkpoint`; a checkpoint at or after it
// is kept (two verifications finishing in either order never move it back).
Status AdvanceAuditCheckpoint(Transaction& tx, const AuditAnchor& checkpoint);

// Which entries a page of the log shows; empty or zero means any.
struct AuditFilter {
  std::string entity_type;
  int64_t entity_id = 0;  // with entity_type
  std::string actor;      // part of the e-mail (or "system") or name, in any case
  std::string from;       // entries at or after this day, YYYY-MM-DD
  std::string to;         // entries on or before this day, YYYY-MM-DD
  // Keyset paging: a page of the entries older than this one (0: from the
  // newest), so that entries written meanwhile do not shift the page. Not
  // a filter: the total is still of every entry the filter selects.
  int64_t before_seq = 0;
  bool empty() const {
    return entity_type.empty() && entity_id == 0 && actor.empty() && from.empty() && to.empty();
  }
};
struct AuditPage {
  std::vector<AuditEntry> items;  // newest first
  int64_t total = 0;              // entries that match
  // Who the ids in the entries are, for showing them in words.
  std::map<int64_t, std::string> inspectorates;
  std::map<int64_t, std::string> people;
  std::map<int64_t, std::string> proposals;      // titles
  std::map<int64_t, std::string> criteria;       // a criterion's name by its id
  std::map<int64_t, std::string> criteria_sets;  // names
  std::map<int64_t, std::string> contacts;       // "Name, Organisation"
  // The name of each other record the entries are about, by its kind (the
  // entries' entity type) and id: an inspection's title, a fieldwork
  // site's body, a meeting's title.
  std::map<std::string, std::map<int64_t, std::string>> records;
  // Every kind of record the log holds, for choosing one.
  std::vector<std::string> kinds;
};
// One page of the entries that match `filter`, newest first, from the
// database's indexes: an unfiltered page is a range of seq (the log has no
// gaps), so deep pages cost what the first does.
StatusOr<AuditPage> ListAudit(Transaction& tx, const AuditFilter& filter, int64_t limit,
                              int64_t offset);
// Every kind of record the log has entries about ("body", "fieldwork_site"),
// in the order of the alphabet.
StatusOr<std::vector<std::string>> AuditedKinds(Transaction& tx);
// Fills page.records with the names of the records page.items are about,
// for the kinds of record that have one; a record since deleted has none.
// The records an entry refers to by a member ("inspection_id", "site_id")
// are named too, under that member's name. The people, proposals and
// contacts the entries name fill page.people, page.proposals and
// page.contacts: only those, so a page costs the same however many the
// database holds.
Status NameAuditedRecords(Transaction& tx, AuditPage& page);

}  // namespace jointly
