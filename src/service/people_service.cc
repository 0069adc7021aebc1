#include "service/people_service.h"

#include "core/crypto.h"
#include "core/text.h"
#include "service/audit_trail.h"
#include "service/record_service.h"
#include "service/records_json.h"
#include "store/audit_store.h"
#include "store/directory_store.h"

namespace jointly {

std::string NormaliseEmail(std::string_view email) { return AsciiLower(Trim(email)); }

namespace {

constexpr const char* kBadSignIn = "Enter a correct email address and password";

std::string OneTimePassword() { return RandomToken(12); }

Status TooManyAttempts(const std::string& what, int64_t wait_seconds) {
  return ResourceExhausted("Too many " + what + ". Try again in " +
                               std::to_string((wait_seconds + 59) / 60) + " minutes",
                           "throttle");
}

}  // namespace

StatusOr<Caller> PeopleService::AsCaller(const User& u) {
  if (!u.active) return Unauthenticated("This account has been disabled");
  Caller c;
  c.user_id = u.id;
  c.email = u.email;
  c.roles = u.roles;
  c.inspectorate_id = u.inspectorate_id;
  c.owner_id = u.owner_id;
  c.active = true;
  return c;
}

StatusOr<SignedIn> PeopleService::SignIn(const std::string& raw_email, const std::string& password,
                                         const std::string& address) {
  const int64_t now = clock_.NowMicros();
  const std::string email = NormaliseEmail(raw_email);
  // The address goes first: an e-mail address may hold any character.
  const std::string account_key = address + "\n" + email;
  const std::string address_key = address;
  int64_t wait = 0;
  std::optional<StoredUser> found;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(const int64_t account_wait,
                     account_address_throttle_.RetryAfterSeconds(tx, account_key, now));
    ASSIGN_OR_RETURN(const int64_t address_wait,
                     address_throttle_.RetryAfterSeconds(tx, address_key, now));
    wait = std::max(account_wait, address_wait);
    if (wait > 0) return OkStatus();
    ASSIGN_OR_RETURN(found, FindUserByEmail(tx, email));
    return OkStatus();
  }));
  if (wait > 0) return TooManyAttempts("failed attempts to sign in", wait);
  // Verify even for an unknown address, so timing does not tell who exists.
  static const std::string kDummyHash = *HashPassword("not a real password", hash_params_);
  const bool match = VerifyPassword(password, found ? found->password_hash : kDummyHash);
  if (!found || !match || !found->user.active) {
    RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
      RETURN_IF_ERROR(account_address_throttle_.RecordFailure(tx, account_key, now, email));
      return address_throttle_.RecordFailure(tx, address_key, now);
    }));
    return Unauthenticated(kBadSignIn);
  }
  SignedIn out;
  out.session_token = RandomToken(32);
  out.csrf_token = RandomToken(32);
  out.user = found->user;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(account_address_throttle_.Clear(tx, account_key));
    RETURN_IF_ERROR(DeleteExpiredSessions(tx, now));
    return InsertSession(tx, Sha256Hex(out.session_token), out.user.id, out.csrf_token,
                         FormatTimestamp(now), now + kSessionLifetimeMicros);
  }));
  return out;
}

StatusOr<SessionCaller> PeopleService::CallerFromSession(const std::string& token) {
  if (token.empty()) return Unauthenticated("Sign in to continue");
  SessionCaller out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<SessionWithUser> found,
                     FindSessionWithUser(tx, Sha256Hex(token)));
    if (!found || found->session.expires_at < clock_.NowMicros()) {
      return Unauthenticated("Your session has ended; sign in again");
    }
    ASSIGN_OR_RETURN(out.caller, AsCaller(found->user));
    out.must_change_password = found->user.must_change_password;
    out.csrf_token = found->session.csrf_token;
    return OkStatus();
  }));
  return out;
}

StatusOr<SessionCaller> PeopleService::CallerFromApiToken(const std::string& token) {
  SessionCaller out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<User> owner, FindUserByApiToken(tx, Sha256Hex(token)));
    if (!owner) return Unauthenticated("The API token is not valid or has been revoked");
    ASSIGN_OR_RETURN(out.caller, AsCaller(*owner));
    out.must_change_password = owner->must_change_password;
    return OkStatus();
  }));
  return out;
}

Status PeopleService::SignOut(const std::string& token) {
  return db_.Write([&](Transaction& tx) { return DeleteSession(tx, Sha256Hex(token)); });
}

Status PeopleService::ChangePassword(const Caller& caller, const std::string& current,
                                     const std::string& next,
                                     const std::string& current_session_token) {
  RETURN_IF_ERROR(Require(caller, Permission::kOwnAccount));
  const int64_t now = clock_.NowMicros();
  const std::string throttle_key = std::to_string(caller.user_id);
  int64_t wait = 0;
  std::optional<StoredUser> found;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(wait, password_change_throttle_.RetryAfterSeconds(tx, throttle_key, now));
    if (wait > 0) return OkStatus();
    ASSIGN_OR_RETURN(found, FindUserByEmail(tx, caller.email));
    return OkStatus();
  }));
  if (wait > 0) return TooManyAttempts("wrong current passwords", wait);
  // Both passwords are checked, so a form names every error at once; a
  // current password longer than any password is not worth hashing.
  const Status shape = ValidateNewPassword(next, caller.email);
  if (current.empty()) {
    return MergeFieldErrors(std::move(InvalidArgument("Enter your current password", "required")
                                          .AddFieldError("current_password", "required",
                                                         "Enter your current password")),
                            shape);
  }
  if (!found || current.size() > kMaxPasswordLength ||
      !VerifyPassword(current, found->password_hash)) {
    RETURN_IF_ERROR(db_.Write([&](Transaction& tx) {
      return password_change_throttle_.RecordFailure(tx, throttle_key, now);
    }));
    return MergeFieldErrors(
        std::move(InvalidArgument("Your current password is not right", "current-password")
                      .AddFieldError("current_password", "current-password",
                                     "Enter your current password correctly")),
        shape);
  }
  RETURN_IF_ERROR(shape);
  if (current == next) {
    return std::move(InvalidArgument("Choose a new password", "new-password")
                         .AddFieldError("new_password", "new-password",
                                        "Your new password must differ from the current one"));
  }
  return StorePassword(caller, next, current_session_token, now);
}

Status PeopleService::ChooseFirstPassword(const Caller& caller, const std::string& next,
                                          const std::string& current_session_token) {
  RETURN_IF_ERROR(Require(caller, Permission::kOwnAccount));
  std::optional<StoredUser> found;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(found, FindUserByEmail(tx, caller.email));
    return OkStatus();
  }));
  if (!found || !found->user.must_change_password || current_session_token.empty()) {
    return FailedPrecondition(
        "You have no one-time password to replace: change your password instead",
        "must-change-password");
  }
  RETURN_IF_ERROR(ValidateNewPassword(next, caller.email));
  if (VerifyPassword(next, found->password_hash)) {
    return std::move(InvalidArgument("Choose a new password", "new-password")
                         .AddFieldError("new_password", "new-password",
                                        "Your password must differ from the one-time password"));
  }
  return StorePassword(caller, next, current_session_token, clock_.NowMicros());
}

Status PeopleService::StorePassword(const Caller& caller, const std::string& next,
                                    const std::string& current_session_token, int64_t now) {
  const std::string throttle_key = std::to_string(caller.user_id);
  ASSIGN_OR_RETURN(std::string hash, HashPassword(next, hash_params_));
  return db_.Write([&](Transaction& tx) -> Status {
    RETURN_IF_ERROR(password_change_throttle_.Clear(tx, throttle_key));
    RETURN_IF_ERROR(SetPassword(tx, caller.user_id, hash, false, FormatTimestamp(now)));
    // Whoever else had the old password is signed out; this session stays.
    RETURN_IF_ERROR(
        current_session_token.empty()
            ? DeleteSessionsOfUser(tx, caller.user_id)
            : DeleteOtherSessionsOfUser(tx, caller.user_id, Sha256Hex(current_session_token)));
    return RecordChange(tx, clock_, caller, "change-password", "user", caller.user_id, nullptr,
                        nlohmann::json{{"password", "changed"}});
  });
}

StatusOr<std::vector<User>> PeopleService::Users(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  std::vector<User> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListUsers(tx));
    return OkStatus();
  }));
  return out;
}

StatusOr<User> PeopleService::GetUser(const Caller& caller, int64_t id) {
  if (caller.user_id != id) RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  RETURN_IF_ERROR(Require(caller, Permission::kOwnAccount));
  User out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, jointly::GetUser(tx, id));
    return OkStatus();
  }));
  return out;
}

Status PeopleService::CheckNewUser(const Caller& caller, const User& given,
                                   const std::string& password) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  return CheckAnyNewUser(given, password);
}

Status PeopleService::CheckAnyNewUser(const User& given, const std::string& password) {
  User user = given;
  user.email = NormaliseEmail(user.email);
  user.name = std::string(Trim(user.name));
  // Every error at once: the form's, and those the database knows of.
  Status invalid = ValidateUser(user);
  if (!password.empty()) {
    invalid = MergeErrors(invalid, ValidateNewPassword(password, user.email, "password"));
  }
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    Validation v;
    ASSIGN_OR_RETURN(auto existing, FindUserByEmail(tx, user.email));
    if (existing) {
      v.Add("email", "unique-email",
            "There is already a user with the email address " + user.email);
    }
    if (user.inspectorate_id) {
      const Status found = jointly::GetInspectorate(tx, *user.inspectorate_id).status();
      if (found.code() == StatusCode::kNotFound) {
        v.Add("inspectorate_id", "unknown-inspectorate", "Select an inspectorate from the list");
      } else {
        RETURN_IF_ERROR(found);
      }
    }
    if (user.owner_id) {
      const Status found = jointly::GetBody(tx, *user.owner_id).status();
      if (found.code() == StatusCode::kNotFound) {
        v.Add("owner_id", "unknown-owner", "Select the owner body from the directory");
      } else {
        RETURN_IF_ERROR(found);
      }
    }
    invalid = MergeErrors(invalid, v.Finish());
    return OkStatus();
  }));
  return invalid;
}

StatusOr<CreatedUser> PeopleService::CreateUser(const Caller& caller, User user,
                                                const std::string& password) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  return InsertNewUser(caller, std::move(user), password, "create");
}

StatusOr<CreatedUser> PeopleService::InviteOwner(const Caller& caller, User user) {
  RETURN_IF_ERROR(Require(caller, Permission::kTrackRecommendations));
  // None is no body of the directory: named with every other error.
  if (!user.owner_id) user.owner_id = 0;
  user.roles.clear();
  user.inspectorate_id.reset();
  return InsertNewUser(caller, std::move(user), {}, "invite-owner");
}

StatusOr<User> PeopleService::OwnerPersonIn(Transaction& tx, int64_t user_id) {
  auto u = jointly::GetUser(tx, user_id);
  if (u.status().code() == StatusCode::kNotFound || (u.ok() && !u->owner_id)) {
    return NotFound("No person of an owner body has that number");
  }
  return u;
}

StatusOr<CreatedUser> PeopleService::ReinviteOwner(const Caller& caller, int64_t user_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kTrackRecommendations));
  CreatedUser out;
  out.one_time_password = OneTimePassword();
  ASSIGN_OR_RETURN(std::string hash, HashPassword(out.one_time_password, hash_params_));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(const User before, OwnerPersonIn(tx, user_id));
    const std::string now = FormatTimestamp(clock_.NowMicros());
    out.user = before;
    if (!before.active) {
      out.user.active = true;
      ASSIGN_OR_RETURN(out.user.version, jointly::UpdateUser(tx, out.user, now));
    }
    RETURN_IF_ERROR(SetPassword(tx, user_id, hash, true, now));
    out.user.must_change_password = true;
    RETURN_IF_ERROR(DeleteSessionsOfUser(tx, user_id));
    RETURN_IF_ERROR(RevokeApiTokensOfUser(tx, user_id, now).status());
    return RecordChange(tx, clock_, caller, "reinvite-owner", "user", user_id, ToJson(before),
                        ToJson(out.user));
  }));
  return out;
}

StatusOr<User> PeopleService::WithdrawOwner(const Caller& caller, int64_t user_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kTrackRecommendations));
  User after;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(const User before, OwnerPersonIn(tx, user_id));
    after = before;
    if (!before.active) return OkStatus();
    const std::string now = FormatTimestamp(clock_.NowMicros());
    after.active = false;
    ASSIGN_OR_RETURN(after.version, jointly::UpdateUser(tx, after, now));
    RETURN_IF_ERROR(DeleteSessionsOfUser(tx, user_id));
    RETURN_IF_ERROR(RevokeApiTokensOfUser(tx, user_id, now).status());
    return RecordChange(tx, clock_, caller, "withdraw-owner", "user", user_id, ToJson(before),
                        ToJson(after));
  }));
  return after;
}

StatusOr<CreatedUser> PeopleService::InsertNewUser(const Caller& caller, User user,
                                                   const std::string& password,
                                                   std::string_view action) {
  user.email = NormaliseEmail(user.email);
  user.name = std::string(Trim(user.name));
  RETURN_IF_ERROR(CheckAnyNewUser(user, password));
  CreatedUser out;
  std::string chosen = password;
  if (chosen.empty()) {
    out.one_time_password = OneTimePassword();
    chosen = out.one_time_password;
    user.must_change_password = true;
  }
  ASSIGN_OR_RETURN(std::string hash, HashPassword(chosen, hash_params_));
  Status s = db_.Write([&](Transaction& tx) -> Status {
    const std::string now = FormatTimestamp(clock_.NowMicros());
    if (user.inspectorate_id)
      RETURN_IF_ERROR(jointly::GetInspectorate(tx, *user.inspectorate_id).status());
    ASSIGN_OR_RETURN(user.id, InsertUser(tx, user, hash, now));
    user.version = 1;
    user.created_at = now;
    if (user.owner_id) RETURN_IF_ERROR(jointly::GetBody(tx, *user.owner_id).status());
    return RecordChange(tx, clock_, caller, action, "user", user.id, nullptr, ToJson(user));
  });
  if (s.code() == StatusCode::kAlreadyExists) {
    return std::move(
        InvalidArgument("That email address is already used", "unique-email")
            .AddFieldError("email", "unique-email",
                           "There is already a user with the email address " + user.email));
  }
  if (s.code() == StatusCode::kNotFound && user.owner_id) {
    return std::move(InvalidArgument("Unknown owner body", "unknown-owner")
                         .AddFieldError("owner_id", "unknown-owner",
                                        "Select the owner body from the directory"));
  }
  if (s.code() == StatusCode::kNotFound) {
    return std::move(InvalidArgument("Unknown inspectorate", "unknown-inspectorate")
                         .AddFieldError("inspectorate_id", "unknown-inspectorate",
                                        "Select an inspectorate from the list"));
  }
  RETURN_IF_ERROR(s);
  out.user = user;
  return out;
}

StatusOr<User> PeopleService::UpdateUser(const Caller& caller, const User& changed) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  User after;
  Status s = db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(User before, jointly::GetUser(tx, changed.id));
    after = before;
    after.name = std::string(Trim(changed.name));
    after.inspectorate_id = changed.inspectorate_id;
    after.roles = changed.roles;
    after.active = changed.active;
    after.version = changed.version;
    RETURN_IF_ERROR(ValidateUser(after));
    if (after.id == caller.user_id && (!after.active || !after.Has(Role::kAdministrator))) {
      return std::move(
          FailedPrecondition("You cannot remove your own administrator access", "self-lockout")
              .AddFieldError("roles", "self-lockout",
                             "Ask another administrator to change your own access"));
    }
    if (after.inspectorate_id)
      RETURN_IF_ERROR(jointly::GetInspectorate(tx, *after.inspectorate_id).status());
    // Saved unchanged, on the version it was read at: nothing to record.
    if (after.version == before.version && after.name == before.name &&
        after.inspectorate_id == before.inspectorate_id && after.roles == before.roles &&
        after.active == before.active) {
      return OkStatus();
    }
    ASSIGN_OR_RETURN(after.version,
                     jointly::UpdateUser(tx, after, FormatTimestamp(clock_.NowMicros())));
    if (!after.active) {
      RETURN_IF_ERROR(DeleteSessionsOfUser(tx, after.id));
      RETURN_IF_ERROR(
          RevokeApiTokensOfUser(tx, after.id, FormatTimestamp(clock_.NowMicros())).status());
    }
    return RecordChange(tx, clock_, caller, "update", "user", after.id, ToJson(before),
                        ToJson(after));
  });
  if (s.code() == StatusCode::kAborted) {
    return ConflictDetail(db_, std::move(s), "user", changed.id, changed.version,
                          [&](Transaction& tx) -> StatusOr<nlohmann::json> {
                            ASSIGN_OR_RETURN(User now, jointly::GetUser(tx, changed.id));
                            return ToJson(now);
                          });
  }
  RETURN_IF_ERROR(s);
  return after;
}

StatusOr<User> PeopleService::DisableUser(const Caller& caller, const std::string& email) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  std::optional<StoredUser> found;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(found, FindUserByEmail(tx, NormaliseEmail(email)));
    return OkStatus();
  }));
  if (!found) return NotFound("No user has the email address " + email);
  User u = found->user;
  u.active = false;
  return UpdateUser(caller, u);
}

StatusOr<std::vector<AuditEntry>> PeopleService::History(const Caller& caller, int64_t user_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  std::vector<AuditEntry> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, AuditOf(tx, "user", user_id));
    return OkStatus();
  }));
  return out;
}

StatusOr<std::string> PeopleService::ResetPassword(const Caller& caller, const std::string& email) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  const std::string password = OneTimePassword();
  ASSIGN_OR_RETURN(std::string hash, HashPassword(password, hash_params_));
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<StoredUser> found, FindUserByEmail(tx, NormaliseEmail(email)));
    if (!found) return NotFound("No user has the email address " + email);
    const std::string now = FormatTimestamp(clock_.NowMicros());
    RETURN_IF_ERROR(SetPassword(tx, found->user.id, hash, true, now));
    RETURN_IF_ERROR(DeleteSessionsOfUser(tx, found->user.id));
    RETURN_IF_ERROR(RevokeApiTokensOfUser(tx, found->user.id, now).status());
    return RecordChange(tx, clock_, caller, "reset-password", "user", found->user.id, nullptr,
                        nlohmann::json{{"password", "reset"}, {"must_change_password", true}});
  }));
  return password;
}

StatusOr<std::map<int64_t, int64_t>> PeopleService::LockedUntil(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  const int64_t now = clock_.NowMicros();
  std::map<int64_t, int64_t> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto users, ListUsers(tx));
    for (const auto& u : users) {
      ASSIGN_OR_RETURN(const int64_t wait,
                       account_address_throttle_.AccountRetryAfterSeconds(tx, u.email, now));
      if (wait > 0) out[u.id] = now + wait * 1000000;
    }
    return OkStatus();
  }));
  return out;
}

Status PeopleService::UnlockUser(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kManageUsers));
  const int64_t now = clock_.NowMicros();
  return db_.Write([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(User u, jointly::GetUser(tx, id));
    ASSIGN_OR_RETURN(const int64_t wait,
                     account_address_throttle_.AccountRetryAfterSeconds(tx, u.email, now));
    if (wait == 0) return FailedPrecondition(u.name + "'s account is not locked", "account-lock");
    RETURN_IF_ERROR(account_address_throttle_.ClearAccount(tx, u.email));
    return RecordChange(tx, clock_, caller, "unlock", "user", id,
                        nlohmann::json{{"locked_until", FormatTimestamp(now + wait * 1000000)}},
                        nlohmann::json{{"locked_until", nullptr}});
  });
}

StatusOr<NewApiToken> PeopleService::CreateApiToken(const Caller& caller,
                                                    const std::string& raw_name) {
  RETURN_IF_ERROR(Require(caller, Permission::kOwnAccount));
  if (caller.user_id <= 0)
    return FailedPrecondition("Only a signed-in person can own an API token", "token-owner");
  const std::string name(Trim(raw_name));
  Validation v;
  if (!IsValidUtf8(name) || name.empty()) {
    v.Add("name", "required", "Enter a name for the token, such as what script will use it");
  } else if (Utf8Length(name) > 100 || HasControlCharacters(name)) {
    v.Add("name", "max-length", "Token name must be a single line of 100 characters or fewer");
  }
  RETURN_IF_ERROR(v.Finish());
  NewApiToken out;
  out.secret = "jly_" + RandomToken(32);
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    const std::string now = FormatTimestamp(clock_.NowMicros());
    ASSIGN_OR_RETURN(int64_t id, InsertApiToken(tx, caller.user_id, name, Sha256Hex(out.secret),
                                                out.secret.substr(0, 10), now));
    ASSIGN_OR_RETURN(out.token, GetApiToken(tx, id));
    return RecordChange(tx, clock_, caller, "create", "api_token", id, nullptr, ToJson(out.token));
  }));
  return out;
}

StatusOr<std::vector<ApiToken>> PeopleService::ApiTokens(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kOwnAccount));
  std::vector<ApiToken> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, ListApiTokens(tx, caller.user_id));
    return OkStatus();
  }));
  return out;
}

Status PeopleService::RevokeApiToken(const Caller& caller, int64_t token_id) {
  RETURN_IF_ERROR(Require(caller, Permission::kOwnAccount));
  return db_.Write([&](Transaction& tx) -> Status {
    auto token = GetApiToken(tx, token_id);
    if (!token.ok() || token->user_id != caller.user_id) {
      return NotFound("API token " + std::to_string(token_id) + " not found");
    }
    if (token->revoked()) return OkStatus();
    const std::string now = FormatTimestamp(clock_.NowMicros());
    RETURN_IF_ERROR(jointly::RevokeApiToken(tx, token_id, now));
    ApiToken after = *token;
    after.revoked_at = now;
    return RecordChange(tx, clock_, caller, "revoke", "api_token", token_id, ToJson(*token),
                        ToJson(after));
  });
}

StatusOr<std::optional<CreatedUser>> PeopleService::EnsureFirstAdministrator() {
  int64_t count = 0;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(count, CountUsers(tx));
    return OkStatus();
  }));
  if (count > 0) return std::optional<CreatedUser>();
  User admin;
  admin.email = "admin@jointly.invalid";
  admin.name = "First administrator";
  admin.roles = {Role::kAdministrator, Role::kSecretariat};
  ASSIGN_OR_RETURN(CreatedUser created, CreateUser(SystemCaller(), admin));
  return std::optional<CreatedUser>(std::move(created));
}

}  // namespace jointly
