// Users, their roles, sign-in sessions and API tokens in the database.
// Secrets are never stored: sessions and tokens are kept as SHA-256 hashes,
// passwords as argon2id hashes.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/user.h"
#include "store/database.h"

namespace jointly {

struct StoredUser {
  User user;
  std::string password_hash;
};

StatusOr<std::vector<User>> ListUsers(Transaction& tx);
StatusOr<User> GetUser(Transaction& tx, int64_t id);
// By lower-cased e-mail; nullopt if none.
StatusOr<std::optional<StoredUser>> FindUserByEmail(Transaction& tx, const std::string& email);
StatusOr<int64_t> CountUsers(Transaction& tx);
// AlreadyExists if the e-mail is taken.
StatusOr<int64_t> InsertUser(Transaction& tx, const User& u, const std::string& password_hash,
                             const std::string& now);
// Name, inspectorate, roles, active and must_change_password, guarded by
// u.version: NotFound or Aborted. Returns the new version.
StatusOr<int64_t> UpdateUser(Transaction& tx, const User& u, const std::string& now);
// Sets the password hash and must_change_password; bumps the version.
Status SetPassword(Transaction& tx, int64_t user_id, const std::string& password_hash,
                   bool must_change, const std::string& now);

struct SessionRecord {
  int64_t user_id = 0;
  std::string csrf_token;
  int64_t expires_at = 0;  // micros
};
Status InsertSession(Transaction& tx, const std::string& token_hash, int64_t user_id,
                     const std::string& csrf_token, const std::string& now, int64_t expires_at);
StatusOr<std::optional<SessionRecord>> FindSession(Transaction& tx, const std::string& token_hash);
// The session with this hash and its user, with roles, read in one
// statement; nullopt if there is no such session.
struct SessionWithUser {
  SessionRecord session;
  User user;
};
StatusOr<std::optional<SessionWithUser>> FindSessionWithUser(Transaction& tx,
                                                             const std::string& token_hash);
Status DeleteSession(Transaction& tx, const std::string& token_hash);
Status DeleteSessionsOfUser(Transaction& tx, int64_t user_id);
// Every session of the user but the one with `keep_hash`.
Status DeleteOtherSessionsOfUser(Transaction& tx, int64_t user_id, const std::string& keep_hash);
Status DeleteExpiredSessions(Transaction& tx, int64_t now_micros);

struct ApiToken {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string name;
  std::string prefix;  // first characters, so people can tell tokens apart
  std::string created_at;
  std::string revoked_at;
  bool revoked() const { return !revoked_at.empty(); }
};
StatusOr<int64_t> InsertApiToken(Transaction& tx, int64_t user_id, const std::string& name,
                                 const std::string& token_hash, const std::string& prefix,
                                 const std::string& now);
StatusOr<std::vector<ApiToken>> ListApiTokens(Transaction& tx, int64_t user_id);
StatusOr<ApiToken> GetApiToken(Transaction& tx, int64_t id);
// The owner of an unrevoked token with this hash, with roles, or nullopt.
StatusOr<std::optional<User>> FindUserByApiToken(Transaction& tx, const std::string& token_hash);
Status RevokeApiToken(Transaction& tx, int64_t id, const std::string& now);
// Revokes every unrevoked token of the user; returns how many.
StatusOr<int64_t> RevokeApiTokensOfUser(Transaction& tx, int64_t user_id, const std::string& now);

}  // namespace jointly
