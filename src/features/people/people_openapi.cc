// The /api/v1 operations of signing in, accounts, API tokens and users, and the schemas of what
// they take and answer, as the OpenAPI document states them. Records described once
// (web/record_routes.h) document themselves; the answers any route may give before its handler runs
// are added from the route (OpenApi::BindRoutes).
#include "features/people/people_feature.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

using nlohmann::json;

void DocumentSession(OpenApi& doc) {
  doc.AddSchema("NewApiToken",
                Object({{"token", Ref("ApiToken")},
                        {"secret", String().Says("The bearer token; shown once, never stored")}})
                    .Require({"token", "secret"}));
  doc.AddSchema("SignIn",
                Object({{"email", String().MaxChars(254)}, {"password", String().MaxChars(256)}})
                    .Require({"email", "password"})
                    .Closed());
  doc.AddSchema(
      "Session",
      Object({{"user", Ref("User")},
              {"csrf_token",
               String().Says("Send as X-CSRF-Token on changes made with the session cookie")}})
          .Require({"user", "csrf_token"}));
  doc.AddSchema("UserPage", Object({{"items", ArrayOf(Ref("User"))},
                                    {"total", Integer()},
                                    {"limit", Integer()},
                                    {"offset", Integer()}})
                                .Require({"items", "total", "limit", "offset"}));
  doc.AddOperation("post", "/session",
                   {.id = "signIn",
                    .summary = "Sign in",
                    .tag = "Sign-in",
                    .description = "Starts a session (HttpOnly, SameSite=Strict cookie). Scripts "
                                   "should then create an API token and use it instead.",
                    .body = Ref("SignIn"),
                    .status = 201,
                    .answer = "Signed in; the session cookie is set",
                    .returns = Ref("Session"),
                    .problems = {401, 429},
                    .anonymous = true});
  doc.AddOperation("delete", "/session",
                   {.id = "signOut",
                    .summary = "Sign out",
                    .tag = "Sign-in",
                    .status = 204,
                    .answer = "Signed out",
                    .problems = {403}});
}

void DocumentMe(OpenApi& doc) {
  doc.AddSchema(
      "User",
      Object({{"id", Integer()},
              {"email", Formatted("email")},
              {"name", String()},
              {"inspectorate_id", Integer().OrNull()},
              {"owner_id", Integer().OrNull().Says("The owner body whose recommendations this "
                                                   "person answers, and nothing else")},
              {"roles", ArrayOf(OneOf(kAllRoles, RoleId))},
              {"active", Boolean()},
              {"must_change_password", Boolean()},
              {"created_at", String()},
              {"version", Integer()}})
          .Require({"id", "email", "name", "inspectorate_id", "roles", "active",
                    "must_change_password", "created_at", "version"}));
  doc.AddOperation("get", "/me",
                   {.id = "getMe",
                    .summary = "The signed-in user",
                    .tag = "Account",
                    .answer = "You",
                    .returns = Ref("User")});
}

void DocumentAccount(OpenApi& doc) {
  doc.AddSchema("PasswordChange",
                Object({{"current_password", String().MaxChars(256)},
                        {"new_password", String().MaxChars(256).With("minLength", 12)}})
                    .Require({"current_password", "new_password"})
                    .Closed());
  doc.AddOperation("post", "/account/password",
                   {.id = "changePassword",
                    .summary = "Change your password; your other sessions end",
                    .tag = "Account",
                    .body = Ref("PasswordChange"),
                    .status = 204,
                    .answer = "Changed",
                    .problems = {403, 429}});
}

void DocumentUsers(OpenApi& doc) {
  doc.AddSchema("NewUser",
                Object({{"email", Formatted("email").MaxChars(254)},
                        {"name", String().MaxChars(120).NonBlank()},
                        {"inspectorate_id", Integer().Min(1).OrNull()},
                        {"roles", ArrayOf(OneOf(kAllRoles, RoleId)).MinItems(1).MaxItems(8)}})
                    .Require({"email", "name", "roles"})
                    .Closed());
  doc.AddSchema("UserChange",
                Object({{"version", Integer().Min(1)},
                        {"name", String().MaxChars(120).NonBlank()},
                        {"inspectorate_id", Integer().Min(1).OrNull()},
                        {"active", Boolean()},
                        {"roles", ArrayOf(OneOf(kAllRoles, RoleId)).MinItems(1).MaxItems(8)}})
                    .Require({"version"})
                    .Closed());
  doc.AddSchema("CreatedUser",
                Object({{"user", Ref("User")},
                        {"one_time_password",
                         String().Says("Shown once; the user must change it at first sign-in")}})
                    .Require({"user", "one_time_password"}));
  doc.AddSchema("OneTimePassword",
                Object({{"one_time_password", String()}}).Require({"one_time_password"}));
  doc.AddOperation("post", "/users",
                   {.id = "createUser",
                    .summary = "Add a user (administrators)",
                    .tag = "Users",
                    .body = Ref("NewUser"),
                    .status = 201,
                    .answer = "Added, with a one-time password",
                    .returns = Ref("CreatedUser"),
                    .problems = {403}});
  doc.AddOperation("get", "/users/{id}",
                   {.id = "getUser",
                    .summary = "One user (administrators)",
                    .tag = "Users",
                    .answer = "The user",
                    .returns = Ref("User"),
                    .problems = {403}});
  doc.AddOperation("patch", "/users/{id}",
                   {.id = "updateUser",
                    .summary = "Change a user's name, inspectorate, roles or status",
                    .tag = "Users",
                    .body = Ref("UserChange"),
                    .answer = "Changed",
                    .returns = Ref("User"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/users/{id}/unlock",
                   {.id = "unlockUser",
                    .summary = "Let a user locked out by wrong passwords sign in again at once",
                    .tag = "Users",
                    .status = 204,
                    .answer = "Unlocked",
                    .problems = {403, 409}});
  doc.AddOperation("post", "/users/{id}/password-reset",
                   {.id = "resetPassword",
                    .summary = "Give a user a new one-time password",
                    .tag = "Users",
                    .answer = "The new one-time password",
                    .returns = Ref("OneTimePassword"),
                    .problems = {403}});
  doc.AddOperation(
      "get", "/users",
      {.id = "listUsers",
       .summary = "List users (administrators)",
       .tag = "Users",
       .query = {{"limit", "Page size", Integer().Min(1).Max(200).Default(20)},
                 {"offset", "Records to skip", Integer().Min(0).Max(1000000000).Default(0)}},
       .answer = "A page of users",
       .returns = Ref("UserPage"),
       .problems = {403}});
}

void DocumentTokens(OpenApi& doc) {
  doc.AddSchema("ApiToken", Object({{"id", Integer()},
                                    {"name", String()},
                                    {"prefix", String()},
                                    {"created_at", String()},
                                    {"revoked_at", String().OrNull()}})
                                .Require({"id", "name", "prefix", "created_at", "revoked_at"}));
  doc.AddSchema("ApiTokenPage", Object({{"items", ArrayOf(Ref("ApiToken"))},
                                        {"total", Integer()},
                                        {"limit", Integer()},
                                        {"offset", Integer()}})
                                    .Require({"items", "total", "limit", "offset"}));
  doc.AddOperation("get", "/tokens",
                   {.id = "listTokens",
                    .summary = "Your API tokens",
                    .tag = "Account",
                    .paged = true,
                    .answer = "Newest first",
                    .returns = Ref("ApiTokenPage")});
  doc.AddOperation("delete", "/tokens/{id}",
                   {.id = "revokeToken",
                    .summary = "Revoke one of your API tokens",
                    .tag = "Account",
                    .status = 204,
                    .answer = "Revoked",
                    .problems = {403}});
  doc.AddOperation(
      "post", "/tokens",
      {.id = "createToken",
       .summary = "Create an API token",
       .tag = "Account",
       .body = Object({{"name", String().MaxChars(100).NonBlank()}}).Require({"name"}).Closed(),
       .status = 201,
       .answer = "The token and its secret, shown once",
       .returns = Ref("NewApiToken"),
       .problems = {403}});
}

void Document(OpenApi& doc) {
  doc.AddTag("Sign-in", "Sessions");
  doc.AddTag("Account", "Your own account and API tokens");
  doc.AddTag("Users", "People and their roles");
  DocumentSession(doc);
  DocumentMe(doc);
  DocumentAccount(doc);
  DocumentUsers(doc);
  DocumentTokens(doc);
}

}  // namespace
}  // namespace api

void PeopleFeature::DocumentApi() { api::Document(site().openapi()); }

}  // namespace jointly::web
