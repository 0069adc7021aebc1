// The /api/v1 operations of consultation rounds, consultees, responses, dispatches and summaries,
// and the schemas of what they take and answer, as the OpenAPI document states them. Records
// described once (web/record_routes.h) document themselves; the answers any route may give before
// its handler runs are added from the route (OpenApi::BindRoutes).
#include "features/consultation/consultation_feature.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

using nlohmann::json;

// What a respondent writes, as the server reads it (recorded by the
// secretariat or sent on the public form).
Members ResponseMembers() {
  const int most = static_cast<int>(kMaxSections * kMaxQuestionsPerSection);
  return {
      {"name", String().MaxChars(200).NonBlank()},
      {"organisation", String().MaxChars(200)},
      {"on_behalf_of", String().MaxChars(200)},
      {"consent_to_publish", Boolean()},
      {"answers",
       AnyObject()
           .Says("Question number to answer, up to 20,000 characters each")
           .With("additionalProperties", String().MaxChars(kMaxAnswerChars))
           .With("minProperties", 1)
           .With("maxProperties", most)
           .With(
               "propertyNames",
               Schema().Says("A question number").Pattern("^0*(?:[1-9][0-9]?|[1-3][0-9]{2}|400)$"))
           .With("not", Schema()
                            .Says("At least one answer is not blank")
                            .With("additionalProperties", String().Pattern("^\\s*$")))}};
}

void DefineConsultationSchemas(OpenApi& doc) {
  doc.AddSchema("Consultee",
                Object({{"id", Integer()},
                        {"round_id", Integer()},
                        {"contact_id", Integer().OrNull()},
                        {"category", OneOf(kAllConsulteeCategories, ConsulteeCategoryId)},
                        {"statutory", Boolean()},
                        {"inspectorate_id", Integer().OrNull()},
                        {"organisation", String()},
                        {"dropped", Boolean()},
                        {"dropped_reason", String()}}));
  doc.AddSchema("Dispatch",
                Object({{"id", Integer()},
                        {"consultee_id", Integer()},
                        {"sent_on", Formatted("date")},
                        {"method", String()},
                        {"what", String()},
                        {"plan_id",
                         Integer().OrNull().Says("The final programme (published plan) sent; "
                                                 "null in entries recorded before it was kept")}}));
  doc.AddSchema(
      "ConsultationRound",
      Object({{"id", Integer()},
              {"title", String()},
              {"first_year", Integer()},
              {"years", Integer().With("enum", json::array({1, 2}))},
              {"owner_inspectorate_id", Integer().OrNull()},
              {"opens_on", Formatted("date")},
              {"deadline", Formatted("date")},
              {"closed_on", Formatted("date").OrNull().Says(
                                "The day it was closed by hand; null if it is not closed, or "
                                "closed on its own at the end of its deadline day")},
              {"state", OneOf(kAllRoundStates, RoundStateId)},
              {"sections", ArrayOf(Object({{"title", String()},
                                           {"questions", ArrayOf(Object({{"number", Integer()},
                                                                         {"text", String()}}))}}))},
              {"version", Integer()},
              {"summary_published", Boolean()}}));
  doc.AddSchema("ConsultationRoundView",
                AllOf({Ref("ConsultationRound"),
                       Object({{"consultees", ArrayOf(Ref("Consultee"))},
                               {"dispatches", ArrayOf(Ref("Dispatch"))},
                               {"not_yet_sent",
                                ArrayOf(Integer()).Says(
                                    "Statutory consultees still owed a copy of the final programme "
                                    "(R9); it never holds the round open")},
                               {"responses", Integer()}})}));
  doc.AddSchema(
      "NewConsultation",
      Object(
          {{"title", String().MaxChars(200).NonBlank()},
           {"first_year", Integer().Min(2000).Max(2098)},
           {"years", Integer().Default(2).With("enum", json::array({1, 2}))},
           {"owner_inspectorate_id", Integer().Min(1).OrNull().Says("None: the joint secretariat")},
           {"opens_on", Formatted("date")},
           {"deadline", Formatted("date")},
           {"sections",
            ArrayOf(Object({{"title", String().MaxChars(200).NonBlank()},
                            {"questions",
                             ArrayOf(String().MaxChars(1000).NonBlank()).MinItems(1).MaxItems(20)}})
                        .Require({"title", "questions"})
                        .Closed())
                .MinItems(1)
                .MaxItems(20)}})
          .Require({"title", "first_year", "opens_on", "deadline", "sections"})
          .Closed());
  doc.AddSchema(
      "RecordedResponse",
      NewRecord(ResponseMembers() + Members{{"channel", OneOf({"email", "post"})},
                                            {"received_on", Formatted("date")},
                                            {"proposals", ArrayOf(Integer().Min(1)).MaxItems(100)}},
                {"name", "answers", "channel", "received_on"}));
  doc.AddSchema("ConsultationResponse",
                Object({{"id", Integer()},
                        {"round_id", Integer()},
                        {"reference", String().Says("What its sender was told to quote "
                                                    "(\"7F3A-92C1\"); it counts nothing")},
                        {"name", String()},
                        {"organisation", String()},
                        {"on_behalf_of", String()},
                        {"answers", AnyObject().With("additionalProperties", String())},
                        {"consent_to_publish", Boolean()},
                        {"channel", OneOf(kAllResponseChannels, ResponseChannelId)},
                        {"received_on", Formatted("date")},
                        {"late", Boolean()},
                        {"proposals", ArrayOf(Integer())},
                        {"topics", ArrayOf(String())},
                        {"our_response", String().Says("What was done about it (\"we did\")")},
                        {"status", OneOf(kAllResponseStatuses, ResponseStatusId)
                                       .Says("Whether it counts, or was set aside as spam, a "
                                             "duplicate or withdrawn")},
                        {"status_note", String().Says("Why it was set aside")},
                        {"version", Integer().Min(1)}}));
  doc.AddSchema(
      "ResponseSummary",
      Object(
          {{"round_id", Integer()},
           {"title", String()},
           {"deadline", Formatted("date")},
           {"published", Boolean()},
           {"published_on", Formatted("date").OrNull().Says(
                                "The day it was published; null until then, and for summaries "
                                "published before the day was kept")},
           {"responses", Integer()},
           {"late", Integer()},
           {"not_quoted",
            Integer().Says(
                "Responses whose authors did not consent to publication: counted, not quoted")},
           {"set_aside",
            Integer().Says("Responses set aside as spam, duplicates or withdrawn: not counted")},
           {"questions",
            ArrayOf(Object({{"number", Integer()},
                            {"section", String()},
                            {"text", String()},
                            {"answers", Integer()},
                            {"said", ArrayOf(Object({{"who", String()},
                                                     {"text", String()},
                                                     {"our_response", String()}}))},
                            {"we_did", ArrayOf(String()).Says("What was done about the quoted "
                                                              "answers, each once")}}))},
           {"by_proposal", ArrayOf(Object({{"proposal_id", Integer()}, {"responses", Integer()}}))},
           {"by_topic", ArrayOf(Object({{"topic", String()}, {"responses", Integer()}}))},
           {"can_publish", Boolean()},
           {"not_publishable_because", String()}}));
}

void DocumentConsultations(OpenApi& doc) {
  DefineConsultationSchemas(doc);
  doc.AddOperation("post", "/consultations",
                   {.id = "createConsultation",
                    .summary = "Start a round; R9's statutory consultees are added",
                    .tag = "Consultation",
                    .body = Ref("NewConsultation"),
                    .status = 201,
                    .answer = "Created",
                    .returns = Ref("ConsultationRoundView"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("get", "/consultations/{id}",
                   {.id = "getConsultation",
                    .summary = "A round with its consultees and dispatch register",
                    .tag = "Consultation",
                    .answer = "The round",
                    .returns = Ref("ConsultationRoundView")});
  doc.AddOperation("post", "/consultations/{id}/open",
                   {.id = "openConsultation",
                    .summary = "Open a draft round for responses",
                    .tag = "Consultation",
                    .answer = "Opened",
                    .returns = Ref("ConsultationRoundView"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/consultations/{id}/consultees",
                   {.id = "addConsultee",
                    .summary = "Add a stakeholder or someone the Ministers specify",
                    .tag = "Consultation",
                    .body = Object({{"contact_id", Integer().Min(1)},
                                    {"category", OneOf({"stakeholder", "specified_by_ministers"})}})
                                .Require({"contact_id"})
                                .Closed(),
                    .status = 201,
                    .answer = "Added",
                    .returns = Ref("Consultee"),
                    .problems = {403, 409}});
  doc.AddOperation("get", "/consultations/{id}/summary",
                   {.id = "consultationSummary",
                    .summary = "\"You said, we did\": answers by question, quoting only those who "
                               "consented, and whether it can be published",
                    .tag = "Consultation",
                    .returns = Ref("ResponseSummary")});
  doc.AddOperation("get", "/consultations/{id}/document.pdf",
                   Download("consultationDocumentPdf",
                            "The consultation document: the draft programme, the questions, the "
                            "deadline and how to respond (PDF)",
                            "Consultation", FileType::kPdf));
  doc.AddOperation("get", "/consultations/{id}/summary.pdf",
                   Download("consultationSummaryPdf", "The summary of responses (PDF)",
                            "Consultation", FileType::kPdf));
  doc.AddOperation("get", "/consultations",
                   {.id = "listConsultations",
                    .summary = "Consultation rounds, newest first",
                    .tag = "Consultation",
                    .paged = true,
                    .answer = "Rounds",
                    .returns = PageOf("ConsultationRound")});
  doc.AddOperation(
      "post", "/consultations/{id}/close",
      {.id = "closeConsultation",
       .summary = "Close an open round before its deadline; it closes on its own at the end of its "
                  "deadline day, and the dispatch register never holds it open",
       .tag = "Consultation",
       .answer = "Closed",
       .returns = Ref("ConsultationRoundView"),
       .problems = {403, 409}});
  doc.AddOperation("get", "/consultations/{id}/responses",
                   {.id = "listResponses",
                    .summary = "Responses to a round",
                    .tag = "Consultation",
                    .paged = true,
                    .answer = "Responses",
                    .returns = PageOf("ConsultationResponse")});
  doc.AddOperation(
      "post", "/consultations/{id}/responses",
      {.id = "recordResponse",
       .summary = "Record a response received by e-mail or post (late if after the deadline)",
       .tag = "Consultation",
       .body = Ref("RecordedResponse"),
       .status = 201,
       .answer = "Recorded",
       .returns = Ref("ConsultationResponse"),
       .problems = {403, 409}});
  doc.AddOperation(
      "post", "/consultations/{id}/dispatches",
      {.id = "recordDispatches",
       .summary = "Record the final programme sent to consultees of this consultation, when and "
                  "how (R9): refused (409) until the plan for the round's first year is published; "
                  "all or nothing",
       .tag = "Consultation",
       .body = Object({{"consultee_ids", ArrayOf(Integer().Min(1)).MinItems(1).MaxItems(1000)},
                       {"sent_on", Formatted("date")},
                       {"method", String().MaxChars(100).NonBlank()},
                       {"what", String().MaxChars(500).NonBlank()}})
                   .Require({"consultee_ids", "sent_on", "method", "what"})
                   .Closed(),
       .status = 201,
       .answer = "Recorded, one dispatch per consultee",
       .returns = Object({{"items", ArrayOf(Ref("Dispatch"))}, {"total", Integer()}})
                      .Require({"items", "total"}),
       .problems = {403, 409}});
  doc.AddOperation(
      "post", "/consultations/{id}/summary/publish",
      {.id = "publishConsultationSummary",
       .summary =
           "Publish the summary (once the round is closed and every response has what we did)",
       .tag = "Consultation",
       .returns = Ref("ResponseSummary"),
       .problems = {403, 409}});
  doc.AddOperation(
      "get", "/consultations/{id}/document.docx",
      Download("consultationDocumentDocx",
               "The consultation document: the draft programme, the questions, the deadline and "
               "how to respond (DOCX)",
               "Consultation", FileType::kDocx));
  doc.AddOperation(
      "get", "/consultations/{id}/letter.docx",
      Download("consultationLetterDocx",
               "The covering letter to the statutory consultees, copied to the others (DOCX)",
               "Consultation", FileType::kDocx));
  doc.AddOperation(
      "get", "/consultations/{id}/letter.pdf",
      Download("consultationLetterPdf",
               "The covering letter to the statutory consultees, copied to the others (PDF)",
               "Consultation", FileType::kPdf));
  doc.AddOperation("get", "/consultations/{id}/summary.docx",
                   Download("consultationSummaryDocx", "The summary of responses (DOCX)",
                            "Consultation", FileType::kDocx));
}

void DocumentConsultees(OpenApi& doc) {
  doc.AddOperation("post", "/consultees/{id}/drop",
                   {.id = "dropConsultee",
                    .summary = "Drop a consultee; a statutory one needs a reason (R9)",
                    .tag = "Consultation",
                    .body = Object({{"reason", String().MaxChars(2000)}}).Closed(),
                    .body_required = false,
                    .answer = "Dropped",
                    .returns = Ref("Consultee"),
                    .problems = {403, 409}});
  doc.AddOperation(
      "patch", "/consultees/{id}",
      {.id = "updateConsultee",
       .summary = "Give a consultee its contact details",
       .tag = "Consultation",
       .body = Object({{"contact_id", Integer().Min(1)}}).Require({"contact_id"}).Closed(),
       .answer = "Saved",
       .returns = Ref("Consultee"),
       .problems = {403, 409}});
}

void DocumentPublicConsultations(OpenApi& doc) {
  doc.AddSchema(
      "PublicConsultation",
      Object(
          {{"id", Integer()},
           {"title", String()},
           {"first_year", Integer()},
           {"years", Integer().With("enum", json::array({1, 2}))},
           {"opens_on", Formatted("date")},
           {"deadline", Formatted("date")},
           {"state", OneOf(kAllRoundStates, RoundStateId)},
           {"sections", ArrayOf(Object({{"title", String()},
                                        {"questions", ArrayOf(Object({{"number", Integer()},
                                                                      {"text", String()}}))}}))}}));
  doc.AddSchema("PublicResponse", NewRecord(ResponseMembers(), {"name", "answers"}));
  doc.AddOperation("get", "/public/consultations/{id}",
                   {.id = "publicConsultation",
                    .summary = "An open consultation's title, dates and questions (no sign-in)",
                    .tag = "Consultation",
                    .answer = "The consultation",
                    .returns = Ref("PublicConsultation"),
                    .anonymous = true});
  doc.AddOperation("post", "/public/consultations/{id}/responses",
                   {.id = "respondToConsultation",
                    .summary = "Respond without signing in; rate-limited per address",
                    .tag = "Consultation",
                    .body = Ref("PublicResponse"),
                    .status = 201,
                    .answer = "Received",
                    .returns = Object({{"received", Boolean()},
                                       {"reference", String().Says("To quote (\"7F3A-92C1\"); "
                                                                   "drawn from the response, it "
                                                                   "counts nothing")}}),
                    .problems = {409, 429},
                    .anonymous = true});
  doc.AddOperation("get", "/public/consultations/{id}/summary",
                   {.id = "publicConsultationSummary",
                    .summary = "A published summary of responses; no sign-in, names no proposal",
                    .tag = "Consultation",
                    .returns = Ref("ResponseSummary"),
                    .anonymous = true});
}

void DocumentConsultationResponses(OpenApi& doc) {
  doc.AddOperation(
      "put", "/consultation-responses/{id}/tags",
      {.id = "tagResponse",
       .summary = "Tag a response to the proposals and topics it speaks about, and record what was "
                  "done about it",
       .tag = "Consultation",
       .body = Object({{"proposals", ArrayOf(Integer().Min(1)).MaxItems(100)},
                       {"topics", ArrayOf(String().MaxChars(100).NonBlank()).MaxItems(20)},
                       {"our_response", String().MaxChars(5000)}})
                   .Require({"proposals"})
                   .Closed(),
       .answer = "Tagged",
       .returns = Ref("ConsultationResponse"),
       .problems = {403, 409}});
}

void DocumentProposals(OpenApi& doc) {
  doc.AddOperation("get", "/proposals/{id}/consultation-responses",
                   {.id = "proposalResponses",
                    .summary = "What consultees said about a proposal",
                    .tag = "Consultation",
                    .paged = true,
                    .answer = "Responses",
                    .returns = PageOf("ConsultationResponse")});
}

void Document(OpenApi& doc) {
  doc.AddTag("Consultation",
             "Consultation rounds, consultees, responses and the dispatch register (R9, R10)");
  DocumentConsultations(doc);
  DocumentConsultees(doc);
  DocumentPublicConsultations(doc);
  DocumentConsultationResponses(doc);
  DocumentProposals(doc);
}

}  // namespace
}  // namespace api

void ConsultationFeature::DocumentApi() { api::Document(site().openapi()); }

}  // namespace jointly::web
