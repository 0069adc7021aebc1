// Joint decisions (R11 "jointly owned"): a feature asks every inspectorate
// concerned to agree something; each answers for itself, agreeing or
// declining with a reason; the last agreement applies the decision in the
// same transaction. What a decision is about and what it does belong to the
// feature that asks: it registers a DecisionKind for each kind it raises
// (programme planning registers adopting an optimiser run, approving the
// draft programme and forcing a proposal in or out), and this module calls
// it without knowing what it does. Each use case checks permission,
// validates, writes and audits in one transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/directory.h"
#include "domain/joint_decision.h"
#include "store/database.h"
#include "store/decision_store.h"

namespace jointly {

// What a kind of decision means. Registered by the feature that asks for
// decisions of that kind.
struct DecisionKind {
  // Who may ask for one.
  Permission ask = Permission::kEditProgramme;
  // What the decision does once every concerned inspectorate has agreed.
  // Runs in the transaction of the last agreement, after that agreement is
  // saved and audited; an error undoes the agreement too. `agreed_by` gave
  // the last agreement, at `now` (the decision's decided_at). Required.
  std::function<Status(Transaction& tx, const StoredDecision& decision, const Caller& agreed_by,
                       const std::string& now)>
      apply;
  // The subject's version now, for decisions bound to a version of their
  // subject; NotFound if the subject is gone. Needed only by kinds that
  // bind. On PostgreSQL (tx.dialect()) it should read with FOR SHARE, so
  // that the subject cannot change before an agreement checked against it
  // commits.
  std::function<StatusOr<int64_t>(Transaction& tx, int64_t subject_id)> subject_version;
  // The members that name the subject in the decision's JSON (the
  // programme's: plan_id, proposal_id and run_id), beside the decision's
  // own; pure. Optional.
  std::function<nlohmann::json(const StoredDecision& decision)> subject_json;
  // Whether `caller` may know of the decision at all: decisions on working
  // material that only some may see (an inspection's) are seen only by
  // them. Optional: without it, everyone signed in sees decisions of the
  // kind.
  std::function<StatusOr<bool>(Transaction& tx, const StoredDecision& decision,
                               const Caller& caller)>
      seen_by;
  // Whether the decision may still be answered, checked in the transaction
  // of each answer: OkStatus, or why not (an inspection's stage settled by
  // the report's publication). Optional: without it, until decided.
  std::function<Status(Transaction& tx, const StoredDecision& decision)> answerable;
};

// A kind of joint decision as the feature that raises it describes it,
// once: its id (stored, and in the API) and what it decides, in words.
struct DecisionKindName {
  const char* id;
  const char* words;
};

// What a feature asks every concerned inspectorate to agree.
struct DecisionRequest {
  std::string kind;  // registered with JointDecisions::Register
  int64_t subject_id = 0;
  // When set, the decision binds to this version of the subject: it can be
  // agreed only while the subject is still at this version.
  std::optional<int64_t> subject_version;
  std::string subject;          // what is being decided, in plain English
  std::set<int64_t> concerned;  // the inspectorates that must all agree
  std::string payload;          // JSON: what it would do, read by the kind's apply
};

// A decision with what the pages need to show it.
struct DecisionView {
  StoredDecision stored;
  DecisionState state = DecisionState::kAwaiting;
  bool mine_to_answer = false;  // the caller speaks for an awaited inspectorate
  nlohmann::json subject_json = nlohmann::json::object();  // from the kind
};

// Every joint decision, newest first.
struct DecisionsPage {
  std::vector<DecisionView> decisions;
  std::vector<Inspectorate> inspectorates;
  std::map<int64_t, std::string> people;  // who asked, by name
};

// Thread-safe once every kind is registered.
class JointDecisions {
 public:
  JointDecisions(Database& db, const Clock& clock) : db_(db), clock_(clock) {}
  JointDecisions(const JointDecisions&) = delete;
  JointDecisions& operator=(const JointDecisions&) = delete;

  // Registers what decisions of `kind` mean. REQUIRES: before any other
  // call; `kind` not registered yet; `meaning.apply` set.
  void Register(const std::string& kind, DecisionKind meaning);
  // The kinds registered, in id order.
  std::vector<std::string> Kinds() const;

  // Asks the concerned inspectorates to agree. PermissionDenied without the
  // kind's `ask` permission; InvalidArgument as ValidateJointDecision;
  // FailedPrecondition "already-awaiting" if a decision of the same kind on
  // the same subject (and version) awaits answers, or "stale-subject" if
  // the subject is no longer at `subject_version`; NotFound if the subject
  // is gone; Internal for a kind not registered, or a version given to a
  // kind without `subject_version`. Audited as "raise". A caller who may
  // answer for a concerned inspectorate agrees for it by asking (audited as
  // "agree").
  StatusOr<DecisionView> Ask(const Caller& caller, DecisionRequest request);

  // The caller answers for their own inspectorate (Respond in
  // domain/joint_decision.h says when it may). PermissionDenied without
  // kAnswerDecisions; InvalidArgument (field "reason") for a reason over
  // 2,000 characters; NotFound; FailedPrecondition "stale-subject" for an
  // agreement to a decision bound to a version of its subject that is no
  // longer the newest (declining it is still possible); Aborted if someone
  // answered at the same moment. The last agreement applies the decision
  // (its kind's `apply`) in the same transaction; Internal if its kind is
  // not registered. Audited as "agree" or "decline".
  StatusOr<DecisionView> Respond(const Caller& caller, int64_t decision_id, bool agreed,
                                 const std::string& reason);

  // Every list and lookup below leaves out, or answers NotFound for, the
  // decisions the caller may not know of (DecisionKind::seen_by).
  //
  // Newest first (the newest 500). `awaiting_mine`: only those the caller's
  // inspectorate has still to answer.
  StatusOr<std::vector<DecisionView>> List(const Caller& caller, bool awaiting_mine);
  // Those the caller's inspectorate has still to answer, newest first, read
  // in `tx` (for a page that shows them among other things).
  StatusOr<std::vector<DecisionView>> AwaitingMine(Transaction& tx, const Caller& caller) const;
  // Those the caller asked that an inspectorate declined and that nobody
  // has asked again since (no newer decision of the kind on the subject),
  // newest first, read in `tx` (for the asker's home page).
  StatusOr<std::vector<DecisionView>> DeclinedAskedBy(Transaction& tx, const Caller& caller) const;
  // NotFound if there is no such decision.
  StatusOr<DecisionView> Get(const Caller& caller, int64_t id);
  // The joint decisions page: every decision and, for labels, every
  // inspectorate, in one transaction.
  StatusOr<DecisionsPage> ViewDecisions(const Caller& caller);
  // The decision's audit trail, oldest first.
  StatusOr<std::vector<AuditEntry>> History(const Caller& caller, int64_t id);

 private:
  const DecisionKind* KindOf(const std::string& kind) const;
  DecisionView View(const Caller& caller, StoredDecision d) const;
  StatusOr<bool> Sees(Transaction& tx, const Caller& caller, const StoredDecision& d) const;
  // The decisions of `all` the caller may know of, as views.
  StatusOr<std::vector<DecisionView>> Visible(Transaction& tx, const Caller& caller,
                                              std::vector<StoredDecision> all) const;

  Database& db_;
  const Clock& clock_;
  std::map<std::string, DecisionKind> kinds_;
};

// The JSON form of a decision: what the API returns and what the audit
// trail stores. The kind's subject members join the decision's own.
nlohmann::json ToJson(const DecisionView& d);

}  // namespace jointly
