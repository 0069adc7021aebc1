// Enums with stable text ids (for the database, the API and CSV files).
#pragma once

#include <optional>
#include <string_view>

namespace jointly {

// The value in `all` whose `id_of` is `id`, or nullopt.
template <typename Enum, typename Values>
std::optional<Enum> ParseById(std::string_view id, const Values& all,
                              std::string_view (*id_of)(Enum)) {
  for (Enum value : all) {
    if (id_of(value) == id) return value;
  }
  return std::nullopt;
}

}  // namespace jointly
