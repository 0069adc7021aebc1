#include "features/shared/labels.h"

namespace jointly::web {

Names NamesFor(DirectoryService& directory, const Caller& caller) {
  auto all = directory.Inspectorates(caller);
  return NamesOf(all.ok() ? *all : std::vector<Inspectorate>{});
}

ProposalTitles ProposalTitlesFor(ProgrammeService& programme, const Caller& caller) {
  ProposalTitles out;
  if (auto all = programme.Proposals(caller, {}); all.ok()) {
    for (const auto& p : *all) out.title[p.proposal.id] = p.proposal.title;
  }
  return out;
}

std::vector<std::string> DeclinedWords(const JointDecision& decision,
                                       const std::map<int64_t, std::string>& inspectorates,
                                       const std::map<int64_t, std::string>& people) {
  std::vector<std::string> out;
  for (const auto& [inspectorate, answer] : decision.responses) {
    if (answer.agreed) continue;
    auto name = inspectorates.find(inspectorate);
    auto who = people.find(answer.by_user_id);
    const std::string for_whom =
        name != inspectorates.end() ? name->second : std::string("their inspectorate");
    std::string line =
        who != people.end() ? who->second + " declined for " + for_whom : for_whom + " declined";
    if (who == people.end() && name == inspectorates.end()) line = "An inspectorate declined";
    line += answer.reason.empty() ? std::string(".") : ": " + answer.reason;
    out.push_back(std::move(line));
  }
  return out;
}

nlohmann::json DeclinedPanel(const StoredDecision& d,
                             const std::vector<Inspectorate>& inspectorates,
                             const std::map<int64_t, std::string>& people,
                             const std::string& anchor) {
  std::map<int64_t, std::string> names;
  for (const auto& i : inspectorates) names[i.id] = i.short_name;
  nlohmann::json why = nlohmann::json::array();
  for (auto& line : DeclinedWords(d.decision, names, people)) why.push_back(std::move(line));
  return {{"id", d.decision.id},
          {"anchor", anchor},
          {"subject", d.decision.subject},
          {"why", why},
          {"asked_at", TimestampInWords(d.raised_at)}};
}

std::string SubjectPageOf(const DecisionView& v) {
  const auto& subject = v.subject_json;
  const auto id = [&](const char* member) -> int64_t {
    if (!subject.is_object()) return 0;
    const auto& value = subject.value(member, nlohmann::json());
    return value.is_number_integer() ? value.get<int64_t>() : 0;
  };
  if (subject.is_object() && subject.value("subject_page", nlohmann::json()).is_string()) {
    return subject["subject_page"].get<std::string>();
  }
  if (int64_t run = id("run_id")) return "/runs/" + std::to_string(run);
  if (int64_t proposal = id("proposal_id"))
    return "/programme/proposals/" + std::to_string(proposal);
  if (int64_t plan = id("plan_id")) return "/plans/" + std::to_string(plan) + "#agreement";
  return "/decisions#decision-" + std::to_string(v.stored.decision.id);
}

}  // namespace jointly::web
