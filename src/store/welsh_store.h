// Welsh versions of what the public website shows (table welsh_versions):
// kept here until the English one is released, then released with it as a
// copy of language "cy" (see ReleaseItem in store/released_store.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/database.h"

namespace jointly {

struct WelshVersion {
  std::string kind;       // kReleasedReport, kReleasedInspection or kReleasedConsultation
  int64_t record_id = 0;  // the inspection's or the consultation round's id
  std::string title;
  std::string summary;
  std::string text;     // paragraphs separated by blank lines
  int64_t version = 0;  // 0 before it is first saved
  int64_t updated_by = 0;
  std::string updated_at;
};

// Whether `kind` is one a Welsh version may be kept for.
bool HoldsWelshVersion(std::string_view kind);

StatusOr<std::optional<WelshVersion>> GetWelshVersion(Transaction& tx, std::string_view kind,
                                                      int64_t record_id);

// Inserts (version 0 given) or updates (the version given must be the
// stored one: Aborted, rule stale-version, otherwise); returns the new
// version.
StatusOr<int64_t> PutWelshVersion(Transaction& tx, const WelshVersion& welsh);

// Whether the record is about bodies in Wales, from the directory: an
// inspection (its report, its terms of reference) with a fieldwork site or
// a recommendation owner whose nation is Wales or England and Wales; a
// consultation round sent to a Welsh statutory consultee (Healthcare
// Inspectorate Wales, the Auditor General for Wales) not dropped from it.
StatusOr<bool> AboutBodiesInWales(Transaction& tx, std::string_view kind, int64_t record_id);

// Whether the English one exists to be translated: a report with a section
// drafted, terms of reference with their background or aims written, a
// consultation round (written whole when started). NotFound when the
// inspection or round does not exist.
StatusOr<bool> EnglishWritten(Transaction& tx, std::string_view kind, int64_t record_id);

}  // namespace jointly
