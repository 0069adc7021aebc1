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
    v.Add(field, "max-length",
          std::string("Shorten ") + what + " to " + std::to_string(max) + " characters or fewer");
  }
}

}  // namespace

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

Status ValidateMinisterComment(const MinisterComment& c) {
  Validation v;
  CheckText(v, "minister", c.minister, 200, true, "the Minister");
  if (!c.received_on.ok())
    v.Add("received_on", "date", "Enter the date received as a real date, YYYY-MM-DD");
  CheckText(v, "comment", c.comment, 10000, true, "the comment");
  CheckText(v, "response", c.response, 10000, false, "the response");
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

Status CanSendToMinisters(const Plan& plan) {
  if (plan.state != PlanState::kAgreed) {
    return FailedPrecondition(
        "Every CJ inspectorate must agree the draft programme before it goes to CJ Ministers "
        "(this plan is: " +
            std::string(PlanStateLabel(plan.state)) + ")",
        "R8");
  }
  return OkStatus();
}

Status CanPublish(const Plan& plan, const std::vector<MinisterComment>& comments) {
  if (plan.state != PlanState::kWithMinisters) {
    return FailedPrecondition(
        "The draft programme must go to CJ Ministers for final comments before it is published "
        "(this plan is: " +
            std::string(PlanStateLabel(plan.state)) + ")",
        "R8");
  }
  int unanswered = 0;
  for (const auto& c : comments) unanswered += Trim(c.response).empty();
  if (unanswered > 0) {
    return FailedPrecondition(std::to_string(unanswered) +
                                  " of the Ministers' comments have no response yet; record "
                                  "the response to each before publishing",
                              "R8");
  }
  return OkStatus();
}

Document ToDocument(const PlanDocument& plan) {
  using Kind = DocumentBlock::Kind;
  Document doc;
  doc.title = plan.title;
  doc.footer = plan.title + (plan.draft ? " (DRAFT)" : "");
  doc.Add(Kind::kTitle, plan.title);
  if (plan.draft) doc.Add(Kind::kDraft, "DRAFT: " + plan.status_line);
  doc.Add(Kind::kHeading1, "Introduction");
  for (const auto& p : plan.introduction) doc.Add(Kind::kParagraph, p);
  doc.Add(Kind::kHeading1, "A  The context to our programme");
  for (const auto& p : plan.context) doc.Add(Kind::kParagraph, p);
  doc.Add(Kind::kHeading1, "B  Our programme for " + plan.year_label);
  int number = 1;
  for (const auto& part : plan.parts) {
    doc.Add(Kind::kHeading2, std::to_string(number++) + "  " + part.heading);
    doc.Add(Kind::kParagraph, part.intro);
    if (part.rows.empty()) {
      doc.Add(Kind::kParagraph, "No work streams in this part.");
    } else {
      doc.Table(part.rows);
    }
  }
  doc.Add(Kind::kPageBreak, "");
  doc.Add(Kind::kHeading1, "Annex A  The ten principles of public sector inspection");
  int n = 1;
  for (const auto& [name, text] : plan.principles) {
    doc.Add(Kind::kNumbered, text, std::to_string(n++) + ". " + name);
  }
  return doc;
}

}  // namespace jointly
