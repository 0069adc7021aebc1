// What page handlers share: the confirmation carried across a redirect.
#include "web/page_helpers.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/text.h"
#include "domain/programme.h"
#include "web/templates.h"

namespace jointly::web {
namespace {

TEST(Notice, IsAddedToTheQueryBeforeAnyFragment) {
  EXPECT_EQ(WithNotice("/plans/3", "plan-saved"), "/plans/3?done=plan-saved");
  EXPECT_EQ(WithNotice("/decisions#decision-4", "decision-agreed"),
            "/decisions?done=decision-agreed#decision-4");
  EXPECT_EQ(WithNotice("/users?page=2#top", "signed-out"), "/users?page=2&done=signed-out#top");
}

TEST(Notice, OnlyTheTablesWordsAreShown) {
  EXPECT_EQ(NoticeText("proposal-added"), "The proposal has been added to the long-list");
  EXPECT_EQ(NoticeText("signed-out"), "You have signed out");
  EXPECT_EQ(NoticeText("<script>"), "");
  EXPECT_EQ(NoticeText(""), "");
}

TEST(ParentPage, IsThePageAboveAndNothingAtTheTopLevel) {
  EXPECT_EQ(ParentPage("/"), "");
  EXPECT_EQ(ParentPage("/plans"), "");
  EXPECT_EQ(ParentPage("/plans/3"), "/plans");
  EXPECT_EQ(ParentPage("/plans/3/edit"), "/plans/3");
  EXPECT_EQ(ParentPage("/programme/proposals/new"), "/programme");
  EXPECT_EQ(ParentPage("/programme/proposals/7"), "/programme");
  EXPECT_EQ(ParentPage("/programme/proposals/7/score"), "/programme/proposals/7");
  EXPECT_EQ(ParentPage("/governance/meetings/2"), "/governance");
  EXPECT_EQ(ParentPage("/consultations/4/responses"), "/consultations/4");
  EXPECT_EQ(ParentPage("/contacts"), "/consultations");
  EXPECT_EQ(ParentPage("/retention-due"), "/inspections");
  EXPECT_EQ(ParentPage("/contacts/5/edit"), "/contacts");
  EXPECT_EQ(ParentPage("/users/5/edit"), "/users");
  EXPECT_EQ(ParentPage("/runs/9"), "/plans");
  EXPECT_EQ(ParentPage("/account/password"), "/account");
  EXPECT_EQ(ParentPage("/bodies/site-data/import"), "/bodies");
  EXPECT_EQ(ParentPage("/inspections/2/sites/propose"), "/inspections/2/sites");
}

TEST(StaleSave,
     stale_version_an_edit_page_says_what_changed_in_words_and_carries_the_newest_version) {
  const nlohmann::json detail = {
      {"entity", "proposal"},
      {"current", {{"id", 4}, {"title", "Hate crime (revised)"}, {"version", 6}}},
      {"changes_since_your_version",
       {{{"at", "2026-11-30T15:59:19Z"},
         {"by", "dg.hmcpsi@jointly.invalid"},
         {"fields", {"title", "duration_quarters", "lead_inspectorate_id"}},
         {"version", 6},
         {"values",
          {{{"field", "title"}, {"from", "Hate crime"}, {"to", "Hate crime (revised)"}},
           {{"field", "duration_quarters"}, {"from", 3}, {"to", 4}},
           {{"field", "lead_inspectorate_id"}, {"from", 2}, {"to", 3}}}}}}}};
  Status stale = Aborted("The proposal was changed by someone else", "stale-version");
  stale.SetDetailJson(detail.dump());
  nlohmann::json data;
  HistoryNames names;
  names.inspectorates = {{2, "HMICFRS"}, {3, "HMCPSI"}};
  AddErrors(data, stale, names);
  EXPECT_EQ(data["newest_version"], "6");
  ASSERT_EQ(data["errors"].size(), 1u);
  const std::string text = data["errors"][0]["text"];
  EXPECT_NE(text.find("dg.hmcpsi@jointly.invalid changed it on 30 November 2026 at 15:59: "
                      "Title: Hate crime → Hate crime (revised); Duration in quarters: 3 → 4; "
                      "Lead inspectorate: HMICFRS → HMCPSI."),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("save again"), std::string::npos) << text;
  // Any other refusal is listed as before, with no version to carry.
  nlohmann::json plain;
  AddErrors(plain, Aborted("Not now", "state"));
  EXPECT_FALSE(plain.contains("newest_version"));
  ASSERT_EQ(plain["errors"].size(), 1u);
  EXPECT_EQ(plain["errors"][0]["text"], "Not now");
  // A conflict renamed for a form's inputs keeps the record it carries.
  const Status renamed = RenameFields(stale, [](const std::string& f) { return f; });
  EXPECT_EQ(renamed.detail_json(), stale.detail_json());
}

TEST(HistoryRows, ShowWhatChangedInWords) {
  AuditEntry e;
  e.seq = 7;
  e.at = "2026-11-30T15:59:19Z";
  e.actor = "admin@jointly.invalid";
  e.action = "update";
  e.entity_type = "user";
  e.entity_id = 3;
  e.before_json = R"({"roles":["lead_inspector"],"due_on":"2026-12-01","version":1})";
  e.after_json = R"({"roles":["lead_inspector","inspector"],"due_on":"2027-01-05","version":2})";
  const nlohmann::json rows = HistoryRows({e});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["at"], "30 November 2026 at 15:59");
  EXPECT_EQ(rows[0]["action"], "Changed");
  ASSERT_EQ(rows[0]["changes"].size(), 2u);
  EXPECT_EQ(rows[0]["changes"][0]["field"], "Due on");
  EXPECT_EQ(rows[0]["changes"][0]["text"], "1 December 2026 → 5 January 2027");
  EXPECT_EQ(rows[0]["changes"][1]["field"], "Roles");
  EXPECT_EQ(rows[0]["changes"][1]["text"], "Lead inspector → Lead inspector; Inspector");
}

TEST(HistoryRows, IdsOfInspectoratesPeopleAndRolesAreShownByName) {
  AuditEntry e;
  e.action = "change-password";
  e.before_json = R"({"inspectorate_id":2,"answered_by":8,"roles":["hm_inspector"],"version":1})";
  e.after_json =
      R"({"inspectorate_id":3,"answered_by":9,"roles":["lead_inspector"],"participants":[{"inspectorate_id":2,"effort_days":40}],"version":2})";
  HistoryNames names;
  names.inspectorates = {{2, "HMCPSI"}, {3, "HMI Probation"}};
  names.people = {{8, "Alex Reviewer"}, {9, "Sam Answerer"}};
  const nlohmann::json rows = HistoryRows({e}, names);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["action"], "Changed their password");
  std::map<std::string, std::string> shown;
  for (const auto& c : rows[0]["changes"]) shown[c["field"]] = c["text"];
  EXPECT_EQ(shown["Inspectorate"], "HMCPSI → HMI Probation");
  EXPECT_EQ(shown["Answered by"], "Alex Reviewer → Sam Answerer");
  EXPECT_EQ(shown["Participants"], "(none) → Effort days: 40, Inspectorate: HMCPSI");
  EXPECT_NE(shown["Roles"].find("Lead inspector"), std::string::npos) << shown["Roles"];
}

TEST(HistoryRows, ChoicesRecordedAsOneWordAreShownAsWords) {
  AuditEntry e;
  e.action = "update";
  e.before_json = R"({"state":"draft","title":"open","version":1})";
  e.after_json = R"({"state":"open","title":"closed","version":2})";
  const nlohmann::json rows = HistoryRows({e});
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_EQ(rows[0]["changes"].size(), 2u);
  EXPECT_EQ(rows[0]["changes"][0]["text"], "Draft → Open");
  EXPECT_EQ(rows[0]["changes"][1]["text"], "open → closed") << "free text is shown as typed";
}

TEST(HistoryRows, AProposalsHistoryUsesItsLabelsNumbersAsWrittenAndCriteriaByName) {
  AuditEntry e;
  e.action = "score";
  e.entity_type = "proposal";
  e.before_json =
      R"({"scores":{"11":2},"weighted":12.0,"criteria_set_id":4,"duration_quarters":2,"main_question":"Why?"})";
  e.after_json =
      R"({"scores":{"11":3,"12":5},"weighted":0.30000000000000004,"criteria_set_id":4,"duration_quarters":1500,"main_question":"How?","type":"joint_thematic","participants":[{"inspectorate_id":3,"involvement":"lead","effort_days":12}],"clashes_with":[9]})";
  HistoryNames names;
  names.inspectorates = {{3, "HMI Probation"}};
  names.criteria = {{11, "Risk of harm"}, {12, "Public interest"}};
  names.criteria_sets = {{4, "Joint criteria"}};
  names.proposals = {{9, "Youth justice"}};
  const nlohmann::json rows = HistoryRows({e}, names);
  ASSERT_EQ(rows.size(), 1u);
  std::map<std::string, std::string> shown;
  for (const auto& c : rows[0]["changes"]) shown[c["field"]] = c["text"];
  EXPECT_EQ(shown["Scores"], "Risk of harm: 2 → Risk of harm: 3; Public interest: 5");
  EXPECT_EQ(shown["Weighted score"], "12 → 0.3");
  EXPECT_EQ(shown["Duration in quarters"], "2 → 1,500");
  EXPECT_EQ(shown["Main inspection question"], "Why? → How?");
  EXPECT_EQ(shown["Type of work"],
            "(none) → " + std::string(WorkTypeLabel(WorkType::kJointThematic)));
  EXPECT_EQ(shown["Who leads and who takes part"],
            "(none) → HMI Probation leads: 12 inspector-days");
  EXPECT_EQ(shown["Programmes it would clash with"], "(none) → Youth justice");
  EXPECT_EQ(shown.count("Criteria set"), 0u) << "unchanged fields are left out";
  for (const auto& [field, text] : shown) {
    EXPECT_EQ(text.find("000"), std::string::npos) << field << ": " << text;
  }
}

TEST(HistoryRows, TheAuditTrailNamesTheRecordItIsAbout) {
  HistoryNames names;
  names.proposals = {{9, "Youth justice"}};
  EXPECT_EQ(EntityInWords("proposal", 9, names), "Proposal: Youth justice");
  EXPECT_EQ(EntityInWords("visit", 4, names), "Fieldwork visit 4");
  EXPECT_EQ(EntityInWords("plan", 2, names), "Plan 2");
}

TEST(HistoryRows, ContactsAndARoundsConsulteesAreShownByNameInWords) {
  AuditEntry e;
  e.action = "update";
  e.entity_type = "consultee";
  e.before_json = R"({"contact_id":null})";
  e.after_json = R"({"contact_id":3})";
  AuditEntry created;
  created.action = "create";
  created.entity_type = "consultation";
  created.after_json =
      R"({"title":"Round","consultees":[{"id":1,"round_id":1,"contact_id":3,"category":"minister","statutory":true,"inspectorate_id":null,"organisation":"Home Office","dropped":false,"dropped_reason":""},{"id":2,"round_id":1,"contact_id":null,"category":"stakeholder","statutory":false,"inspectorate_id":null,"organisation":"A Think Tank","dropped":true,"dropped_reason":"Closed"}]})";
  HistoryNames names;
  names.contacts = {{3, "Pat Smith, Home Office"}};
  const nlohmann::json rows = HistoryRows({e, created}, names);
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0]["changes"].size(), 1u);
  EXPECT_EQ(rows[0]["changes"][0]["text"], "(none) → Pat Smith, Home Office");
  std::map<std::string, std::string> shown;
  for (const auto& c : rows[1]["changes"]) shown[c["field"]] = c["text"];
  EXPECT_EQ(shown["Consultees"],
            "2: Home Office, Pat Smith (statutory) and A Think Tank (dropped)");
  EXPECT_EQ(EntityInWords("contact", 3, names), "Contact: Pat Smith, Home Office");
}

TEST(Text, NumbersAreWrittenAsPeopleWriteThem) {
  EXPECT_EQ(NumberInWords(12.0), "12");
  EXPECT_EQ(NumberInWords(0.30000000000000004), "0.3");
  EXPECT_EQ(NumberInWords(1500), "1,500");
  EXPECT_EQ(NumberInWords(2.25), "2.25");
  EXPECT_EQ(NumberInWords(-0.5), "-0.5");
  EXPECT_EQ(NumberInWords(63.3333), "63.33");
}

// A request for `query` ("offset=20&limit=5"), its parameters as the
// transport gives them (the query, then any form fields).
Request Get(const NameValues& query, const NameValues& form = {}) {
  Request req;
  req.method = form.empty() ? "GET" : "POST";
  req.path = "/things";
  req.query = query;
  req.params = query;
  req.params.insert(req.params.end(), form.begin(), form.end());
  return req;
}

nlohmann::json Numbers(int n) {
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 1; i <= n; ++i) rows.push_back(i);
  return rows;
}

TEST(ShowPageOf, ShowsThePageAskedForWithItsPlaceInTheWhole) {
  nlohmann::json d;
  ASSERT_TRUE(ShowPageOf(Get({{"offset", "20"}}), "/things", Numbers(45), 20, d, "rows").ok());
  EXPECT_EQ(d["rows"].front(), 21);
  EXPECT_EQ(d["rows"].size(), 20u);
  EXPECT_EQ(d["from"], 21);
  EXPECT_EQ(d["to"], 40);
  EXPECT_EQ(d["total"], "45");
  EXPECT_EQ(d["pagination"]["previous"], "/things?offset=0");
  EXPECT_EQ(d["pagination"]["next"], "/things?offset=40");
}

TEST(ShowPageOf, AFewRowsNeedNoPagesAndAnOffsetPastTheEndShowsTheLastPage) {
  nlohmann::json d;
  ASSERT_TRUE(ShowPageOf(Get({}), "/things", Numbers(3), 20, d, "rows").ok());
  EXPECT_EQ(d["rows"].size(), 3u);
  EXPECT_TRUE(d["pagination"].is_null());
  ASSERT_TRUE(ShowPageOf(Get({{"offset", "90"}}), "/things", Numbers(45), 20, d, "rows").ok());
  EXPECT_EQ(d["rows"].size(), 5u);
  EXPECT_EQ(d["from"], 41);
  EXPECT_EQ(d["to"], 45);
  EXPECT_EQ(d["pagination"]["items"].back()["current"], true);
  ASSERT_TRUE(ShowPageOf(Get({{"offset", "90"}}), "/things", Numbers(0), 20, d, "rows").ok());
  EXPECT_TRUE(d["rows"].empty());
  EXPECT_EQ(d["from"], 0);
}

TEST(ShowPageOf, OpensOnThePageHoldingTheRowJustChangedUnlessAPageIsAskedFor) {
  nlohmann::json d;
  ASSERT_TRUE(ShowPageOf(Get({}), "/things", Numbers(45), 20, d, "rows", 43).ok());
  EXPECT_EQ(d["from"], 41);
  ASSERT_TRUE(ShowPageOf(Get({{"offset", "0"}}), "/things", Numbers(45), 20, d, "rows", 43).ok());
  EXPECT_EQ(d["from"], 1);
}

TEST(ShowPageOf, ABadLimitOrOffsetIsRefusedNamingIt) {
  nlohmann::json d;
  Status s =
      ShowPageOf(Get({{"limit", "0"}, {"offset", "-1"}}), "/things", Numbers(5), 20, d, "rows");
  ASSERT_FALSE(s.ok());
  std::set<std::string> named;
  for (const auto& e : s.field_errors()) named.insert(e.field);
  EXPECT_EQ(named, (std::set<std::string>{"limit", "offset"}));
}

TEST(Pagination, LinksKeepTheAddressFiltersButNotAFormsFieldsOrTheBanner) {
  const auto links = Pagination(Get({{"type", "police"}, {"done", "saved"}}, {{"name", "Typed"}}),
                                "/things", 45, 20, 0);
  EXPECT_EQ(links["next"], "/things?offset=20&type=police");
}

TEST(Pagination, TheNextLinkStartsAfterThisPageAndAFragmentComesLast) {
  const auto links = Pagination(Get({{"after", "7"}, {"after_name", "Old"}, {"type", "police"}}),
                                "/things#list", 45, 20, 0, "after=12&after_name=Kent");
  EXPECT_EQ(links["next"], "/things?offset=20&after=12&after_name=Kent&type=police#list");
  EXPECT_EQ(links["items"][2]["href"], "/things?offset=40&type=police#list");
}

TEST(Pagination, AGapOfOnePageShowsItsNumberNotAnEllipsis) {
  // Page 1 of 5: 1 2 3 4 5, as "1 2 3 … 5" hides only page 4.
  const auto links = Pagination(Get({}), "/things", 100, 20, 0);
  ASSERT_EQ(links["items"].size(), 5u);
  for (const auto& item : links["items"]) EXPECT_FALSE(item.contains("ellipsis"));
  // Page 1 of 7 leaves out pages 4 to 6.
  const auto longer = Pagination(Get({}), "/things", 140, 20, 0);
  EXPECT_TRUE(longer["items"][3].contains("ellipsis"));
}

TEST(PageToShowInstead, AnAddressThatIsNoPageOfTheListLeadsToOneThatIs) {
  // Past the end: the last page, with the filters.
  EXPECT_EQ(
      PageToShowInstead(Get({{"offset", "900"}, {"type", "prison"}}), "/things", 45, 20, 900, 0),
      "/things?offset=40&type=prison");
  // A keyset page that found nothing: the page at its offset.
  EXPECT_EQ(PageToShowInstead(Get({{"offset", "20"}, {"after", "9"}}), "/things", 45, 20, 20, 0),
            "/things?offset=20");
  // Between two pages' starts: the page it falls in.
  EXPECT_EQ(PageToShowInstead(Get({{"offset", "30"}}), "/things", 45, 20, 30, 15),
            "/things?offset=20");
  // Nowhere better: a page as it should be, an empty list, a keyset page with rows.
  EXPECT_EQ(PageToShowInstead(Get({{"offset", "20"}}), "/things", 45, 20, 20, 20), std::nullopt);
  EXPECT_EQ(PageToShowInstead(Get({{"offset", "20"}}), "/things", 0, 20, 20, 0), std::nullopt);
  EXPECT_EQ(PageToShowInstead(Get({{"offset", "20"}}), "/things", 45, 20, 20, 0), std::nullopt);
  EXPECT_EQ(PageToShowInstead(Get({{"offset", "20"}, {"after", "9"}}), "/things", 45, 20, 20, 20),
            std::nullopt);
}

// A page is rendered inside the layout, each with the partials it uses.
TEST(RenderPage, APageAndTheLayoutEachHaveThePartialsTheyUse) {
  nlohmann::json d = {{"title", "Users"},
                      {"has_errors", true},
                      {"errors", {{{"href", "#limit"}, {"text", "Choose fewer"}}}},
                      {"rows", nlohmann::json::array()}};
  nlohmann::json page;
  ASSERT_TRUE(ShowPageOf(Get({{"offset", "20"}}), "/users", Numbers(45), 20, page, "rows").ok());
  d.update(page);
  const std::string html = RenderPage("users", d);
  EXPECT_NE(html.find("govuk-error-summary"), std::string::npos);     // the layout's partial
  EXPECT_NE(html.find("govuk-pagination__next"), std::string::npos);  // the page's
  EXPECT_NE(html.find("Showing 21 to 40 of 45"), std::string::npos);
  EXPECT_NE(html.find("<title>Error: Users (page 2 of 3)"), std::string::npos);
}

}  // namespace
}  // namespace jointly::web
