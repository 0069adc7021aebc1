// The JSON form of any described record, used by the API and the audit
// trail alike: each field under its name; text as strings, numbers and
// references as numbers (an absent optional reference as null), booleans
// as true or false, choices as their ids.
#pragma once

#include <nlohmann/json.hpp>

#include "domain/record.h"

namespace jointly {

nlohmann::json FieldJson(const FieldSpec& field, const FieldValue& value);

template <typename T>
nlohmann::json RecordJson(const RecordType<T>& type, const T& record) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& f : type.fields) out[f.name] = FieldJson(f, f.get(record));
  return out;
}

template <typename T>
nlohmann::json RecordsJson(const RecordType<T>& type, const std::vector<T>& records) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : records) out.push_back(RecordJson(type, r));
  return out;
}

}  // namespace jointly
