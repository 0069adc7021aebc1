#include "service/shared_throttle.h"

#include <algorithm>

#include "store/throttle_store.h"

namespace jointly {

StatusOr<int64_t> SharedThrottle::RetryAfterSeconds(Transaction& tx, const std::string& key,
                                                    int64_t now) const {
  ASSIGN_OR_RETURN(auto times, RecentFailures(tx, scope_, key, ThrottleWindowStart(policy_, now),
                                              policy_.max_failures));
  return ThrottleRetryAfterSeconds(policy_, times, now);
}

Status SharedThrottle::RecordFailure(Transaction& tx, const std::string& key, int64_t now,
                                     const std::string& account) const {
  return jointly::RecordFailure(tx, scope_, key, now, ThrottleWindowStart(policy_, now), account);
}

StatusOr<int64_t> SharedThrottle::AccountRetryAfterSeconds(Transaction& tx,
                                                           const std::string& account,
                                                           int64_t now) const {
  ASSIGN_OR_RETURN(auto by_key,
                   AccountFailures(tx, scope_, account, ThrottleWindowStart(policy_, now)));
  int64_t wait = 0;
  for (const auto& times : by_key) {
    wait = std::max(wait, ThrottleRetryAfterSeconds(policy_, times, now));
  }
  return wait;
}

Status SharedThrottle::ClearAccount(Transaction& tx, const std::string& account) const {
  return ClearAccountFailures(tx, scope_, account);
}

Status SharedThrottle::Hold(Transaction& tx, const std::string& key) const {
  return LockFailures(tx, scope_, key);
}

Status SharedThrottle::Clear(Transaction& tx, const std::string& key) const {
  return ClearFailures(tx, scope_, key);
}

}  // namespace jointly
