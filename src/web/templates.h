// Server-rendered pages: mustache templates (compiled into the binary from
// web/templates/) filled from JSON, wrapped in the GOV.UK layout.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace jointly::web {

// Renders templates/<page>.mustache with `data` inside layout.mustache.
// `data` should carry "title" (the page's h1 and <title>) and may carry
// "errors" (for the error summary) and "nav" flags. Thread-safe.
std::string RenderPage(const std::string& page, const nlohmann::json& data);

}  // namespace jointly::web
