// What the unit tests of running an inspection share: the inspectorates by
// id, the joint inspection under test (Hate crime, led by HMICFRS with
// HMCPSI) and someone signed in with one role.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "domain/access.h"
#include "domain/findings.h"
#include "domain/inspection.h"

namespace jointly::fixtures {

inline constexpr int64_t kPolice = 1, kCps = 2, kProbation = 3, kPrisons = 4, kOfsted = 6;

// Hate crime (inspection 7): HMICFRS leads, HMCPSI takes part, Ofsted is a
// partner outside criminal justice.
inline Inspection HateCrime() {
  Inspection i;
  i.id = 7;
  i.title = "Hate crime";
  i.lead_inspectorate_id = kPolice;
  i.participating = {kPolice, kCps};
  i.partners = {kOfsted};
  return i;
}

// Someone signed in, active, of `inspectorate` (if any), with `role`.
inline Caller Someone(int64_t user, std::optional<int64_t> inspectorate, Role role) {
  Caller c;
  c.user_id = user;
  c.active = true;
  c.inspectorate_id = inspectorate;
  c.roles = {role};
  return c;
}

// The participating inspectorates' names, as the stage 5 and 6 rules name
// them in what they say.
inline const std::map<int64_t, std::string> kNames = {{kPolice, "HMICFRS"}, {kCps, "HMCPSI"}};

// `inspectorate` recorded present at the emerging-findings meeting.
inline MeetingAttendance Present(int64_t inspectorate) {
  MeetingAttendance a;
  a.id = inspectorate;
  a.inspection_id = 7;
  a.inspectorate_id = inspectorate;
  a.attendees = "Lead inspector";
  return a;
}

}  // namespace jointly::fixtures
