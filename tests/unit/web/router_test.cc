// The router: routes found a path segment at a time, with the captures a
// handler reads, as the regular expressions they replaced matched them.
#include "web/router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace jointly::web {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(Router, FindsLiteralAndNumberedRoutesWithTheirCaptures) {
  Router r;
  ASSERT_TRUE(r.AddRoute("GET", "/", 0));
  ASSERT_TRUE(r.AddRoute("GET", "/api/v1/bodies", 1));
  ASSERT_TRUE(r.AddRoute("GET", R"(/api/v1/bodies/(\d+))", 2));
  ASSERT_TRUE(r.AddRoute("POST", "/api/v1/bodies", 3));
  ASSERT_TRUE(r.AddRoute("POST", R"(/plans/(\d+)/comments/(\d+)/response)", 4));
  std::vector<std::string> captures;
  EXPECT_EQ(r.Match("GET", "/", captures), 0u);
  EXPECT_THAT(captures, ElementsAre("/"));
  EXPECT_EQ(r.Match("GET", "/api/v1/bodies", captures), 1u);
  EXPECT_EQ(r.Match("POST", "/api/v1/bodies", captures), 3u);
  EXPECT_EQ(r.Match("GET", "/api/v1/bodies/42", captures), 2u);
  EXPECT_THAT(captures, ElementsAre("/api/v1/bodies/42", "42"));
  EXPECT_EQ(r.Match("POST", "/plans/7/comments/12/response", captures), 4u);
  EXPECT_THAT(captures, ElementsAre("/plans/7/comments/12/response", "7", "12"));
}

TEST(Router, MatchesOnlyAWholePathAndMethod) {
  Router r;
  ASSERT_TRUE(r.AddRoute("GET", R"(/bodies/(\d+))", 0));
  ASSERT_TRUE(r.AddRoute("GET", "/api/v1/openapi.json", 1));
  std::vector<std::string> captures = {"left over"};
  for (const char* path : {"/bodies/", "/bodies/12/", "/bodies/12x", "/bodies/x12", "/bodies",
                           "bodies/12", "", "/bodies/-1", "/api/v1/openapiXjson"}) {
    EXPECT_EQ(r.Match("GET", path, captures), std::nullopt) << path;
    EXPECT_THAT(captures, IsEmpty()) << path;
  }
  EXPECT_EQ(r.Match("POST", "/bodies/12", captures), std::nullopt);
  EXPECT_EQ(r.Match("GET", "/api/v1/openapi.json", captures), 1u);
}

TEST(Router, ReadsChoicesAndEscapedTextWithinASegment) {
  Router r;
  ASSERT_TRUE(
      r.AddRoute("GET", R"(/api/v1/consultations/(\d+)/(document|letter|summary)\.(docx|pdf))", 0));
  ASSERT_TRUE(r.AddRoute("GET", R"(/api/v1/consultations/(\d+)/summary)", 1));
  ASSERT_TRUE(r.AddRoute("GET", R"(/inspections/(\d+)/timetable\.ics)", 2));
  std::vector<std::string> captures;
  EXPECT_EQ(r.Match("GET", "/api/v1/consultations/3/letter.pdf", captures), 0u);
  EXPECT_THAT(captures, ElementsAre("/api/v1/consultations/3/letter.pdf", "3", "letter", "pdf"));
  EXPECT_EQ(r.Match("GET", "/api/v1/consultations/3/summary", captures), 1u);
  EXPECT_EQ(r.Match("GET", "/api/v1/consultations/3/summary.docx", captures), 0u);
  EXPECT_EQ(r.Match("GET", "/api/v1/consultations/3/summary.txt", captures), std::nullopt);
  EXPECT_EQ(r.Match("GET", "/inspections/5/timetable.ics", captures), 2u);
  EXPECT_EQ(r.Match("GET", "/inspections/5/timetableXics", captures), std::nullopt);
}

TEST(Router, PrefersALiteralSegmentAndBacktracksWhenItLeadsNowhere) {
  Router r;
  ASSERT_TRUE(r.AddRoute("GET", R"(/consultations/(\d+))", 0));
  ASSERT_TRUE(r.AddRoute("GET", "/consultations/new", 1));
  ASSERT_TRUE(r.AddRoute("GET", "/a/literal/end", 2));
  ASSERT_TRUE(r.AddRoute("GET", R"(/a/(literal|other)/(\d+))", 3));
  std::vector<std::string> captures;
  EXPECT_EQ(r.Match("GET", "/consultations/new", captures), 1u);
  EXPECT_EQ(r.Match("GET", "/consultations/9", captures), 0u);
  // "literal" is a literal segment, but only the patterned route goes on
  // to a number.
  EXPECT_EQ(r.Match("GET", "/a/literal/4", captures), 3u);
  EXPECT_THAT(captures, ElementsAre("/a/literal/4", "literal", "4"));
}

TEST(Router, RefusesPatternsItCannotReadAndRoutesAddedTwice) {
  Router r;
  EXPECT_FALSE(r.AddRoute("GET", "no-slash", 0));
  EXPECT_FALSE(r.AddRoute("GET", "/bodies/[0-9]+", 0));
  EXPECT_FALSE(r.AddRoute("GET", R"(/bodies/(\d+)", 0));
  EXPECT_FALSE(r.AddRoute("GET", "/bodies/(a|)", 0));
  EXPECT_FALSE(r.AddRoute("GET", "/bodies/.*", 0));
  ASSERT_TRUE(r.AddRoute("GET", R"(/bodies/(\d+))", 0));
  EXPECT_FALSE(r.AddRoute("GET", R"(/bodies/(\d+))", 1));
  EXPECT_TRUE(r.AddRoute("DELETE", R"(/bodies/(\d+))", 1));
}

}  // namespace
}  // namespace jointly::web
