// The project's own request and response types, which handlers see.
#include "web/request.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jointly::web {
namespace {

using ::testing::ElementsAre;

TEST(Request, HeadersAreFoundWhateverTheirCase) {
  Request req;
  req.headers = {{"content-type", "application/json"}, {"X-CSRF-Token", "abc"}};
  EXPECT_EQ(req.Header("Content-Type"), "application/json");
  EXPECT_EQ(req.Header("x-csrf-token"), "abc");
  EXPECT_EQ(req.Header("Cookie"), "");
}

TEST(Request, RepeatedParametersKeepEveryValueInOrder) {
  Request req;
  req.params = {{"focus", "victims"}, {"title", "Joint work"}, {"focus", "youth"}};
  EXPECT_TRUE(req.HasParam("focus"));
  EXPECT_FALSE(req.HasParam("lead"));
  EXPECT_EQ(req.Param("focus"), "victims");
  EXPECT_EQ(req.Param("lead"), "");
  EXPECT_THAT(req.Params("focus"), ElementsAre("victims", "youth"));
  EXPECT_THAT(req.Params("lead"), ElementsAre());
}

TEST(Request, FormLineBreaksAreReadAsNewlines) {
  Request req;
  req.params = {{"introduction", "One.\r\n\r\nTwo.\r"}, {"focus", "a\r\nb"}};
  EXPECT_EQ(req.Param("introduction"), "One.\n\nTwo.\r");
  EXPECT_THAT(req.Params("focus"), ElementsAre("a\nb"));
}

TEST(Request, CapturesAndFilesAreLookedUpSafely) {
  Request req;
  req.captures = {"/api/v1/plans/4/pdf", "4", "pdf"};
  req.files = {{"csv_file", {"bodies.csv", "text/csv", "code,name\n"}}};
  EXPECT_EQ(req.Capture(2), "pdf");
  EXPECT_EQ(req.Capture(3), "");
  ASSERT_NE(req.File("csv_file"), nullptr);
  EXPECT_EQ(req.File("csv_file")->content, "code,name\n");
  EXPECT_EQ(req.File("other"), nullptr);
}

TEST(Response, SettingAHeaderAgainReplacesIt) {
  Response res;
  res.SetHeader("Cache-Control", "no-store");
  res.SetHeader("cache-control", "public, max-age=3600");
  EXPECT_THAT(res.headers, ElementsAre(std::pair<std::string, std::string>(
                               "Cache-Control", "public, max-age=3600")));
}

TEST(Response, RedirectIsSeeOther) {
  Response res;
  res.Redirect("/plans/3");
  EXPECT_EQ(res.status, 303);
  EXPECT_EQ(res.Header("Location"), "/plans/3");
}

TEST(EncodeQueryParam, EncodesAllButUnreservedCharacters) {
  EXPECT_EQ(EncodeQueryParam("/plans/3?x=a b&c"), "%2Fplans%2F3%3Fx%3Da%20b%26c");
  EXPECT_EQ(EncodeQueryParam("Abc-1_2.3~"), "Abc-1_2.3~");
  EXPECT_EQ(EncodeQueryParam("\t\xc3\xa9"), "%09%C3%A9");
}

}  // namespace
}  // namespace jointly::web
