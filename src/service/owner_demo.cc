// The demo's recommendations tracker (R21): two reports' recommendations to
// three owners (the Home Office's answered, the Ministry of Justice's
// overdue, Kent Police's due soon), a person of each owner invited, and a
// first quarterly tracker published. Dated from today, so the demo always
// shows something answered, something overdue and something due.
#include <map>
#include <tuple>

#include "domain/owners.h"
#include "service/audit_trail.h"
#include "service/owner_service.h"
#include "service/quarterly_tracker.h"
#include "service/tracker_service.h"
#include "store/directory_store.h"
#include "store/tracker_store.h"

namespace jointly {

Status LoadOwnerDemo(Database& db, const Clock& clock, PeopleService& people,
                     std::vector<std::pair<std::string, std::string>>& created) {
  const Caller system = SystemCaller();
  std::map<std::string, int64_t> bodies;
  int64_t hmicfrs = 0;
  bool loaded = false;
  const std::string hate = "Understanding the difference: hate crime follow-up";
  RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
    // Its own recommendations say it is loaded: the published inspection
    // of the demo tracks others before.
    ASSIGN_OR_RETURN(auto mine, tx.Query("SELECT id FROM tracked_recommendations WHERE "
                                         "report_title = ?",
                                         {hate}));
    loaded = !mine.empty();
    for (const char* code : {"DEPT-HOME-OFFICE", "DEPT-MOJ", "POL-KENT"}) {
      ASSIGN_OR_RETURN(auto body, FindBodyByCode(tx, code));
      if (!body) return Internal(std::string("The demo needs the body ") + code);
      bodies[code] = body->id;
    }
    ASSIGN_OR_RETURN(auto rows, tx.Query("SELECT id FROM inspectorates WHERE code = 'HMICFRS'"));
    if (rows.empty()) return Internal("The demo needs HMICFRS");
    hmicfrs = rows[0].Int(0);
    return OkStatus();
  }));
  if (loaded) return OkStatus();
  const Date today = Date::DayOf(clock.NowMicros());
  TrackerService tracker(db, clock);
  auto track = [&](const std::string& title, int days_ago, int64_t number, const char* owner,
                   const std::string& text) -> StatusOr<TrackedRecommendation> {
    TrackedRecommendation t;
    t.inspectorate_id = hmicfrs;
    t.report_title = title;
    t.published_on = today.AddDays(-days_ago).ToIso();
    t.number = number;
    t.owner_id = bodies[owner];
    t.text = text;
    t.target = today.AddDays(365 - days_ago).ToIso();
    return tracker.Track(system, t);
  };
  ASSIGN_OR_RETURN(auto answered,
                   track(hate, 100, 1, "DEPT-HOME-OFFICE",
                         "The Home Office should issue guidance so that every police force "
                         "flags hate crime consistently in its crime records."));
  RETURN_IF_ERROR(track(hate, 100, 2, "DEPT-MOJ",
                        "The Ministry of Justice should make sure that victims of hate crime "
                        "are told of the enhanced sentence at the end of the case.")
                      .status());
  RETURN_IF_ERROR(track("Joint inspection of case building", 45, 1, "POL-KENT",
                        "Kent Police should review every file sent to the CPS for a charging "
                        "decision against the national file standard.")
                      .status());
  OwnerResponse response;
  response.answer = OwnerAnswer::kAccepted;
  response.actions = {{"Publish flagging guidance to all forces", today.AddDays(60).ToIso()}};
  response.responded_on = today.AddDays(-90).ToIso();
  RETURN_IF_ERROR(tracker.RecordResponse(system, answered.id, answered.version, response).status());
  for (const auto& [code, email, name] :
       {std::tuple{"DEPT-HOME-OFFICE", "owner.homeoffice@jointly.invalid", "Home Office lead"},
        std::tuple{"DEPT-MOJ", "owner.moj@jointly.invalid", "Ministry of Justice lead"},
        std::tuple{"POL-KENT", "owner.kent@jointly.invalid", "Kent Police lead"}}) {
    User u;
    u.email = email;
    u.name = name;
    u.owner_id = bodies[code];
    ASSIGN_OR_RETURN(CreatedUser made, people.InviteOwner(system, u));
    created.emplace_back(email, made.one_time_password);
  }
  QuarterlyTrackers trackers(db, clock);
  return trackers.Publish(system, std::nullopt).status();
}

}  // namespace jointly
