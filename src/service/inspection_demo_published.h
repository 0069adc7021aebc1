// The demo's second joint inspection, already published (M 41-46, R21):
// Modern slavery and human trafficking, from the 2017-18 programme, led by
// HMICFRS with HMCPSI, taken through every stage on plausible days of
// 2017-18 by the demo's people, its report published by the publication
// job, and its three recommendations followed up on the tracker.
#pragma once

#include <optional>

#include "core/clock.h"
#include "core/status.h"
#include "service/inspection_service.h"
#include "store/database.h"

namespace jointly {

inline constexpr const char* kDemoPublishedTitle = "Modern slavery and human trafficking";

// Once: the inspection through stages 1 to 6 (a force and its CPS Area
// visited, three findings and three recommendations to the Home Office,
// the force and the CPS Area, the approval chain to final sign-off),
// published at 09:30 on 13 February 2018, then on the tracker the force's
// recommendation accepted and verified implemented, the CPS Area's partly
// accepted with an update, and the Home Office's left unanswered, so its
// response is overdue. Nothing when the inspection exists already.
Status LoadDemoPublished(Database& db, const DemoInspectionPeople& people);

// The same inspection replayed on `clock` to its final sign-off and its
// Welsh summary, with no publication set; returns its id, or nothing once
// it is started. NotFound without the demo programme.
StatusOr<std::optional<int64_t>> LoadDemoSignedOff(Database& db, const DemoInspectionPeople& people,
                                                   ReplayClock& clock);

}  // namespace jointly
