// An independent check of a chosen programme against every rule the
// optimiser enforces, written apart from the model and the heuristic so
// tests can judge either.
#pragma once

#include <vector>

#include "core/status.h"
#include "planning/optimiser.h"

namespace jointly {

// OK when `chosen` picks each proposal at most once, leaves out what the
// Chief Inspectors left out and includes what they forced in (R3), keeps
// work in progress at its start (R6), starts nothing before its earliest
// start or past the horizon, keeps every inspectorate within its capacity
// in every quarter, never runs clashing proposals in the same quarter and
// meets the balance of the programme (R5: each high-level process in each
// year, victim and witness experience unless waived). Otherwise
// FailedPrecondition naming the first rule broken.
Status CheckProgrammeRules(const ProgrammeInstance& instance,
                           const std::vector<ScheduledItem>& chosen);

}  // namespace jointly
