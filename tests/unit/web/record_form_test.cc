// A described record read from a submitted form: what cannot be read and
// what is wrong with the rest, named at once.
#include "web/record_form.h"

#include <gtest/gtest.h>

#include "domain/findings.h"
#include "domain/inspection.h"

namespace jointly::web {
namespace {

Request Form(NameValues fields) {
  Request req;
  req.method = "POST";
  req.params = std::move(fields);
  return req;
}

std::vector<std::pair<std::string, std::string>> FieldsAndRules(const Status& s) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& e : s.field_errors()) out.emplace_back(e.field, e.rule);
  return out;
}

TEST(ReadRecordForm, every_form_error_at_once_an_unreadable_number_with_the_other_fields_errors) {
  ReportSection section;
  Typed typed;
  const Status s = ReadRecordForm(
      ReportSectionRecord(), Form({{"position", "abc"}, {"title", ""}, {"covers", "Charging"}}),
      section, typed);
  ASSERT_EQ(s.code(), StatusCode::kInvalidArgument);
  // One error per field, in the form's order; the number's own error wins.
  EXPECT_EQ(FieldsAndRules(s), (std::vector<std::pair<std::string, std::string>>{
                                   {"position", "type"}, {"title", "required"}}));
  EXPECT_EQ(s.field_errors()[0].message, "Enter the position in the report as a whole number");
  EXPECT_EQ(typed["position"], "abc");
}

TEST(ReadRecordForm, every_form_error_at_once_an_unknown_choice_with_a_bad_date_and_long_text) {
  KeyDate date;
  Typed typed;
  const Status s = ReadRecordForm(KeyDateRecord(),
                                  Form({{"kind", "holiday"},
                                        {"title", std::string(20000, 'x')},
                                        {"starts_on-day", "32"},
                                        {"starts_on-month", "13"},
                                        {"starts_on-year", "2027"}}),
                                  date, typed);
  EXPECT_EQ(FieldsAndRules(s).size(), 3u) << s.ToString();
  ASSERT_EQ(s.field_errors().size(), 3u);
  EXPECT_EQ(s.field_errors()[0].field, "kind");
  EXPECT_EQ(s.field_errors()[1].field, "title");
  EXPECT_EQ(s.field_errors()[1].message,
            "Shorten the title to 300 characters or fewer (it has 20,000)");
  EXPECT_EQ(s.field_errors()[2].field, "starts_on");
  EXPECT_EQ(typed["starts_on-day"], "32");
}

TEST(ReadRecordForm, a_form_whose_values_all_read_is_left_to_the_use_case_and_unsent_fields_kept) {
  ReportSection section;
  section.title = "Charging decisions";
  Typed typed;
  // Blank position and no title sent: read, the stored title kept.
  EXPECT_TRUE(
      ReadRecordForm(ReportSectionRecord(), Form({{"covers", "Files examined"}}), section, typed)
          .ok());
  EXPECT_EQ(section.title, "Charging decisions");
  EXPECT_EQ(section.covers, "Files examined");
}

}  // namespace
}  // namespace jointly::web
