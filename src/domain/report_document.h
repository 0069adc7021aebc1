// Stage 6 (M 33-40; R18, R19): the joint report as one document, laid out
// the same way as DOCX, PDF and a page to print. A title page (the title,
// the inspectorates taking part by name, the lead first, the version and
// its date), the contents, each section of the agreed structure in its
// order with its newest text, the findings, and the recommendations, or
// the concerns an inspection led by HMI Prisons raises (R19), each with
// its owner, what must be done, how it will be measured, by when and the
// findings it answers. The protective marking is on every page. Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/document.h"
#include "domain/fieldwork.h"
#include "domain/recommendations.h"

namespace jointly {

struct DraftReport {
  std::string title;  // the inspection's
  // Full names: the lead inspectorate first, then the others taking part.
  std::vector<std::string> inspectorates;
  RecommendationKind raises = RecommendationKind::kRecommendation;  // R19
  Classification classification = Classification::kOfficialSensitive;
  int64_t version = 0;  // ReportVersion of the drafts; 0 before any
  std::string dated;    // YYYY-MM-DD of the newest save; empty before any
  struct Section {
    std::string title;
    std::string text;  // the newest version; empty when not drafted
  };
  std::vector<Section> sections;  // in the agreed order
  struct Point {
    std::string statement;
    std::string section;  // the title of the section it is placed in, if any
  };
  std::vector<Point> findings;  // numbered 1, 2... in this order
  struct Ask {
    std::string owner;  // the body that owns it; empty when not named
    std::string action;
    std::string measure;
    std::string due_on;        // YYYY-MM-DD
    std::vector<int> answers;  // the numbers of the findings it answers
  };
  std::vector<Ask> asks;  // recommendations, or concerns (R19)
  // Stage 7 (domain/publication.h): once published, the day it was
  // (YYYY-MM-DD): the public version, with no draft mark or protective
  // marking. An embargoed copy, dated the day it will be published, names
  // its recipient on every page (R21).
  std::string published_on;
  std::string embargoed_for;  // "Jane Smith, Ministry of Justice"
};

// "Draft report: Joint inspection of ..." as its title and metadata title;
// the marking ("OFFICIAL-SENSITIVE") at the top and foot of every page.
// A published report is "Joint inspection of ...", dated the day it was
// published, unmarked; an embargoed copy carries "EMBARGOED ... copy for
// <recipient>" at the top and foot of every page in place of the marking.
Document ReportDocument(const DraftReport& report);

// The name of the file, in words, without its extension: "Draft report,
// version 7, Joint inspection of the treatment of ...".
std::string ReportFileStem(const DraftReport& report);

}  // namespace jointly
