// Routes matched one path segment at a time: a tree of segments, each node
// finding a literal segment by hashing and trying its patterned segments in
// the order they were added, instead of a list of regular expressions tried
// in turn.
//
// A route's pattern is its path, where any part of a segment may be a
// group: (\d+) for one or more digits, or (a|b|c) for one of the words
// given; a backslash takes the next character as it is ("timetable\.ics").
// Each group is a capture. A literal segment is preferred to a patterned
// one, and a route that matches is always found (the tree backtracks).
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jointly::web {

class Router {
 public:
  Router();
  ~Router();
  Router(Router&&) noexcept;
  Router& operator=(Router&&) noexcept;

  // Adds a route serving `method` (GET, POST, ...) at `pattern`, answering
  // `value` when it matches. False if the pattern is not one this router
  // reads, or the same method and pattern were added before.
  bool AddRoute(const std::string& method, std::string_view pattern, size_t value);
  // The value of the route for `method` that matches all of `path`, filling
  // `captures` with the path and then each group's text; nullopt if none.
  std::optional<size_t> Match(std::string_view method, std::string_view path,
                              std::vector<std::string>& captures) const;

 private:
  struct Piece;
  struct Segment;
  struct Node;
  static std::optional<Segment> ParseSegment(std::string_view text);
  static bool MatchPieces(const std::vector<Piece>& pieces, size_t i, std::string_view text,
                          std::vector<std::string>& captures);
  static std::optional<size_t> MatchFrom(const Node& node, std::string_view method,
                                         std::string_view rest, std::vector<std::string>& captures);

  std::unique_ptr<Node> root_;
};

}  // namespace jointly::web
