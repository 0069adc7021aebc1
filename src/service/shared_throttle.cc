#include "service/shared_throttle.h"

#include "store/throttle_store.h"

namespace jointly {

StatusOr<int64_t> SharedThrottle::RetryAfterSeconds(Transaction& tx, const std::string& key,
                                                    int64_t now) const {
  ASSIGN_OR_RETURN(auto times, RecentFailures(tx, scope_, key, ThrottleWindowStart(policy_, now),
                                              policy_.max_failures));
  return ThrottleRetryAfterSeconds(policy_, times, now);
}

Status SharedThrottle::RecordFailure(Transaction& tx, const std::string& key, int64_t now) const {
  return jointly::RecordFailure(tx, scope_, key, now, ThrottleWindowStart(policy_, now));
}

Status SharedThrottle::Hold(Transaction& tx, const std::string& key) const {
  return LockFailures(tx, scope_, key);
}

Status SharedThrottle::Clear(Transaction& tx, const std::string& key) const {
  return ClearFailures(tx, scope_, key);
}

}  // namespace jointly
