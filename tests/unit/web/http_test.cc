// Sending documents and problems over HTTP, with a fake renderer.
#include "web/http.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/programme_json.h"
#include "service/records_json.h"
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

TEST(SendPage, WritesTheTextSendJsonWouldForThePageEscapesIncluded) {
  Page<InspectedBody> page;
  page.total = 10070;
  page.limit = 2;
  page.offset = 40;
  InspectedBody plain;
  plain.id = 7;
  plain.code = "POL-AVON";
  plain.name = "Avon and Somerset Constabulary";
  plain.region = "South West";
  plain.version = 3;
  InspectedBody awkward = plain;
  awkward.id = 8;
  awkward.name = "HMP \"Quote\" \\ back\tslash\x01 Caf\xc3\xa9 \xff";  // the last byte is not UTF-8
  awkward.active = false;
  awkward.in_london = true;
  page.items = {plain, awkward};

  Response sent;
  SendPage(sent, page);

  // The tree as the API built it before: members set one by one.
  nlohmann::json items = nlohmann::json::array();
  for (const InspectedBody& b : page.items) {
    nlohmann::json j = nlohmann::json::object();
    j["id"] = b.id;
    j["code"] = b.code;
    j["name"] = b.name;
    j["type"] = BodyTypeId(b.type);
    j["region"] = b.region;
    j["address"] = b.address;
    j["nation"] = NationId(b.nation);
    j["in_london"] = b.in_london;
    j["active"] = b.active;
    j["version"] = b.version;
    items.push_back(std::move(j));
  }
  Response expected;
  SendJson(expected, 200, PageJson(items, page.total, page.limit, page.offset));
  EXPECT_EQ(sent.status, 200);
  EXPECT_EQ(sent.body, expected.body);
  EXPECT_EQ(sent.Header("Content-Type"), expected.Header("Content-Type"));
  EXPECT_EQ(ToJson(awkward), nlohmann::json::parse(expected.body)["items"][1])
      << "ToJson reads back the same text";
}

// A scored proposal with every kind of member: odd text, no earliest
// start, criteria whose ids sort differently as text (10 before 9).
ProposalView AwkwardProposal() {
  ProposalView v;
  Proposal& p = v.proposal;
  p.id = 41;
  p.title = "Remand \"decisions\" \\ in\tcustody\x02 Caf\xc3\xa9 \xfe";
  p.summary = std::string(2000, 'x');
  p.main_question = "How well?";
  p.participants = {{3, Involvement::kLead, 40}, {5, Involvement::kSupport, 12}};
  p.focus = {Focus::kOffenderManagement, Focus::kVictimAndWitnessExperience};
  p.clashes_with = {7, 12};
  p.earliest_start = 0;
  p.version = 4;
  v.tests = {{QualifyingTest::kTwoOrMoreCjInspectorates, true, true, "2 \"CJ\" inspectorates"},
             {QualifyingTest::kMeetsKeyPrinciples, false, false, ""}};
  v.qualifies = true;
  RepresentativeScore r;
  r.inspectorate_id = 3;
  r.user_id = 9;
  r.scores = {{9, 4}, {10, 2}, {11, 5}};
  r.weighted = 59;
  v.scoring.by_inspectorate = {r, r};
  v.scoring.by_inspectorate[1].weighted = 61.25;
  v.scoring.combined.count = 2;
  v.scoring.combined.mean = 60.125;
  v.scoring.combined.min = 59;
  v.scoring.combined.max = 61.25;
  return v;
}

TEST(SendPage, WritesALongListPageAsTheTreeOfEachProposalWouldBe) {
  ProposalView scored = AwkwardProposal();
  ProposalView unscored = scored;
  unscored.proposal.id = 42;
  unscored.proposal.earliest_start = 9;
  unscored.scoring = {};
  const std::vector<ProposalView> items = {scored, unscored};

  Response sent;
  SendPage(sent, items, 300, 2, 40);

  // The tree as the API built it before: members set one by one.
  nlohmann::json trees = nlohmann::json::array();
  for (const ProposalView& v : items) {
    const Proposal& p = v.proposal;
    nlohmann::json participants = nlohmann::json::array();
    for (const auto& part : p.participants) {
      participants.push_back({{"inspectorate_id", part.inspectorate_id},
                              {"involvement", InvolvementId(part.involvement)},
                              {"effort_days", part.effort_days}});
    }
    nlohmann::json focus = nlohmann::json::array();
    for (Focus f : p.focus) focus.push_back(FocusId(f));
    nlohmann::json j = nlohmann::json::object();
    for (auto [name, text] : {std::pair{"title", &p.title},
                              {"summary", &p.summary},
                              {"background", &p.background},
                              {"main_question", &p.main_question},
                              {"scope_and_purpose", &p.scope_and_purpose},
                              {"specialist_skills", &p.specialist_skills},
                              {"forced_reason", &p.forced_reason}}) {
      j[name] = *text;
    }
    j["id"] = p.id;
    j["type"] = WorkTypeId(p.type);
    j["part"] = PartId(p.part);
    j["origin"] = OriginId(p.origin);
    j["status"] = ProposalStatusId(p.status);
    j["participants"] = participants;
    j["focus"] = focus;
    j["duration_quarters"] = p.duration_quarters;
    j["earliest_start"] =
        p.earliest_start ? nlohmann::json(QuarterLabel(p.earliest_start)) : nlohmann::json();
    j["clashes_with"] = p.clashes_with;
    j["contributes_to_improvement"] = p.contributes_to_improvement;
    j["outcome_focused"] = p.outcome_focused;
    j["user_perspective"] = p.user_perspective;
    j["forced"] = ForcedId(p.forced);
    j["version"] = p.version;
    nlohmann::json tests = nlohmann::json::array();
    for (const auto& t : v.tests) {
      tests.push_back({{"test", QualifyingTestId(t.test)},
                       {"applies", t.applies},
                       {"passed", t.passed},
                       {"reason", t.reason}});
    }
    j["qualifying_tests"] = tests;
    j["qualifies"] = v.qualifies;
    nlohmann::json by = nlohmann::json::array();
    for (const auto& r : v.scoring.by_inspectorate) {
      nlohmann::json scores = nlohmann::json::object();
      for (const auto& [criterion, score] : r.scores) scores[std::to_string(criterion)] = score;
      by.push_back({{"inspectorate_id", r.inspectorate_id},
                    {"user_id", r.user_id},
                    {"scores", scores},
                    {"weighted", r.weighted}});
    }
    const auto& c = v.scoring.combined;
    j["scoring"] = {{"by_inspectorate", by},
                    {"count", c.count},
                    {"combined", c.count ? nlohmann::json(c.mean) : nlohmann::json()},
                    {"spread", c.count ? nlohmann::json(c.spread()) : nlohmann::json()}};
    trees.push_back(std::move(j));
  }
  Response expected;
  SendJson(expected, 200, PageJson(trees, 300, 2, 40));
  EXPECT_EQ(sent.body, expected.body);
  EXPECT_EQ(ToJson(scored), nlohmann::json::parse(expected.body)["items"][0])
      << "ToJson reads back the same text";
}

TEST(HttpStatusFor, MapsEachCodeInOnePlace) {
  EXPECT_EQ(HttpStatusFor(StatusCode::kInvalidArgument), 400);
  EXPECT_EQ(HttpStatusFor(StatusCode::kPermissionDenied), 403);
  EXPECT_EQ(HttpStatusFor(StatusCode::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(StatusCode::kAborted), 409);
  EXPECT_EQ(HttpStatusFor(StatusCode::kFailedPrecondition), 409);
}

// The fields of `s`'s errors as "field:rule", in order.
std::vector<std::string> Errors(const Status& s) {
  std::vector<std::string> out;
  for (const auto& e : s.field_errors()) out.push_back(e.field + ":" + e.rule);
  return out;
}

TEST(JsonObjectReader, ABadListItemIsNamedByItsIndex) {
  JsonObjectReader in(R"({"ids": [3, "4", 0, 1.5], "tags": ["a", 7, "too long"], "more": "x"})");
  EXPECT_FALSE(in.IdArray("ids", 10).has_value());
  EXPECT_FALSE(in.StringArray("tags", 10, 3).has_value());
  EXPECT_FALSE(in.IdArray("more", 10).has_value());
  EXPECT_EQ(Errors(in.Finish()),
            (std::vector<std::string>{"ids[1]:type", "ids[2]:type", "ids[3]:type", "tags[1]:type",
                                      "tags[2]:max-length", "more:type"}));
}

TEST(JsonObjectReader, TooManyItemsIsACount) {
  JsonObjectReader in(R"({"ids": [1, 2, 3]})");
  EXPECT_FALSE(in.IdArray("ids", 2).has_value());
  EXPECT_EQ(Errors(in.Finish()), (std::vector<std::string>{"ids:count"}));
}

TEST(JsonObjectReader, ListsOfObjectsAreReadStrictlyItemByItem) {
  JsonObjectReader in(
      R"({"people": [{"id": 1, "name": "A"}, "B", {"id": "2", "colour": "red"}, {"id": 3}]})");
  std::vector<int64_t> ids;
  EXPECT_TRUE(in.ObjectArray("people", 1, 10, true, [&](JsonObjectReader& item, size_t) {
    auto id = item.Int("id", 1, 100, true);
    (void)item.String("name", 10);
    if (id) ids.push_back(*id);
  }));
  EXPECT_EQ(ids, (std::vector<int64_t>{1, 3}));
  EXPECT_EQ(Errors(in.Finish()), (std::vector<std::string>{"people[1]:type", "people[2].id:type",
                                                           "people[2].colour:unknown-field"}));
}

TEST(JsonObjectReader, AListOfObjectsMustBeThereWhenRequiredAndWithinItsLength) {
  JsonObjectReader absent("{}");
  EXPECT_FALSE(absent.ObjectArray("people", 1, 2, true, [](JsonObjectReader&, size_t) {}));
  EXPECT_EQ(Errors(absent.Finish()), (std::vector<std::string>{"people:required"}));
  JsonObjectReader empty(R"({"people": []})");
  EXPECT_FALSE(empty.ObjectArray("people", 1, 2, true, [](JsonObjectReader&, size_t) {}));
  EXPECT_EQ(Errors(empty.Finish()), (std::vector<std::string>{"people:count"}));
}

}  // namespace
}  // namespace jointly::web
