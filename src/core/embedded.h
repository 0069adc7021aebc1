// Files compiled into the binary by cmake/embed.cmake (migrations, reference
// data, templates, the OpenAPI document).
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace jointly::embedded {

// Path relative to the embedding module's folder -> file contents.
using FileMap = std::map<std::string, std::string_view, std::less<>>;

}  // namespace jointly::embedded
