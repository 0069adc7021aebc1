// Inspections in the database: the inspection with the inspectorates taking
// part, its team, the versions of its terms of reference and timetable,
// the published copies of its terms of reference and where its joint
// decisions stand. The parts described as records (terms, methods, red
// lines, liaison, key dates, tasks) are stored through record_store.h.
// Every function runs inside the caller's Transaction; auditing is the
// caller's job.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/inspection.h"
#include "store/database.h"

namespace jointly {

// Inserts the inspection and who takes part, at version 1. Returns its id.
StatusOr<int64_t> InsertInspection(Transaction& tx, const Inspection& inspection,
                                   const std::string& now);
// NotFound if there is no such inspection.
StatusOr<Inspection> GetInspection(Transaction& tx, int64_t id);
// Every inspection, newest first.
StatusOr<std::vector<Inspection>> ListInspections(Transaction& tx);
// The inspection started from `proposal_id`, if there is one.
StatusOr<std::optional<int64_t>> InspectionOfProposal(Transaction& tx, int64_t proposal_id);

// The team, past members included, in the order they joined.
StatusOr<std::vector<TeamMember>> ListTeam(Transaction& tx, int64_t inspection_id);
// Every current member of every inspection's team.
StatusOr<std::vector<TeamMember>> ListCurrentTeams(Transaction& tx);
StatusOr<int64_t> InsertTeamMember(Transaction& tx, const TeamMember& member);
// Ends a place on the team on `left_on`.
Status EndTeamPlace(Transaction& tx, int64_t member_id, const std::string& left_on);

// Moves the terms of reference (or the timetable) to a new version, so that
// agreements bound to the old one lapse. Returns the new version.
StatusOr<int64_t> BumpTermsVersion(Transaction& tx, int64_t inspection_id, const std::string& now);
StatusOr<int64_t> BumpTimetableVersion(Transaction& tx, int64_t inspection_id,
                                       const std::string& now);
// The same for the set of fieldwork sites (R11).
StatusOr<int64_t> BumpSitesVersion(Transaction& tx, int64_t inspection_id, const std::string& now);

// Where the joint decisions of `kind` on `subject_id` stand, newest first.
StatusOr<std::vector<AgreementFacts>> AgreementsOn(Transaction& tx, const std::string& kind,
                                                   int64_t subject_id);

// Records a sending of a commissioning letter; returns its id.
StatusOr<int64_t> InsertSending(Transaction& tx, const LetterSending& sending);
// The sendings of a letter, oldest first.
StatusOr<std::vector<LetterSending>> SendingsOf(Transaction& tx, int64_t letter_id);
// Records the withdrawal `sending` carries (withdrawn_on, _by, _at,
// reason) on a sending that stands.
Status WithdrawSending(Transaction& tx, const LetterSending& sending);
// Removes a letter's sendings and recorded signatories, before the letter
// goes with its site.
Status DeleteSendingsAndSignatories(Transaction& tx, int64_t letter_id);
// The Chief Inspectors a letter's version names, recorded when every
// inspectorate authorised it; nullopt if none were recorded.
Status InsertSignatories(Transaction& tx, int64_t letter_id, int64_t letter_version,
                         const std::vector<std::string>& chief_inspectors, const std::string& now);
StatusOr<std::optional<std::vector<std::string>>> SignatoriesOf(Transaction& tx, int64_t letter_id,
                                                                int64_t letter_version);

// A published copy of the terms of reference (its JSON), once per version.
Status InsertPublishedTerms(Transaction& tx, int64_t inspection_id, int64_t terms_version,
                            const std::string& content, const std::string& now);
struct PublishedCopy {
  int64_t inspection_id = 0;
  int64_t terms_version = 0;
  std::string content;  // JSON
  std::string published_at;
};
// The newest published copy of each inspection's terms, newest first.
StatusOr<std::vector<PublishedCopy>> ListPublishedTerms(Transaction& tx);
// The newest published copy of one inspection's terms, if any.
StatusOr<std::optional<PublishedCopy>> GetPublishedTerms(Transaction& tx, int64_t inspection_id);

}  // namespace jointly
