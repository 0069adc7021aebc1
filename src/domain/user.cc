#include "domain/user.h"

#include <algorithm>

#include "core/text.h"

namespace jointly {

bool User::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

namespace {

// The longest email address (RFC 5321's path less its brackets) and name.
constexpr size_t kMaxEmailLength = 254;
constexpr size_t kMaxUserNameLength = 120;

}  // namespace

Status ValidateUser(const User& u) {
  Validation v;
  Validation email;
  email.Line("email", u.email, kMaxEmailLength, true, "the email address");
  if (!email.empty()) {
    v.Line("email", u.email, kMaxEmailLength, true, "the email address");
  } else if (!LooksLikeEmail(u.email)) {
    v.Add("email", "email", EmailFormatMessage("an email address"));
  }
  v.Line("name", u.name, kMaxUserNameLength, true, "the person's full name");
  if (u.owner_id) {
    // The people of owner bodies answer their body's recommendations and
    // do nothing else of Jointly.
    if (!u.roles.empty()) {
      v.Add("roles", "owner-alone", "A person of an owner body holds no role in Jointly");
    }
    if (u.inspectorate_id) {
      v.Add("inspectorate_id", "owner-alone",
            "A person of an owner body speaks for no inspectorate");
    }
  } else if (u.roles.empty()) {
    v.Add("roles", "required", "Select at least one role");
  }
  if (u.Has(Role::kDgRepresentative) && !u.inspectorate_id) {
    v.Add("inspectorate_id", "representative-inspectorate",
          "Select the inspectorate this Development Group representative speaks for");
  }
  return v.Finish();
}

Status ValidateNewPassword(const std::string& password, const std::string& email,
                           const std::string& field) {
  Validation v;
  if (password.empty()) {
    v.Add(field, "required", "Enter a new password");
  } else if (!IsValidUtf8(password)) {
    v.Add(field, "utf8", "Password must be valid text");
  } else if (Utf8Length(password) < kMinPasswordLength) {
    v.Add(field, "password-length",
          "Password must be " + std::to_string(kMinPasswordLength) + " characters or more");
  } else if (password.size() > kMaxPasswordLength) {
    v.Add(field, "max-length", TooLongMessage("the password", kMaxPasswordLength, password));
  } else if (!email.empty() && AsciiLower(password).find(AsciiLower(email)) != std::string::npos) {
    v.Add(field, "password-not-email", "Password must not contain your email address");
  }
  return v.Finish();
}

}  // namespace jointly
