// The draft report as a document (R19): its title page names the
// inspectorates with the lead first, it is marked on every page, the
// sections come in the agreed order with their newest text, and an
// inspection led by HMI Prisons speaks of concerns, never of
// recommendations.
#include "domain/report_document.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>

namespace jointly {
namespace {

using Kind = DocumentBlock::Kind;

DraftReport Sample(RecommendationKind raises) {
  DraftReport r;
  r.title = "the treatment of older people";
  r.inspectorates = {"HM Inspectorate of Prisons", "HM Inspectorate of Probation"};
  r.raises = raises;
  r.version = 7;
  r.dated = "2026-12-02";
  r.sections = {{"Introduction", "First line.\n\nSecond line."}, {"Conclusions", ""}};
  r.findings = {{"Staff lacked training.", "Introduction"}, {"Records were late.", ""}};
  r.asks = {{"Ministry of Justice", "Train staff", "Staff trained", "2027-06-30", {1, 2}}};
  return r;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Every word of the document: its title, footer, marking, blocks and labels.
std::string AllWords(const Document& doc) {
  std::string out = doc.title + "\n" + doc.footer + "\n" + doc.marking + "\n";
  for (const auto& b : doc.blocks) out += b.label + " " + b.text + "\n";
  return Lower(out);
}

std::vector<std::string> TextsOf(const Document& doc, Kind kind) {
  std::vector<std::string> out;
  for (const auto& b : doc.blocks) {
    if (b.kind == kind) out.push_back(b.text);
  }
  return out;
}

TEST(ReportDocument, R19_prisons_led_report_speaks_of_concerns) {
  const Document doc = ReportDocument(Sample(RecommendationKind::kConcern));
  const std::string words = AllWords(doc);
  EXPECT_EQ(words.find("recommendation"), std::string::npos) << words;
  EXPECT_NE(words.find("concern 1"), std::string::npos);
  EXPECT_THAT(TextsOf(doc, Kind::kHeading1), testing::Contains("Concerns"));
  EXPECT_THAT(TextsOf(doc, Kind::kContents), testing::Contains("Concerns"));
}

TEST(ReportDocument, R19_other_reports_speak_of_recommendations) {
  const Document doc = ReportDocument(Sample(RecommendationKind::kRecommendation));
  EXPECT_THAT(TextsOf(doc, Kind::kHeading1), testing::Contains("Recommendations"));
  EXPECT_THAT(TextsOf(doc, Kind::kHeading2), testing::Contains("Recommendation 1"));
  EXPECT_EQ(AllWords(doc).find("concern"), std::string::npos);
}

TEST(ReportDocument, an_empty_list_of_concerns_never_says_recommendation) {
  DraftReport r = Sample(RecommendationKind::kConcern);
  r.asks.clear();
  EXPECT_EQ(AllWords(ReportDocument(r)).find("recommendation"), std::string::npos);
}

TEST(ReportDocument, is_marked_and_names_the_lead_first) {
  const Document doc = ReportDocument(Sample(RecommendationKind::kConcern));
  EXPECT_EQ(doc.marking, "OFFICIAL-SENSITIVE");
  EXPECT_EQ(doc.title, "Draft report: Joint inspection of the treatment of older people");
  EXPECT_THAT(TextsOf(doc, Kind::kParagraph),
              testing::Contains("A joint inspection by HM Inspectorate of Prisons and HM "
                                "Inspectorate of Probation, led by HM Inspectorate of Prisons."));
  EXPECT_THAT(TextsOf(doc, Kind::kParagraph),
              testing::Contains("Draft version 7, 2 December 2026"));
  EXPECT_THAT(TextsOf(doc, Kind::kLine),
              testing::ElementsAre("HM Inspectorate of Prisons", "HM Inspectorate of Probation"));
}

TEST(ReportDocument, sections_come_in_order_with_their_text_and_the_contents_names_them) {
  const Document doc = ReportDocument(Sample(RecommendationKind::kRecommendation));
  EXPECT_THAT(TextsOf(doc, Kind::kHeading1),
              testing::ElementsAre("Contents", "1  Introduction", "2  Conclusions", "Findings",
                                   "Recommendations"));
  EXPECT_THAT(TextsOf(doc, Kind::kContents),
              testing::ElementsAre("Introduction", "Conclusions", "Findings", "Recommendations"));
  EXPECT_THAT(TextsOf(doc, Kind::kParagraph), testing::Contains("First line."));
  EXPECT_THAT(TextsOf(doc, Kind::kParagraph), testing::Contains("Second line."));
  EXPECT_THAT(TextsOf(doc, Kind::kNote),
              testing::Contains("This section has not been drafted yet."));
}

TEST(ReportDocument, each_recommendation_is_smart_and_names_the_findings_it_answers) {
  const Document doc = ReportDocument(Sample(RecommendationKind::kRecommendation));
  std::vector<std::string> numbered;
  for (const auto& b : doc.blocks) {
    if (b.kind == Kind::kNumbered) numbered.push_back(b.label + ": " + b.text);
  }
  EXPECT_THAT(numbered, testing::ElementsAre(
                            "Owner: Ministry of Justice", "How it will be measured: Staff trained",
                            "By when: 30 June 2027", "The findings it answers: 1 and 2"));
  EXPECT_THAT(TextsOf(doc, Kind::kPoint),
              testing::ElementsAre("Staff lacked training.", "Records were late."));
  EXPECT_THAT(TextsOf(doc, Kind::kParagraph), testing::Contains("Train staff"));
}

TEST(ReportDocument, a_report_not_yet_drafted_says_so_and_its_file_is_named_in_words) {
  DraftReport r = Sample(RecommendationKind::kRecommendation);
  EXPECT_EQ(ReportFileStem(r),
            "Draft report, version 7, Joint inspection of the treatment of older people");
  r.version = 0;
  r.dated.clear();
  EXPECT_THAT(TextsOf(ReportDocument(r), Kind::kParagraph),
              testing::Contains("Draft: no section has been written yet"));
  EXPECT_EQ(ReportFileStem(r), "Draft report, Joint inspection of the treatment of older people");
}

TEST(ReportDocument, the_published_report_is_unmarked_and_dated_the_day_it_was_published) {
  DraftReport r = Sample(RecommendationKind::kRecommendation);
  r.published_on = "2027-03-10";
  const Document doc = ReportDocument(r);
  EXPECT_EQ(doc.marking, "");
  EXPECT_EQ(doc.title, "Joint inspection of the treatment of older people");
  EXPECT_THAT(AllWords(doc), testing::Not(testing::HasSubstr("official")));
  EXPECT_THAT(AllWords(doc), testing::Not(testing::HasSubstr("draft")));
  EXPECT_THAT(TextsOf(doc, Kind::kParagraph), testing::Contains("Published 10 March 2027"));
  EXPECT_EQ(ReportFileStem(r), "Joint inspection of the treatment of older people");
}

TEST(ReportDocument, R21_an_embargoed_copy_names_its_recipient_on_every_page) {
  DraftReport r = Sample(RecommendationKind::kRecommendation);
  r.published_on = "2027-03-10";
  r.embargoed_for = "Jane Smith, Ministry of Justice";
  const Document doc = ReportDocument(r);
  EXPECT_EQ(doc.marking, "EMBARGOED UNTIL PUBLICATION: copy for Jane Smith, Ministry of Justice");
  EXPECT_THAT(TextsOf(doc, Kind::kParagraph), testing::Contains("Embargoed until 10 March 2027"));
  EXPECT_THAT(AllWords(doc), testing::Not(testing::HasSubstr("draft")));
}

}  // namespace
}  // namespace jointly
