// Welsh versions of what the public website shows about bodies in Wales: a
// published report, terms of reference or consultation may carry one,
// entered by the staff who may edit that record and released with the
// English one (rules welsh-needs-english, welsh-only-for-wales,
// welsh-released-with-english). The public pages read the Welsh copies
// from the released store only, as the English ones.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "domain/access.h"
#include "store/database.h"
#include "store/released_store.h"
#include "store/welsh_store.h"

namespace jointly {

inline constexpr size_t kMaxWelshTitle = 300;
inline constexpr size_t kMaxWelshSummary = 1000;
inline constexpr size_t kMaxWelshText = 100000;

// "report", "terms-of-reference", "consultation" (as addresses and the API
// name them) to the released kind; nullopt for anything else.
std::optional<std::string_view> WelshKindOf(std::string_view name);
std::string_view WelshKindName(std::string_view kind);

// A record's Welsh version and what may be done with it.
struct WelshVersionView {
  WelshVersion welsh;         // version 0 when there is none yet
  std::string english_title;  // the record's own title, in English
  bool about_wales = false;   // see AboutBodiesInWales
  bool english_written = false;
  bool english_released = false;  // the English one is on the public website
  bool welsh_released = false;    // and the Welsh one with it
  bool may_publish = false;       // the caller may publish the record
  std::string english_page;       // where each is read on the public website
  std::string welsh_page;
};

class WelshService {
 public:
  WelshService(Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // For those who may edit the record: the report's and terms' inspection
  // team (kRunInspections), or who runs consultations. NotFound for a
  // record that does not exist or that the caller may not see;
  // PermissionDenied when they may see it but not edit it.
  StatusOr<WelshVersionView> Get(const Caller& caller, std::string_view kind, int64_t record_id);

  // Saves the Welsh version (its `version` the one read; 0 for a first).
  // InvalidArgument naming every bad field at once: title, summary and text
  // each required and within their limits; rule welsh-needs-english (field
  // text) before the English one is written; rule welsh-only-for-wales
  // (field record) for a record not about bodies in Wales. Once the English
  // one is released, PermissionDenied (rule welsh-released-with-english)
  // for someone who may not publish it; for someone who may, it is released
  // at once. Aborted (stale-version) when someone saved it since. A save
  // that changes nothing writes nothing. Every change audited.
  StatusOr<WelshVersionView> Save(const Caller& caller, WelshVersion welsh);

  // The released Welsh copy of a released English one, for the language
  // switch; nullopt when there is none.
  StatusOr<std::optional<ReleasedItem>> Released(std::string_view kind, std::string_view slug);

 private:
  StatusOr<WelshVersionView> Read(Transaction& tx, const Caller& caller, std::string_view kind,
                                  int64_t record_id);

  Database& db_;
  const Clock& clock_;
};

}  // namespace jointly
