// The vocabulary for describing a record once: its fields (type, label in
// words, limits, whether required, the choices of an enumeration), its
// table, who may read and change it, its audit name and whether it carries
// a version. Storage, JSON, forms, the audit trail, conflict detail and the
// OpenAPI schema are all derived from one RecordType; rules beyond the shape
// of a field stay plain functions beside the record. Pure.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/status.h"
#include "domain/access.h"

namespace jointly {

enum class FieldType {
  kId,         // the record's own key; never written by clients
  kVersion,    // optimistic concurrency; a client sends back what it read
  kLine,       // one line of text
  kText,       // free text, line breaks allowed
  kEmail,      // an e-mail address (may be empty unless required)
  kDate,       // a calendar date, YYYY-MM-DD on the wire and in storage
  kInteger,    // a whole number within [min, max]
  kReference,  // the id of a record in another table
  kBoolean,    // yes or no
  kChoice,     // one of a fixed list of ids, each with a label
};

// What a field holds as it moves between layers: nothing (an absent
// optional reference), a whole number (integers, references, booleans as
// 0 or 1) or text (lines, text, e-mail, dates, choice ids).
using FieldValue = std::variant<std::monostate, int64_t, std::string>;

struct Choice {
  std::string id = {};     // stable, for storage and the API ("done")
  std::string label = {};  // words, for pages ("Done")
};

// Everything about a field except how to reach it in a C++ struct.
struct FieldSpec {
  std::string name = {};   // the JSON member and the column
  std::string label = {};  // a label for pages ("Owner")
  std::string what = {};   // as errors speak of it ("who owns the action")
  FieldType type = FieldType::kLine;
  bool required = false;  // must be non-blank (text) or present (reference)
  bool writable = true;   // false: set by the system, read-only to clients
  bool nullable = false;  // a reference that may be absent (JSON null)
  size_t max_chars = 0;   // text types
  int64_t min = 0;        // integers
  int64_t max = std::numeric_limits<int64_t>::max();
  std::vector<Choice> choices = {};  // kChoice
  std::string hint = {};             // shown under the label on pages
};

// The label of choice `id`, or `id` itself if there is none.
std::string ChoiceLabel(const FieldSpec& field, std::string_view id);

template <typename T>
struct Field : FieldSpec {
  std::function<FieldValue(const T&)> get;
  std::function<void(T&, const FieldValue&)> set;
};

template <typename T>
struct RecordType {
  std::string name = {};       // the audit trail's entity type and the schema's name ("action")
  std::string label = {};      // in words ("action")
  std::string table = {};      // where it is stored
  std::string order_by = {};   // SQL ORDER BY for lists ("due_on, id")
  bool has_updated_at = true;  // the table has an updated_at column set on each write
  Permission read = Permission::kSignedIn;
  Permission write = Permission::kEditProgramme;
  std::vector<Field<T>> fields = {};  // the id first

  const Field<T>* Find(std::string_view field_name) const {
    for (const auto& f : fields) {
      if (f.name == field_name) return &f;
    }
    return nullptr;
  }
  const Field<T>* VersionField() const {
    for (const auto& f : fields) {
      if (f.type == FieldType::kVersion) return &f;
    }
    return nullptr;
  }
  bool versioned() const { return VersionField() != nullptr; }
  int64_t IdOf(const T& record) const { return std::get<int64_t>(fields.front().get(record)); }
  int64_t VersionOf(const T& record) const {
    const auto* v = VersionField();
    return v ? std::get<int64_t>(v->get(record)) : 0;
  }
};

// Options shared by the field builders below; designated initialisers read
// well: LineField("owner", "Owner", &Action::owner, {.what = "who owns it",
// .required = true, .max_chars = 200}).
struct FieldOptions {
  std::string what = {};
  bool required = false;
  size_t max_chars = 0;
  int64_t min = 0;
  int64_t max = std::numeric_limits<int64_t>::max();
  std::string hint = {};
  bool writable = true;
};

namespace record_detail {

template <typename T>
Field<T> Make(std::string name, std::string label, FieldType type, const FieldOptions& o) {
  Field<T> f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.what = o.what.empty() ? f.label : o.what;
  f.type = type;
  f.required = o.required;
  f.writable = o.writable;
  f.max_chars = o.max_chars;
  f.min = o.min;
  f.max = o.max;
  f.hint = o.hint;
  return f;
}

template <typename T>
Field<T> OfText(Field<T> f, std::string T::*member) {
  f.get = [member](const T& r) { return FieldValue(r.*member); };
  f.set = [member](T& r, const FieldValue& v) {
    if (const auto* s = std::get_if<std::string>(&v)) r.*member = *s;
  };
  return f;
}

template <typename T>
Field<T> OfInt(Field<T> f, int64_t T::*member) {
  f.get = [member](const T& r) { return FieldValue(r.*member); };
  f.set = [member](T& r, const FieldValue& v) {
    if (const auto* n = std::get_if<int64_t>(&v)) r.*member = *n;
  };
  return f;
}

}  // namespace record_detail

template <typename T>
Field<T> IdField(int64_t T::*member) {
  return record_detail::OfInt(
      record_detail::Make<T>("id", "Reference", FieldType::kId, {.writable = false}), member);
}

template <typename T>
Field<T> VersionField(int64_t T::*member) {
  return record_detail::OfInt(
      record_detail::Make<T>("version", "Version", FieldType::kVersion, {.writable = false}),
      member);
}

template <typename T>
Field<T> LineField(std::string name, std::string label, std::string T::*member, FieldOptions o) {
  return record_detail::OfText(
      record_detail::Make<T>(std::move(name), std::move(label), FieldType::kLine, o), member);
}

template <typename T>
Field<T> TextField(std::string name, std::string label, std::string T::*member, FieldOptions o) {
  return record_detail::OfText(
      record_detail::Make<T>(std::move(name), std::move(label), FieldType::kText, o), member);
}

template <typename T>
Field<T> EmailField(std::string name, std::string label, std::string T::*member, FieldOptions o) {
  if (o.max_chars == 0) o.max_chars = 254;
  return record_detail::OfText(
      record_detail::Make<T>(std::move(name), std::move(label), FieldType::kEmail, o), member);
}

template <typename T>
Field<T> DateField(std::string name, std::string label, std::string T::*member, FieldOptions o) {
  o.max_chars = 10;
  return record_detail::OfText(
      record_detail::Make<T>(std::move(name), std::move(label), FieldType::kDate, o), member);
}

template <typename T>
Field<T> IntegerField(std::string name, std::string label, int64_t T::*member, FieldOptions o) {
  return record_detail::OfInt(
      record_detail::Make<T>(std::move(name), std::move(label), FieldType::kInteger, o), member);
}

template <typename T>
Field<T> ReferenceField(std::string name, std::string label, int64_t T::*member, FieldOptions o) {
  o.min = 1;
  return record_detail::OfInt(
      record_detail::Make<T>(std::move(name), std::move(label), FieldType::kReference, o), member);
}

template <typename T>
Field<T> OptionalReferenceField(std::string name, std::string label,
                                std::optional<int64_t> T::*member, FieldOptions o) {
  o.min = 1;
  o.required = false;
  Field<T> f = record_detail::Make<T>(std::move(name), std::move(label), FieldType::kReference, o);
  f.nullable = true;
  f.get = [member](const T& r) { return r.*member ? FieldValue(*(r.*member)) : FieldValue(); };
  f.set = [member](T& r, const FieldValue& v) {
    const auto* n = std::get_if<int64_t>(&v);
    r.*member = n ? std::optional<int64_t>(*n) : std::nullopt;
  };
  return f;
}

template <typename T>
Field<T> BooleanField(std::string name, std::string label, bool T::*member, FieldOptions o) {
  Field<T> f = record_detail::Make<T>(std::move(name), std::move(label), FieldType::kBoolean, o);
  f.get = [member](const T& r) { return FieldValue(int64_t{r.*member ? 1 : 0}); };
  f.set = [member](T& r, const FieldValue& v) {
    if (const auto* n = std::get_if<int64_t>(&v)) r.*member = *n != 0;
  };
  return f;
}

// The choices of an enumeration from its values and their id and label
// functions.
template <typename E, typename Values>
std::vector<std::pair<E, Choice>> ChoicesOf(const Values& all, std::string_view (*id_of)(E),
                                            std::string_view (*label_of)(E)) {
  std::vector<std::pair<E, Choice>> out;
  for (E value : all) {
    out.push_back({value, Choice{std::string(id_of(value)), std::string(label_of(value))}});
  }
  return out;
}

// An enumeration stored and sent as the ids of `values`, shown with their
// labels.
template <typename T, typename E>
Field<T> ChoiceField(std::string name, std::string label, E T::*member,
                     std::vector<std::pair<E, Choice>> values, FieldOptions o) {
  Field<T> f = record_detail::Make<T>(std::move(name), std::move(label), FieldType::kChoice, o);
  for (const auto& [value, choice] : values) f.choices.push_back(choice);
  f.get = [member, values](const T& r) {
    for (const auto& [value, choice] : values) {
      if (value == r.*member) return FieldValue(choice.id);
    }
    return FieldValue(std::string());
  };
  f.set = [member, values](T& r, const FieldValue& v) {
    const auto* s = std::get_if<std::string>(&v);
    if (!s) return;
    for (const auto& [value, choice] : values) {
      if (choice.id == *s) r.*member = value;
    }
  };
  return f;
}

// Checks what the description says of every writable field of `record`:
// text is valid UTF-8, single-line where it must be, non-blank when
// required and within its length; an e-mail looks like one; a date is a
// real date; a number is in range; a required reference is set; a choice
// is one of its ids. InvalidArgument naming every bad field at once.
void CheckFieldShape(const FieldSpec& field, const FieldValue& value, Validation& errors);

template <typename T>
Status CheckShape(const RecordType<T>& type, const T& record) {
  Validation errors;
  for (const auto& f : type.fields) {
    if (f.writable) CheckFieldShape(f, f.get(record), errors);
  }
  return errors.Finish();
}

// `a`'s field errors followed by those of `b` for fields `a` does not
// already name; OK if both are.
Status MergeFieldErrors(Status a, const Status& b);

}  // namespace jointly
