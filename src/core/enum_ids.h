// Enums with stable text ids (for the database, the API and CSV files).
#pragma once

#include <cstddef>
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

// An enumeration's stored id and its words, described once per value.
template <typename E>
struct Naming {
  E value;
  std::string_view id;
  std::string_view label;
};

template <typename E, size_t N>
std::string_view IdIn(const Naming<E> (&names)[N], E value) {
  for (const auto& n : names) {
    if (n.value == value) return n.id;
  }
  return "";
}

template <typename E, size_t N>
std::string_view LabelIn(const Naming<E> (&names)[N], E value) {
  for (const auto& n : names) {
    if (n.value == value) return n.label;
  }
  return "";
}

}  // namespace jointly
