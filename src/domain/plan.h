// A year's joint business plan: the rolling eight-quarter programme it
// publishes (R6), the capacity it was planned against, the words around it,
// and its way to publication: agreed by every CJ inspectorate, then to CJ
// Ministers for final comments (R8), then published. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "domain/document.h"
#include "domain/programme.h"

namespace jointly {

inline constexpr int kHorizonQuarters = 8;

enum class PlanState { kDraft, kAgreed, kWithMinisters, kPublished };
inline constexpr PlanState kAllPlanStates[] = {PlanState::kDraft, PlanState::kAgreed,
                                               PlanState::kWithMinisters, PlanState::kPublished};
std::string_view PlanStateId(PlanState state);
std::string_view PlanStateLabel(PlanState state);
std::optional<PlanState> ParsePlanState(std::string_view id);

struct PlanItem {
  int64_t proposal_id = 0;
  int start_quarter = 0;  // a QuarterIndex
  bool operator==(const PlanItem&) const = default;
};

struct Plan {
  int64_t id = 0;
  int first_year = 0;  // the financial year it is published for: 2017 for 2017-18
  int64_t criteria_set_id = 0;
  PlanState state = PlanState::kDraft;
  std::string introduction;
  std::string context;
  // R5: each high-level process covered by at least this many work streams
  // running in each year; victim and witness experience always covered
  // unless `victim_waiver` records the decision that waived it.
  int min_process_coverage = 0;
  std::string victim_waiver;
  std::map<int64_t, int> capacity;  // inspectorate -> inspector-days per quarter
  std::vector<PlanItem> items;      // the programme
  int64_t version = 0;

  int horizon_start() const { return QuarterIndex(first_year, 1); }
  std::string label() const { return FinancialYearLabel(first_year); }
};

// R6: work that began before a plan's years (carried on from the plan that
// programmed it) continues from the year it began; for the rest nothing.
// "2017-18" for an item that began in 2017-18 on the 2018-19 plan.
std::optional<std::string> ContinuesFrom(const Plan& plan, const PlanItem& item);

// The part of a plan's programme an item is in: work carried on from an
// earlier plan is a continuing commitment (ongoing work from previously
// published programmes, BP 3.4), whatever part it was first programmed in.
ProgrammePart PartInPlan(const Plan& plan, const PlanItem& item, const Proposal& proposal);

// "2017-18 Q1 to 2017-18 Q3" ("2017-18 Q1" for one quarter), with
// "(continues from 2016-17)" for work carried on from an earlier plan.
std::string ItemTiming(const Plan& plan, const PlanItem& item, const Proposal& proposal);

// What a programme is called by its state: "draft", "agreed" (by every
// inspectorate, with Ministers or not yet) or "published".
std::string_view ProgrammeStateWord(PlanState state);

// InvalidArgument naming each bad field: first_year 2000-2098, texts up to
// 20,000 characters, coverage 0-10, capacity 0-100,000 days.
Status ValidatePlan(const Plan& plan);

struct MinisterComment {
  int64_t id = 0;
  int64_t plan_id = 0;
  std::string minister;  // "Minister of State for Policing"
  Date received_on;
  std::string comment;
  std::string response;  // the inspectorates' answer; empty until given
  int64_t version = 1;   // bumped by each answer
};

// Every error at once: the Minister, the comment and its response, and
// the day it was received, which is a real date and not after `today`
// (rule "not-in-future").
Status ValidateMinisterComment(const MinisterComment& comment, Date today);

// A comment answers the draft sent to Ministers: it is received on or after
// `sent_on`, the day the draft went to them (when known); InvalidArgument
// at "received_on" naming that day (rule "received-after-sent") otherwise,
// in the words of ReceivedFromWords().
Status CheckReceivedAfterSent(const MinisterComment& comment, Date sent_on);

// The earliest day something can have been received, and why, as both a
// form's hint and its error say it: "on or after 3 March 2027, when the
// draft went to CJ Ministers". `since` is what happened that day.
std::string ReceivedFromWords(Date earliest, const std::string& since);
// The hint of a date received with an earliest day: "On or after 3 March
// 2027, when the draft went to CJ Ministers, and not after today. For
// example, 3 3 2027"; "" without an earliest day.
std::string ReceivedFromHint(Date earliest, const std::string& since);

inline constexpr char kSentToMinisters[] = "when the draft went to CJ Ministers";

// An answer to a Minister's comment: some text of 10,000 characters or
// fewer; InvalidArgument naming "response" and the rule broken otherwise.
Status ValidateCommentResponse(const std::string& response);

// The answers to Ministers' comments are part of what is published: once
// the plan is published they are frozen; FailedPrecondition (rule
// "published-plan-frozen") then.
Status CanAnswerComment(const Plan& plan);

// Once published a plan is fixed (rule "published-plan-frozen"): nothing
// changes its programme, capacity, texts or version, so what staff download
// stays the copy the public reads. FailedPrecondition saying when it was
// published (`published_on`, when known) and what to do instead; OK for a
// plan not yet published.
Status CheckPlanMayChange(const Plan& plan, Date published_on);

// A proposal in the programme of a published plan keeps what that plan
// publishes of it: its title, summary, type, part, length and who takes
// part. FailedPrecondition (rule "published-plan-frozen") naming each such
// field `changed` alters; OK otherwise, and for a plan not published.
Status CheckPublishedProposalKept(const Plan& plan, Date published_on, const Proposal& before,
                                  const Proposal& changed);

// The fields of a proposal a published plan prints, which
// CheckPublishedProposalKept keeps; its other fields may still change.
const std::vector<std::string_view>& PublishedProposalFields();

// What a proposal's page and form say when the programme of `plan`,
// published, holds it: the plan's own words (CheckPlanMayChange), then
// which of its details cannot change and that the others can.
std::string HeldByPublishedPlanWords(const Plan& plan, Date published_on);

// R8: the draft goes to Ministers only once every CJ inspectorate agreed
// it; FailedPrecondition (rule "R8") otherwise.
Status CanSendToMinisters(const Plan& plan);

// R8: publication needs the plan with Ministers and every comment they made
// answered; FailedPrecondition (rule "R8") naming what is missing.
Status CanPublish(const Plan& plan, const std::vector<MinisterComment>& comments);

// The business plan's content, ready for any format.
struct PlanDocument {
  using Row = ProgrammeRow;
  struct Section {
    std::string heading;  // "The landscape for joint inspection"
    std::vector<std::string> paragraphs;
  };
  struct Part {
    std::string heading;  // "Continuing commitments"
    std::string intro;
    std::string lead_header = "Lead inspectorate";  // "Lead body" where a joint body leads
    std::vector<Row> rows;
  };
  struct Signatory {
    std::string name;   // "Dame Glenys Stacey"
    std::string title;  // "HM Chief Inspector of Probation"
  };
  struct Contact {
    std::string name;  // "HM Inspectorate of Probation"
    std::string address;
    std::string website;
  };
  std::string title;  // "Joint inspection business plan 2017-18"
  std::string year_label;
  int first_year = 0;  // its rolling two years are this and the next
  PlanState state = PlanState::kDraft;
  bool draft = true;
  std::string status_line;                // the plan's state in words: "Draft", "Agreed"
  std::vector<std::string> introduction;  // paragraphs
  std::vector<Signatory> chief_inspectors;
  std::vector<Section> context;
  std::vector<std::string> notes;  // "HM Inspectorate of Court Administration closed in 2010."
  std::vector<Part> parts;
  std::vector<std::pair<std::string, std::string>> principles;  // name, what it asks
  std::string joint_website;
  Contact secretariat;
  std::vector<Contact> inspectorates;
};

// Text as paragraphs: blank lines separate them, the lines of one are
// joined with spaces.
std::vector<std::string> Paragraphs(const std::string& text);

// The plan's context in numbered sections: a paragraph of one short line
// that does not end as a sentence does ("Our focus") heads a section; text
// before any heading falls under "The context to our programme".
std::vector<PlanDocument::Section> ContextSections(const std::string& text);

// The business plan laid out: title, contents, introduction signed by the
// Chief Inspectors, the context and the programme's parts numbered on from
// 1 with numbered paragraphs ("5.1"), the principles of inspection as an
// annex, and how to reach the inspectorates.
Document ToDocument(const PlanDocument& plan);

}  // namespace jointly
