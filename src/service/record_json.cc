#include "service/record_json.h"

namespace jointly {

nlohmann::json FieldJson(const FieldSpec& field, const FieldValue& value) {
  if (const auto* n = std::get_if<int64_t>(&value)) {
    if (field.type == FieldType::kBoolean) return *n != 0;
    return *n;
  }
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  return nullptr;
}

}  // namespace jointly
