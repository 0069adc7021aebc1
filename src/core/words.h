// Lists of names as a sentence says them.
#pragma once

#include <string>
#include <vector>

namespace jointly {

// "A, B and C".
inline std::string InWordsList(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace jointly
