#include "domain/criteria.h"

namespace jointly {

std::string_view WeightMethodId(WeightMethod method) {
  return method == WeightMethod::kPairwise ? "pairwise" : "direct";
}

}  // namespace jointly
