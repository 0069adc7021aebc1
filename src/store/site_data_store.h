// Each inspected body's indicators and past inspections (migration 0020),
// and the sites of Jointly's own inspections, for choosing sites from data.
// Every function runs inside the caller's Transaction.
#pragma once

#include <optional>
#include <vector>

#include "domain/site_selection.h"
#include "store/database.h"

namespace jointly {

StatusOr<std::optional<BodyIndicators>> FindIndicators(Transaction& tx, int64_t body_id);
// Adds or replaces the body's indicators.
Status SaveIndicators(Transaction& tx, const BodyIndicators& i, const std::string& now);
StatusOr<std::vector<BodyIndicators>> AllIndicators(Transaction& tx);
// Adds the inspection unless the same one is there; whether it was added.
StatusOr<bool> AddPastInspection(Transaction& tx, const PastInspection& p, const std::string& now);
// Every imported inspection, and a PastInspection (inspectorate 0) for each
// site of Jointly's inspections but `except_inspection_id`, on the day
// its fieldwork starts.
StatusOr<std::vector<PastInspection>> AllPastInspections(Transaction& tx,
                                                         int64_t except_inspection_id);

}  // namespace jointly
