// Describing a record once: the shape of every field checked from its
// description, every bad field named at once.
#include "domain/record.h"

#include <gtest/gtest.h>

#include "domain/consultation.h"

namespace jointly {
namespace {

std::vector<std::string> FieldsOf(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors()) out.push_back(e.field + ":" + e.rule);
  return out;
}

Contact Good() {
  Contact c;
  c.name = "Private Office";
  c.organisation = "Ministry of Justice";
  c.email = "private.office@example.gov.uk";
  return c;
}

TEST(Record, AGoodRecordHasTheRightShape) { EXPECT_TRUE(CheckShape(ContactRecord(), Good()).ok()); }

TEST(Record, EveryBadFieldIsNamedAtOnce) {
  Contact c = Good();
  c.name = std::string(201, 'x');
  c.organisation = "  ";
  c.email = "not an address";
  const Status s = CheckShape(ContactRecord(), c);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldsOf(s),
            (std::vector<std::string>{"name:max-length", "organisation:required", "email:email"}));
}

TEST(Record, LimitsCountCharactersNotBytes) {
  Contact c = Good();
  c.name = "";
  for (int i = 0; i < 200; ++i) c.name += "é";
  EXPECT_TRUE(CheckShape(ContactRecord(), c).ok());
  c.name += "é";
  EXPECT_FALSE(CheckShape(ContactRecord(), c).ok());
}

TEST(Record, ALineRefusesLineBreaksAndAChoiceItsUnknownIds) {
  Contact c = Good();
  c.name = "Two\nlines";
  EXPECT_EQ(FieldsOf(CheckShape(ContactRecord(), c)), (std::vector<std::string>{"name:text"}));
  const auto* type = ContactRecord().Find("type");
  ASSERT_NE(type, nullptr);
  Validation v;
  CheckFieldShape(*type, FieldValue(std::string("pirate")), v);
  EXPECT_FALSE(v.empty());
  EXPECT_EQ(ChoiceLabel(*type, "user_representative"), "User representative");
}

TEST(Record, ValuesRoundTripThroughTheDescription) {
  const auto& type = ContactRecord();
  Contact c = Good();
  c.id = 7;
  c.version = 3;
  c.type = ContactType::kVoluntarySector;
  Contact copy;
  for (const auto& f : type.fields) f.set(copy, f.get(c));
  EXPECT_EQ(copy.id, 7);
  EXPECT_EQ(copy.version, 3);
  EXPECT_EQ(copy.name, c.name);
  EXPECT_EQ(copy.email, c.email);
  EXPECT_EQ(copy.type, ContactType::kVoluntarySector);
  EXPECT_EQ(type.IdOf(c), 7);
  EXPECT_EQ(type.VersionOf(c), 3);
  EXPECT_TRUE(type.versioned());
}

TEST(Record, MergedErrorsNameEachFieldOnce) {
  Status a = InvalidArgument("bad");
  a.AddFieldError("name", "required", "Enter a name");
  Status b = InvalidArgument("bad");
  b.AddFieldError("name", "max-length", "Shorten it");
  b.AddFieldError("email", "email", "Enter an address");
  EXPECT_EQ(FieldsOf(MergeFieldErrors(a, b)),
            (std::vector<std::string>{"name:required", "email:email"}));
}

}  // namespace
}  // namespace jointly
