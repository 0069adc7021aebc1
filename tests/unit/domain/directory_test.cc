#include "domain/directory.h"

#include <gtest/gtest.h>

#include "domain/user.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

InspectedBody Valid() {
  InspectedBody b;
  b.code = "HMP-BERWYN";
  b.name = "HMP Berwyn";
  b.type = BodyType::kPrison;
  b.region = "Wales";
  b.nation = Nation::kWales;
  return b;
}

TEST(Body, ValidBodyPasses) { EXPECT_TRUE(ValidateBody(Valid()).ok()); }

TEST(Body, NamesEachBadField) {
  InspectedBody b = Valid();
  b.code = "lower case";
  b.name = "";
  b.region = std::string(101, 'x');
  b.in_london = true;
  Status s = ValidateBody(b);
  ASSERT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  std::vector<std::string> fields;
  for (const auto& e : s.field_errors()) fields.push_back(e.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"code", "name", "region", "in_london"}));
}

TEST(Body, RejectsBadUtf8AndControlCharacters) {
  InspectedBody b = Valid();
  b.name = "HMP \xC3";
  const Status not_utf8 = ValidateBody(b);
  ASSERT_FALSE(not_utf8.field_errors().empty());
  EXPECT_EQ(not_utf8.field_errors()[0].rule, "utf8");
  b.name = "HMP\x01";
  const Status control = ValidateBody(b);
  ASSERT_FALSE(control.field_errors().empty());
  EXPECT_EQ(control.field_errors()[0].rule, "single-line");
}

TEST(Body, TypeAndNationIdsRoundTrip) {
  for (BodyType t : kAllBodyTypes) EXPECT_EQ(ParseBodyType(BodyTypeId(t)), t);
  for (Nation n : kAllNations) EXPECT_EQ(ParseNation(NationId(n)), n);
}

TEST(User, PasswordRules) {
  const Status short_one = ValidateNewPassword("short", "a@b.gov.uk");
  ASSERT_FALSE(short_one.field_errors().empty());
  EXPECT_EQ(short_one.field_errors()[0].rule, "password-length");
  const Status email = ValidateNewPassword("xx-a@b.gov.uk-yy", "a@b.gov.uk");
  ASSERT_FALSE(email.field_errors().empty());
  EXPECT_EQ(email.field_errors()[0].rule, "password-not-email");
  EXPECT_TRUE(ValidateNewPassword("a long enough passphrase", "a@b.gov.uk").ok());
}

TEST(User, error_wording_each_field_says_what_to_enter_and_how_much_was_typed) {
  User u;
  u.email = std::string(20000, 'e');
  u.name = std::string(20000, 'n');
  u.roles = {Role::kInspector};
  const Status s = ValidateUser(u);
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[0].message,
            "Shorten the email address to 254 characters or fewer (it has 20,000)");
  EXPECT_EQ(s.field_errors()[1].message,
            "Shorten the person's full name to 120 characters or fewer (it has 20,000)");
  User nobody;
  nobody.roles = {Role::kInspector};
  const Status empty = ValidateUser(nobody);
  ASSERT_EQ(empty.field_errors().size(), 2u);
  EXPECT_EQ(empty.field_errors()[0].message, "Enter the email address");
  EXPECT_EQ(empty.field_errors()[1].message, "Enter the person's full name");
  u.email = "not an address";
  u.name = "Ann";
  EXPECT_EQ(ValidateUser(u).field_errors()[0].rule, "email");
  const Status no_password = ValidateNewPassword("", "a@b.gov.uk");
  ASSERT_EQ(no_password.field_errors().size(), 1u);
  EXPECT_EQ(no_password.field_errors()[0].message, "Enter a new password");
}

TEST(User, NeedsEmailNameAndRole) {
  User u;
  Status s = ValidateUser(u);
  EXPECT_EQ(s.field_errors().size(), 3u);
}

}  // namespace
}  // namespace jointly
