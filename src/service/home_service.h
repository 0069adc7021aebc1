// What a signed-in person's home page says to do next, whatever their role:
// the joint decisions awaiting their inspectorate, the proposals it has not
// scored, the consultations open and when each closes, the tasks due and
// the evidence to quality-assure on the inspections they work on, the
// governance actions they own, and the governance actions due; read in one
// transaction. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "domain/access.h"
#include "domain/consultation.h"
#include "domain/directory.h"
#include "domain/fieldwork.h"
#include "domain/governance.h"
#include "domain/inspection.h"
#include "domain/tracker.h"
#include "service/decision_service.h"
#include "store/database.h"

namespace jointly {

// Tasks and actions show on the home page from this many days before they
// are due; consultations are "closing soon" this many days before.
inline constexpr int kDueSoonDays = 28;
inline constexpr int kClosingSoonDays = 14;
// The home page names this many unscored proposals and counts the rest.
inline constexpr int64_t kUnscoredShown = 10;

// A task of an inspection the caller works on.
struct InspectionTaskDue {
  Task task;
  std::string inspection_title;
  std::string owner;  // in words: "Jo Bloggs (HMICFRS)", or as first written
  bool mine = false;  // the caller owns it (TaskOwnedBy)
};

// An evidence item of an inspection the caller works on, for their
// inspectorate to quality-assure, or with the answer to their query.
struct EvidenceToDo {
  int64_t inspection_id = 0;
  std::string inspection_title;
  EvidenceItem item;
  std::optional<EvidenceReview> query;  // answered: theirs to look at again
};

struct HomePage {
  Date today;
  std::optional<Inspectorate> inspectorate;  // whom the caller speaks for
  size_t inspectorate_count = 0;
  int64_t body_count = 0;
  std::vector<DecisionView> decisions;  // awaiting the caller's inspectorate, newest first
  // Those the caller asked that were declined and not asked again, newest
  // first, with the people who may have declined them, by name.
  std::vector<DecisionView> declined;
  std::map<int64_t, std::string> people;
  std::map<int64_t, std::string> inspectorate_names;  // short names, for who declined
  // Long-list proposals the caller's inspectorate has not scored (id,
  // title), the first few, and how many there are; for scorers only.
  std::vector<std::pair<int64_t, std::string>> unscored;
  int64_t unscored_total = 0;
  std::vector<ConsultationRound> open_rounds;  // soonest deadline first
  std::vector<InspectionTaskDue> tasks;        // not done, due soon or overdue; soonest first
  // On the inspections on whose team the caller is: evidence their
  // inspectorate has not quality-assured (R15), and queries they raised
  // that were answered; in the order of the register.
  std::vector<EvidenceToDo> evidence_to_assure;
  std::vector<EvidenceToDo> answered_queries;
  std::vector<Action> actions;  // governance actions open and due soon, for those who record them
  // Open governance actions the caller owns (named by their name or e-mail
  // address), whenever due, soonest first; not also among `actions`.
  std::vector<Action> my_actions;
  // Recommendations the caller's inspectorate made whose owner's response
  // or update is overdue (R21, NextDueOf()), the first few, how many there
  // are, and their owners' names.
  std::vector<TrackedRecommendation> tracker_overdue;
  int64_t tracker_overdue_total = 0;
  std::map<int64_t, std::string> tracker_owners;
};

// The home page names this many overdue recommendations and counts the
// rest.
inline constexpr int64_t kTrackerOverdueShown = 10;

// What anyone may reach from the start page without signing in: the
// consultations taking responses on the public form and the published
// summaries of responses ("you said, we did"). Nothing else of a round.
struct PublicHomePage {
  std::vector<ConsultationRound> open_rounds;  // taking responses today, soonest deadline first
  std::vector<ConsultationRound> summaries;    // summary published, newest first
};

class HomeService {
 public:
  HomeService(Database& db, const Clock& clock, JointDecisions& decisions)
      : db_(db), clock_(clock), decisions_(decisions) {}

  // PermissionDenied for a caller who is not signed in.
  StatusOr<HomePage> ViewHome(const Caller& caller);
  // For anyone, in one read.
  StatusOr<PublicHomePage> ViewPublicHome();

 private:
  Database& db_;
  const Clock& clock_;
  JointDecisions& decisions_;
};

// True if a task or action due on `due_on` (YYYY-MM-DD) is due within
// kDueSoonDays of `today`, or overdue; false without a due date.
bool DueSoon(const std::string& due_on, Date today);

}  // namespace jointly
