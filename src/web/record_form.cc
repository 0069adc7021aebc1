#include "web/record_form.h"

#include "core/text.h"
#include "web/http.h"
#include "web/page_helpers.h"

namespace jointly::web {

using nlohmann::json;

bool FormSent(const FieldSpec& f, const Request& req) {
  return req.HasParam(f.name) || (f.type == FieldType::kDate && req.HasParam(f.name + "-day"));
}

bool ReadFieldForm(const FieldSpec& f, const Request& req, FieldValue& value, Typed& typed,
                   Validation& errors) {
  if (f.type == FieldType::kDate) {  // a GOV.UK date input: day, month and year
    value = DateParam(req, f.name, typed);
    if (!typed.count(f.name + "-day")) typed[f.name] = std::get<std::string>(value);
    return true;
  }
  const std::string text = req.HasParam(f.name) ? req.Param(f.name) : "";
  typed[f.name] = text;
  switch (f.type) {
    case FieldType::kId:
    case FieldType::kVersion:
      return true;
    case FieldType::kChoice: {
      bool known = false;
      for (const auto& c : f.choices) known = known || c.id == text;
      if (!known) {
        errors.Add(f.name, "one-of", "Choose " + f.what + " from the list");
        return false;
      }
      value = text;
      return true;
    }
    case FieldType::kLine:
    case FieldType::kText:
    case FieldType::kEmail:
    case FieldType::kDate:
      value = text;
      return true;
    case FieldType::kBoolean: {
      Validation ticked;
      value = int64_t{Checked(req, f.name.c_str(), ticked) ? 1 : 0};
      if (ticked.empty()) return true;
      const Status refused = ticked.Finish();
      for (const auto& e : refused.field_errors()) errors.Add(e.field, e.rule, e.message);
      return false;
    }
    case FieldType::kInteger:
    case FieldType::kReference: {
      const std::string_view trimmed = Trim(text);
      if (trimmed.empty()) {
        value = FieldValue();
        if (f.type == FieldType::kReference && !f.nullable) value = int64_t{0};
        return true;
      }
      if (auto n = ParseInt(std::string(trimmed), INT64_MIN, INT64_MAX)) {
        value = *n;
        return true;
      }
      errors.Add(f.name, "type",
                 f.type == FieldType::kReference ? "Choose " + f.what + " from the list"
                                                 : "Enter " + f.what + " as a whole number");
      return false;
    }
  }
  return true;
}

json FieldForForm(const json& data, const FieldSpec& f, const FieldValue& value,
                  const Typed& typed) {
  if (f.type == FieldType::kDate) {
    const auto* iso = std::get_if<std::string>(&value);
    return DateField(
        data, f.name, f.label, iso ? *iso : "", typed,
        f.hint.empty() || f.hint.find("YYYY-MM-DD") != std::string::npos ? kDateHint : f.hint);
  }
  std::string shown;
  if (auto it = typed.find(f.name); it != typed.end()) {
    shown = it->second;
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    shown = *s;
  } else if (const auto* n = std::get_if<int64_t>(&value)) {
    shown = f.type == FieldType::kBoolean ? (*n ? "yes" : "") : std::to_string(*n);
  }
  const std::string width = f.type == FieldType::kDate || f.type == FieldType::kInteger ? "10"
                            : f.max_chars > 0 && f.max_chars <= 40                      ? "20"
                                                                                        : "";
  json field = FormField(data, f.name, f.label, shown, f.hint, width);
  if (f.type == FieldType::kChoice) {
    std::vector<std::pair<std::string, std::string>> choices;
    for (const auto& c : f.choices) choices.emplace_back(c.id, c.label);
    field["options"] = Options(choices, shown);
  }
  field["checked"] = f.type == FieldType::kBoolean && shown == "yes";
  return field;
}

}  // namespace jointly::web
