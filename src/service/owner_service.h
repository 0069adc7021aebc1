// The owners' portal (M 46, R21): the people of an owner body (a police
// force, a government department...) are invited by e-mail by those who
// keep the recommendations tracker, and answer their body's
// recommendations (a response, then progress updates) through their own
// sign-in, seeing nothing else; reminders are e-mailed to them before and
// after a response or update is due, each once however many servers run.
// Each change is checked, saved, kept as an event and audited in one
// transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "domain/access.h"
#include "domain/directory.h"
#include "domain/tracker.h"
#include "mail/mailer.h"
#include "service/people_service.h"
#include "store/database.h"
#include "store/owners_store.h"

namespace jointly {

// One of an owner's recommendations with what is asked of it now.
struct OwnedRecommendation {
  TrackedRecommendation item;
  NextDue next;
  bool overdue = false;
};

struct OwnerPortal {
  std::string owner_name;
  // What is asked soonest first; those asking nothing last.
  std::vector<OwnedRecommendation> items;
};

struct OwnedView {
  std::string owner_name;
  OwnedRecommendation owned;
  // The responses and progress updates, oldest first.
  std::vector<TrackerEvent> events;
  // The target dates, the first first ("31 March 2027 (first set)").
  std::vector<std::string> target_history;
  // The later recommendation to the same owner that takes its place, when
  // the inspectorate verified it superseded.
  std::optional<TrackedRecommendation> superseded_by;
};

struct OwnerPerson {
  User user;
  std::string owner_name;
};

struct Invitation {
  CreatedUser created;
  std::string owner_name;
  // OK when the invitation was e-mailed; else why not, and the one-time
  // password is for the inviter to pass on.
  Status mailed;
};

struct ReminderRun {
  int sent = 0;                   // reminders e-mailed
  std::vector<std::string> held;  // what could not be sent, in words
};

class OwnerService {
 public:
  // Invitations and reminders go through `mailer` (none: not sent).
  OwnerService(Database& db, const Clock& clock, PeopleService& people, Mailer* mailer)
      : db_(db), clock_(clock), people_(people), mailer_(mailer) {}

  // The caller's body's recommendations (kAnswerAsOwner).
  StatusOr<OwnerPortal> Portal(const Caller& caller);
  // One of them; NotFound for another body's, as for none (rule
  // owner-sees-own-only).
  StatusOr<OwnedView> View(const Caller& caller, int64_t id);

  // The owner's response, dated today (rule "response", every error at
  // once; "tracker-closed" once verified closed). A response that says
  // what the one held says changes nothing and is returned as it is.
  // Aborted (rule "stale-version") if it moved since `version`.
  StatusOr<TrackedRecommendation> Respond(const Caller& caller, int64_t id, int64_t version,
                                          OwnerResponse response);
  // What Respond() and GiveUpdate() would refuse of `view` (View()'s,
  // read by the caller), saving and reading nothing: for a form's check of
  // its answers before they are sent.
  Status CheckResponse(const OwnedView& view, OwnerResponse response) const;
  Status CheckUpdate(const OwnedView& view, const std::string& text) const;
  // A progress update dated today: what was done (rule "response-first"
  // before any response, "tracker-closed" once closed).
  StatusOr<TrackedRecommendation> GiveUpdate(const Caller& caller, int64_t id, int64_t version,
                                             const std::string& text);

  // Invites a person of owner body `person.owner_id` (kTrackRecommendations):
  // a user with a one-time password, e-mailed with how to sign in at
  // `site` ("https://jointly.example.gov.uk"). Every error of the person
  // at once (as PeopleService::InviteOwner).
  StatusOr<Invitation> Invite(const Caller& caller, User person, const std::string& site);
  // A person of an owner body invited again with a new one-time password,
  // e-mailed as an invitation is (their access given back if withdrawn);
  // NotFound for anyone else (as PeopleService::ReinviteOwner).
  StatusOr<Invitation> Reinvite(const Caller& caller, int64_t user_id, const std::string& site);
  // A person of an owner body's access withdrawn (as
  // PeopleService::WithdrawOwner).
  StatusOr<OwnerPerson> Withdraw(const Caller& caller, int64_t user_id);
  // The people of owner bodies, newest first (kTrackRecommendations).
  StatusOr<std::vector<OwnerPerson>> People(const Caller& caller);
  // The bodies of the directory that can own a recommendation, by name
  // (kTrackRecommendations), for the invitation's choice.
  StatusOr<std::vector<InspectedBody>> Owners(const Caller& caller);

  // The reminders due today (ReminderFor), each recorded once and
  // e-mailed to the active people of the recommendation's owner: one
  // e-mail to each owner body a run, listing every recommendation it is
  // reminded of with a link to each at `site`. An occasion another server
  // recorded first is not sent again. What could not be sent (no one to
  // send to, the mailer's error) is said in `held` and tried again on the
  // next run.
  StatusOr<ReminderRun> RunReminders(const std::string& site);

 private:
  // Makes the change to `t` and its event; false when it changes nothing
  // (nothing is then written).
  using Change = std::function<StatusOr<bool>(TrackedRecommendation&, TrackerEvent&)>;
  StatusOr<TrackedRecommendation> Changing(const Caller& caller, int64_t id, int64_t version,
                                           std::string_view action, const Change& change);
  // The invitation of `out.created`, e-mailed; its owner's name read.
  Status SendInvitation(Invitation& out, const std::string& site);
  // One owner body's reminders: recorded and sent in one transaction.
  // Returns how many were sent.
  struct Due {
    TrackedRecommendation item;
    NextDue due;
    ReminderKind kind;
  };
  StatusOr<int> Remind(int64_t owner_id, const std::vector<Due>& due, const std::string& site);

  Database& db_;
  const Clock& clock_;
  PeopleService& people_;
  Mailer* mailer_;
};

// The demo's tracker: recommendations of two reports to three owners (one
// answered, one overdue, one due soon) dated from today, a person of each
// owner (their e-mail and one-time password added to `created`), and a
// first quarterly tracker. Does nothing once its own are tracked.
Status LoadOwnerDemo(Database& db, const Clock& clock, PeopleService& people,
                     std::vector<std::pair<std::string, std::string>>& created);

// The words of a reminder e-mail, for its tests.
MailMessage ReminderMessage(const TrackedRecommendation& t, const std::string& owner_name,
                            const NextDue& due, ReminderKind kind, const std::vector<User>& to,
                            const std::string& site);

}  // namespace jointly
