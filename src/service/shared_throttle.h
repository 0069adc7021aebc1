// A throttle (domain/throttle.h) whose failures are kept in the database
// (store/throttle_store.h): every server process on the database counts
// the same failures, and a restart forgets none. Each call works inside the
// caller's transaction, so a failure recorded with a change that is then
// refused is rolled back with it.
#pragma once

#include <string>

#include "domain/throttle.h"
#include "store/database.h"

namespace jointly {

class SharedThrottle {
 public:
  // `scope` names the throttle in the table: one per throttle.
  SharedThrottle(std::string scope, ThrottlePolicy policy)
      : scope_(std::move(scope)), policy_(policy) {}

  // Makes another server's transaction that holds `key` wait for this one,
  // for a count and a failure that must not be raced (the public form).
  Status Hold(Transaction& tx, const std::string& key) const;
  // Seconds until `key` may try again; 0 if it may try now.
  StatusOr<int64_t> RetryAfterSeconds(Transaction& tx, const std::string& key,
                                      int64_t now_micros) const;
  // Also forgets this throttle's failures that no longer count. A failure
  // for an account (sign-in) names it in `account`.
  Status RecordFailure(Transaction& tx, const std::string& key, int64_t now_micros,
                       const std::string& account = {}) const;
  Status Clear(Transaction& tx, const std::string& key) const;
  // Seconds until `account` may try again from every key that holds it
  // back (the longest wait); 0 if none does.
  StatusOr<int64_t> AccountRetryAfterSeconds(Transaction& tx, const std::string& account,
                                             int64_t now_micros) const;
  // Forgets the account's failures from every key.
  Status ClearAccount(Transaction& tx, const std::string& account) const;

 private:
  const std::string scope_;
  const ThrottlePolicy policy_;
};

}  // namespace jointly
