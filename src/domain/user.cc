#include "domain/user.h"

#include <algorithm>

#include "core/text.h"

namespace jointly {

bool User::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

Status ValidateUser(const User& u) {
  Validation v;
  if (!IsValidUtf8(u.email) || !LooksLikeEmail(u.email)) {
    v.Add("email", "email", EmailFormatMessage("an email address"));
  }
  if (!IsValidUtf8(u.name) || Trim(u.name).empty()) {
    v.Add("name", "required", "Enter the person's full name");
  } else if (Utf8Length(u.name) > 120 || HasControlCharacters(u.name)) {
    v.Add("name", "max-length", "Name must be a single line of 120 characters or fewer");
  }
  if (u.roles.empty()) v.Add("roles", "required", "Select at least one role");
  if (u.Has(Role::kDgRepresentative) && !u.inspectorate_id) {
    v.Add("inspectorate_id", "representative-inspectorate",
          "Select the inspectorate this Development Group representative speaks for");
  }
  return v.Finish();
}

Status ValidateNewPassword(const std::string& password, const std::string& email,
                           const std::string& field) {
  Validation v;
  if (!IsValidUtf8(password)) {
    v.Add(field, "utf8", "Password must be valid text");
  } else if (Utf8Length(password) < kMinPasswordLength) {
    v.Add(field, "password-length",
          "Password must be " + std::to_string(kMinPasswordLength) + " characters or more");
  } else if (password.size() > kMaxPasswordLength) {
    v.Add(field, "max-length",
          "Password must be " + std::to_string(kMaxPasswordLength) + " characters or fewer");
  } else if (!email.empty() && AsciiLower(password).find(AsciiLower(email)) != std::string::npos) {
    v.Add(field, "password-not-email", "Password must not contain your email address");
  }
  return v.Finish();
}

}  // namespace jointly
