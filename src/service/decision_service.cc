#include "service/decision_service.h"

#include <cassert>

#include "core/text.h"
#include "service/audit_trail.h"
#include "store/audit_store.h"
#include "store/directory_store.h"
#include "store/people_store.h"

namespace jointly {

namespace {

// A decision as the audit trail records it: what it is, not what the caller
// may do with it.
nlohmann::json Audited(const DecisionView& v) {
  nlohmann::json j = ToJson(v);
  j.erase("mine_to_answer");
  return j;
}

}  // namespace

using nlohmann::json;

namespace {

std::string Now(const Clock& clock) { return FormatTimestamp(clock.NowMicros()); }

// The version the subject of a decision of `kind` is at now.
StatusOr<int64_t> SubjectVersionNow(Transaction& tx, const DecisionKind* kind,
                                    const std::string& kind_id, int64_t subject_id) {
  if (!kind || !kind->subject_version) {
    return Internal("Decisions of kind \"" + kind_id + "\" are not bound to versions");
  }
  return kind->subject_version(tx, subject_id);
}

}  // namespace

std::vector<std::string> JointDecisions::Kinds() const {
  std::vector<std::string> out;
  for (const auto& [kind, meaning] : kinds_) out.push_back(kind);
  return out;
}

void JointDecisions::Register(const std::string& kind, DecisionKind meaning) {
  assert(meaning.apply && !kinds_.count(kind));
  kinds_[kind] = std::move(meaning);
}

const DecisionKind* JointDecisions::KindOf(const std::string& kind) const {
  auto it = kinds_.find(kind);
  return it == kinds_.end() ? nullptr : &it->second;
}

DecisionView JointDecisions::View(const Caller& caller, StoredDecision d) const {
  DecisionView v;
  v.state = d.decision.state();
  v.mine_to_answer = v.state == DecisionState::kAwaiting && caller.inspectorate_id &&
                     Allows(caller, Permission::kAnswerDecisions) &&
                     d.decision.awaiting().count(*caller.inspectorate_id) > 0;
  if (const DecisionKind* kind = KindOf(d.kind); kind && kind->subject_json) {
    v.subject_json = kind->subject_json(d);
  }
  v.stored = std::move(d);
  return v;
}

StatusOr<bool> JointDecisions::Sees(Transaction& tx, const Caller& caller,
                                    const StoredDecision& d) const {
  const DecisionKind* kind = KindOf(d.kind);
  if (!kind || !kind->seen_by) return true;
  return kind->seen_by(tx, d, caller);
}

StatusOr<std::vector<DecisionView>> JointDecisions::Visible(Transaction& tx, const Caller& caller,
                                                            std::vector<StoredDecision> all) const {
  std::vector<DecisionView> out;
  for (auto& d : all) {
    ASSIGN_OR_RETURN(bool sees, Sees(tx, caller, d));
    if (sees) out.push_back(View(caller, std::move(d)));
  }
  return out;
}

StatusOr<DecisionView> JointDecisions::Ask(const Caller& caller, DecisionRequest request) {
  const DecisionKind* kind = KindOf(request.kind);
  if (!kind) return Internal("No kind of joint decision \"" + request.kind + "\" is registered");
  RETURN_IF_ERROR(Require(caller, kind->ask));
  StoredDecision d;
  d.kind = std::move(request.kind);
  d.subject_id = request.subject_id;
  d.subject_version = request.subject_version;
  d.decision.subject = std::move(request.subject);
  d.decision.concerned = std::move(request.concerned);
  d.payload = std::move(request.payload);
  RETURN_IF_ERROR(ValidateJointDecision(d.decision));
  d.raised_by = caller.user_id;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    if (d.subject_version) {
      ASSIGN_OR_RETURN(int64_t now_at, SubjectVersionNow(tx, kind, d.kind, d.subject_id));
      if (now_at != *d.subject_version) {
        return FailedPrecondition("Version " + std::to_string(*d.subject_version) +
                                      " is no longer the newest: ask about version " +
                                      std::to_string(now_at),
                                  "stale-subject");
      }
    }
    // One open question at a time about the same thing.
    ASSIGN_OR_RETURN(auto open, AwaitingOn(tx, d.kind, d.subject_id));
    for (const auto& o : open) {
      if (o.subject_version == d.subject_version) {
        return FailedPrecondition("Decision " + std::to_string(o.decision.id) +
                                      " on this is already awaiting answers: \"" +
                                      o.decision.subject + "\"",
                                  "already-awaiting");
      }
    }
    d.raised_at = Now(clock_);
    ASSIGN_OR_RETURN(d.decision.id, InsertDecision(tx, d));
    d.decision.version = 1;
    RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "raise", "joint_decision", d.decision.id,
                                 nullptr, Audited(View(caller, d))));
    // Asking is agreeing: someone who may answer for a concerned
    // inspectorate is not asked to agree their own request.
    if (caller.inspectorate_id && d.decision.concerned.count(*caller.inspectorate_id) &&
        Allows(caller, Permission::kAnswerDecisions)) {
      const json before = Audited(View(caller, d));
      DecisionResponse agreed{true, "", caller.user_id, d.raised_at};
      RETURN_IF_ERROR(jointly::Respond(d.decision, *caller.inspectorate_id, agreed));
      RETURN_IF_ERROR(SaveResponse(tx, d, *caller.inspectorate_id, agreed, d.raised_at));
      d.decision.version += 1;
      RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "agree", "joint_decision", d.decision.id,
                                   before, Audited(View(caller, d))));
    }
    // Nobody is asked to agree a version that is no longer the newest: the
    // questions about older ones lapse.
    for (const auto& o : open) {
      if (!d.subject_version || !o.subject_version) continue;
      ASSIGN_OR_RETURN(StoredDecision older, GetDecision(tx, o.decision.id));
      const json before = Audited(View(caller, older));
      RETURN_IF_ERROR(LapseDecision(tx, older, d.decision.id, d.raised_at));
      older.decision.lapsed_at = d.raised_at;
      older.decision.superseded_by = d.decision.id;
      older.decision.version += 1;
      RETURN_IF_ERROR(RecordChange(tx, clock_, caller, "lapse", "joint_decision", older.decision.id,
                                   before, Audited(View(caller, older))));
    }
    return OkStatus();
  }));
  return View(caller, std::move(d));
}

StatusOr<DecisionView> JointDecisions::Respond(const Caller& caller, int64_t decision_id,
                                               bool agreed, const std::string& reason) {
  RETURN_IF_ERROR(Require(caller, Permission::kAnswerDecisions));
  Validation said;
  said.Text("reason", reason, 2000, false, "the reason");
  RETURN_IF_ERROR(said.Finish("The reason cannot be kept as it is"));
  StoredDecision d;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(d, GetDecision(tx, decision_id));
    ASSIGN_OR_RETURN(bool sees, Sees(tx, caller, d));
    if (!sees) return NotFound("Joint decision " + std::to_string(d.decision.id) + " not found");
    const json before = Audited(View(caller, d));
    const std::string now = Now(clock_);
    DecisionResponse response{agreed, std::string(Trim(reason)), caller.user_id, now};
    RETURN_IF_ERROR(jointly::Respond(d.decision, *caller.inspectorate_id, response));
    const DecisionKind* kind = KindOf(d.kind);
    if (kind && kind->answerable) RETURN_IF_ERROR(kind->answerable(tx, d));
    if (agreed && d.subject_version) {
      ASSIGN_OR_RETURN(int64_t now_at, SubjectVersionNow(tx, kind, d.kind, d.subject_id));
      if (now_at != *d.subject_version) {
        return FailedPrecondition("This decision is about version " +
                                      std::to_string(*d.subject_version) + ", and there is now a " +
                                      "version " + std::to_string(now_at) +
                                      ": it can no longer be agreed. Decline it, and ask again "
                                      "about the newest version",
                                  "stale-subject");
      }
    }
    RETURN_IF_ERROR(SaveResponse(tx, d, *caller.inspectorate_id, response, now));
    d.decision.version += 1;
    if (d.decision.state() == DecisionState::kAgreed) d.decided_at = now;
    RETURN_IF_ERROR(RecordChange(tx, clock_, caller, agreed ? "agree" : "decline", "joint_decision",
                                 d.decision.id, before, Audited(View(caller, d))));
    if (d.decision.state() != DecisionState::kAgreed) return OkStatus();
    // Every concerned inspectorate agreed: the decision takes effect now.
    if (!kind) return Internal("No kind of joint decision \"" + d.kind + "\" is registered");
    return kind->apply(tx, d, caller, now);
  }));
  return View(caller, std::move(d));
}

StatusOr<std::vector<DecisionView>> JointDecisions::List(const Caller& caller, bool awaiting_mine) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<DecisionView> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    if (awaiting_mine) {
      ASSIGN_OR_RETURN(out, AwaitingMine(tx, caller));
      return OkStatus();
    }
    ASSIGN_OR_RETURN(auto all, ListDecisions(tx, std::nullopt));
    ASSIGN_OR_RETURN(out, Visible(tx, caller, std::move(all)));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<DecisionView>> JointDecisions::AwaitingMine(Transaction& tx,
                                                                 const Caller& caller) const {
  std::vector<DecisionView> out;
  if (!caller.inspectorate_id || !Allows(caller, Permission::kAnswerDecisions)) return out;
  ASSIGN_OR_RETURN(auto all, ListDecisions(tx, DecisionState::kAwaiting));
  ASSIGN_OR_RETURN(auto seen, Visible(tx, caller, std::move(all)));
  for (auto& v : seen) {
    if (v.mine_to_answer) out.push_back(std::move(v));
  }
  return out;
}

StatusOr<std::vector<DecisionView>> JointDecisions::DeclinedAskedBy(Transaction& tx,
                                                                    const Caller& caller) const {
  ASSIGN_OR_RETURN(auto all, ListDecisions(tx, std::nullopt));
  std::set<std::pair<std::string, int64_t>> asked_since;
  std::vector<StoredDecision> declined;
  for (auto& d : all) {
    const bool newest = asked_since.insert({d.kind, d.subject_id}).second;
    if (newest && d.raised_by == caller.user_id && d.decision.state() == DecisionState::kDeclined) {
      declined.push_back(std::move(d));
    }
  }
  return Visible(tx, caller, std::move(declined));
}

StatusOr<DecisionView> JointDecisions::Get(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  StoredDecision d;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(d, GetDecision(tx, id));
    ASSIGN_OR_RETURN(bool sees, Sees(tx, caller, d));
    if (!sees) return NotFound("Joint decision " + std::to_string(d.decision.id) + " not found");
    return OkStatus();
  }));
  return View(caller, std::move(d));
}

StatusOr<DecisionsPage> JointDecisions::ViewDecisions(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  DecisionsPage out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto all, ListDecisions(tx, std::nullopt));
    ASSIGN_OR_RETURN(out.decisions, Visible(tx, caller, std::move(all)));
    ASSIGN_OR_RETURN(out.inspectorates, ListInspectorates(tx));
    ASSIGN_OR_RETURN(auto users, ListUsers(tx));
    for (const auto& u : users) out.people[u.id] = u.name.empty() ? u.email : u.name;
    return OkStatus();
  }));
  return out;
}

StatusOr<std::vector<AuditEntry>> JointDecisions::History(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kSignedIn));
  std::vector<AuditEntry> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(StoredDecision d, GetDecision(tx, id));
    ASSIGN_OR_RETURN(bool sees, Sees(tx, caller, d));
    if (!sees) return NotFound("Joint decision " + std::to_string(d.decision.id) + " not found");
    ASSIGN_OR_RETURN(out, AuditOf(tx, "joint_decision", id));
    return OkStatus();
  }));
  return out;
}

json ToJson(const DecisionView& v) {
  const JointDecision& d = v.stored.decision;
  json responses = json::array();
  for (const auto& [inspectorate, r] : d.responses) {
    responses.push_back({{"inspectorate_id", inspectorate},
                         {"agreed", r.agreed},
                         {"reason", r.reason},
                         {"by_user_id", r.by_user_id},
                         {"at", r.at}});
  }
  json j = json::object();
  j["id"] = d.id;
  j["kind"] = v.stored.kind;
  j["subject"] = d.subject;
  j["state"] = DecisionStateId(v.state);
  j["concerned"] = d.concerned;
  j["awaiting"] = d.awaiting();
  j["responses"] = std::move(responses);
  j["raised_by"] = v.stored.raised_by;
  j["raised_at"] = v.stored.raised_at;
  j["decided_at"] = v.stored.decided_at.empty() ? json() : json(v.stored.decided_at);
  j["lapsed_at"] = d.lapsed_at.empty() ? json() : json(d.lapsed_at);
  j["superseded_by"] = d.superseded_by ? json(d.superseded_by) : json();
  j["mine_to_answer"] = v.mine_to_answer;
  j["version"] = d.version;
  if (v.subject_json.is_object()) {
    for (const auto& [name, value] : v.subject_json.items()) {
      if (!j.contains(name)) j[name] = value;  // the decision's own members come first
    }
  }
  return j;
}

}  // namespace jointly
