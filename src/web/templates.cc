#include "web/templates.h"

#include <map>
#include <mstch/mstch.hpp>
#include <string>
#include <vector>

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

// A template's name from its file: "templates/partials/error_summary.mustache"
// is "error_summary".
std::string NameOf(const std::string& path) {
  const std::string file = path.substr(path.rfind('/') + 1);
  return file.substr(0, file.size() - std::string(".mustache").size());
}

bool IsPartial(const std::string& path) { return path.find("/partials/") != std::string::npos; }

// Every partial, by name.
std::map<std::string, std::string> AllPartials() {
  std::map<std::string, std::string> out;
  for (const auto& [path, text] : embedded::Templates()) {
    if (IsPartial(path)) out.emplace(NameOf(path), std::string(text));
  }
  return out;
}

// A template and the partials it uses, itself or through other partials:
// mstch reads every partial it is given on each render, so it is given only
// these.
struct Page {
  std::string text;
  std::map<std::string, std::string> partials;
};

Page PageOf(const std::string& text, const std::map<std::string, std::string>& all) {
  Page page{text, {}};
  std::vector<const std::string*> to_read = {&page.text};
  while (!to_read.empty()) {
    const std::string& read = *to_read.back();
    to_read.pop_back();
    for (size_t at = read.find("{{>"); at != std::string::npos; at = read.find("{{>", at + 3)) {
      const size_t end = read.find("}}", at);
      if (end == std::string::npos) break;
      std::string name = read.substr(at + 3, end - at - 3);
      name.erase(0, name.find_first_not_of(' '));
      name.erase(name.find_last_not_of(' ') + 1);
      const auto found = all.find(name);
      if (found == all.end() || page.partials.count(name)) continue;
      to_read.push_back(&page.partials.emplace(name, found->second).first->second);
    }
  }
  return page;
}

// Each page's template with its partials, read once: the templates are
// part of the program.
const Page& Template(const std::string& name) {
  static const auto* pages = [] {
    const auto all = AllPartials();
    auto* m = new std::map<std::string, Page>();
    for (const auto& [path, text] : embedded::Templates()) {
      if (!IsPartial(path)) m->emplace(NameOf(path), PageOf(std::string(text), all));
    }
    return m;
  }();
  static const Page kNone;
  const auto it = pages->find(name);
  return it == pages->end() ? kNone : it->second;
}

}  // namespace

std::string RenderPage(const std::string& page, const json& data) {
  mstch::node context = ToNode(data);
  const Page& content = Template(page);
  std::string body = mstch::render(content.text, context, content.partials);
  // The layout sees the page's data too, and the page as "content".
  if (auto* fields = boost::get<mstch::map>(&context)) {
    (*fields)["content"] = std::move(body);
  } else {
    context = mstch::map{{"content", std::move(body)}};
  }
  const Page& layout = Template("layout");
  return mstch::render(layout.text, context, layout.partials);
}

}  // namespace jointly::web
