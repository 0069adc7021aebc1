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

}  // namespace jointly::web
