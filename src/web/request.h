// An HTTP request and response as handlers see them, whatever transport
// read the request and writes the answer: handlers never name the HTTP
// library, so the transport can be replaced without touching a feature.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jointly::web {

// A file (or a field) sent in a multipart/form-data body.
struct UploadedFile {
  std::string filename;
  std::string content_type;
  std::string content;
};

using NameValues = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded, without the query
  std::string body;
  std::string client_address;
  // The query's parameters, then a url-encoded form's fields, in the order
  // sent; a name may repeat.
  NameValues params;
  // The query's parameters alone, so that a value that must come in the
  // body (a form's CSRF token) can be told from one put in the address.
  NameValues query;
  NameValues headers;  // names as sent; look them up with Header()
  std::vector<std::pair<std::string, UploadedFile>> files;  // multipart parts by field name
  // What the route's pattern captured: [0] the whole path, [1] the first
  // group, and so on.
  std::vector<std::string> captures;

  // The header's value (names compared without case), or "".
  std::string Header(std::string_view name) const;
  bool HasParam(std::string_view name) const;
  // The first value sent for `name`, or "". Line breaks are read as "\n":
  // browsers send a textarea's as "\r\n", and saving a form unchanged must
  // not change what it shows.
  std::string Param(std::string_view name) const;
  // Every value sent for `name`, in order, line breaks as in Param().
  std::vector<std::string> Params(std::string_view name) const;
  // The multipart part named `name`, or nullptr.
  const UploadedFile* File(std::string_view name) const;
  // The `index`th capture, or "".
  std::string Capture(size_t index) const;
};

struct Response {
  int status = 200;
  std::string body;
  NameValues headers;

  // Sets the header, replacing any value it had.
  void SetHeader(std::string_view name, std::string value);
  bool HasHeader(std::string_view name) const;
  std::string Header(std::string_view name) const;
  void SetContent(std::string content, std::string_view type);
  // 303 See Other to `location` (a path on this site).
  void Redirect(std::string location);
};

// `text` percent-encoded for a query string's name or value.
std::string EncodeQueryParam(std::string_view text);

}  // namespace jointly::web
