#include "domain/consultation_documents.h"

#include <algorithm>
#include <cctype>
#include <string_view>

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

// Whether the round no longer takes responses: its documents then say when
// it closed instead of inviting any.
bool Closed(const ConsultationRound& round) { return round.state == RoundState::kClosed; }

// Asking for views, in the tense of the round: "We ask your views" while
// it takes responses, "We asked for views" once it has closed.
std::string WeAsk(const ConsultationRound& round) {
  return Closed(round) ? "We asked for views" : "We ask your views";
}

void HowToRespond(Document& doc, const ConsultationPack& pack) {
  if (Closed(pack.round)) {
    doc.Add(Kind::kHeading1, "Responses");
    doc.Add(Kind::kParagraph, "This consultation " + ClosedWords(pack.round) +
                                  ". We are no longer taking responses.");
    return;
  }
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

// "There is no draft programme for 2020-21 yet", or once the round has
// closed, that there was none when it consulted.
std::string NoDraftYet(const ConsultationRound& round, const std::string& years) {
  return Closed(round) ? "There was no draft programme for " + years + " when we consulted."
                       : "There is no draft programme for " + years + " yet.";
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

void ProgrammeParts(Document& doc, const PlanDocument& programme, bool closed) {
  doc.Add(Kind::kHeading1, ProgrammeName(programme, true));
  const std::string what =
      ", part by part: each work stream with the inspectorate that leads it, the others "
      "involved and what it is about.";
  switch (programme.state) {
    case PlanState::kDraft:
      doc.Add(Kind::kParagraph, std::string(closed ? "This is the programme we proposed"
                                                   : "This is the programme we propose") +
                                    what);
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
    doc.Add(Kind::kParagraph,
            NoDraftYet(r, RoundYearsLabel(r)) + " " + WeAsk(r) + " on what it should contain.");
    return;
  }
  std::vector<const PlanDocument*> shown;
  for (int y = 0; y < r.years; ++y) {
    const std::string year = FinancialYearLabel(r.first_year + y);
    const PlanDocument* covering = Covering(pack, r.first_year + y);
    if (!covering) {
      doc.Add(Kind::kHeading1, "The programme for " + year);
      doc.Add(Kind::kParagraph,
              NoDraftYet(r, year) + " " +
                  (shown.empty() ? WeAsk(r) + " on what it should contain."
                                 : "Work streams above that run beyond " +
                                       shown.back()->year_label + " continue into it. " + WeAsk(r) +
                                       " on what else it should contain."));
      continue;
    }
    const bool second_year = covering->year_label != year;
    if (std::find(shown.begin(), shown.end(), covering) != shown.end()) {
      doc.Add(Kind::kHeading1, "The programme for " + year);
      doc.Add(Kind::kParagraph, ProgrammeName(*covering, true) + " above covers " + year +
                                    " as the second of its two years.");
      continue;
    }
    ProgrammeParts(doc, *covering, Closed(r));
    if (second_year) {
      doc.Add(Kind::kParagraph, "It covers " + year +
                                    " as the second of its two years: its work streams timed "
                                    "in " +
                                    year + " are those planned for it.");
    }
    shown.push_back(covering);
  }
}

// "Jane Smith, Ministry of Justice"; a contact whose name already says
// the organisation ("Office of the Chief Inspector, HMI Prisons") is not
// followed by it again.
std::string Named(const PackRecipient& who) {
  if (who.name.empty()) return who.organisation;
  return NameAndOrganisation(who.name, who.organisation);
}

// `lines` one under the other, with space below the last.
void Lines(Document& doc, const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size(); ++i) {
    doc.Add(i + 1 == lines.size() ? Kind::kParagraph : Kind::kLine, lines[i]);
  }
}

// Who else the letter went to: the other statutory consultees, each also
// written to, then everyone else consulted in the letters' groups. Each
// is listed once, however many consultees name the same contact.
void CopyList(Document& doc, const ConsultationPack& pack, const PackRecipient& to) {
  std::vector<std::string> listed = {Named(to)};
  auto once = [&](const PackRecipient& who, std::vector<std::string>& lines) {
    const std::string line = Named(who);
    if (std::find(listed.begin(), listed.end(), line) != listed.end()) return;
    listed.push_back(line);
    lines.push_back(line);
  };
  std::vector<std::string> others;
  for (const auto& a : pack.addressed) {
    if (&a != &to) once(a, others);
  }
  std::vector<std::pair<CopyGroup, std::vector<std::string>>> groups;
  for (CopyGroup group : kAllCopyGroups) {
    std::vector<std::string> lines;
    for (const auto& c : pack.copied) {
      if (c.group == group) once(c, lines);
    }
    if (!lines.empty()) groups.emplace_back(group, std::move(lines));
  }
  if (others.empty() && groups.empty()) return;
  doc.Add(Kind::kBold, "Copied to");
  if (!others.empty()) {
    doc.Add(Kind::kBold, "Statutory consultees");
    Lines(doc, others);
  }
  for (const auto& [group, lines] : groups) {
    doc.Add(Kind::kBold, std::string(CopyGroupLabel(group)));
    Lines(doc, lines);
  }
}

// The deadline and the ways to respond; once the round has closed, when it
// closed instead.
void LetterDeadline(Document& doc, const ConsultationPack& pack) {
  if (Closed(pack.round)) {
    doc.Add(Kind::kParagraph, "The consultation " + ClosedWords(pack.round) +
                                  ", and we are no longer taking responses.");
    return;
  }
  // The address of the form on a line of its own, so that it is never
  // broken across lines.
  doc.Add(Kind::kParagraph, "We would very much appreciate your views by " +
                                pack.round.deadline.ToLong() + ". You can respond online at:");
  doc.Add(Kind::kParagraph, pack.respond_url);
  const std::string other_ways = EmailAndPost(pack.owner);
  if (!other_ways.empty()) {
    doc.Add(Kind::kParagraph, "You can also respond " + other_ways + ".");
  }
}

// What the enclosed document holds and asks; once the round has closed,
// what it held and asked.
void LetterEnclosure(Document& doc, const ConsultationPack& pack) {
  const ConsultationRound& r = pack.round;
  const bool closed = Closed(r);
  if (!HasWorkStreams(pack)) {
    doc.Add(Kind::kParagraph,
            closed ? "We had not drawn up a programme for " + RoundYearsLabel(r) +
                         ". The enclosed consultation document asked what it should contain, "
                         "with the questions we asked."
                   : "We have not yet drawn up a programme for " + RoundYearsLabel(r) +
                         ". The enclosed consultation document asks what it should contain, "
                         "with the questions we would like you to answer.");
    return;
  }
  const PlanDocument& programme = *pack.programme;
  const std::string work =
      programme.state == PlanState::kDraft
          ? std::string(closed ? "the work we proposed for " : "the work we propose for ") +
                programme.year_label
          : "the work in " + ProgrammeName(programme);
  std::string second_year;
  if (r.years > 1) {
    second_year = closed ? " Much of the first year's work was already agreed, so we especially "
                           "sought views on our priorities for the second year."
                         : " Much of the first year's work is already agreed, so your views on "
                           "our priorities for the second year are especially welcome.";
  }
  doc.Add(Kind::kParagraph,
          closed ? "The enclosed consultation document sets out " + work +
                       ", part by part, with the questions we asked." + second_year
                 : "The enclosed consultation document sets out " + work +
                       ", part by part, with the questions we would like you to answer." +
                       second_year);
}

void Letter(Document& doc, const ConsultationPack& pack, const PackRecipient& to) {
  const ConsultationRound& r = pack.round;
  const Inspectorate& owner = pack.owner;
  std::vector<std::string> from = {owner.full_name};
  if (!owner.address.empty()) from.push_back(owner.address);
  if (!owner.website.empty()) from.push_back(owner.website);
  Lines(doc, from);
  // The address: the contact and the organisation they write from, unless
  // the contact's name already says it.
  const std::string where =
      to.contact_organisation.empty() ? to.organisation : to.contact_organisation;
  std::vector<std::string> address;
  if (!to.name.empty()) address.push_back(to.name);
  if (to.name.empty() || !HasWords(to.name, where)) address.push_back(where);
  Lines(doc, address);
  doc.Add(Kind::kParagraph, pack.date.ToDayMonthYear());
  doc.Add(Kind::kParagraph, Salutation(to) + ",");
  doc.Add(Kind::kBold, "Consultation on the joint inspection programme " + RoundYearsLabel(r));
  doc.Add(Kind::kParagraph,
          "We are required by law to consult each year on our inspection programme and "
          "framework. The requirement applies to Ministers and the other Chief Inspectors; we "
          "have widened it to those we inspect and others with an interest.");
  LetterEnclosure(doc, pack);
  LetterDeadline(doc, pack);
  if (!owner.queries_name.empty()) {
    doc.Add(Kind::kParagraph, "Please direct any queries to " + owner.queries_name +
                                  (owner.email.empty() ? "." : " at " + owner.email + "."));
  }
  // The signature is kept together on one page.
  doc.Add(Kind::kParagraph, "Yours sincerely,").KeepWithNext();
  if (!owner.head_name.empty()) {
    doc.Add(Kind::kBold, owner.head_name).KeepWithNext();
    doc.Add(Kind::kParagraph, owner.head_title.empty() ? owner.full_name : owner.head_title);
  } else {
    doc.Add(Kind::kBold, owner.full_name);
  }
  CopyList(doc, pack, to);
}

// What the joint inspection framework is and where to read it: the letter
// says we consult on it.
void Framework(Document& doc, const ConsultationPack& pack) {
  const bool closed = Closed(pack.round);
  doc.Add(Kind::kHeading1, "The joint inspection framework");
  doc.Add(
      Kind::kParagraph,
      std::string(closed ? "We consulted" : "We consult") +
          " on our joint inspection framework as well as on the programme. The "
          "framework sets out how the criminal justice inspectorates decide, plan and carry out "
          "inspections together: who inspects together, how the programme is chosen, how a joint "
          "inspection runs and how you can have your say.");
  if (!pack.framework_url.empty()) {
    doc.Add(Kind::kParagraph, "You can read the framework at:").KeepWithNext();
    doc.Add(Kind::kParagraph, pack.framework_url);
  }
  doc.Add(Kind::kParagraph, closed ? "We asked for views on the framework as well as on the "
                                     "programme, to be given with the answers to the questions "
                                     "below."
                                   : "We welcome your views on the framework as well as on the "
                                     "programme: you may give them with your answers to the "
                                     "questions below.");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> AbbreviationsUsed(
    const Document& doc, const std::map<std::string, std::string>& full_names) {
  std::map<std::string, std::string> terms = full_names;
  terms.emplace("CJ", "criminal justice");
  std::vector<std::pair<std::string, std::string>> used;
  for (const auto& [short_name, full_name] : terms) {
    if (short_name.empty() || short_name == full_name) continue;
    const bool found = std::any_of(doc.blocks.begin(), doc.blocks.end(), [&](const auto& b) {
      if (HasWords(b.text, short_name) || HasWords(b.label, short_name)) return true;
      return std::any_of(b.rows.begin(), b.rows.end(), [&](const ProgrammeRow& r) {
        return HasWords(r.subject, short_name) || HasWords(r.lead, short_name) ||
               HasWords(r.others, short_name) || HasWords(r.description, short_name);
      });
    });
    if (found) used.emplace_back(short_name, full_name);
  }
  return used;
}

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
  const Date last = LastDayForResponses(r);
  doc.footer = r.title + (Closed(r) ? ": closed on " : ": responses by ") + last.ToDayMonthYear();
  doc.Add(Kind::kTitle, r.title);
  doc.Add(Kind::kBold, "Consultation on the joint inspection programme " + RoundYearsLabel(r) +
                           ". Run by " + pack.owner.full_name +
                           (Closed(r) ? ". Opened " + r.opens_on.ToLong() + "; " + ClosedWords(r)
                                      : ". Opens " + r.opens_on.ToLong() + "; responses by " +
                                            r.deadline.ToLong()) +
                           ".");
  doc.Add(Kind::kHeading1, "Introduction");
  doc.Add(Kind::kParagraph,
          "The criminal justice inspectorates consult each year on their joint inspection "
          "programme: the relevant Ministers, the other criminal justice Chief Inspectors and the "
          "bodies the law names must be consulted, and we ask those we inspect and everyone with "
          "an interest as well. " +
              std::string(Closed(r) ? "We asked for views on the work we planned and on what we "
                                      "should prioritise."
                                    : "We want your views on the work we plan and on what we "
                                      "should prioritise."));
  const size_t after_introduction = doc.blocks.size();
  DraftProgramme(doc, pack);
  Framework(doc, pack);
  doc.Add(Kind::kHeading1, Closed(r) ? "The questions we asked" : "Consultation questions");
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
    doc.Add(Kind::kHeading1, Closed(r) ? "Who we consulted" : "Who we are consulting");
    Lines(doc, organisations);
  }
  // The short names it uses, spelt out under the introduction, before the
  // first of them is met.
  Document list;
  const auto used = AbbreviationsUsed(doc, pack.full_names);
  if (!used.empty()) {
    list.Add(Kind::kHeading2, "Abbreviations");
    std::vector<std::string> lines;
    for (const auto& [short_name, full_name] : used) lines.push_back(short_name + ": " + full_name);
    Lines(list, lines);
    doc.blocks.insert(doc.blocks.begin() + static_cast<std::ptrdiff_t>(after_introduction),
                      list.blocks.begin(), list.blocks.end());
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
  // Late is after the last day for responses: the day it closed early, if
  // it did, which the summary says.
  const std::string after = ClosedEarly(round)
                                ? "after it closed early, on " + round.closed_on.ToLong()
                                : "after " + round.deadline.ToLong();
  doc.Add(
      Kind::kParagraph,
      "We received " + Count(summary.responses, "response", "responses") + ", " +
          std::to_string(summary.late) + " of them " + after + ". " +
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
