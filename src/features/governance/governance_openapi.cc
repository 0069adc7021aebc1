// The /api/v1 operations of meetings, referrals, reference groups and the rotation, and the schemas
// of what they take and answer, as the OpenAPI document states them. Records described once
// (web/record_routes.h) document themselves; the answers any route may give before its handler runs
// are added from the route (OpenApi::BindRoutes).
#include "features/governance/governance_feature.h"
#include "web/api_schema.h"

namespace jointly::web {

namespace api {
namespace {

using nlohmann::json;

void DocumentGovernance(OpenApi& doc) {
  doc.AddSchema("Rotation",
                Object({{"order", ArrayOf(Integer())},
                        {"first_year", Integer()},
                        {"years", ArrayOf(Object({{"year", Integer()},
                                                  {"cjcig_chair", Integer()},
                                                  {"development_group_chair", Integer()},
                                                  {"secretariat", Integer()}}))}}));
  doc.AddSchema("GovernanceOverview",
                Object({{"members", ArrayOf(Ref("Member"))},
                        {"meetings", ArrayOf(Ref("Meeting"))},
                        {"open_actions", ArrayOf(Ref("Action"))},
                        {"referrals", ArrayOf(Ref("Referral"))},
                        {"reference_groups", ArrayOf(Ref("ReferenceGroup"))}}));
  doc.AddOperation("get", "/governance/rotation",
                   {.id = "getRotation",
                    .summary = "The agreed chair rotation and the chairs for the coming years",
                    .tag = "Governance",
                    .query = {{"from", "First year to show", Integer().Min(2000).Max(2098)}},
                    .answer = "The rotation",
                    .returns = Ref("Rotation"),
                    .problems = {409}});
  doc.AddOperation("get", "/governance",
                   {.id = "governance",
                    .summary = "Members of CJCIG, the Development Group and the secretariat, "
                               "meetings, open actions, referrals and reference groups",
                    .tag = "Governance",
                    .returns = Ref("GovernanceOverview")});
  doc.AddOperation(
      "put", "/governance/rotation",
      {.id = "setRotation",
       .summary = "Set the rotation order by a recorded decision (R20)",
       .tag = "Governance",
       .body =
           Object({{"order",
                    ArrayOf(Integer().Min(1)).MaxItems(20).Says("Every open CJ inspectorate once")},
                   {"first_year", Integer().Min(2000).Max(2098)},
                   {"reason", String().MaxChars(2000).NonBlank()}})
               .Require({"order", "first_year", "reason"})
               .Closed(),
       .answer = "Saved",
       .returns = Ref("Rotation"),
       .problems = {403, 404, 409}});
}

void DocumentMeetings(OpenApi& doc) {
  doc.AddSchema("Meeting",
                Object({{"id", Integer()},
                        {"body", OneOf(kAllGovernanceBodies, GovernanceBodyId)},
                        {"held_on", Formatted("date")},
                        {"title", String()},
                        {"agenda", ArrayOf(Object({{"title", String()}, {"paper", String()}}))},
                        {"minutes", String()},
                        {"attended", ArrayOf(Integer()).Says("The members who attended")},
                        {"version", Integer()}}));
  doc.AddSchema("MeetingDecision", Object({{"id", Integer()},
                                           {"meeting_id", Integer()},
                                           {"text", String()},
                                           {"proposal_id", Integer().OrNull()},
                                           {"joint_decision_id", Integer().OrNull()}}));
  doc.AddSchema("MeetingView",
                AllOf({Ref("Meeting"), Object({{"decisions", ArrayOf(Ref("MeetingDecision"))},
                                               {"actions", ArrayOf(Ref("Action"))},
                                               {"referred", ArrayOf(Ref("Referral"))},
                                               {"decided_referrals", ArrayOf(Ref("Referral"))}})}));
  doc.AddOperation("get", "/meetings/{id}",
                   {.id = "meeting",
                    .summary = "A meeting with its decisions, actions and referrals",
                    .tag = "Governance",
                    .returns = Ref("MeetingView")});
  // What a meeting is recorded and changed with.
  const auto fields = [](bool creating) {
    std::vector<std::pair<std::string, Schema>> out = {
        {"body", OneOf(kAllGovernanceBodies, GovernanceBodyId)},
        {"held_on", Formatted("date").Says("May be ahead, for a meeting to come")},
        {"title", String().MaxChars(200).NonBlank()},
        {"agenda", ArrayOf(Object({{"title", String().MaxChars(500).NonBlank()},
                                   {"paper", String().MaxChars(500)}})
                               .Require({"title"})
                               .Closed())
                       .MinItems(1)
                       .MaxItems(50)},
        {"minutes", String().MaxChars(kMaxMinutesChars).Says("Once the meeting has been held")},
        {"attended", ArrayOf(Integer().Min(1))
                         .MaxItems(200)
                         .Says("Members of its body on its day, once it has been held")}};
    if (!creating) out.insert(out.begin(), {"version", Integer().Min(1)});
    return out;
  };
  doc.AddOperation(
      "post", "/meetings",
      {.id = "createMeeting",
       .summary = "Record a meeting held or to come, with its agenda and papers",
       .tag = "Governance",
       .body = Object(fields(true)).Require({"body", "held_on", "title", "agenda"}).Closed(),
       .status = 201,
       .answer = "Recorded",
       .returns = Ref("MeetingView"),
       .problems = {403, 404, 409}});
  doc.AddOperation("patch", "/meetings/{id}",
                   {.id = "updateMeeting",
                    .summary = "Change a meeting; once held, record its minutes and who attended",
                    .tag = "Governance",
                    .body = Object(fields(false)).Require({"version"}).Closed(),
                    .answer = "Saved",
                    .returns = Ref("MeetingView"),
                    .problems = {403, 404, 409}});
  doc.AddOperation("post", "/actions/{id}/done",
                   {.id = "markActionDone",
                    .summary = "Mark an action done: by the secretariat, or by the action's own "
                               "owner (anyone else is told there is no such action)",
                    .tag = "Governance",
                    .body = Object({{"version", Integer().Min(1)}}).Require({"version"}).Closed(),
                    .answer = "Marked done",
                    .returns = Ref("Action"),
                    .problems = {404, 409}});
  doc.AddOperation(
      "post", "/meetings/{id}/decisions",
      {.id = "addMeetingDecision",
       .summary = "Record a decision, linked to the programme item or joint decision it concerns",
       .tag = "Governance",
       .body = Object({{"text", String().MaxChars(5000).NonBlank()},
                       {"proposal_id", Integer().Min(1).OrNull()},
                       {"joint_decision_id", Integer().Min(1).OrNull()}})
                   .Require({"text"})
                   .Closed(),
       .status = 201,
       .answer = "Recorded",
       .returns = Ref("MeetingDecision"),
       .problems = {403, 409}});
  doc.AddOperation(
      "post", "/meetings/{id}/referrals",
      {.id = "refer",
       .summary =
           "The Development Group refers an issue to CJCIG (only from a Development Group meeting)",
       .tag = "Governance",
       .body = Object({{"subject", String().MaxChars(200).NonBlank()},
                       {"detail", String().MaxChars(5000)}})
                   .Require({"subject"})
                   .Closed(),
       .status = 201,
       .answer = "Referred",
       .returns = Ref("Referral"),
       .problems = {403, 409}});
}

void DocumentReferrals(OpenApi& doc) {
  doc.AddSchema("Referral", Object({{"id", Integer()},
                                    {"meeting_id", Integer()},
                                    {"subject", String()},
                                    {"detail", String()},
                                    {"state", OneOf(kAllReferralStates, ReferralStateId)},
                                    {"decided_at_meeting_id", Integer().OrNull()},
                                    {"decision", String()},
                                    {"version", Integer()}}));
  doc.AddOperation("post", "/referrals/{id}/decision",
                   {.id = "decideReferral",
                    .summary = "CJCIG decides a referral, at one of its meetings, once",
                    .tag = "Governance",
                    .body = Object({{"meeting_id", Integer().Min(1)},
                                    {"decision", String().MaxChars(5000).NonBlank()}})
                                .Require({"meeting_id", "decision"})
                                .Closed(),
                    .returns = Ref("Referral"),
                    .problems = {403, 409}});
}

void DocumentReferenceGroups(OpenApi& doc) {
  doc.AddSchema(
      "ReferenceGroup",
      Object({{"id", Integer()},
              {"proposal_id", Integer()},
              {"name", String()},
              {"members", ArrayOf(Object({{"name", String()}, {"organisation", String()}}))},
              {"advice",
               ArrayOf(Object(
                   {{"id", Integer()}, {"met_on", Formatted("date")}, {"advice", String()}}))}}));
  doc.AddOperation("post", "/reference-groups/{id}/members",
                   {.id = "addReferenceGroupMember",
                    .summary = "Add a member to a reference group",
                    .tag = "Governance",
                    .body = Object({{"name", String().MaxChars(200).NonBlank()},
                                    {"organisation", String().MaxChars(200).NonBlank()}})
                                .Require({"name", "organisation"})
                                .Closed(),
                    .status = 201,
                    .answer = "Added",
                    .returns = Ref("ReferenceGroup"),
                    .problems = {403, 409}});
  doc.AddOperation("post", "/reference-groups/{id}/advice",
                   {.id = "addReferenceGroupAdvice",
                    .summary = "Record a meeting of a reference group and the advice it gave",
                    .tag = "Governance",
                    .body = Object({{"met_on", Formatted("date")},
                                    {"advice", String().MaxChars(5000).NonBlank()}})
                                .Require({"met_on", "advice"})
                                .Closed(),
                    .status = 201,
                    .answer = "Recorded",
                    .returns = Ref("ReferenceGroup"),
                    .problems = {403, 409}});
  doc.AddOperation(
      "post", "/reference-groups",
      {.id = "createReferenceGroup",
       .summary = "Set up an external reference group for a work stream (R10)",
       .tag = "Governance",
       .body =
           Object({{"proposal_id", Integer().Min(1)},
                   {"name", String().MaxChars(200).NonBlank()},
                   {"members", ArrayOf(Object({{"name", String().MaxChars(200).NonBlank()},
                                               {"organisation", String().MaxChars(200).NonBlank()}})
                                           .Require({"name", "organisation"})
                                           .Closed())
                                   .MaxItems(100)}})
               .Require({"proposal_id", "name"})
               .Closed(),
       .status = 201,
       .answer = "Set up",
       .returns = Ref("ReferenceGroup"),
       .problems = {403, 404, 409}});
}

void Document(OpenApi& doc) {
  doc.AddTag("Governance", "CJCIG, Development Group and secretariat rotation (R20)");
  DocumentGovernance(doc);
  DocumentMeetings(doc);
  DocumentReferrals(doc);
  DocumentReferenceGroups(doc);
}

}  // namespace
}  // namespace api

void GovernanceFeature::DocumentApi() { api::Document(site().openapi()); }

}  // namespace jointly::web
