// Sending documents and problems over HTTP, with a fake renderer.
#include "web/http.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/fakes/fake_renderer.h"

namespace jointly::web {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;

Document Letter() {
  Document doc;
  doc.title = "Covering letter";
  doc.Add(DocumentBlock::Kind::kParagraph, "Dear consultee");
  return doc;
}

TEST(SendDocument, SendsWhatTheRendererMadeAsANamedDownload) {
  FakeRenderer renderer("docx");
  Response res;

  SendDocument(res, renderer, Letter(), "consultation-4-letter");

  ASSERT_THAT(renderer.rendered(), SizeIs(1));
  EXPECT_EQ(renderer.rendered()[0].title, "Covering letter");
  EXPECT_EQ(res.body, "rendered Covering letter");
  EXPECT_EQ(res.Header("Content-Type"), "application/x-jointly-fake");
  EXPECT_EQ(res.Header("Content-Disposition"),
            "attachment; filename=\"consultation-4-letter.docx\"");
}

TEST(SendDocument, ARenderingFailureIsAProblemAndNoFile) {
  FakeRenderer renderer("pdf");
  renderer.FailWith(Internal("the layout library failed"));
  Response res;

  SendDocument(res, renderer, Letter(), "plan");

  EXPECT_EQ(res.status, 500);
  EXPECT_EQ(res.Header("Content-Type"), "application/problem+json");
  EXPECT_FALSE(res.HasHeader("Content-Disposition"));
  EXPECT_THAT(res.body, HasSubstr("urn:jointly:problem:internal"));
}

TEST(HttpStatusFor, MapsEachCodeInOnePlace) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAborted), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
}

}  // namespace
}  // namespace jointly::web
