// The /api/v1 operations of the recommendations tracker (M 46, R21), and
// the schemas of what they take and answer, as the OpenAPI document states
// them.
#include "features/tracker/tracker_api.h"
#include "features/tracker/tracker_feature.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

const char kTag[] = "Tracker";

Schema Text() { return String().MaxChars(kMaxTrackerText); }

std::vector<Query> Filters() {
  return {{"owner_id", "Only those owned by this body of the directory", Integer().Min(1)},
          {"inspectorate_id", "Only those made by this inspectorate", Integer().Min(1)},
          {"verified", "Only those the inspectorate has verified as this",
           OneOf(kAllTrackedStatuses, TrackedStatusId)},
          {"overdue", "yes: only those whose response or update is overdue today",
           OneOf({"yes", "no"})}};
}

void DocumentSchemas(OpenApi& doc) {
  const Schema status = OneOf(kAllTrackedStatuses, TrackedStatusId);
  doc.AddSchema(
      "TrackedRecommendation",
      Object({{"id", Integer()},
              {"recommendation_id",
               Integer().OrNull().Says("The joint report's recommendation; null when imported")},
              {"inspectorate_id", Integer().Says("The inspectorate that made it and verifies it")},
              {"report_title", String()},
              {"published_on", Formatted("date")},
              {"number", Integer().Min(1)},
              {"kind", OneOf({"recommendation", "concern"})},
              {"owner_id", Integer()},
              {"text", String()},
              {"measure", String()},
              {"findings", ArrayOf(String()).Says("The findings it answers")},
              {"first_target", Formatted("date")},
              {"target", Formatted("date").Says("The target date now")},
              {"answer", OneOf(kAllOwnerAnswers, OwnerAnswerId)},
              {"accepted_part", String()},
              {"reason", String()},
              {"responded_on", String()},
              {"actions", ArrayOf(Object({{"what", String()}, {"by", Formatted("date")}})
                                      .Require({"what", "by"}))},
              {"reported", status.Says("What the owner reports")},
              {"verified", status.Says("What the inspectorate has verified")},
              {"superseded_by", Integer().OrNull()},
              {"last_update_on", String()},
              {"version", Integer().Min(1)}})
          .Require({"id",
                    "recommendation_id",
                    "inspectorate_id",
                    "report_title",
                    "published_on",
                    "number",
                    "kind",
                    "owner_id",
                    "text",
                    "measure",
                    "findings",
                    "first_target",
                    "target",
                    "answer",
                    "accepted_part",
                    "reason",
                    "responded_on",
                    "actions",
                    "reported",
                    "verified",
                    "superseded_by",
                    "last_update_on",
                    "version"}));
  doc.AddSchema("TrackerEvent",
                Object({{"id", Integer()},
                        {"kind", OneOf(kAllTrackerEventKinds, TrackerEventKindId)},
                        {"from", String().Says("A status, an answer or a date, by kind")},
                        {"to", String()},
                        {"reason", String()},
                        {"evidence", String().Says("The evidence, or an update's words")},
                        {"happened_on", Formatted("date")},
                        {"recorded_at", Formatted("date-time")},
                        {"recorded_by", Integer()}})
                    .Require({"id", "kind", "from", "to", "reason", "evidence", "happened_on",
                              "recorded_at", "recorded_by"}));
  doc.AddSchema(
      "TrackedView",
      Object({{"item", Ref("TrackedRecommendation")},
              {"owner", String()},
              {"inspectorate", String()},
              {"events", ArrayOf(Ref("TrackerEvent"))
                             .Says("Everything that happened, oldest "
                                   "first")},
              {"target_history",
               ArrayOf(String()).Says("Every target date in words, the earliest first")},
              {"next_due",
               Object({{"what", OneOf({"response", "update"})}, {"due_on", Formatted("date")}})
                   .Require({"what", "due_on"})
                   .OrNull()},
              {"overdue", Boolean()},
              {"alike",
               ArrayOf(Object({{"item", Ref("TrackedRecommendation")}, {"similarity", Number()}})
                           .Require({"item", "similarity"}))
                   .Says("Earlier recommendations to the same owner that read alike")}})
          .Require({"item", "owner", "inspectorate", "events", "target_history", "next_due",
                    "overdue", "alike"}));
}

void DocumentChanges(OpenApi& doc) {
  const auto change = [&](const std::string& path, const std::string& id,
                          const std::string& summary, Members body,
                          std::vector<std::string> required) {
    body.emplace_back("version", Integer().Min(1));
    required.emplace_back("version");
    doc.AddOperation("post", "/tracker/{id}/" + path,
                     {.id = id,
                      .summary = summary,
                      .tag = kTag,
                      .body = Object(body).Require(required).Closed(),
                      .answer = "Recorded",
                      .returns = Ref("TrackedRecommendation"),
                      .problems = {400, 403, 404, 409}});
  };
  change("response", "recordTrackerResponse",
         "Record the owner's response on its behalf (received by letter, say): accepted, partly "
         "accepted (which part, and why not the rest) or not accepted (why), with the actions "
         "planned; a new response replaces the last, which is kept",
         {{"answer", OneOf({"accepted", "partly-accepted", "not-accepted"})},
          {"accepted_part", Text()},
          {"reason", Text()},
          {"responded_on", Formatted("date")},
          {"actions", ArrayOf(Object({{"what", Text()}, {"by", Formatted("date")}}).Closed())
                          .MaxItems(kMaxPlannedActions)}},
         {"responded_on"});
  change("updates", "addTrackerUpdate", "Record the owner's progress: what was done, and when",
         {{"text", Text().NonBlank()}, {"on", Formatted("date")}}, {"text", "on"});
  change("status", "changeTrackerStatus",
         "Change what the owner reports or what the inspectorate has verified, with the reason "
         "(and, for the verified status, the evidence); superseded names the later one",
         {{"which", OneOf({"reported", "verified"})},
          {"to", OneOf(kAllTrackedStatuses, TrackedStatusId)},
          {"reason", Text()},
          {"evidence", Text()},
          {"superseded_by", Integer().Min(1).OrNull()}},
         {"which", "to"});
  change("target", "moveTrackerTarget",
         "Move the target date, with the reason; every earlier date stays on record",
         {{"to", Formatted("date")}, {"reason", Text()}}, {"to"});
}

void Document(OpenApi& doc) {
  doc.AddTag(kTag,
             "The recommendations tracker (M 46, R21): every recommendation and concern of "
             "published reports, with its owner's response and progress and the status the "
             "reporting inspectorate verified");
  DocumentSchemas(doc);
  doc.AddOperation("get", "/tracker",
                   {.id = "listTracker",
                    .summary = "The tracker's register, newest report first",
                    .tag = kTag,
                    .query = Filters(),
                    .paged = true,
                    .answer = "A page of tracked recommendations",
                    .returns = PageOf("TrackedRecommendation"),
                    .problems = {400}});
  for (const auto& [format, type] :
       {std::pair{"csv", FileType::kCsv}, std::pair{"xlsx", FileType::kXlsx}}) {
    const bool csv = format == std::string("csv");
    Operation op = Download(
        csv ? "trackerCsv" : "trackerXlsx",
        std::string("The tracker's register as ") + (csv ? "CSV" : "a spreadsheet"), kTag, type);
    op.query = Filters();
    op.problems = {400};
    doc.AddOperation("get", std::string("/tracker.") + format, op);
  }
  doc.AddOperation(
      "post", "/tracker/import",
      {.id = "importTracker",
       .summary = "Put recommendations of reports by a single inspectorate on the tracker from "
                  "CSV, all or nothing",
       .tag = kTag,
       .description = "Columns: inspectorate (its code), report, published_on, number, kind "
                      "(recommendation or concern), owner (a body's code), text, measure, target "
                      "and findings (one a line). Every line is checked first; if any is bad, "
                      "nothing is saved and each error is named \"line N: column\".",
       .body = String(),
       .body_type = "text/csv",
       .answer = "Imported",
       .returns = Object({{"imported", Integer().Min(1)}}).Require({"imported"}),
       .problems = {400, 403}});
  doc.AddOperation("get", "/tracker/{id}",
                   {.id = "trackedRecommendation",
                    .summary = "A tracked recommendation with everything that happened to it, "
                               "what is next due and earlier ones that read alike",
                    .tag = kTag,
                    .returns = Ref("TrackedView"),
                    .problems = {404}});
  DocumentChanges(doc);
}

}  // namespace
}  // namespace api

void TrackerFeature::DocumentApi() { api::Document(site().openapi()); }

}  // namespace jointly::web
