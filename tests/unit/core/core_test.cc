#include <gtest/gtest.h>

#include <set>

#include "core/crypto.h"
#include "core/status.h"
#include "core/text.h"
#include "tests/support/status_matchers.h"

namespace jointly {
namespace {

TEST(Utf8, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("Ynys Môn \xE2\x80\x94 Cymru"));
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));
}

TEST(Utf8, RejectsMalformedText) {
  EXPECT_FALSE(IsValidUtf8("\xC3"));              // truncated
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
}

TEST(Utf8, CountsCodePoints) { EXPECT_EQ(Utf8Length("Môn"), 3u); }

TEST(Utf8, AbridgedCutsBetweenCodePointsAndSaysSo) {
  EXPECT_EQ(Abridged("Ynys Môn", 8), "Ynys Môn");
  EXPECT_EQ(Abridged("Ynys Môn", 6), "Ynys M…");
  EXPECT_EQ(Abridged("Ynys Môn", 7), "Ynys Mô…");
  EXPECT_EQ(Abridged("", 3), "");
}

TEST(Text, PossessiveOfNamesEndingInS) {
  EXPECT_EQ(Possessive("HMCPSI"), "HMCPSI's");
  EXPECT_EQ(Possessive("HMI Prisons"), "HMI Prisons'");
  EXPECT_EQ(Possessive("HMICFRS"), "HMICFRS's") << "an initialism is one body";
  EXPECT_EQ(Possessive("HMI Probation"), "HMI Probation's");
}

TEST(Text, EmailShape) {
  EXPECT_TRUE(LooksLikeEmail("a.person@justiceinspectorates.gov.uk"));
  EXPECT_FALSE(LooksLikeEmail("no-at-sign"));
  EXPECT_FALSE(LooksLikeEmail("two@@example.org"));
  EXPECT_FALSE(LooksLikeEmail("space in@example.org"));
  EXPECT_FALSE(LooksLikeEmail("nodot@example"));
}

TEST(Crypto, Sha256KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Crypto, RandomTokensAreUniqueAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string t = RandomToken(32);
    EXPECT_EQ(t.size(), 43u);
    EXPECT_EQ(t.find_first_of("+/="), std::string::npos);
    EXPECT_TRUE(seen.insert(t).second);
  }
}

TEST(Crypto, PasswordHashVerifiesOnlyTheRightPassword) {
  const PasswordHashParams fast{1, 1024, 1};
  auto hash = HashPassword("correct horse battery", fast);
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery", *hash));
  EXPECT_FALSE(VerifyPassword("correct horse batterz", *hash));
  EXPECT_FALSE(VerifyPassword("anything", "not a hash"));
}

TEST(Status, ValidationCollectsEveryField) {
  Validation v;
  EXPECT_TRUE(v.Finish().ok());
  v.Add("name", "required", "Enter a name");
  v.Add("code", "code-format", "Bad code");
  Status s = v.Finish();
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[1].field, "code");
}

TEST(Status, MergedErrorsLeaveOutAFieldWhoseItemIsNamed) {
  Validation read;
  read.Add("roles[1]", "type", "Each role is a word");
  Validation checked;
  checked.Add("roles", "required", "Choose at least one role");
  checked.Add("rolesets", "required", "Choose a set");
  const Status s = MergeErrors(read.Finish(), checked.Finish());
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[0].field, "roles[1]");
  EXPECT_EQ(s.field_errors()[1].field, "rolesets");
}

TEST(Status, MergedErrorsNameEveryFieldOnce) {
  Validation form;
  form.Add("effort_3", "type", "Enter HMCPSI's effort as a whole number of inspector-days");
  Validation checked;
  checked.Add("title", "required", "Enter a title");
  checked.Add("effort_3", "range", "Effort is 0 to 5,000 inspector-days");
  const Status s = MergeErrors(form.Finish(), checked.Finish());
  EXPECT_THAT(s, StatusIs(StatusCode::kInvalidArgument));
  ASSERT_EQ(s.field_errors().size(), 2u);
  EXPECT_EQ(s.field_errors()[0].rule, "type");
  EXPECT_EQ(s.field_errors()[1].field, "title");
  EXPECT_EQ(MergeErrors(OkStatus(), checked.Finish()).field_errors().size(), 2u);
  EXPECT_TRUE(MergeErrors(OkStatus(), OkStatus()).ok());
  EXPECT_THAT(MergeErrors(NotFound("No such proposal"), checked.Finish()),
              StatusIs(StatusCode::kNotFound));
}

}  // namespace
}  // namespace jointly
