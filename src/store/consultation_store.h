// Contacts, consultation rounds, consultees, responses, the dispatch
// register and the governance rotation in the database. Every function runs
// inside the caller's Transaction; auditing is the caller's job.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/consultation.h"
#include "store/database.h"

namespace jointly {

// How many consultation rounds have `contact_id` as a consultee.
StatusOr<int64_t> RoundsUsingContact(Transaction& tx, int64_t contact_id);

StatusOr<std::vector<ConsultationRound>> ListRounds(Transaction& tx);
StatusOr<ConsultationRound> GetRound(Transaction& tx, int64_t id);
StatusOr<int64_t> InsertRound(Transaction& tx, const ConsultationRound& r, const std::string& now);
// State only, bumping the version.
Status SetSummaryPublished(Transaction& tx, int64_t id, const std::string& now);
// Sets the round's state; `closed_on` is the day it was closed by hand
// (no date otherwise).
Status SetRoundState(Transaction& tx, int64_t id, RoundState state, const std::string& now,
                     Date closed_on = Date());

StatusOr<std::vector<Consultee>> ConsulteesOf(Transaction& tx, int64_t round_id);
StatusOr<Consultee> GetConsultee(Transaction& tx, int64_t id);
StatusOr<int64_t> InsertConsultee(Transaction& tx, const Consultee& c);
Status UpdateConsultee(Transaction& tx, const Consultee& c);
// The contact a statutory consultee like `c` (same category and
// organisation) had in the latest earlier round, if any.
StatusOr<std::optional<int64_t>> LastContactOf(Transaction& tx, const Consultee& c);

StatusOr<std::vector<ConsultationResponse>> ResponsesOf(Transaction& tx, int64_t round_id);
StatusOr<ConsultationResponse> GetResponse(Transaction& tx, int64_t id);
// AlreadyExists if the same fingerprint was already received in the round.
StatusOr<int64_t> InsertResponse(Transaction& tx, const ConsultationResponse& r,
                                 const std::string& fingerprint, const std::string& now);
// Replaces the response's proposals and topics.
// Its proposals, topics and our response ("we did").
Status SaveResponseTags(Transaction& tx, const ConsultationResponse& r);
// Counted responses tagged to a proposal (none set aside), oldest first.
StatusOr<std::vector<ConsultationResponse>> ResponsesAbout(Transaction& tx, int64_t proposal_id);

StatusOr<std::vector<Dispatch>> DispatchesOf(Transaction& tx, int64_t round_id);
StatusOr<int64_t> InsertDispatch(Transaction& tx, const Dispatch& d, int64_t by,
                                 const std::string& now);

StatusOr<std::optional<Rotation>> GetRotation(Transaction& tx);
Status SaveRotation(Transaction& tx, const Rotation& r, const std::string& reason,
                    const std::string& now);

}  // namespace jointly
