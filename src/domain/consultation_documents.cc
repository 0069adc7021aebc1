#include "domain/consultation_documents.h"

#include "core/date.h"

namespace jointly {

namespace {

using Kind = DocumentBlock::Kind;

void HowToRespond(Document& doc, const ConsultationPack& pack) {
  doc.Add(Kind::kHeading1, "How to respond");
  doc.Add(Kind::kParagraph, "Please respond by the end of " + pack.round.deadline.ToLong() +
                                ". Answer online at " + pack.respond_url +
                                " (you need no account), or send your answers by email or post "
                                "to the joint secretariat, quoting the question numbers.");
  doc.Add(Kind::kParagraph,
          "You may answer any or all of the questions. Tell us if we may publish your response "
          "with your name and organisation; otherwise we count it in our summary but do not "
          "quote it.");
}

}  // namespace

Document ConsultationDocument(const ConsultationPack& pack) {
  const ConsultationRound& r = pack.round;
  Document doc;
  doc.title = r.title;
  doc.footer = r.title + ": responses by " + r.deadline.ToIso();
  doc.Add(Kind::kTitle, r.title);
  doc.Add(Kind::kBold, "Consultation on the joint inspection programme " + RoundYearsLabel(r) +
                           ". Run by " + pack.owner + ". Opens " + r.opens_on.ToLong() +
                           "; responses by " + r.deadline.ToLong() + ".");
  doc.Add(Kind::kHeading1, "Introduction");
  doc.Add(Kind::kParagraph,
          "The criminal justice inspectorates consult each year on their joint inspection "
          "programme: the relevant Ministers, the other criminal justice Chief Inspectors and the "
          "bodies the law names must be consulted, and we ask those we inspect and everyone with "
          "an interest as well. We want your views on the work we plan and on what we should "
          "prioritise.");
  HowToRespond(doc, pack);
  if (pack.programme) {
    doc.Add(Kind::kHeading1, "The draft programme for " + pack.programme->year_label);
    int number = 1;
    for (const auto& part : pack.programme->parts) {
      doc.Add(Kind::kHeading2, std::to_string(number++) + "  " + part.heading);
      if (part.rows.empty()) {
        doc.Add(Kind::kParagraph, "No work streams in this part.");
      } else {
        doc.Table(part.rows);
      }
    }
  }
  doc.Add(Kind::kHeading1, "Consultation questions");
  int question = 1;
  for (const auto& s : r.sections) {
    doc.Add(Kind::kHeading2, s.title);
    for (const auto& q : s.questions) {
      doc.Add(Kind::kNumbered, q, "Question " + std::to_string(question++));
    }
  }
  if (!pack.addressed.empty() || !pack.copied.empty()) {
    doc.Add(Kind::kHeading1, "Who we are consulting");
    for (const auto& a : pack.addressed) doc.Add(Kind::kParagraph, a);
    for (const auto& c : pack.copied) doc.Add(Kind::kParagraph, c);
  }
  return doc;
}

Document CoveringLetter(const ConsultationPack& pack) {
  const ConsultationRound& r = pack.round;
  Document doc;
  doc.title = "Letter: " + r.title;
  doc.footer = pack.owner;
  doc.Add(Kind::kBold, pack.owner);
  for (const auto& a : pack.addressed) doc.Add(Kind::kParagraph, a);
  doc.Add(Kind::kParagraph, pack.date.ToLong());
  doc.Add(Kind::kBold, "Consultation on the joint inspection programme " + RoundYearsLabel(r));
  doc.Add(Kind::kParagraph,
          "We are required by law to consult each year on our inspection programme and "
          "framework. The requirement applies to Ministers and the other Chief Inspectors; we "
          "have widened it to those we inspect and others with an interest.");
  doc.Add(Kind::kParagraph,
          std::string("The enclosed consultation document sets out the work we propose for ") +
              RoundYearsLabel(r) +
              (r.years > 1 ? ". Much of the first year's work is already agreed, so your views on "
                             "our priorities for the second year are especially welcome."
                           : ". We would welcome your views on it and on our priorities."));
  doc.Add(Kind::kParagraph, "We would very much appreciate your views by " + r.deadline.ToLong() +
                                ". You can respond online at " + pack.respond_url +
                                ", or by email or post to the joint secretariat.");
  doc.Add(Kind::kParagraph, "Yours sincerely,");
  doc.Add(Kind::kParagraph, pack.owner);
  if (!pack.copied.empty()) {
    doc.Add(Kind::kBold, "Copied to");
    for (const auto& c : pack.copied) doc.Add(Kind::kParagraph, c);
  }
  return doc;
}

Document SummaryDocument(const ConsultationRound& round, const ResponseSummary& summary) {
  Document doc;
  doc.title = "Summary of responses: " + round.title;
  doc.footer = doc.title;
  doc.Add(Kind::kTitle, "Summary of responses: you said, we did");
  doc.Add(Kind::kBold, round.title);
  doc.Add(Kind::kParagraph,
          "We received " + std::to_string(summary.responses) + " responses, " +
              std::to_string(summary.late) + " of them after " + round.deadline.ToLong() + ". " +
              std::to_string(summary.not_quoted) +
              " respondents did not agree to publication: their answers are counted but not "
              "quoted.");
  for (const auto& q : summary.questions) {
    doc.Add(Kind::kHeading2, std::to_string(q.number) + ". " + q.text);
    doc.Add(Kind::kParagraph, q.section + ": " + std::to_string(q.answers) + " answers");
    for (const auto& said : q.said) {
      doc.Add(Kind::kNumbered, said.text, "You said (" + said.who + ")");
      doc.Add(Kind::kNumbered, said.our_response, "We did");
    }
  }
  return doc;
}

}  // namespace jointly
