#include "service/audit_trail.h"

#include <future>
#include <limits>

#include "store/audit_store.h"
#include "store/directory_store.h"
#include "store/programme_store.h"

namespace jointly {

Caller SystemCaller() {
  Caller c;
  c.user_id = -1;
  c.email = "system";
  c.roles = {Role::kAdministrator};
  c.active = true;
  return c;
}

Status RecordChange(Transaction& tx, const Clock& clock, const Caller& caller,
                    std::string_view action, std::string_view entity_type, int64_t entity_id,
                    const nlohmann::json& before, const nlohmann::json& after) {
  AuditEntry e;
  e.at = FormatTimestamp(clock.NowMicros());
  e.actor_id = std::max<int64_t>(caller.user_id, 0);
  e.actor = caller.email;
  e.action = action;
  e.entity_type = entity_type;
  e.entity_id = entity_id;
  e.before_json = before.is_null() ? "" : before.dump();
  e.after_json = after.is_null() ? "" : after.dump();
  return AppendAudit(tx, std::move(e)).status();
}

Status Require(const Caller& caller, Permission permission) {
  if (Allows(caller, permission)) return OkStatus();
  if (caller.anonymous()) return Unauthenticated("Sign in to do this");
  return PermissionDenied("Your roles do not allow this", "access");
}

Status UnknownReference(const Status& lookup, const std::string& field, const std::string& rule,
                        const std::string& message) {
  if (lookup.code() != StatusCode::kNotFound) return lookup;
  return std::move(InvalidArgument(message, rule).AddFieldError(field, rule, message));
}

}  // namespace jointly

namespace jointly {

StatusOr<AuditVerification> VerifyAuditTrail(Database& db, const Caller& caller,
                                             const std::optional<AuditAnchor>& expected,
                                             AuditScope scope, int64_t chunk) {
  RETURN_IF_ERROR(Require(caller, Permission::kVerifyAudit));
  AuditVerification result;
  AuditHead head;
  AuditAnchor checkpoint;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(head, GetAuditHead(tx));
    ASSIGN_OR_RETURN(checkpoint, GetAuditCheckpoint(tx));
    auto broken = [&](int64_t seq, std::string reason) {
      result.ok = false;
      result.first_broken_seq = seq;
      result.reason = std::move(reason);
      return OkStatus();
    };
    AuditAnchor from{0, kGenesisHash};
    if (scope == AuditScope::kSinceCheckpoint && checkpoint.seq > 0) {
      if (checkpoint.seq > head.seq) {
        return broken(head.seq + 1, "the log ends at entry " + std::to_string(head.seq) +
                                        " but entries up to " + std::to_string(checkpoint.seq) +
                                        " were verified before; the newest were deleted");
      }
      // Its entry must still be the one verified, hashing as it did.
      ASSIGN_OR_RETURN(std::vector<AuditEntry> at,
                       AuditAfter(tx, checkpoint.seq - 1, checkpoint.seq, 1));
      if (at.empty() || at[0].hash != checkpoint.hash || ComputeAuditHash(at[0]) != at[0].hash) {
        return broken(checkpoint.seq, "entry " + std::to_string(checkpoint.seq) +
                                          " is not the one verified before; the log was "
                                          "rewritten from there or before");
      }
      from = checkpoint;
      result.checkpoint = checkpoint.seq;
    }
    // An expected head within the part verified before is compared at once.
    std::optional<AuditAnchor> anchor = expected;
    if (anchor && anchor->seq <= from.seq) {
      auto hash = AuditHashAt(tx, anchor->seq);
      if (!hash.ok() && hash.status().code() != StatusCode::kNotFound) return hash.status();
      if (!hash.ok() || *hash != anchor->hash) {
        return broken(anchor->seq, "entry " + std::to_string(anchor->seq) +
                                       " is not the one the expected head names; the log was "
                                       "rewritten from there or before");
      }
      anchor.reset();
    }
    AuditChainCheck check(from, anchor);
    std::optional<std::string> checkpoint_hash;  // as found by a full check
    // One chunk is checked on a second thread while this one reads the
    // next: reading and hashing take about as long as each other, so a
    // long log is verified in about half the time. The chunks are checked
    // one after another, in order, as the chain needs. The two chunks'
    // entries are reused, so nothing is allocated per entry.
    std::vector<AuditEntry> chunks[2];
    int reading = 0;
    std::future<void> checking;
    // Reads past the head too: an entry added behind the head's back is
    // reported like one deleted.
    for (int64_t after = from.seq;;) {
      std::vector<AuditEntry>& entries = chunks[reading];
      const Status read =
          ReadAuditAfter(tx, after, std::numeric_limits<int64_t>::max(), chunk, entries);
      if (checking.valid()) checking.get();
      RETURN_IF_ERROR(read);
      if (entries.empty() || check.broken()) break;
      after = entries.back().seq;
      checking = std::async(std::launch::async, [&, checked = &entries] {
        for (const AuditEntry& e : *checked) {
          if (e.seq == checkpoint.seq) checkpoint_hash = e.hash;
          if (!check.Add(e)) break;
        }
      });
      reading = 1 - reading;
    }
    if (checking.valid()) checking.get();
    const int64_t checkpoint_at = result.checkpoint;
    result = check.Finish(head.seq, head.hash);
    result.checkpoint = checkpoint_at;
    if (result.ok && scope == AuditScope::kFull && checkpoint.seq > head.seq) {
      return broken(head.seq + 1, "the log ends at entry " + std::to_string(head.seq) +
                                      " but entries up to " + std::to_string(checkpoint.seq) +
                                      " were verified before; the newest were deleted");
    }
    if (result.ok && scope == AuditScope::kFull && checkpoint.seq > 0 &&
        checkpoint_hash != checkpoint.hash) {
      return broken(checkpoint.seq, "entry " + std::to_string(checkpoint.seq) +
                                        " is not the one an earlier verification found; the log "
                                        "was rewritten from there or before");
    }
    return OkStatus();
  }));
  if (result.ok && head.seq > checkpoint.seq) {
    RETURN_IF_ERROR(db.Write([&](Transaction& tx) {
      return AdvanceAuditCheckpoint(tx, AuditAnchor{head.seq, head.hash});
    }));
  }
  return result;
}

StatusOr<AuditAnchor> AuditTrailHead(Database& db, const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kVerifyAudit));
  AuditAnchor out;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(AuditHead head, GetAuditHead(tx));
    out = AuditAnchor{head.seq, head.hash};
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<AuditEntry>> RecentAuditTrail(Database& db, const Caller& caller,
                                                   int64_t limit) {
  RETURN_IF_ERROR(Require(caller, Permission::kVerifyAudit));
  std::vector<AuditEntry> recent;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(recent, RecentAudit(tx, limit));
    return OkStatus();
  }));
  return recent;
}

StatusOr<AuditPage> ListAuditTrail(Database& db, const Caller& caller, const AuditFilter& filter,
                                   int64_t limit, int64_t offset) {
  RETURN_IF_ERROR(Require(caller, Permission::kVerifyAudit));
  AuditPage page;
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(page, ListAudit(tx, filter, limit, offset));
    RETURN_IF_ERROR(NameAuditedRecords(tx, page));
    ASSIGN_OR_RETURN(page.kinds, AuditedKinds(tx));
    ASSIGN_OR_RETURN(auto inspectorates, ListInspectorates(tx));
    for (const auto& i : inspectorates) page.inspectorates[i.id] = i.short_name;
    ASSIGN_OR_RETURN(auto sets, ListCriteriaSets(tx));
    for (const auto& set : sets) {
      page.criteria_sets[set.id] = set.name;
      for (const auto& c : set.criteria) page.criteria[c.id] = c.name;
    }
    return OkStatus();
  }));
  return page;
}

Status CheckDatabase(Database& db) {
  return db.Read([](Transaction& tx) { return tx.Query("SELECT 1").status(); });
}

}  // namespace jointly
