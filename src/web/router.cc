#include "web/router.h"

#include <algorithm>
#include <functional>
#include <iterator>

#include "core/text.h"

namespace jointly::web {

// One part of a segment: text as it is, digits, or one of several words.
struct Router::Piece {
  enum class Kind { kText, kDigits, kOneOf } kind = Kind::kText;
  std::string text;                  // kText
  std::vector<std::string> options;  // kOneOf
};

struct Router::Segment {
  std::string source;  // as written in the pattern, to find it again
  std::vector<Piece> pieces;
  bool literal() const { return pieces.size() == 1 && pieces[0].kind == Piece::Kind::kText; }
};

struct Router::Node {
  // By the segment's text.
  std::unordered_map<std::string, std::unique_ptr<Node>, TextHash, std::equal_to<>> literal;
  std::vector<std::pair<Segment, std::unique_ptr<Node>>> patterned;  // in the order added
  std::map<std::string, size_t, std::less<>> routes;                 // ending here, by method
};

Router::Router() : root_(std::make_unique<Node>()) {}
Router::~Router() = default;
Router::Router(Router&&) noexcept = default;
Router& Router::operator=(Router&&) noexcept = default;

std::optional<Router::Segment> Router::ParseSegment(std::string_view text) {
  Segment out;
  out.source = std::string(text);
  auto add_text = [&out](char c) {
    if (out.pieces.empty() || out.pieces.back().kind != Piece::Kind::kText) {
      out.pieces.push_back({});
    }
    out.pieces.back().text += c;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\\') {
      if (++i == text.size()) return std::nullopt;
      add_text(text[i]);
    } else if (c == '(') {
      const size_t close = text.find(')', i);
      if (close == std::string_view::npos) return std::nullopt;
      const std::string_view group = text.substr(i + 1, close - i - 1);
      i = close;
      if (group == R"(\d+)") {
        out.pieces.push_back({.kind = Piece::Kind::kDigits, .text = {}, .options = {}});
        continue;
      }
      Piece one_of{.kind = Piece::Kind::kOneOf, .text = {}, .options = {}};
      size_t start = 0;
      for (;;) {
        const size_t bar = group.find('|', start);
        const std::string_view word = group.substr(start, bar - start);
        if (word.empty() || word.find_first_of("\\()[]{}*+?^$") != std::string_view::npos) {
          return std::nullopt;
        }
        one_of.options.emplace_back(word);
        if (bar == std::string_view::npos) break;
        start = bar + 1;
      }
      out.pieces.push_back(std::move(one_of));
    } else if (std::string_view(")[]{}*+?^$|").find(c) != std::string_view::npos) {
      return std::nullopt;  // regular expression syntax this router does not read
    } else {
      add_text(c);
    }
  }
  if (out.pieces.empty()) out.pieces.push_back({});  // the empty segment: "/" or "a//b"
  return out;
}

bool Router::AddRoute(const std::string& method, std::string_view pattern, size_t value) {
  if (pattern.empty() || pattern[0] != '/') return false;
  Node* node = root_.get();
  std::string_view rest = pattern.substr(1);
  for (;;) {
    const size_t slash = rest.find('/');
    auto segment = ParseSegment(rest.substr(0, slash));
    if (!segment) return false;
    if (segment->literal()) {
      auto& child = node->literal[segment->pieces[0].text];
      if (!child) child = std::make_unique<Node>();
      node = child.get();
    } else {
      auto same = std::find_if(node->patterned.begin(), node->patterned.end(),
                               [&](const auto& p) { return p.first.source == segment->source; });
      if (same == node->patterned.end()) {
        node->patterned.emplace_back(std::move(*segment), std::make_unique<Node>());
        same = std::prev(node->patterned.end());
      }
      node = same->second.get();
    }
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return node->routes.emplace(method, value).second;
}

bool Router::MatchPieces(const std::vector<Piece>& pieces, size_t i, std::string_view text,
                         std::vector<std::string>& captures) {
  if (i == pieces.size()) return text.empty();
  const Piece& piece = pieces[i];
  switch (piece.kind) {
    case Piece::Kind::kText:
      return text.starts_with(piece.text) &&
             MatchPieces(pieces, i + 1, text.substr(piece.text.size()), captures);
    case Piece::Kind::kDigits: {
      size_t digits = 0;
      while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
      for (size_t n = digits; n >= 1; --n) {  // longest first, as a regular expression would
        captures.emplace_back(text.substr(0, n));
        if (MatchPieces(pieces, i + 1, text.substr(n), captures)) return true;
        captures.pop_back();
      }
      return false;
    }
    case Piece::Kind::kOneOf:
      for (const std::string& word : piece.options) {
        if (!text.starts_with(word)) continue;
        captures.push_back(word);
        if (MatchPieces(pieces, i + 1, text.substr(word.size()), captures)) return true;
        captures.pop_back();
      }
      return false;
  }
  return false;
}

std::optional<size_t> Router::MatchFrom(const Node& node, std::string_view method,
                                        std::string_view rest, std::vector<std::string>& captures) {
  const size_t slash = rest.find('/');
  const std::string_view segment = rest.substr(0, slash);
  const bool last = slash == std::string_view::npos;
  auto found_in = [&](const Node& child) -> std::optional<size_t> {
    if (!last) return MatchFrom(child, method, rest.substr(slash + 1), captures);
    auto route = child.routes.find(method);
    if (route == child.routes.end()) return std::nullopt;
    return route->second;
  };
  if (auto child = node.literal.find(segment); child != node.literal.end()) {
    if (auto found = found_in(*child->second)) return found;
  }
  for (const auto& [pattern, child] : node.patterned) {
    const size_t kept = captures.size();
    if (MatchPieces(pattern.pieces, 0, segment, captures)) {
      if (auto found = found_in(*child)) return found;
    }
    captures.resize(kept);
  }
  return std::nullopt;
}

std::optional<size_t> Router::Match(std::string_view method, std::string_view path,
                                    std::vector<std::string>& captures) const {
  captures.clear();
  if (path.empty() || path[0] != '/') return std::nullopt;
  captures.emplace_back(path);
  auto found = MatchFrom(*root_, method, path.substr(1), captures);
  if (!found) captures.clear();
  return found;
}

}  // namespace jointly::web
