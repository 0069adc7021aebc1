// The /api/v1 operations of the owners' portal, the invitation of the
// people of owner bodies and the quarterly tracker, as the OpenAPI document
// states them.
#include "features/owners/owners_feature.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

void DocumentPortal(OpenApi& doc) {
  const Schema status = OneOf(kAllTrackedStatuses, TrackedStatusId);
  doc.AddSchema("PlannedAction", Object({{"what", String().MaxChars(kMaxTrackerText)},
                                         {"by", String().Says("YYYY-MM-DD")}})
                                     .Require({"what", "by"})
                                     .Closed());
  doc.AddSchema(
      "OwnedRecommendation",
      Object({{"id", Integer()},
              {"reference", String().Says("\"Hate crime (2018), recommendation 3\"")},
              {"report_title", String()},
              {"published_on", Formatted("date")},
              {"number", Integer()},
              {"kind", OneOf({"recommendation", "concern"})},
              {"text", String()},
              {"measure", String().Says("How its being met will be measured")},
              {"findings", ArrayOf(String()).Says("The findings it answers")},
              {"first_target", Formatted("date")},
              {"target", Formatted("date").Says("The target date now")},
              {"answer", OneOf(kAllOwnerAnswers, OwnerAnswerId)},
              {"accepted_part", String()},
              {"reason", String()},
              {"responded_on", String().Says("YYYY-MM-DD, empty before any response")},
              {"actions", ArrayOf(Ref("PlannedAction"))},
              {"reported", status.Says("What the owner reports")},
              {"verified", status.Says("What the inspectorate that made it has verified")},
              {"last_update_on", String()},
              {"next", Object({{"what", OneOf({"nothing", "response", "update"})},
                               {"due_on", Formatted("date").OrNull()},
                               {"overdue", Boolean()}})
                           .Require({"what", "due_on", "overdue"})},
              {"version", Integer()}})
          .Require({"id", "reference", "text", "answer", "actions", "next", "version"}));
  doc.AddOperation(
      "get", "/your-recommendations",
      {.id = "listYourRecommendations",
       .summary = "Your organisation's recommendations, what is due soonest first",
       .tag = "Owners",
       .description = "For the people of an owner body only; they see nothing else.",
       .answer = "Your organisation and its recommendations",
       .returns = Object({{"owner", String()}, {"items", ArrayOf(Ref("OwnedRecommendation"))}})
                      .Require({"owner", "items"}),
       .problems = {403}});
  doc.AddOperation(
      "get", "/your-recommendations/{id}",
      {.id = "getYourRecommendation",
       .summary = "One of your organisation's recommendations with everything that happened",
       .tag = "Owners",
       .description = "Another organisation's recommendation is not found (404), as one that "
                      "does not exist.",
       .answer = "The recommendation",
       .returns =
           AllOf({Ref("OwnedRecommendation"), Object({{"owner", String()},
                                                      {"events", ArrayOf(AnyObject())},
                                                      {"target_history", ArrayOf(String())}})
                                                  .Require({"owner", "events", "target_history"})}),
       .problems = {403}});
  doc.AddOperation(
      "post", "/your-recommendations/{id}/response",
      {.id = "respondToRecommendation",
       .summary = "Respond: accepted, partly accepted (which part, why not the rest) or not "
                  "accepted (why), with the actions planned",
       .tag = "Owners",
       .description = "Dated today. A response that says what the one held says changes "
                      "nothing. Every missing part is named at once (rule response).",
       .body = Object({{"version", Integer().Min(1)},
                       {"answer", OneOf({"accepted", "partly-accepted", "not-accepted"})},
                       {"accepted_part", String().MaxChars(kMaxTrackerText)},
                       {"reason", String().MaxChars(kMaxTrackerText)},
                       {"actions", ArrayOf(Ref("PlannedAction")).MaxItems(20)}})
                   .Require({"version", "answer"})
                   .Closed(),
       .answer = "Recorded",
       .returns = Ref("OwnedRecommendation"),
       .problems = {403, 409}});
  doc.AddOperation("post", "/your-recommendations/{id}/updates",
                   {.id = "giveRecommendationUpdate",
                    .summary = "Give an update on progress, dated today",
                    .tag = "Owners",
                    .body = Object({{"version", Integer().Min(1)},
                                    {"text", String().MaxChars(kMaxTrackerText).NonBlank()}})
                                .Require({"version", "text"})
                                .Closed(),
                    .status = 201,
                    .answer = "Recorded",
                    .returns = Ref("OwnedRecommendation"),
                    .problems = {403, 409}});
}

void DocumentInvitations(OpenApi& doc) {
  doc.AddSchema("OwnerInvitation", Object({{"user", Ref("User")},
                                           {"owner", String()},
                                           {"emailed", Boolean()},
                                           {"one_time_password", String()},
                                           {"why_not_emailed", String()}})
                                       .Require({"user", "owner", "emailed"}));
  doc.AddOperation(
      "get", "/owner-people",
      {.id = "listOwnerPeople",
       .summary = "The people who answer for owner bodies",
       .tag = "Owners",
       .paged = true,
       .answer = "By organisation",
       .returns = Object({{"items", ArrayOf(AllOf({Ref("User"), Object({{"owner", String()}})}))},
                          {"total", Integer().Min(0)},
                          {"limit", Integer().Min(1)},
                          {"offset", Integer().Min(0)}})
                      .Require({"items", "total", "limit", "offset"}),
       .problems = {403}});
  doc.AddOperation(
      "post", "/owner-people",
      {.id = "inviteOwnerPerson",
       .summary = "Invite a person of an owner body to answer its recommendations",
       .tag = "Owners",
       .description = "By those who keep the tracker. The invitation, with a one-time password, "
                      "is e-mailed; only when it cannot be is the password answered, for the "
                      "inviter to pass on.",
       .body = Object({{"email", Formatted("email").MaxChars(254)},
                       {"name", String().MaxChars(120)},
                       {"owner_id", Integer().Min(1)}})
                   .Require({"email", "name", "owner_id"})
                   .Closed(),
       .status = 201,
       .answer = "Invited",
       .returns = Ref("OwnerInvitation"),
       .problems = {403}});
  doc.AddOperation(
      "post", "/owner-people/{id}/invitation",
      {.id = "reinviteOwnerPerson",
       .summary = "Invite a person of an owner body again",
       .tag = "Owners",
       .description = "A new one-time password, e-mailed as the first invitation was; the one "
                      "before stops working, their sessions end, and access withdrawn is given "
                      "back.",
       .status = 201,
       .answer = "Invited again",
       .returns = Ref("OwnerInvitation"),
       .problems = {403, 404}});
  doc.AddOperation("post", "/owner-people/{id}/withdrawal",
                   {.id = "withdrawOwnerPerson",
                    .summary = "Withdraw a person of an owner body's access",
                    .tag = "Owners",
                    .description = "They can no longer sign in, and are signed out at once; what "
                                   "they sent stays on the tracker.",
                    .answer = "Withdrawn",
                    .returns = AllOf({Ref("User"), Object({{"owner", String()}})}),
                    .problems = {403, 404}});
}

void DocumentTrackers(OpenApi& doc) {
  doc.AddSchema("QuarterlyTracker",
                Object({{"quarter", String().Says("\"2026-27-q2\"")},
                        {"in_words", String()},
                        {"ends_on", Formatted("date")},
                        {"published_at", String()},
                        {"digest", String().Says("SHA-256 of its lines, also in the audit trail")},
                        {"lines", ArrayOf(Object({{"recommendation_id", Integer()},
                                                  {"reference", String()},
                                                  {"owner", String()},
                                                  {"text", String()},
                                                  {"answer", String()},
                                                  {"reported", String()},
                                                  {"verified", String()},
                                                  {"target", String()}}))},
                        {"moves", ArrayOf(Object({{"recommendation_id", Integer()},
                                                  {"reference", String()},
                                                  {"what", String()}}))},
                        {"previous", String().OrNull()},
                        {"previous_in_words", String()}})
                    .Require({"quarter", "ends_on", "digest", "lines", "moves"}));
  doc.AddOperation(
      "get", "/quarterly-trackers",
      {.id = "listQuarterlyTrackers",
       .summary = "The quarterly trackers published, and the next to publish",
       .tag = "Owners",
       .paged = true,
       .answer = "Newest first",
       .returns = Object({{"items", ArrayOf(AnyObject())},
                          {"total", Integer().Min(0)},
                          {"limit", Integer().Min(1)},
                          {"offset", Integer().Min(0)},
                          {"next", String()},
                          {"next_published", Boolean()}})
                      .Require({"items", "total", "limit", "offset", "next", "next_published"}),
       .problems = {403}});
  doc.AddOperation(
      "post", "/quarterly-trackers",
      {.id = "publishQuarterlyTracker",
       .summary = "Freeze and publish a quarter's tracker (the joint secretariat)",
       .tag = "Owners",
       .description = "The last quarter to have ended unless one is named. Refused before the "
                      "quarter ends (rule quarter-ended) and once published (rule "
                      "tracker-frozen): a published tracker is never changed.",
       .body = Object({{"quarter", String().Pattern("^[0-9]{4}-[0-9]{2}-q[1-4]$")}}).Closed(),
       .body_required = false,
       .status = 201,
       .answer = "Published",
       .returns = Ref("QuarterlyTracker"),
       .problems = {403, 409}});
}

}  // namespace
}  // namespace api

void OwnersFeature::DocumentApi() {
  auto& doc = site().openapi();
  doc.AddTag("Owners", "The owners of recommendations and the quarterly tracker (R21)");
  api::DocumentPortal(doc);
  api::DocumentInvitations(doc);
  api::DocumentTrackers(doc);
}

}  // namespace jointly::web
