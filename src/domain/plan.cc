#include "domain/plan.h"

#include "core/clock.h"
#include "core/enum_ids.h"
#include "core/text.h"

namespace jointly {

std::string_view PlanStateId(PlanState state) {
  switch (state) {
    case PlanState::kDraft:
      return "draft";
    case PlanState::kAgreed:
      return "agreed";
    case PlanState::kWithMinisters:
      return "with_ministers";
    case PlanState::kPublished:
      return "published";
  }
  return "";
}

std::string_view PlanStateLabel(PlanState state) {
  switch (state) {
    case PlanState::kDraft:
      return "Draft";
    case PlanState::kAgreed:
      return "Agreed by every inspectorate";
    case PlanState::kWithMinisters:
      return "With CJ Ministers for comment";
    case PlanState::kPublished:
      return "Published";
  }
  return "";
}

std::optional<PlanState> ParsePlanState(std::string_view id) {
  constexpr PlanState kAll[] = {PlanState::kDraft, PlanState::kAgreed, PlanState::kWithMinisters,
                                PlanState::kPublished};
  return ParseById(id, kAll, PlanStateId);
}

namespace {

void CheckText(Validation& v, const char* field, const std::string& text, size_t max, bool required,
               const char* what) {
  if (!IsValidUtf8(text) || HasControlCharacters(text)) {
    v.Add(field, "text", std::string("Remove unusual characters from ") + what);
  } else if (required && Trim(text).empty()) {
    v.Add(field, "required", std::string("Enter ") + what);
  } else if (Utf8Length(text) > max) {
    v.Add(field, "max-length", TooLongMessage(what, max, text));
  }
}

}  // namespace

std::optional<std::string> ContinuesFrom(const Plan& plan, const PlanItem& item) {
  if (item.start_quarter >= plan.horizon_start()) return std::nullopt;
  return FinancialYearLabel(FinancialYearOf(item.start_quarter));
}

ProgrammePart PartInPlan(const Plan& plan, const PlanItem& item, const Proposal& proposal) {
  return ContinuesFrom(plan, item) ? ProgrammePart::kContinuingCommitments : proposal.part;
}

std::string ItemTiming(const Plan& plan, const PlanItem& item, const Proposal& proposal) {
  const int last = item.start_quarter + proposal.duration_quarters - 1;
  std::string timing = QuarterLabel(item.start_quarter);
  if (last > item.start_quarter) timing += " to " + QuarterLabel(last);
  if (auto from = ContinuesFrom(plan, item)) timing += " (continues from " + *from + ")";
  return timing;
}

std::string_view ProgrammeStateWord(PlanState state) {
  switch (state) {
    case PlanState::kDraft:
      return "draft";
    case PlanState::kAgreed:
    case PlanState::kWithMinisters:
      return "agreed";
    case PlanState::kPublished:
      return "published";
  }
  return "draft";
}

Status ValidatePlan(const Plan& p) {
  Validation v;
  if (p.first_year < 2000 || p.first_year > 2098) {
    v.Add("first_year", "range", "The plan's year must be from 2000 to 2098");
  }
  CheckText(v, "introduction", p.introduction, 20000, false, "the introduction");
  CheckText(v, "context", p.context, 20000, false, "the context");
  CheckText(v, "victim_waiver", p.victim_waiver, 2000, false, "the waiver");
  if (p.min_process_coverage < 0 || p.min_process_coverage > 10) {
    v.Add("min_process_coverage", "range", "Coverage per process must be from 0 to 10");
  }
  for (const auto& [inspectorate, days] : p.capacity) {
    if (days < 0 || days > 100000) {
      v.Add("capacity." + std::to_string(inspectorate), "range",
            "Capacity must be from 0 to 100,000 inspector-days a quarter");
    }
  }
  return v.Finish();
}

Status ValidateMinisterComment(const MinisterComment& c, Date today) {
  Validation v;
  CheckText(v, "minister", c.minister, 200, true, "the Minister");
  if (!c.received_on.ok()) {
    v.Add("received_on", "date", "Enter the date received as a real date, YYYY-MM-DD");
  } else if (today.ok() && today < c.received_on) {
    v.Add("received_on", "not-in-future", "The date it was received must be today or in the past");
  }
  CheckText(v, "comment", c.comment, 10000, true, "the comment");
  CheckText(v, "response", c.response, 10000, false, "the response");
  return v.Finish();
}

Status CheckReceivedAfterSent(const MinisterComment& c, Date sent_on) {
  Validation v;
  if (c.received_on.ok() && sent_on.ok() && c.received_on < sent_on) {
    v.Add("received_on", "received-after-sent",
          "Date received must be " + ReceivedFromWords(sent_on, kSentToMinisters));
  }
  return v.Finish();
}

std::string ReceivedFromWords(Date earliest, const std::string& since) {
  return "on or after " + earliest.ToDayMonthYear() + ", " + since;
}

std::string ReceivedFromHint(Date earliest, const std::string& since) {
  if (!earliest.ok()) return "";
  std::string words = ReceivedFromWords(earliest, since);
  words[0] = 'O';
  return words + ", and not after today. For example, " + std::to_string(earliest.day()) + " " +
         std::to_string(earliest.month()) + " " + std::to_string(earliest.year());
}

Status ValidateCommentResponse(const std::string& response) {
  Validation v;
  CheckText(v, "response", response, 10000, true, "the response");
  return v.Finish();
}

Status CanAnswerComment(const Plan& plan) {
  if (plan.state == PlanState::kPublished) {
    return FailedPrecondition(
        "The plan is published, and the responses to Ministers' comments were published with "
        "it; they can no longer be changed",
        "published-plan-frozen");
  }
  return OkStatus();
}

namespace {

// "The 2017-18 business plan was published on 1 December 2026"
std::string PublishedWords(const Plan& plan, Date published_on) {
  std::string out = "The " + plan.label() + " business plan was published";
  if (published_on.ok()) out += " on " + published_on.ToDayMonthYear();
  return out;
}

// What to do instead of changing a published plan.
std::string InsteadWords(const Plan& plan) {
  return "plan further work in the " + FinancialYearLabel(plan.first_year + 1) + " business plan";
}

bool SameParticipants(const Proposal& a, const Proposal& b) {
  if (a.participants.size() != b.participants.size()) return false;
  for (size_t i = 0; i < a.participants.size(); ++i) {
    if (a.participants[i].inspectorate_id != b.participants[i].inspectorate_id ||
        a.participants[i].involvement != b.participants[i].involvement) {
      return false;
    }
  }
  return true;
}

}  // namespace

Status CheckPlanMayChange(const Plan& plan, Date published_on) {
  if (plan.state != PlanState::kPublished) return OkStatus();
  return FailedPrecondition(
      PublishedWords(plan, published_on) + " and cannot change; " + InsteadWords(plan),
      "published-plan-frozen");
}

const std::vector<std::string_view>& PublishedProposalFields() {
  static const std::vector<std::string_view> fields = {
      "title", "summary", "type", "part", "duration_quarters", "participants"};
  return fields;
}

std::string HeldByPublishedPlanWords(const Plan& plan, Date published_on) {
  std::vector<std::string> labels;
  for (std::string_view field : PublishedProposalFields()) {
    labels.push_back(InSentence(ProposalFieldLabel(field)));
  }
  std::string out = CheckPlanMayChange(plan, published_on).message() +
                    ". This proposal is in its programme: its ";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i > 0) out += i + 1 == labels.size() ? " and " : ", ";
    out += labels[i];
  }
  return out + " cannot change, and its other details can still be edited.";
}

Status CheckPublishedProposalKept(const Plan& plan, Date published_on, const Proposal& before,
                                  const Proposal& changed) {
  if (plan.state != PlanState::kPublished) return OkStatus();
  const std::map<std::string_view, bool> differs = {
      {"title", before.title != changed.title},
      {"summary", before.summary != changed.summary},
      {"type", before.type != changed.type},
      {"part", before.part != changed.part},
      {"duration_quarters", before.duration_quarters != changed.duration_quarters},
      {"participants", !SameParticipants(before, changed)},
  };
  const std::string why = PublishedWords(plan, published_on) + " with this proposal's ";
  Status s = FailedPrecondition(
      why + "details, which cannot change now; " + InsteadWords(plan) + ", as a new proposal",
      "published-plan-frozen");
  bool any = false;
  for (std::string_view field : PublishedProposalFields()) {
    if (!differs.at(field)) continue;
    any = true;
    s.AddFieldError(std::string(field), "published-plan-frozen",
                    std::string(ProposalFieldLabel(field)) + " is in the " + plan.label() +
                        " business plan, published, and cannot change");
  }
  return any ? s : OkStatus();
}

Status CanSendToMinisters(const Plan& plan) {
  if (plan.state != PlanState::kAgreed) {
    return FailedPrecondition(
        "Every CJ inspectorate must agree the draft programme before it goes to CJ Ministers "
        "(this plan is " +
            InSentence(PlanStateLabel(plan.state)) + ")",
        "R8");
  }
  return OkStatus();
}

Status CanPublish(const Plan& plan, const std::vector<MinisterComment>& comments) {
  if (plan.state != PlanState::kWithMinisters) {
    return FailedPrecondition(
        "The draft programme must go to CJ Ministers for final comments before it is published "
        "(this plan is " +
            InSentence(PlanStateLabel(plan.state)) + ")",
        "R8");
  }
  int unanswered = 0;
  for (const auto& c : comments) unanswered += Trim(c.response).empty();
  if (unanswered > 0) {
    return FailedPrecondition(std::to_string(unanswered) + " of the Ministers' comments " +
                                  (unanswered == 1 ? "has" : "have") +
                                  " no response yet; record the response to each before publishing",
                              "R8");
  }
  return OkStatus();
}

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (const auto& line : Split(text, '\n')) {
    const std::string_view t = Trim(line);
    if (t.empty()) {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      if (!current.empty()) current += ' ';
      current += t;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

namespace {

constexpr size_t kMaxHeadingChars = 100;

bool IsHeading(const std::string& paragraph, bool one_line) {
  if (!one_line || paragraph.empty() || Utf8Length(paragraph) > kMaxHeadingChars) return false;
  return std::string_view(".!?:;,").find(paragraph.back()) == std::string_view::npos;
}

}  // namespace

std::vector<PlanDocument::Section> ContextSections(const std::string& text) {
  std::vector<PlanDocument::Section> out;
  std::string current;
  int lines = 0;
  auto flush = [&] {
    if (current.empty()) return;
    if (IsHeading(current, lines == 1)) {
      out.push_back({current, {}});
    } else {
      if (out.empty()) out.push_back({"The context to our programme", {}});
      out.back().paragraphs.push_back(current);
    }
    current.clear();
    lines = 0;
  };
  for (const auto& line : Split(text, '\n')) {
    const std::string_view t = Trim(line);
    if (t.empty()) {
      flush();
      continue;
    }
    if (!current.empty()) current += ' ';
    current += t;
    ++lines;
  }
  flush();
  return out;
}

namespace {

using Kind = DocumentBlock::Kind;

std::string Numbered(int n, const std::string& heading) {
  return std::to_string(n) + "  " + heading;
}

void Contents(Document& doc, const PlanDocument& plan) {
  doc.Add(Kind::kHeading1, "Contents");
  doc.Add(Kind::kContents, "Introduction");
  doc.Add(Kind::kContents, "A  The context to our programme");
  int n = 1;
  for (const auto& section : plan.context) {
    doc.Add(Kind::kContents, section.heading, std::to_string(n++));
  }
  doc.Add(Kind::kContents, "B  Our programme for " + plan.year_label);
  for (const auto& part : plan.parts) doc.Add(Kind::kContents, part.heading, std::to_string(n++));
  doc.Add(Kind::kContents, "Annex A  The ten principles of public sector inspection");
  doc.Add(Kind::kContents, "To contact us");
}

void ContactPage(Document& doc, const PlanDocument& plan) {
  doc.Add(Kind::kHeading1, "To contact us");
  if (!plan.joint_website.empty()) doc.Add(Kind::kNumbered, plan.joint_website, "Joint website");
  if (!plan.secretariat.address.empty()) {
    doc.Add(Kind::kNumbered, plan.secretariat.address, plan.secretariat.name);
  }
  if (plan.inspectorates.empty()) return;
  doc.Add(Kind::kHeading2, "The inspectorates");
  for (const auto& i : plan.inspectorates) {
    doc.Add(Kind::kBold, i.name);
    if (!i.address.empty()) doc.Add(Kind::kParagraph, i.address);
    if (!i.website.empty()) doc.Add(Kind::kParagraph, i.website);
  }
}

}  // namespace

Document ToDocument(const PlanDocument& plan) {
  Document doc;
  doc.title = plan.title;
  doc.footer = plan.title + (plan.draft ? " (draft)" : "");
  doc.Add(Kind::kTitle, plan.title);
  if (plan.draft) {
    doc.Add(Kind::kDraft, "DRAFT");
    if (!plan.status_line.empty() && plan.status_line != "Draft") {
      doc.Add(Kind::kNote, "Where it stands: " + plan.status_line);
    }
  }
  Contents(doc, plan);
  doc.Add(Kind::kPageBreak, "");
  doc.Add(Kind::kHeading1, "Introduction");
  // What is not written yet is said so, not left blank.
  if (plan.introduction.empty()) {
    doc.Add(Kind::kNote,
            "The introduction to the plan for " + plan.year_label + " has not been written yet.");
  }
  for (const auto& p : plan.introduction) doc.Add(Kind::kParagraph, p);
  if (plan.chief_inspectors.empty()) {
    doc.Add(Kind::kNote,
            "The Chief Inspectors who sign this plan are not recorded yet: they are the "
            "current members of the Criminal Justice Chief Inspectors' Group.");
  }
  for (const auto& chief : plan.chief_inspectors) {
    doc.Add(Kind::kBold, chief.name);
    doc.Add(Kind::kParagraph, chief.title);
  }
  doc.Add(Kind::kPageBreak, "");
  doc.Add(Kind::kHeading1, "A  The context to our programme");
  int number = 1;
  for (const auto& section : plan.context) {
    doc.Add(Kind::kHeading2, Numbered(number, section.heading));
    int point = 1;
    for (const auto& p : section.paragraphs) {
      doc.Add(Kind::kPoint, p, std::to_string(number) + "." + std::to_string(point++));
    }
    // The landscape's notes (an inspectorate that has closed) are numbered
    // as its points are.
    if (number == 1) {
      for (const auto& note : plan.notes) {
        doc.Add(Kind::kPoint, note, std::to_string(number) + "." + std::to_string(point++));
      }
    }
    ++number;
  }
  if (plan.context.empty()) {
    doc.Add(Kind::kNote,
            "The context to the programme for " + plan.year_label + " has not been written yet.");
    for (const auto& note : plan.notes) doc.Add(Kind::kNote, note);
  }
  doc.Add(Kind::kHeading1, "B  Our programme for " + plan.year_label);
  for (const auto& part : plan.parts) {
    doc.Add(Kind::kHeading2, Numbered(number, part.heading));
    doc.Add(Kind::kPoint, part.intro, std::to_string(number) + ".1");
    if (part.rows.empty()) {
      doc.Add(Kind::kParagraph, "No work streams in this part.");
    } else {
      doc.Table(part.rows, part.lead_header);
    }
    ++number;
  }
  doc.Add(Kind::kPageBreak, "");
  doc.Add(Kind::kHeading1, "Annex A  The ten principles of public sector inspection");
  int n = 1;
  for (const auto& [name, text] : plan.principles) {
    doc.Add(Kind::kNumbered, text, std::to_string(n++) + ". " + name);
  }
  doc.Add(Kind::kPageBreak, "");
  ContactPage(doc, plan);
  return doc;
}

}  // namespace jointly
