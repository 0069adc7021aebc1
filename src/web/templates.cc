#include "web/templates.h"

#include <mstch/mstch.hpp>

#include "core/embedded.h"

namespace jointly::embedded {
const FileMap& Templates();
}

namespace jointly::web {
namespace {

using nlohmann::json;

mstch::node ToNode(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mstch::map m;
      for (auto it = j.begin(); it != j.end(); ++it) m.emplace(it.key(), ToNode(it.value()));
      return m;
    }
    case json::value_t::array: {
      mstch::array a;
      for (const auto& v : j) a.push_back(ToNode(v));
      return a;
    }
    case json::value_t::string:
      return j.get<std::string>();
    case json::value_t::boolean:
      return j.get<bool>();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return std::to_string(j.get<int64_t>());
    case json::value_t::number_float:
      return std::to_string(j.get<double>());
    default:
      return nullptr;  // null: falsy in sections, empty when printed
  }
}

const std::map<std::string, std::string>& Partials() {
  static const auto* partials = [] {
    auto* m = new std::map<std::string, std::string>();
    for (const auto& [path, text] : embedded::Templates()) {
      // "templates/partials/error_summary.mustache" -> "error_summary"
      if (path.find("/partials/") == std::string::npos) continue;
      std::string name = path.substr(path.rfind('/') + 1);
      name = name.substr(0, name.size() - std::string(".mustache").size());
      m->emplace(name, std::string(text));
    }
    return m;
  }();
  return *partials;
}

std::string Template(const std::string& name) {
  const auto& files = embedded::Templates();
  auto it = files.find("templates/" + name + ".mustache");
  return it == files.end() ? std::string() : std::string(it->second);
}

}  // namespace

std::string RenderPage(const std::string& page, const json& data) {
  const mstch::node context = ToNode(data);
  json layout_data = data;
  layout_data["content"] = mstch::render(Template(page), context, Partials());
  return mstch::render(Template("layout"), ToNode(layout_data), Partials());
}

}  // namespace jointly::web
