// Status and StatusOr<T>: how every fallible operation in Jointly reports
// failure. A Status carries a code, a message for people, the rule it
// enforces (e.g. "R14" or "unique-code"), and, for bad input, one FieldError
// per offending field so the web layer can name each field.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace jointly {

enum class StatusCode {
  kOk,
  kInvalidArgument,     // bad input; see field_errors()
  kNotFound,            // no such record, or not visible to the caller
  kAlreadyExists,       // a unique key is taken
  kUnauthenticated,     // no valid credentials
  kPermissionDenied,    // signed in but not allowed
  kFailedPrecondition,  // the record is not in a state that allows this
  kAborted,             // a stale version: someone else changed the record
  kResourceExhausted,   // throttled or too large
  kUnavailable,         // the database is busy or down; retrying may work
  kInternal,            // a bug or an unexpected environment failure
};

const char* StatusCodeName(StatusCode code);

struct FieldError {
  std::string field;    // JSON pointer-ish name, e.g. "email" or "line 4: code"
  std::string rule;     // short machine-readable rule id, e.g. "required"
  std::string message;  // plain English, says what to do
  bool operator==(const FieldError&) const = default;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message, std::string rule = {})
      : code_(code), message_(std::move(message)), rule_(std::move(rule)) {}

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::string& rule() const { return rule_; }
  const std::vector<FieldError>& field_errors() const { return field_errors_; }
  // Extra machine-readable detail as a JSON text (e.g. what changed in a
  // conflict); empty if none.
  const std::string& detail_json() const { return detail_json_; }

  Status& AddFieldError(std::string field, std::string rule, std::string message) {
    field_errors_.push_back({std::move(field), std::move(rule), std::move(message)});
    return *this;
  }
  Status& SetDetailJson(std::string json) {
    detail_json_ = std::move(json);
    return *this;
  }
  std::string ToString() const;
  void IgnoreError() const {}

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string rule_;
  std::vector<FieldError> field_errors_;
  std::string detail_json_;
};

inline Status OkStatus() { return Status(); }

// Every error at once, from checks made in turn: `first`'s field errors,
// then `then`'s on fields `first` does not name (a value that could not be
// read is not also named as out of range). OK if both are; `first` alone
// if either is not about the input (InvalidArgument); else the first
// failing one's code and message.
Status MergeErrors(const Status& first, const Status& then);
inline Status InvalidArgument(std::string m, std::string rule = {}) {
  return Status(StatusCode::kInvalidArgument, std::move(m), std::move(rule));
}
inline Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
inline Status AlreadyExists(std::string m, std::string rule = {}) {
  return Status(StatusCode::kAlreadyExists, std::move(m), std::move(rule));
}
inline Status Unauthenticated(std::string m) {
  return Status(StatusCode::kUnauthenticated, std::move(m));
}
inline Status PermissionDenied(std::string m, std::string rule = {}) {
  return Status(StatusCode::kPermissionDenied, std::move(m), std::move(rule));
}
inline Status FailedPrecondition(std::string m, std::string rule = {}) {
  return Status(StatusCode::kFailedPrecondition, std::move(m), std::move(rule));
}
inline Status Aborted(std::string m, std::string rule = {}) {
  return Status(StatusCode::kAborted, std::move(m), std::move(rule));
}
inline Status ResourceExhausted(std::string m, std::string rule = {}) {
  return Status(StatusCode::kResourceExhausted, std::move(m), std::move(rule));
}
inline Status Unavailable(std::string m) { return Status(StatusCode::kUnavailable, std::move(m)); }
inline Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

// Collects field errors; Finish() returns OK if none were added.
class Validation {
 public:
  void Add(std::string field, std::string rule, std::string message) {
    errors_.push_back({std::move(field), std::move(rule), std::move(message)});
  }
  bool empty() const { return errors_.empty(); }

  // Checks of text fields, each adding one error naming `what`: a single
  // line (valid UTF-8, no control characters), free text (line breaks
  // allowed), both up to `max` characters and non-blank if `required`; a
  // strict YYYY-MM-DD date.
  void Line(const std::string& field, std::string_view text, size_t max, bool required,
            const std::string& what);
  void Text(const std::string& field, std::string_view text, size_t max, bool required,
            const std::string& what);
  void Date(const std::string& field, std::string_view text, const std::string& what);
  Status Finish(std::string message = "Some fields are not valid") const {
    if (errors_.empty()) return OkStatus();
    Status s = InvalidArgument(std::move(message), errors_.front().rule);
    for (const auto& e : errors_) s.AddFieldError(e.field, e.rule, e.message);
    return s;
  }

 private:
  std::vector<FieldError> errors_;
};

template <typename T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    if (status_.ok()) status_ = Internal("StatusOr constructed from an OK status");
  }
  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  // On a temporary, the value moves out, so `for (x : *Fn())` is safe.
  T value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace jointly

#define JOINTLY_CONCAT_INNER(a, b) a##b
#define JOINTLY_CONCAT(a, b) JOINTLY_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)       \
  do {                              \
    ::jointly::Status _st = (expr); \
    if (!_st.ok()) return _st;      \
  } while (0)

// NOLINTBEGIN(bugprone-macro-parentheses): lhs may be a declaration.
#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()
// NOLINTEND(bugprone-macro-parentheses)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL(JOINTLY_CONCAT(_status_or_, __LINE__), lhs, expr)
