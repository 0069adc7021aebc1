#include "domain/consultation_documents.h"

#include <algorithm>

#include "core/date.h"
#include "core/text.h"

namespace jointly {

namespace {

using Kind = DocumentBlock::Kind;

// "an email to x@y, or a letter to Org, address": the ways the owner can
// be reached, as far as the directory knows them.
std::string EmailAndPost(const Inspectorate& owner) {
  std::string out;
  if (!owner.email.empty()) out += "by email to " + owner.email;
  if (!owner.address.empty()) {
    if (!out.empty()) out += ", or ";
    out += "by post to " + owner.full_name + ", " + owner.address;
  }
  return out;
}

void HowToRespond(Document& doc, const ConsultationPack& pack) {
  doc.Add(Kind::kHeading1, "How to respond");
  doc.Add(Kind::kParagraph, "Please respond by the end of " + pack.round.deadline.ToLong() + ".");
  doc.Add(Kind::kNumbered, pack.respond_url + " (you need no account)", "Online");
  if (!pack.owner.email.empty()) {
    doc.Add(Kind::kNumbered, pack.owner.email + ", quoting the question numbers", "By email");
  }
  if (!pack.owner.address.empty()) {
    doc.Add(Kind::kNumbered, pack.owner.full_name + ", " + pack.owner.address, "By post");
  }
  doc.Add(Kind::kParagraph,
          "You may answer any or all of the questions. Tell us if we may publish your response "
          "with your name and organisation; otherwise we count it in our summary but do not "
          "quote it.");
}

bool HasRows(const PlanDocument& programme) {
  for (const auto& part : programme.parts) {
    if (!part.rows.empty()) return true;
  }
  return false;
}

bool HasWorkStreams(const ConsultationPack& pack) {
  return pack.programme && HasRows(*pack.programme);
}

// "the published programme for 2017-18": a programme by its state.
std::string ProgrammeName(const PlanDocument& programme, bool capital = false) {
  return (capital ? "The " : "the ") + std::string(ProgrammeStateWord(programme.state)) +
         " programme for " + programme.year_label;
}

// The programme with work streams that covers `year`: the plan for that
// year, or else the one whose rolling two years reach it (R6).
const PlanDocument* Covering(const ConsultationPack& pack, int year) {
  const PlanDocument* best = nullptr;
  auto consider = [&](const PlanDocument& p) {
    if (!HasRows(p) || p.first_year > year || p.first_year + 1 < year) return;
    if (!best || p.first_year > best->first_year) best = &p;
  };
  if (pack.programme) consider(*pack.programme);
  for (const auto& p : pack.later) consider(p);
  return best;
}

void ProgrammeParts(Document& doc, const PlanDocument& programme) {
  doc.Add(Kind::kHeading1, ProgrammeName(programme, true));
  const std::string what =
      ", part by part: each work stream with the inspectorate that leads it, the others "
      "involved and what it is about.";
  switch (programme.state) {
    case PlanState::kDraft:
      doc.Add(Kind::kParagraph, "This is the programme we propose" + what);
      break;
    case PlanState::kAgreed:
    case PlanState::kWithMinisters:
      doc.Add(Kind::kParagraph, "This is the programme every inspectorate has agreed" + what);
      break;
    case PlanState::kPublished:
      doc.Add(Kind::kParagraph, "This is the programme we have published" + what);
      break;
  }
  int number = 1;
  for (const auto& part : programme.parts) {
    doc.Add(Kind::kHeading2, std::to_string(number++) + "  " + part.heading);
    if (part.rows.empty()) {
      doc.Add(Kind::kParagraph, "No work streams in this part.");
    } else {
      doc.Table(part.rows, part.lead_header);
    }
  }
}

// The programme for each year the round consults on, each named by its
// state (draft, agreed or published); a year no plan covers is said to
// have none, so the document never claims what it does not hold.
void DraftProgramme(Document& doc, const ConsultationPack& pack) {
  const ConsultationRound& r = pack.round;
  bool any = false;
  for (int y = 0; y < r.years; ++y) any = any || Covering(pack, r.first_year + y);
  if (!any) {
    doc.Add(Kind::kHeading1, "The programme");
    doc.Add(Kind::kParagraph, "There is no draft programme for " + RoundYearsLabel(r) +
                                  " yet. We ask your views on what it should contain.");
    return;
  }
  std::vector<const PlanDocument*> shown;
  for (int y = 0; y < r.years; ++y) {
    const std::string year = FinancialYearLabel(r.first_year + y);
    const PlanDocument* covering = Covering(pack, r.first_year + y);
    if (!covering) {
      doc.Add(Kind::kHeading1, "The programme for " + year);
      doc.Add(
          Kind::kParagraph,
          "There is no draft programme for " + year + " yet." +
              (shown.empty() ? " We ask your views on what it should contain."
                             : " Work streams above that run beyond " + shown.back()->year_label +
                                   " continue into it; we ask your views on what else it "
                                   "should contain."));
      continue;
    }
    const bool second_year = covering->year_label != year;
    if (std::find(shown.begin(), shown.end(), covering) != shown.end()) {
      doc.Add(Kind::kHeading1, "The programme for " + year);
      doc.Add(Kind::kParagraph, ProgrammeName(*covering, true) + " above covers " + year +
                                    " as the second of its two years.");
      continue;
    }
    ProgrammeParts(doc, *covering);
    if (second_year) {
      doc.Add(Kind::kParagraph, "It covers " + year +
                                    " as the second of its two years: its work streams timed "
                                    "in " +
                                    year + " are those planned for it.");
    }
    shown.push_back(covering);
  }
}

std::string Named(const PackRecipient& who) {
  return who.name.empty() ? who.organisation : who.name + ", " + who.organisation;
}

// Who else the letter went to: the other statutory consultees, each also
// written to, then everyone else consulted in the letters' groups.
void CopyList(Document& doc, const ConsultationPack& pack, const PackRecipient& to) {
  std::vector<const PackRecipient*> others;
  for (const auto& a : pack.addressed) {
    if (&a != &to) others.push_back(&a);
  }
  if (others.empty() && pack.copied.empty()) return;
  doc.Add(Kind::kBold, "Copied to");
  if (!others.empty()) {
    doc.Add(Kind::kBold, "Statutory consultees");
    for (const auto* a : others) doc.Add(Kind::kParagraph, Named(*a));
  }
  const auto& copied = pack.copied;
  for (CopyGroup group : kAllCopyGroups) {
    bool heading = false;
    for (const auto& c : copied) {
      if (c.group != group) continue;
      if (!heading) doc.Add(Kind::kBold, std::string(CopyGroupLabel(group)));
      heading = true;
      doc.Add(Kind::kParagraph, Named(c));
    }
  }
}

void Letter(Document& doc, const ConsultationPack& pack, const PackRecipient& to) {
  const ConsultationRound& r = pack.round;
  const Inspectorate& owner = pack.owner;
  doc.Add(Kind::kBold, owner.full_name);
  if (!owner.address.empty()) doc.Add(Kind::kParagraph, owner.address);
  if (!owner.website.empty()) doc.Add(Kind::kParagraph, owner.website);
  // The address: the contact and the organisation they write from.
  if (!to.name.empty()) doc.Add(Kind::kParagraph, to.name);
  doc.Add(Kind::kParagraph,
          to.contact_organisation.empty() ? to.organisation : to.contact_organisation);
  doc.Add(Kind::kParagraph, pack.date.ToDayMonthYear());
  doc.Add(Kind::kParagraph, Salutation(to) + ",");
  doc.Add(Kind::kBold, "Consultation on the joint inspection programme " + RoundYearsLabel(r));
  doc.Add(Kind::kParagraph,
          "We are required by law to consult each year on our inspection programme and "
          "framework. The requirement applies to Ministers and the other Chief Inspectors; we "
          "have widened it to those we inspect and others with an interest.");
  if (HasWorkStreams(pack)) {
    const PlanDocument& programme = *pack.programme;
    doc.Add(Kind::kParagraph,
            "The enclosed consultation document sets out " +
                (programme.state == PlanState::kDraft
                     ? "the work we propose for " + programme.year_label
                     : "the work in " + ProgrammeName(programme)) +
                ", part by part, with the questions we would like "
                "you to answer." +
                (r.years > 1 ? " Much of the first year's work is already agreed, so your views "
                               "on our priorities for the second year are especially welcome."
                             : ""));
  } else {
    doc.Add(Kind::kParagraph,
            "We have not yet drawn up a programme for " + RoundYearsLabel(r) +
                ". The enclosed consultation document asks what it should contain, with the "
                "questions we would like you to answer.");
  }
  // The address of the form on a line of its own, so that it is never
  // broken across lines.
  doc.Add(Kind::kParagraph, "We would very much appreciate your views by " + r.deadline.ToLong() +
                                ". You can respond online at:");
  doc.Add(Kind::kParagraph, pack.respond_url);
  const std::string other_ways = EmailAndPost(owner);
  if (!other_ways.empty()) {
    doc.Add(Kind::kParagraph, "You can also respond " + other_ways + ".");
  }
  if (!owner.queries_name.empty()) {
    doc.Add(Kind::kParagraph, "Please direct any queries to " + owner.queries_name +
                                  (owner.email.empty() ? "." : " at " + owner.email + "."));
  }
  doc.Add(Kind::kParagraph, "Yours sincerely,");
  if (!owner.head_name.empty()) {
    doc.Add(Kind::kBold, owner.head_name);
    doc.Add(Kind::kParagraph, owner.head_title.empty() ? owner.full_name : owner.head_title);
  } else {
    doc.Add(Kind::kBold, owner.full_name);
  }
  CopyList(doc, pack, to);
}

}  // namespace

std::vector<std::string> PackGaps(const Inspectorate& owner) {
  std::vector<std::string> gaps;
  if (owner.head_name.empty()) {
    gaps.push_back("The letters will be signed by " + owner.full_name +
                   " alone, with no person's name: the directory names no head.");
  }
  if (owner.email.empty()) {
    gaps.push_back(
        "Consultees will not be told how to respond by email: the directory has no email "
        "address.");
  }
  if (owner.address.empty()) {
    gaps.push_back(
        "Consultees will not be told how to respond by post: the directory has no address.");
  }
  if (owner.queries_name.empty()) {
    gaps.push_back("The letters will name no one for queries: the directory names no one.");
  }
  return gaps;
}

namespace {

// "Ms Pat Smith" -> "Ms Smith"; "Sir Thomas Winsor" -> "Sir Thomas"; a name
// without a title -> nothing.
std::string TitledGreeting(const std::string& name) {
  std::vector<std::string> words;
  for (size_t at = 0; at < name.size();) {
    const size_t space = name.find(' ', at);
    const size_t end = space == std::string::npos ? name.size() : space;
    if (end > at) words.push_back(name.substr(at, end - at));
    at = end + 1;
  }
  if (words.size() < 2) return "";
  std::string title = words[0];
  if (!title.empty() && title.back() == '.') title.pop_back();
  for (const char* t : {"Sir", "Dame", "Lord", "Lady", "Baroness"}) {
    if (title == t) return title + " " + words[1];
  }
  for (const char* t : {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Professor", "Prof"}) {
    if (title == t) return title + " " + words.back();
  }
  return "";
}

}  // namespace

std::string Salutation(const PackRecipient& to) {
  if (std::string titled = TitledGreeting(to.name); !titled.empty()) return "Dear " + titled;
  switch (to.category) {
    case ConsulteeCategory::kMinister:
      return "Dear Minister";
    case ConsulteeCategory::kCjChiefInspector:
    case ConsulteeCategory::kOfstedChiefInspector:
      return "Dear Chief Inspector";
    case ConsulteeCategory::kCqc:
    case ConsulteeCategory::kHiw:
      return "Dear Chief Executive";
    case ConsulteeCategory::kAuditorGeneralForWales:
      return "Dear Auditor General";
    case ConsulteeCategory::kSpecifiedByMinisters:
    case ConsulteeCategory::kStakeholder:
      break;
  }
  // Someone named without a title is greeted by their first name.
  if (const size_t space = to.name.find(' '); !to.name.empty()) {
    return "Dear " + to.name.substr(0, space);
  }
  return "Dear colleague";
}

Document ConsultationDocument(const ConsultationPack& pack) {
  const ConsultationRound& r = pack.round;
  Document doc;
  doc.title = r.title;
  doc.footer = r.title + ": responses by " + r.deadline.ToDayMonthYear();
  doc.Add(Kind::kTitle, r.title);
  doc.Add(Kind::kBold, "Consultation on the joint inspection programme " + RoundYearsLabel(r) +
                           ". Run by " + pack.owner.full_name + ". Opens " + r.opens_on.ToLong() +
                           "; responses by " + r.deadline.ToLong() + ".");
  doc.Add(Kind::kHeading1, "Introduction");
  doc.Add(Kind::kParagraph,
          "The criminal justice inspectorates consult each year on their joint inspection "
          "programme: the relevant Ministers, the other criminal justice Chief Inspectors and the "
          "bodies the law names must be consulted, and we ask those we inspect and everyone with "
          "an interest as well. We want your views on the work we plan and on what we should "
          "prioritise.");
  DraftProgramme(doc, pack);
  doc.Add(Kind::kHeading1, "Consultation questions");
  int question = 1;
  for (const auto& s : r.sections) {
    doc.Add(Kind::kHeading2, s.title);
    for (const auto& q : s.questions) {
      doc.Add(Kind::kNumbered, q, "Question " + std::to_string(question++));
    }
  }
  HowToRespond(doc, pack);
  // Organisations only: the document is public, people's names are not.
  std::vector<std::string> organisations;
  for (const auto* list : {&pack.addressed, &pack.copied}) {
    for (const auto& who : *list) {
      if (std::find(organisations.begin(), organisations.end(), who.organisation) ==
          organisations.end()) {
        organisations.push_back(who.organisation);
      }
    }
  }
  if (!organisations.empty()) {
    doc.Add(Kind::kHeading1, "Who we are consulting");
    for (const auto& o : organisations) doc.Add(Kind::kParagraph, o);
  }
  return doc;
}

Document CoveringLetter(const ConsultationPack& pack) {
  Document doc;
  doc.title = "Letters: " + pack.round.title;
  doc.footer = pack.owner.full_name;
  doc.pages_by_part = true;  // each letter's pages are numbered afresh
  bool first = true;
  for (const auto& to : pack.addressed) {
    if (!first) doc.Add(Kind::kPageBreak, "");
    first = false;
    Letter(doc, pack, to);
  }
  if (first) {
    // No statutory consultee left to write to: one letter to all consulted.
    PackRecipient everyone;
    everyone.organisation = "Those consulted";
    Letter(doc, pack, everyone);
  }
  return doc;
}

Document SummaryDocument(const ConsultationRound& round, const ResponseSummary& summary) {
  Document doc;
  doc.title = "Summary of responses: " + round.title;
  doc.footer = doc.title;
  doc.Add(Kind::kTitle, "Summary of responses: you said, we did");
  doc.Add(Kind::kBold, round.title);
  doc.Add(
      Kind::kParagraph,
      "We received " + Count(summary.responses, "response", "responses") + ", " +
          std::to_string(summary.late) + " of them after " + round.deadline.ToLong() + ". " +
          (summary.not_quoted == 0
               ? std::string("Every respondent agreed to publication.")
               : Count(summary.not_quoted, "respondent", "respondents") +
                     " did not agree to publication: their answers are counted but not quoted."));
  for (const auto& q : summary.questions) {
    doc.Add(Kind::kHeading2, std::to_string(q.number) + ". " + q.text);
    doc.Add(Kind::kParagraph, q.section + ": " + Count(q.answers, "answer", "answers"));
    for (const auto& said : q.said) {
      doc.Add(Kind::kNumbered, said.text, "You said (" + said.who + ")");
    }
    for (const auto& did : q.we_did) doc.Add(Kind::kNumbered, did, "What we did");
  }
  return doc;
}

}  // namespace jointly
