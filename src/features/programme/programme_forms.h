// Reading programme input that both the API and the pages take: the
// long-list's filters (query string), and criteria and plan fields (JSON).
#pragma once

#include "service/programme_service.h"
#include "web/body_query.h"
#include "web/http.h"

namespace jointly::web {

struct ProposalQuery {
  ProposalFilter filter;
  int64_t criteria_set_id = 0;
  Paging paging;
};

// type, lead, focus, status, min_score, search, criteria_set_id, limit
// (1 to 100), offset and after (keyset paging); empty values and other
// parameters are read as `empty` says (a page ignores what is not a filter).
// InvalidArgument naming each bad parameter, and any unknown one the API got.
StatusOr<ProposalQuery> ReadProposalFilter(const Request& req,
                                           EmptyFilter empty = EmptyFilter::kAny);

// "criteria": [{name, description, weight}], and optionally "pairwise": a
// square matrix, from which the weights are then derived.
void ReadCriteria(JsonObjectReader& in, CriteriaSet& set);

// introduction, context, min_process_coverage, victim_waiver,
// criteria_set_id, capacity: [{inspectorate_id, days_per_quarter}].
void ReadPlanFields(JsonObjectReader& in, Plan& plan);

}  // namespace jointly::web
