#include "store/people_store.h"

#include <algorithm>
#include <unordered_map>

namespace jointly {
namespace {

constexpr const char* kUserColumns =
    "id, email, name, inspectorate_id, active, must_change_password, version, created_at, "
    "password_hash, owner_id";

Status LoadRoles(Transaction& tx, User& u) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT role FROM user_roles WHERE user_id = ?", {u.id}));
  u.roles.clear();
  for (const auto& r : rows) {
    if (auto role = ParseRole(r.Text(0))) u.roles.push_back(*role);
  }
  std::sort(u.roles.begin(), u.roles.end());
  return OkStatus();
}

// The same columns of `users u`, for a user read with their roles in one
// statement: `users u LEFT JOIN user_roles r`, the role last.
constexpr const char* kUserWithRoleColumns =
    "u.id, u.email, u.name, u.inspectorate_id, u.active, u.must_change_password, u.version, "
    "u.created_at, u.password_hash, u.owner_id, r.role";
constexpr size_t kRoleColumn = 10;

StoredUser UserFromRow(const SqlRow& r) {
  StoredUser s;
  s.user.id = r.Int(0);
  s.user.email = r.Text(1);
  s.user.name = r.Text(2);
  s.user.inspectorate_id = r.OptInt(3);
  s.user.active = r.Bool(4);
  s.user.must_change_password = r.Bool(5);
  s.user.version = r.Int(6);
  s.user.created_at = r.Text(7);
  s.password_hash = r.Text(8);
  s.user.owner_id = r.OptInt(9);
  return s;
}

// One user from the rows of a statement reading kUserWithRoleColumns: one
// row per role, or one with no role.
User UserWithRoles(const std::vector<SqlRow>& rows) {
  User u = UserFromRow(rows.at(0)).user;
  for (const auto& r : rows) {
    if (r.IsNull(kRoleColumn)) continue;
    if (auto role = ParseRole(r.Text(kRoleColumn))) u.roles.push_back(*role);
  }
  std::sort(u.roles.begin(), u.roles.end());
  return u;
}

Status WriteRoles(Transaction& tx, const User& u) {
  RETURN_IF_ERROR(tx.Execute("DELETE FROM user_roles WHERE user_id = ?", {u.id}).status());
  for (Role role : u.roles) {
    RETURN_IF_ERROR(
        tx.Execute("INSERT INTO user_roles (user_id, role) VALUES (?, ?)", {u.id, RoleId(role)})
            .status());
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::vector<User>> ListUsers(Transaction& tx) {
  ASSIGN_OR_RETURN(
      auto rows, tx.Query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY name, id"));
  ASSIGN_OR_RETURN(auto role_rows, tx.Query("SELECT user_id, role FROM user_roles"));
  std::vector<User> out;
  out.reserve(rows.size());
  std::unordered_map<int64_t, size_t> index;
  for (const auto& r : rows) {
    out.push_back(UserFromRow(r).user);
    index[out.back().id] = out.size() - 1;
  }
  for (const auto& rr : role_rows) {
    auto it = index.find(rr.Int(0));
    auto role = ParseRole(rr.Text(1));
    if (it != index.end() && role) out[it->second].roles.push_back(*role);
  }
  for (auto& u : out) std::sort(u.roles.begin(), u.roles.end());
  return out;
}

StatusOr<User> GetUser(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kUserWithRoleColumns +
                                           " FROM users u LEFT JOIN user_roles r ON r.user_id = "
                                           "u.id WHERE u.id = ?",
                                       {id}));
  if (rows.empty()) return NotFound("User " + std::to_string(id) + " not found");
  return UserWithRoles(rows);
}

StatusOr<std::optional<StoredUser>> FindUserByEmail(Transaction& tx, const std::string& email) {
  ASSIGN_OR_RETURN(
      auto rows,
      tx.Query(std::string("SELECT ") + kUserColumns + " FROM users WHERE email = ?", {email}));
  if (rows.empty()) return std::optional<StoredUser>();
  StoredUser s = UserFromRow(rows[0]);
  RETURN_IF_ERROR(LoadRoles(tx, s.user));
  return std::optional<StoredUser>(std::move(s));
}

StatusOr<int64_t> CountUsers(Transaction& tx) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne("SELECT count(*) FROM users", {}, "count"));
  return row.Int(0);
}

StatusOr<int64_t> InsertUser(Transaction& tx, const User& u, const std::string& password_hash,
                             const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("INSERT INTO users (email, name, inspectorate_id, password_hash, "
                               "must_change_password, active, version, created_at, updated_at, "
                               "owner_id) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) RETURNING id",
                               {u.email, u.name, u.inspectorate_id, password_hash,
                                u.must_change_password, u.active, now, now, u.owner_id},
                               "inserted user"));
  User stored = u;
  stored.id = row.Int(0);
  RETURN_IF_ERROR(WriteRoles(tx, stored));
  return stored.id;
}

StatusOr<int64_t> UpdateUser(Transaction& tx, const User& u, const std::string& now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE users SET name = ?, inspectorate_id = ?, active = ?, "
                              "must_change_password = ?, version = version + 1, updated_at = ? "
                              "WHERE id = ? AND version = ?",
                              {u.name, u.inspectorate_id, u.active, u.must_change_password, now,
                               u.id, u.version}));
  if (changed == 0) {
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT version FROM users WHERE id = ?", {u.id}));
    if (rows.empty()) return NotFound("User " + std::to_string(u.id) + " not found");
    return Aborted("This user was changed by someone else since you opened it (you had version " +
                       std::to_string(u.version) + ", it is now version " + rows[0].Text(0) +
                       "); reload it and make your change again",
                   "stale-version");
  }
  RETURN_IF_ERROR(WriteRoles(tx, u));
  return u.version + 1;
}

Status SetPassword(Transaction& tx, int64_t user_id, const std::string& password_hash,
                   bool must_change, const std::string& now) {
  ASSIGN_OR_RETURN(int64_t changed,
                   tx.Execute("UPDATE users SET password_hash = ?, must_change_password = ?, "
                              "version = version + 1, updated_at = ? WHERE id = ?",
                              {password_hash, must_change, now, user_id}));
  if (changed == 0) return NotFound("User " + std::to_string(user_id) + " not found");
  return OkStatus();
}

Status InsertSession(Transaction& tx, const std::string& token_hash, int64_t user_id,
                     const std::string& csrf_token, const std::string& now, int64_t expires_at) {
  return tx
      .Execute(
          "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) "
          "VALUES (?, ?, ?, ?, ?)",
          {token_hash, user_id, csrf_token, now, expires_at})
      .status();
}

StatusOr<std::optional<SessionRecord>> FindSession(Transaction& tx, const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT user_id, csrf_token, expires_at FROM sessions "
                                       "WHERE token_hash = ?",
                                       {token_hash}));
  if (rows.empty()) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(
      SessionRecord{rows[0].Int(0), rows[0].Text(1), rows[0].Int(2)});
}

StatusOr<std::optional<SessionWithUser>> FindSessionWithUser(Transaction& tx,
                                                             const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto rows,
                   tx.Query(std::string("SELECT ") + kUserWithRoleColumns +
                                ", s.csrf_token, s.expires_at FROM sessions s "
                                "JOIN users u ON u.id = s.user_id "
                                "LEFT JOIN user_roles r ON r.user_id = u.id WHERE s.token_hash = ?",
                            {token_hash}));
  if (rows.empty()) return std::optional<SessionWithUser>();
  SessionWithUser out;
  out.user = UserWithRoles(rows);
  out.session =
      SessionRecord{out.user.id, rows[0].Text(kRoleColumn + 1), rows[0].Int(kRoleColumn + 2)};
  return std::optional<SessionWithUser>(std::move(out));
}

Status DeleteSession(Transaction& tx, const std::string& token_hash) {
  return tx.Execute("DELETE FROM sessions WHERE token_hash = ?", {token_hash}).status();
}

Status DeleteSessionsOfUser(Transaction& tx, int64_t user_id) {
  return tx.Execute("DELETE FROM sessions WHERE user_id = ?", {user_id}).status();
}

Status DeleteOtherSessionsOfUser(Transaction& tx, int64_t user_id, const std::string& keep_hash) {
  return tx
      .Execute("DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?", {user_id, keep_hash})
      .status();
}

Status DeleteExpiredSessions(Transaction& tx, int64_t now_micros) {
  return tx.Execute("DELETE FROM sessions WHERE expires_at < ?", {now_micros}).status();
}

StatusOr<int64_t> InsertApiToken(Transaction& tx, int64_t user_id, const std::string& name,
                                 const std::string& token_hash, const std::string& prefix,
                                 const std::string& now) {
  ASSIGN_OR_RETURN(SqlRow row,
                   tx.QueryOne("INSERT INTO api_tokens (user_id, name, token_hash, prefix, "
                               "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
                               {user_id, name, token_hash, prefix, now}, "inserted token"));
  return row.Int(0);
}

namespace {
constexpr const char* kTokenColumns = "id, user_id, name, prefix, created_at, revoked_at";
ApiToken TokenFromRow(const SqlRow& r) {
  return ApiToken{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
}
}  // namespace

StatusOr<std::vector<ApiToken>> ListApiTokens(Transaction& tx, int64_t user_id) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kTokenColumns +
                                           " FROM api_tokens WHERE user_id = ? ORDER BY id DESC",
                                       {user_id}));
  std::vector<ApiToken> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(TokenFromRow(r));
  return out;
}

StatusOr<ApiToken> GetApiToken(Transaction& tx, int64_t id) {
  ASSIGN_OR_RETURN(SqlRow row, tx.QueryOne(std::string("SELECT ") + kTokenColumns +
                                               " FROM api_tokens WHERE id = ?",
                                           {id}, "API token " + std::to_string(id)));
  return TokenFromRow(row);
}

StatusOr<std::optional<User>> FindUserByApiToken(Transaction& tx, const std::string& token_hash) {
  ASSIGN_OR_RETURN(auto rows, tx.Query(std::string("SELECT ") + kUserWithRoleColumns +
                                           " FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                           "LEFT JOIN user_roles r ON r.user_id = u.id "
                                           "WHERE t.token_hash = ? AND t.revoked_at IS NULL",
                                       {token_hash}));
  if (rows.empty()) return std::optional<User>();
  return std::optional<User>(UserWithRoles(rows));
}

Status RevokeApiToken(Transaction& tx, int64_t id, const std::string& now) {
  return tx
      .Execute("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
               {now, id})
      .status();
}

StatusOr<int64_t> RevokeApiTokensOfUser(Transaction& tx, int64_t user_id, const std::string& now) {
  return tx.Execute("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
                    {now, user_id});
}

}  // namespace jointly
