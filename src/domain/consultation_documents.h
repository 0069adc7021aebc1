// The documents of a consultation round: the consultation document with
// the draft programme and the questions, the covering letter to the
// statutory consultees, and the summary of responses ("you said, we did").
// Pure: everything comes in as data.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/consultation.h"
#include "domain/document.h"
#include "domain/plan.h"

namespace jointly {

struct ConsultationPack {
  ConsultationRound round;
  std::string owner;                      // "HMI Probation", or "The joint secretariat"
  std::string respond_url;                // the public response form
  Date date;                              // of the letter
  std::vector<std::string> addressed;     // statutory consultees not dropped (R9)
  std::vector<std::string> copied;        // everyone else consulted (R10)
  std::optional<PlanDocument> programme;  // the draft programme for the first year, if any
};

// What is proposed, section by section with its questions, the deadline
// and how to respond.
Document ConsultationDocument(const ConsultationPack& pack);

// The letter to the statutory consultees, copied to the others: why we
// consult, the years, the deadline and how to respond.
Document CoveringLetter(const ConsultationPack& pack);

// "You said, we did" as a document to publish.
Document SummaryDocument(const ConsultationRound& round, const ResponseSummary& summary);

}  // namespace jointly
