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
  auto ids = in.IdArray("ids", 100);
  size_t items = 0;
  (void)in.ObjectArray("participants", 0, 20, false,
                       [&](jointly::web::JsonObjectReader& item, size_t) {
                         ++items;
                         (void)item.Int("inspectorate_id", 1, INT64_MAX, true);
                         (void)item.String("involvement", 40);
                         (void)item.StringArray("notes", 5, 100);
                       });
  const jointly::Status s = in.Finish();
  if (items > 20) std::abort();       // bounded by max_items
  if (s.ok() && !code) std::abort();  // "code" is required
  if (!s.ok() && s.field_errors().empty()) std::abort();
  (void)name;
  (void)active;
  (void)version;
  (void)year;
  (void)roles;
  (void)ids;
  return 0;
}
