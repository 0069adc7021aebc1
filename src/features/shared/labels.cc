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
    std::string line = name != inspectorates.end() ? name->second : std::string("An inspectorate");
    line += " declined";
    if (who != people.end()) line += " (" + who->second + ")";
    line += answer.reason.empty() ? std::string(".") : ": " + answer.reason;
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace jointly::web
