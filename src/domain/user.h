// People who sign in to Jointly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/access.h"

namespace jointly {

struct User {
  int64_t id = 0;
  std::string email;  // stored lower-case; unique
  std::string name;
  std::optional<int64_t> inspectorate_id;
  // The owner body whose recommendations this person answers (Caller's
  // owner_id): such a person holds no role and speaks for no inspectorate.
  std::optional<int64_t> owner_id;
  std::vector<Role> roles;
  bool active = true;
  bool must_change_password = false;
  int64_t version = 0;
  std::string created_at;

  bool Has(Role role) const;
};

inline constexpr size_t kMinPasswordLength = 12;
inline constexpr size_t kMaxPasswordLength = 256;

// InvalidArgument naming each bad field (email, name, roles), and a
// Development Group representative with no inspectorate to speak for
// (inspectorate_id, rule "representative-inspectorate"); a person of an
// owner body with a role or an inspectorate (rule "owner-alone").
Status ValidateUser(const User& user);

// InvalidArgument on field `field` if the password is too short, too long,
// not UTF-8, or contains the e-mail address.
Status ValidateNewPassword(const std::string& password, const std::string& email,
                           const std::string& field = "new_password");

}  // namespace jointly
