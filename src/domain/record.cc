#include "domain/record.h"

#include "core/clock.h"
#include "core/text.h"

namespace jointly {

std::string ChoiceLabel(const FieldSpec& field, std::string_view id) {
  for (const auto& c : field.choices) {
    if (c.id == id) return c.label;
  }
  return std::string(id);
}

void CheckFieldShape(const FieldSpec& f, const FieldValue& value, Validation& errors) {
  const std::string* text = std::get_if<std::string>(&value);
  const int64_t* number = std::get_if<int64_t>(&value);
  switch (f.type) {
    case FieldType::kId:
    case FieldType::kVersion:
      return;
    case FieldType::kLine:
      errors.Line(f.name, text ? *text : "", f.max_chars, f.required, f.what);
      return;
    case FieldType::kText:
      errors.Text(f.name, text ? *text : "", f.max_chars, f.required, f.what);
      return;
    case FieldType::kEmail: {
      const std::string s = text ? *text : "";
      Validation line;
      line.Line(f.name, s, f.max_chars, f.required, f.what);
      if (!line.empty()) {
        errors.Line(f.name, s, f.max_chars, f.required, f.what);
      } else if (!Trim(s).empty() && !LooksLikeEmail(Trim(s))) {
        errors.Add(f.name, "email", EmailFormatMessage(f.what));
      }
      return;
    }
    case FieldType::kDate:
      if (!text || text->empty()) {
        if (f.required) errors.Add(f.name, "required", "Enter " + f.what);
      } else {
        errors.Date(f.name, *text, f.what);
      }
      return;
    case FieldType::kInteger:
      if (!number) {
        if (f.required) errors.Add(f.name, "required", "Enter " + f.what);
      } else if (*number < f.min || *number > f.max) {
        errors.Add(
            f.name, "range",
            "Enter " + f.what + " from " + std::to_string(f.min) + " to " + std::to_string(f.max));
      }
      return;
    case FieldType::kReference:
      if (!number || *number <= 0) {
        if (f.required || (number && *number <= 0 && !f.nullable)) {
          errors.Add(f.name, "required", "Choose " + f.what);
        }
      }
      return;
    case FieldType::kBoolean:
      return;
    case FieldType::kChoice: {
      bool known = false;
      for (const auto& c : f.choices) known = known || (text && c.id == *text);
      if (!known) errors.Add(f.name, "one-of", "Choose " + f.what + " from the list");
      return;
    }
  }
}

Status MergeFieldErrors(Status a, const Status& b) {
  if (b.ok()) return a;
  if (a.ok()) return b;
  for (const auto& e : b.field_errors()) {
    bool named = false;
    for (const auto& x : a.field_errors()) named = named || x.field == e.field;
    if (!named) a.AddFieldError(e.field, e.rule, e.message);
  }
  return a;
}

}  // namespace jointly
