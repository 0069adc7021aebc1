// Hashing, secrets and password hashing, behind plain functions so the rest
// of Jointly never touches OpenSSL or libargon2 directly.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace jointly {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Base64 (RFC 4648, with padding, no line breaks), and back: InvalidArgument
// for text that is not base64.
std::string Base64Encode(std::string_view bytes);
StatusOr<std::string> Base64Decode(std::string_view text);

// `bytes` bytes from the OS CSPRNG, as URL-safe base64 without padding.
std::string RandomToken(size_t bytes = 32);

// Constant-time comparison of two strings of any length.
bool SecureEquals(std::string_view a, std::string_view b);

struct PasswordHashParams {
  uint32_t time_cost = 2;
  uint32_t memory_kib = 19 * 1024;
  uint32_t parallelism = 1;
};

// argon2id in PHC string form ("$argon2id$v=19$m=...").
// Returns Internal if hashing fails (out of memory).
StatusOr<std::string> HashPassword(std::string_view password,
                                   const PasswordHashParams& params = {});

// True if `password` matches the PHC string `encoded`; false on mismatch or
// a malformed hash.
bool VerifyPassword(std::string_view password, const std::string& encoded);

}  // namespace jointly
