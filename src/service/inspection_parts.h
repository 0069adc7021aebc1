// What the use cases of an inspection share, within the service layer:
// today's date, inspectorates by id, the parts of one inspection, and how a
// part the caller may not see is answered. Not for the layers above.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/clock.h"
#include "domain/directory.h"
#include "store/record_store.h"

namespace jointly::inspection_parts {

inline std::string Today(const Clock& clock) { return Date::DayOf(clock.NowMicros()).ToIso(); }

inline std::map<int64_t, std::string> ShortNames(const std::vector<Inspectorate>& all) {
  std::map<int64_t, std::string> out;
  for (const auto& i : all) out[i.id] = i.short_name;
  return out;
}

inline const Inspectorate* Find(const std::vector<Inspectorate>& all, int64_t id) {
  for (const auto& i : all) {
    if (i.id == id) return &i;
  }
  return nullptr;
}

// A part of an inspection the caller may not see is, to them, no such part.
inline Status Hidden(const Status& load, const std::string& label, int64_t id) {
  if (load.code() == StatusCode::kNotFound) {
    return NotFound("No " + label + " with reference " + std::to_string(id));
  }
  return load;
}

template <typename T>
StatusOr<std::vector<T>> PartsOf(Transaction& tx, const RecordType<T>& type,
                                 int64_t inspection_id) {
  RecordQuery q;
  q.equal.push_back({"inspection_id", inspection_id});
  ASSIGN_OR_RETURN(auto page, ListRecords(tx, type, q));
  return std::move(page.items);
}

}  // namespace jointly::inspection_parts
