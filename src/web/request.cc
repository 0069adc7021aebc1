#include "web/request.h"

#include "core/text.h"

namespace jointly::web {

namespace {

bool SameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string Find(const NameValues& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (SameName(n, name)) return v;
  }
  return {};
}

// "\r\n" as "\n".
std::string Lines(const std::string& v) {
  if (v.find('\r') == std::string::npos) return v;
  std::string out;
  out.reserve(v.size());
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '\r' && i + 1 < v.size() && v[i + 1] == '\n') continue;
    out += v[i];
  }
  return out;
}

}  // namespace

std::string Request::Header(std::string_view name) const { return Find(headers, name); }

bool Request::HasParam(std::string_view name) const {
  for (const auto& [n, v] : params) {
    if (n == name) return true;
  }
  return false;
}

std::string Request::Param(std::string_view name) const {
  for (const auto& [n, v] : params) {
    if (n == name) return Lines(v);
  }
  return {};
}

std::vector<std::string> Request::Params(std::string_view name) const {
  std::vector<std::string> out;
  for (const auto& [n, v] : params) {
    if (n == name) out.push_back(Lines(v));
  }
  return out;
}

const UploadedFile* Request::File(std::string_view name) const {
  for (const auto& [n, f] : files) {
    if (n == name) return &f;
  }
  return nullptr;
}

std::string Request::Capture(size_t index) const {
  return index < captures.size() ? captures[index] : std::string();
}

void Response::SetHeader(std::string_view name, std::string value) {
  for (auto& [n, v] : headers) {
    if (SameName(n, name)) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::string(name), std::move(value));
}

bool Response::HasHeader(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (SameName(n, name)) return true;
  }
  return false;
}

std::string Response::Header(std::string_view name) const { return Find(headers, name); }

void Response::SetContent(std::string content, std::string_view type) {
  body = std::move(content);
  SetHeader("Content-Type", std::string(type));
}

void Response::Redirect(std::string location) {
  status = 303;
  SetHeader("Location", std::move(location));
}

std::string EncodeQueryParam(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '_' || c == '.' || c == '~';
    if (plain) {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace jointly::web
