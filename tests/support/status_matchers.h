// GoogleMock matchers for Status and StatusOr<T>, so a test names the error
// it expects and a failure prints the whole status:
//   EXPECT_THAT(service.Get(caller, id), StatusIs(StatusCode::kNotFound));
//   ASSERT_THAT(Migrate(db, clock), IsOk());
#pragma once

#include <gmock/gmock.h>

#include <ostream>
#include <string>

#include "core/status.h"

namespace jointly {

// How GoogleTest prints a Status or StatusOr in failure messages.
inline void PrintTo(const Status& status, std::ostream* os) { *os << status.ToString(); }
template <typename T>
void PrintTo(const StatusOr<T>& status_or, std::ostream* os) {
  *os << (status_or.ok() ? std::string("OK with a value") : status_or.status().ToString());
}
inline void PrintTo(StatusCode code, std::ostream* os) { *os << StatusCodeName(code); }

namespace testing_internal {

inline const Status& StatusOf(const Status& status) { return status; }
template <typename T>
const Status& StatusOf(const StatusOr<T>& status_or) {
  return status_or.status();
}

}  // namespace testing_internal

// Matches a Status, or a StatusOr's status, with the given code.
MATCHER_P(StatusIs, code,
          std::string(negation ? "does not have" : "has") + " status code " +
              StatusCodeName(code)) {
  return testing_internal::StatusOf(arg).code() == code;  // PrintTo shows the status
}

// Matches an OK Status, or a StatusOr holding a value.
MATCHER(IsOk, negation ? "is not OK" : "is OK") { return testing_internal::StatusOf(arg).ok(); }

}  // namespace jointly
