// Storage of stage 5 beyond what the described records give: the
// emerging-findings meeting's version, moved by every change to who
// attended it or to the report structure, and a section's place in the
// report when another is put before it or taken out.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace jointly {

// Moves the inspection's emerging-findings meeting to a new version;
// returns it. NotFound if it has none.
StatusOr<int64_t> BumpMeetingVersion(Transaction& tx, int64_t inspection_id,
                                     const std::string& now);

// Moves a report section to `position`, as a new version of it.
Status SetSectionPosition(Transaction& tx, int64_t section_id, int64_t position,
                          const std::string& now);

}  // namespace jointly
