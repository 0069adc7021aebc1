// Joint decisions in the database: the decision, the inspectorates it
// concerns and their answers. Knows nothing of what a kind of decision is
// about or does (service/decision_service.h). Every function runs inside
// the caller's Transaction; auditing is the caller's job (service/).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/joint_decision.h"
#include "store/database.h"

namespace jointly {

// A joint decision as stored: what it is about and what happens when it is
// agreed.
struct StoredDecision {
  JointDecision decision;
  std::string kind;        // who registered it knows what the subject and payload mean
  int64_t subject_id = 0;  // what is decided on: a plan, a run, a proposal...
  std::optional<int64_t> subject_version;  // the subject's version to agree, if bound to one
  std::string payload;                     // JSON: what the decision does when agreed
  int64_t raised_by = 0;
  std::string raised_at;
  std::string decided_at;
};

// Inserts the decision, awaiting every concerned inspectorate, at version 1.
// Returns its id.
StatusOr<int64_t> InsertDecision(Transaction& tx, const StoredDecision& d);
// NotFound if there is no such decision.
StatusOr<StoredDecision> GetDecision(Transaction& tx, int64_t id);
// Newest first, at most 500; `state` filters when set.
StatusOr<std::vector<StoredDecision>> ListDecisions(Transaction& tx,
                                                    std::optional<DecisionState> state);
// What a joint decision is about, for labels and choices on other pages.
struct DecisionSubject {
  int64_t id = 0;
  std::string subject;
};
// The subjects of the decisions ListDecisions lists, in its order.
StatusOr<std::vector<DecisionSubject>> ListDecisionSubjects(Transaction& tx);
// The decisions of `kind` on `subject_id` still awaiting answers, newest
// first, without their concerned inspectorates and answers.
StatusOr<std::vector<StoredDecision>> AwaitingOn(Transaction& tx, const std::string& kind,
                                                 int64_t subject_id);
// The newest decision of `kind` on `subject_id`, whatever its state, with
// its answers; none if it was never asked.
StatusOr<std::optional<StoredDecision>> NewestOn(Transaction& tx, const std::string& kind,
                                                 int64_t subject_id);
// Closes `d`, still awaiting answers, because decision `superseded_by`
// asks about a newer version of its subject (JointDecision::lapsed_at). It
// is stored as closed: state "declined" with no inspectorate's answer, and
// when and why. Aborted if the decision's version moved on.
Status LapseDecision(Transaction& tx, const StoredDecision& d, int64_t superseded_by,
                     const std::string& now);
// Saves one new response and the decision's state; Aborted if the
// decision's version moved on.
Status SaveResponse(Transaction& tx, const StoredDecision& d, int64_t inspectorate_id,
                    const DecisionResponse& response, const std::string& now);

}  // namespace jointly
