// Fuzz target for JSON request bodies as the API reads them: never crashes,
// never throws, and either yields values or names at least one bad field.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "web/http.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  jointly::web::JsonObjectReader in(body);
  auto code = in.String("code", 40, true);
  auto name = in.String("name", 200);
  auto active = in.Bool("active");
  auto version = in.Int("version", 1, INT64_MAX);
  auto year = in.NullableInt("closed_year", 1800, 2200);
  auto roles = in.StringArray("roles", 8, 40);
  const jointly::Status s = in.Finish();
  if (s.ok() && !code) std::abort();  // "code" is required
  if (!s.ok() && s.field_errors().empty()) std::abort();
  (void)name;
  (void)active;
  (void)version;
  (void)year;
  (void)roles;
  return 0;
}
