// What the inspection's overview says beside a stage's state, so that the
// states read together make sense: what a stage that cannot start yet waits
// for, and what is still to do in an earlier stage when a later one is under way or
// done. Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/inspection.h"

namespace jointly {

// For stage `index` of `stages` (as StagesOf gives them):
// - cannot start yet: "Waits for: " and the checks that block in the
//   stages before it not yet done ("the emerging-findings meeting held with
//   every inspectorate present"), or, when none is left, the stage before
//   it to be completed;
// - in progress or completed while a stage before it is still in progress:
//   "Still to do in stage 3, planning the fieldwork: " and what that
//   stage has not done, said under the first stage under way after it
//   only (the later ones would repeat it);
// - otherwise "".
std::string StageNote(const std::vector<StageStatus>& stages, size_t index);

}  // namespace jointly
