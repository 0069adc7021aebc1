// Meetings (agenda, decisions), referrals and external
// reference groups in the database. Every function runs inside the
// caller's Transaction; auditing is the caller's job.
#pragma once

#include <string>
#include <vector>

#include "domain/governance.h"
#include "store/database.h"

namespace jointly {

StatusOr<std::vector<Meeting>> ListMeetings(Transaction& tx);
StatusOr<Meeting> GetMeeting(Transaction& tx, int64_t id);
StatusOr<int64_t> InsertMeeting(Transaction& tx, const Meeting& m, const std::string& now);
// Writes every field of `m` if it is still at `m.version`, which goes up by
// one: Aborted if someone changed it since, NotFound if there is none.
Status SaveMeeting(Transaction& tx, const Meeting& m, const std::string& now);

StatusOr<std::vector<MeetingDecision>> DecisionsOf(Transaction& tx, int64_t meeting_id);
StatusOr<int64_t> InsertMeetingDecision(Transaction& tx, const MeetingDecision& d,
                                        const std::string& now);

StatusOr<std::vector<Referral>> ListReferrals(Transaction& tx);
StatusOr<Referral> GetReferral(Transaction& tx, int64_t id);
StatusOr<int64_t> InsertReferral(Transaction& tx, const Referral& r, const std::string& now);
Status SaveReferralDecision(Transaction& tx, const Referral& r, const std::string& now);

StatusOr<std::vector<ReferenceGroup>> ListReferenceGroups(Transaction& tx);
StatusOr<ReferenceGroup> GetReferenceGroup(Transaction& tx, int64_t id);
StatusOr<int64_t> InsertReferenceGroup(Transaction& tx, const ReferenceGroup& g,
                                       const std::string& now);
Status InsertGroupMember(Transaction& tx, int64_t group_id, const ReferenceGroupMember& m);
StatusOr<int64_t> InsertAdvice(Transaction& tx, int64_t group_id, const Advice& a,
                               const std::string& now);

}  // namespace jointly
