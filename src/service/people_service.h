// Use cases on people: signing in and out, sessions, passwords, API tokens
// and the administration of users. Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/crypto.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/user.h"
#include "service/shared_throttle.h"
#include "store/database.h"
#include "store/people_store.h"

namespace jointly {

struct SignedIn {
  std::string session_token;  // goes in the cookie; only its hash is stored
  std::string csrf_token;
  User user;
};

struct SessionCaller {
  Caller caller;
  std::string csrf_token;
  bool must_change_password = false;
};

struct NewApiToken {
  ApiToken token;
  std::string secret;  // shown once, never stored
};

struct CreatedUser {
  User user;
  std::string one_time_password;  // empty if the caller chose a password
};

inline constexpr int64_t kSessionLifetimeMicros = 12LL * 3600 * 1000000;

class PeopleService {
 public:
  PeopleService(Database& db, const Clock& clock, PasswordHashParams hash_params = {})
      : db_(db), clock_(clock), hash_params_(hash_params) {}

  // Unauthenticated (one message whatever was wrong) for a bad e-mail,
  // password or disabled account; ResourceExhausted (rule "throttle") after
  // too many failures for the account from `address`, or from `address`
  // whatever the account. Failures from one address never lock the account
  // out from another, so nobody can lock its owner out.
  StatusOr<SignedIn> SignIn(const std::string& email, const std::string& password,
                            const std::string& address);
  // Unauthenticated if the session is unknown, expired or its user disabled.
  StatusOr<SessionCaller> CallerFromSession(const std::string& session_token);
  // Unauthenticated if the token is unknown, revoked or its user disabled;
  // must_change_password says whether its owner must still change a
  // one-time password (the site then refuses what the token asks).
  StatusOr<SessionCaller> CallerFromApiToken(const std::string& token);
  Status SignOut(const std::string& session_token);

  // InvalidArgument ("current_password") if the current password is wrong;
  // ResourceExhausted (rule "throttle") after too many wrong ones. Ends the
  // caller's other sessions, keeping the one `current_session_token` names
  // (empty when the caller used an API token).
  Status ChangePassword(const Caller& caller, const std::string& current_password,
                        const std::string& new_password,
                        const std::string& current_session_token = {});
  // The first password of someone who signed in with a one-time password
  // in the session `current_session_token` names: signing in proved the
  // one-time password, so it is not asked again. FailedPrecondition (rule
  // "must-change-password") if the caller has no one-time password to
  // replace; InvalidArgument ("new_password") for a weak password or the
  // one-time password itself.
  Status ChooseFirstPassword(const Caller& caller, const std::string& new_password,
                             const std::string& current_session_token);

  StatusOr<std::vector<User>> Users(const Caller& caller);
  StatusOr<User> GetUser(const Caller& caller, int64_t id);
  // What CreateUser checks of a new user, every error at once: the fields
  // (ValidateUser), the password when one is given, an e-mail address
  // already taken (rule unique-email) and an inspectorate that does not
  // exist. A form adds them to what it could not read.
  Status CheckNewUser(const Caller& caller, const User& user, const std::string& password);
  // With an empty `password`, makes a one-time password the user must change.
  // InvalidArgument naming every bad field, as CheckNewUser.
  StatusOr<CreatedUser> CreateUser(const Caller& caller, User user,
                                   const std::string& password = {});
  // Name, inspectorate, roles and active; guarded by user.version (Aborted).
  // Disabling ends the user's sessions and revokes their API tokens.
  StatusOr<User> UpdateUser(const Caller& caller, const User& user);
  // A person of an owner body (`user.owner_id`), invited by the people who
  // keep the recommendations tracker (kTrackRecommendations): a user with
  // no role who answers that body's recommendations and sees nothing else,
  // with a one-time password for the invitation. Every error at once, as
  // CreateUser, and an owner not in the directory (owner_id, rule
  // "unknown-owner").
  StatusOr<CreatedUser> InviteOwner(const Caller& caller, User user);
  // A person of an owner body invited again (kTrackRecommendations): a new
  // one-time password, their access given back if it was withdrawn, their
  // sessions ended and API tokens revoked. NotFound for anyone who is not
  // a person of an owner body.
  StatusOr<CreatedUser> ReinviteOwner(const Caller& caller, int64_t user_id);
  // A person of an owner body's access withdrawn (kTrackRecommendations):
  // disabled, their sessions ended and API tokens revoked. NotFound as
  // ReinviteOwner; withdrawn already, returned as it is.
  StatusOr<User> WithdrawOwner(const Caller& caller, int64_t user_id);
  StatusOr<User> DisableUser(const Caller& caller, const std::string& email);
  // The audit trail of one user, oldest first (kManageUsers).
  StatusOr<std::vector<AuditEntry>> History(const Caller& caller, int64_t user_id);
  // A new one-time password; the user's sessions end and their API tokens
  // are revoked.
  StatusOr<std::string> ResetPassword(const Caller& caller, const std::string& email);
  // When each user locked out by wrong passwords (from any address) may
  // sign in again, in microseconds since the epoch; users not locked out
  // are not in it (kManageUsers).
  StatusOr<std::map<int64_t, int64_t>> LockedUntil(const Caller& caller);
  // Lets a locked-out user sign in again at once, from every address;
  // audited. FailedPrecondition (rule "account-lock") if not locked.
  Status UnlockUser(const Caller& caller, int64_t id);

  StatusOr<NewApiToken> CreateApiToken(const Caller& caller, const std::string& name);
  StatusOr<std::vector<ApiToken>> ApiTokens(const Caller& caller);
  // NotFound unless the token belongs to the caller.
  Status RevokeApiToken(const Caller& caller, int64_t token_id);

  // If there are no users at all, creates admin@jointly.invalid with a
  // one-time password and returns it; otherwise nullopt.
  StatusOr<std::optional<CreatedUser>> EnsureFirstAdministrator();

 private:
  // The caller a stored user acts as; Unauthenticated if disabled.
  static StatusOr<Caller> AsCaller(const User& user);
  // CheckNewUser's checks, whoever asks.
  Status CheckAnyNewUser(const User& user, const std::string& password);
  // Checks, stores and audits (as `action`) a new user; with an empty
  // `password`, a one-time one.
  StatusOr<CreatedUser> InsertNewUser(const Caller& caller, User user, const std::string& password,
                                      std::string_view action);
  // An owner person, read in `tx` for the people who keep the tracker.
  static StatusOr<User> OwnerPersonIn(Transaction& tx, int64_t user_id);
  // Stores the caller's new password (hashed), clears their throttle and
  // ends their other sessions, with an audit entry.
  Status StorePassword(const Caller& caller, const std::string& new_password,
                       const std::string& current_session_token, int64_t now);

  Database& db_;
  const Clock& clock_;
  const PasswordHashParams hash_params_;
  // Sign-in failures per (account, address) and per address; the
  // current-password check of a password change per account. Kept in the
  // database: every server on it sees them, and a restart keeps them.
  const SharedThrottle account_address_throttle_{"sign-in", ThrottlePolicy{5, 15LL * 60 * 1000000}};
  const SharedThrottle address_throttle_{"sign-in-address",
                                         ThrottlePolicy{20, 15LL * 60 * 1000000}};
  const SharedThrottle password_change_throttle_{"current-password",
                                                 ThrottlePolicy{5, 15LL * 60 * 1000000}};
};

// Lower-cases and trims an e-mail address as stored.
std::string NormaliseEmail(std::string_view email);

}  // namespace jointly
