// What page handlers share: the confirmation carried across a redirect.
#include "web/page_helpers.h"

#include <gtest/gtest.h>

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
  EXPECT_EQ(ParentPage("/contacts/5/edit"), "/contacts");
  EXPECT_EQ(ParentPage("/users/5/edit"), "/users");
  EXPECT_EQ(ParentPage("/runs/9"), "/plans");
  EXPECT_EQ(ParentPage("/account/password"), "/account");
}

}  // namespace
}  // namespace jointly::web
