// The documents of a consultation round: the consultation document with
// the draft programme and the questions, the covering letter to each
// statutory consultee, and the summary of responses ("you said, we did").
// Pure: everything comes in as data.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/consultation.h"
#include "domain/directory.h"
#include "domain/document.h"
#include "domain/plan.h"

namespace jointly {

// Someone a round's documents go to: a statutory consultee (R9) or someone
// else consulted (R10).
struct PackRecipient {
  std::string name;          // the contact's name; empty for an organisation alone
  std::string organisation;  // "HMI Prisons", "CJ Ministers", "Clinks"
  // Where the letter goes: the contact's own organisation ("Ministry of
  // Justice" for CJ Ministers); empty without a contact.
  std::string contact_organisation;
  ConsulteeCategory category = ConsulteeCategory::kStakeholder;
  CopyGroup group = CopyGroup::kOther;  // where a letter lists them among those copied
};

struct ConsultationPack {
  ConsultationRound round;
  // The inspectorate that runs the round, or the joint secretariat, as the
  // directory describes it: who signs, where responses go, who answers
  // queries.
  Inspectorate owner;
  std::string respond_url;    // the public response form
  std::string framework_url;  // the public joint inspection framework
  // Each short name in the directory with the full name it stands for:
  // "CQC" -> "Care Quality Commission".
  std::map<std::string, std::string> full_names;
  Date date;                              // of the letter
  std::vector<PackRecipient> addressed;   // statutory consultees not dropped (R9)
  std::vector<PackRecipient> copied;      // everyone else consulted (R10)
  std::optional<PlanDocument> programme;  // the draft programme for the first year, if any
  std::vector<PlanDocument> later;        // those drawn up for the round's later years
};

// "Dear Ms Smith" or "Dear Sir Thomas" where the name has a title; else
// the office for those who hold one ("Dear Minister", "Dear Chief
// Inspector"); else the first name ("Dear Jane"), or "Dear colleague".
std::string Salutation(const PackRecipient& recipient);

// What is proposed: the draft programme part by part, the joint
// inspection framework and where to read it, the questions section by
// section, the deadline and how to respond online, by email and by post,
// with each short name it uses spelt out. It names organisations only,
// never a person.
Document ConsultationDocument(const ConsultationPack& pack);

// One letter for each statutory consultee, each page by page: why we
// consult, what the enclosed document holds, the deadline, how to respond
// and whom to ask, signed by the owner's head, with the copy list grouped
// and no one in it twice.
Document CoveringLetter(const ConsultationPack& pack);

// What the round's documents will lack because the owner's directory
// entry does: no one to sign, no e-mail or postal route to respond, no one
// for queries. One sentence each, to show before the letters go.
std::vector<std::string> PackGaps(const Inspectorate& owner);

// The short names `doc` uses, each with what it stands for, in the order
// of the alphabet: those of `full_names` found as whole words in its text
// or tables, and "CJ" for criminal justice.
std::vector<std::pair<std::string, std::string>> AbbreviationsUsed(
    const Document& doc, const std::map<std::string, std::string>& full_names);

// "You said, we did" as a document to publish.
Document SummaryDocument(const ConsultationRound& round, const ResponseSummary& summary);

}  // namespace jointly
