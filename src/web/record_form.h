// A described record on a GOV.UK page: read from a submitted form (what
// was typed kept exactly, for showing it again) and shown as form fields
// whose labels, hints, widths and choices come from the description.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/record.h"
#include "web/request.h"

namespace jointly::web {

// What a form sent for each field, exactly as typed.
using Typed = std::map<std::string, std::string>;

// Reads one writable field's input into `value`: text as typed (stored
// trimmed by the use case), whole numbers and references parsed (an empty
// optional reference is none), a checkbox ticked if "yes" was sent, a date
// from its GOV.UK date input (DateParam(); its boxes as typed). Adds
// an error to `errors` for a value that cannot be read at all (a number
// typed as words, a choice not on the list) and returns false for it.
bool ReadFieldForm(const FieldSpec& field, const Request& req, FieldValue& value, Typed& typed,
                   Validation& errors);

// Whether the form sent the field (a date by any of its boxes).
bool FormSent(const FieldSpec& field, const Request& req);

// Reads every writable field present in the form into `record` (a
// checkbox is present by the empty hidden value its partial sends; a field
// the form did not send keeps its value). If any value could not be read
// at all (a number typed as words), returns that error together with what
// the description says is wrong with every other field sent (required,
// too long, not a real date), one error per field in the form's order, so
// a page names every error at once; otherwise OK, and the use case checks
// the rest.
template <typename T>
Status ReadRecordForm(const RecordType<T>& type, const Request& req, T& record, Typed& typed) {
  Validation errors;
  bool unreadable = false;
  for (const auto& f : type.fields) {
    if (!f.writable || !FormSent(f, req)) continue;
    FieldValue value = f.get(record);
    const bool read = ReadFieldForm(f, req, value, typed, errors);
    f.set(record, value);
    if (read) {
      CheckFieldShape(f, f.get(record), errors);
    } else {
      unreadable = true;
    }
  }
  return unreadable ? errors.Finish() : OkStatus();
}

// data["f_<name>"] for each writable field, for the input, textarea and
// select partials: label, hint and choices from the description; the
// value as typed if the form was sent, else the record's; a date as a
// GOV.UK date input (DateField()).
nlohmann::json FieldForForm(const nlohmann::json& data, const FieldSpec& field,
                            const FieldValue& value, const Typed& typed);

template <typename T>
void AddRecordFields(nlohmann::json& data, const RecordType<T>& type, const T& record,
                     const Typed& typed = {}) {
  for (const auto& f : type.fields) {
    if (f.writable) data["f_" + f.name] = FieldForForm(data, f, f.get(record), typed);
  }
}

}  // namespace jointly::web
