// The demo's consultation on the 2017-18 programme, held as history: drawn
// up, opened and closed in the winter of 2016-17, before the years it
// consulted on began, with its statutory consultees' contact details, a few
// responses and its published "you said, we did". It goes through the same
// use cases as the pages, on a replayed clock, so every rule holds; later
// rounds start with the same contact details for their statutory
// consultees. All names and addresses are made up.
#include <chrono>

#include "core/text.h"
#include "service/consultation_service.h"

namespace jointly {

namespace {

constexpr const char* kDemoRoundTitle = "Joint inspection programme 2017-18: consultation";

// Nine in the morning of `iso`, on the replayed clock.
void On(ReplayClock& clock, const char* iso) {
  const auto day = Date::Parse(iso);
  clock.Set(std::chrono::duration_cast<std::chrono::microseconds>(day->days().time_since_epoch())
                .count() +
            9LL * 3600 * 1000000);
}

// A made-up contact for a statutory consultee: who in that organisation
// takes the letter, at an address that reaches nobody.
Contact DemoContactFor(const Consultee& c) {
  Contact out;
  out.organisation = c.organisation;
  std::string local;
  for (char ch : AsciiLower(c.organisation)) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) local += ch;
  }
  out.email = "consultation." + local + "@consultees.invalid";
  switch (c.category) {
    case ConsulteeCategory::kMinister:
      out.name = "Ministerial correspondence unit";
      out.type = ContactType::kGovernment;
      out.copy_group = CopyGroup::kDepartment;
      break;
    case ConsulteeCategory::kHiw:
    case ConsulteeCategory::kAuditorGeneralForWales:
      out.name = "Office of the head of " + c.organisation;
      out.type = ContactType::kInspectorate;
      out.copy_group = CopyGroup::kWales;
      break;
    default:
      out.name = "Office of the Chief Inspector, " + c.organisation;
      out.type = ContactType::kInspectorate;
      out.copy_group = CopyGroup::kAgency;
      break;
  }
  return out;
}

// The contact with the demo address, made if there is none yet.
StatusOr<int64_t> DemoContact(ConsultationService& consultations, const Consultee& c) {
  const Caller system = SystemCaller();
  const Contact wanted = DemoContactFor(c);
  ASSIGN_OR_RETURN(auto contacts, consultations.Contacts(system));
  for (const auto& existing : contacts) {
    if (existing.email == wanted.email) return existing.id;
  }
  ASSIGN_OR_RETURN(Contact made, consultations.CreateContact(system, wanted));
  return made.id;
}

struct DemoResponse {
  const char* received_on;
  const char* name;
  const char* organisation;
  ResponseChannel channel;
  bool consent;
  const char* answer;    // to the first question
  const char* proposal;  // the work stream it speaks about
  const char* we_did;
};

constexpr DemoResponse kDemoResponses[] = {
    {"2017-01-09", "Alex Carver", "Victims' support network (example)", ResponseChannel::kEmail,
     true,
     "Hate crime deserves a joint look: victims tell us that reports are not always recorded "
     "as hate crime, and that they rarely hear what happened to the case.",
     "Hate crime",
     "The joint inspection of hate crime is in the programme; it will look at how reports are "
     "recorded and how victims are kept informed."},
    {"2017-01-20", "Jordan Mills", "", ResponseChannel::kPost, false,
     "Please look at how older people are treated by the whole system, from the first report "
     "to the court.",
     "Older People",
     "A scoping study on older people in the criminal justice system is in the programme."},
    {"2017-01-26", "Priya Shah", "Youth justice practitioners' forum (example)",
     ResponseChannel::kEmail, true,
     "Out of court disposals for children vary a great deal between areas; a joint inspection "
     "would help.",
     "Youth out of court disposals",
     "Youth out of court disposals are in the programme as collaborative work led by HM "
     "Inspectorate of Probation."},
};

// The proposal titled `title` among those a response can be tagged to.
std::set<int64_t> ProposalTitled(const std::map<int64_t, std::string>& titles,
                                 const std::string& title) {
  for (const auto& [id, t] : titles) {
    if (t == title) return {id};
  }
  return {};
}

}  // namespace

StatusOr<int64_t> LoadDemoConsultation(ConsultationService& consultations, ReplayClock& clock) {
  const Caller system = SystemCaller();
  ASSIGN_OR_RETURN(auto rounds, consultations.Rounds(system));
  for (const auto& r : rounds) {
    if (r.title == kDemoRoundTitle) return r.id;
  }
  On(clock, "2016-11-28");
  ConsultationRound round;
  round.title = kDemoRoundTitle;
  round.first_year = 2017;
  round.years = 1;
  round.opens_on = *Date::Parse("2016-12-05");
  round.deadline = *Date::Parse("2017-01-27");
  round.sections = {
      {"The proposed programme",
       {"Which of the proposed work streams matter most to you, and why?",
        "Is there anything the inspectorates should inspect jointly that is not proposed?"}},
      {"How we work", {"How could the inspectorates tell you more about their joint work?"}}};
  ASSIGN_OR_RETURN(RoundView made, consultations.CreateRound(system, round));
  const int64_t id = made.round.id;
  for (const Consultee& c : made.consultees) {
    if (c.contact_id) continue;
    ASSIGN_OR_RETURN(int64_t contact, DemoContact(consultations, c));
    RETURN_IF_ERROR(consultations.AttachContact(system, c.id, contact, id).status());
  }
  On(clock, "2016-12-05");
  RETURN_IF_ERROR(consultations.OpenRound(system, id).status());
  std::vector<std::pair<int64_t, const DemoResponse*>> recorded;
  for (const auto& d : kDemoResponses) {
    On(clock, d.received_on);
    ConsultationResponse r;
    r.round_id = id;
    r.name = d.name;
    r.organisation = d.organisation;
    r.channel = d.channel;
    r.consent_to_publish = d.consent;
    r.received_on = *Date::Parse(d.received_on);
    r.answers[1] = d.answer;
    ASSIGN_OR_RETURN(ConsultationResponse saved, consultations.RecordResponse(system, r));
    recorded.emplace_back(saved.id, &d);
  }
  // After the deadline day the round has closed on its own; each response
  // is answered and the summary published.
  On(clock, "2017-02-13");
  ASSIGN_OR_RETURN(ResponsesPage page, consultations.ViewResponses(system, id));
  for (const auto& [response, d] : recorded) {
    RETURN_IF_ERROR(consultations
                        .TagResponse(system, response,
                                     ProposalTitled(page.proposal_titles, d->proposal), {},
                                     std::string(d->we_did))
                        .status());
  }
  On(clock, "2017-02-20");
  RETURN_IF_ERROR(consultations.PublishSummary(system, id).status());
  return id;
}

}  // namespace jointly
