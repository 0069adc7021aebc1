#include "core/status.h"

#include "core/date.h"
#include "core/text.h"

namespace jointly {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case StatusCode::kNotFound:
      return "NOT_FOUND";
    case StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case StatusCode::kUnauthenticated:
      return "UNAUTHENTICATED";
    case StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case StatusCode::kAborted:
      return "ABORTED";
    case StatusCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case StatusCode::kUnavailable:
      return "UNAVAILABLE";
    case StatusCode::kInternal:
      return "INTERNAL";
  }
  return "UNKNOWN";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s = std::string(StatusCodeName(code_)) + ": " + message_;
  if (!rule_.empty()) s += " [" + rule_ + "]";
  for (const auto& e : field_errors_) s += "; " + e.field + ": " + e.message;
  return s;
}

void Validation::Line(const std::string& field, std::string_view text, size_t max, bool required,
                      const std::string& what) {
  if (!IsValidUtf8(text) || HasControlCharacters(text) || text.find('\n') != text.npos) {
    Add(field, "text", "Remove line breaks and unusual characters from " + what);
  } else if (required && Trim(text).empty()) {
    Add(field, "required", "Enter " + what);
  } else if (Utf8Length(text) > max) {
    Add(field, "max-length", TooLongMessage(what, max, text));
  }
}

void Validation::Text(const std::string& field, std::string_view text, size_t max, bool required,
                      const std::string& what) {
  if (!IsValidUtf8(text)) {
    Add(field, "text", "Remove unusual characters from " + what);
  } else if (required && Trim(text).empty()) {
    Add(field, "required", "Enter " + what);
  } else if (Utf8Length(text) > max) {
    Add(field, "max-length", TooLongMessage(what, max, text));
  }
}

void Validation::Date(const std::string& field, std::string_view text, const std::string& what) {
  if (!jointly::Date::Parse(text))
    Add(field, "date", "Enter " + what + " as a real date, YYYY-MM-DD");
}

namespace {

// Whether an error at `field` already speaks of `whole`: the same field, or
// an item or part of it ("roles[1]" of "roles", "capacity[0].days" of
// "capacity").
bool Names(std::string_view field, std::string_view whole) {
  if (field.size() < whole.size() || field.substr(0, whole.size()) != whole) return false;
  return field.size() == whole.size() || field[whole.size()] == '[' || field[whole.size()] == '.';
}

}  // namespace

Status MergeErrors(const Status& first, const Status& then) {
  if (first.ok()) return then;
  if (then.ok() || first.code() != StatusCode::kInvalidArgument ||
      then.code() != StatusCode::kInvalidArgument) {
    return first;
  }
  Status out = first;
  for (const auto& e : then.field_errors()) {
    bool named = false;
    for (const auto& f : first.field_errors()) named = named || Names(f.field, e.field);
    if (!named) out.AddFieldError(e.field, e.rule, e.message);
  }
  return out;
}

}  // namespace jointly
