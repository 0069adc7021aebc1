#include "service/owner_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "domain/owners.h"
#include "service/audit_trail.h"
#include "service/tracker_service.h"
#include "store/directory_store.h"
#include "store/people_store.h"
#include "store/tracker_store.h"

namespace jointly {

using nlohmann::json;

namespace {

// More than any tracker holds; the portal and the job read every item.
constexpr int64_t kEveryItem = 1000000;

std::string OwnerName(Transaction& tx, int64_t owner_id) {
  auto body = GetBody(tx, owner_id);
  return body.ok() ? body->name : "your organisation";
}

OwnedRecommendation Owned(TrackedRecommendation t, Date today) {
  OwnedRecommendation o;
  o.next = NextDueFor(t);
  o.overdue = IsOverdue(o.next, today);
  o.item = std::move(t);
  return o;
}

std::string_view AskedId(AskedOf what) { return what == AskedOf::kUpdate ? "update" : "response"; }

// One reminder's words: what is asked of the owner and by when, the
// recommendation, and where to answer it.
std::string ReminderLines(const TrackedRecommendation& t, const NextDue& due, ReminderKind kind,
                          const std::string& site) {
  const std::string what = due.what == AskedOf::kUpdate ? "An update on" : "A response to";
  return TrackerReference(t) + "\n" + what + " this " + t.kind + " " +
         (kind == ReminderKind::kOverdue ? "was due on " : "is due by ") + due.due_on.ToLong() +
         ".\n\n" + t.text + "\n\n" + (due.what == AskedOf::kUpdate ? "Give an update" : "Respond") +
         " at " + site + "/your-recommendations/" + std::to_string(t.id) + "\n";
}

// One e-mail to an owner body's people for every reminder of a run.
MailMessage ReminderMessage(const std::vector<std::pair<TrackedRecommendation, NextDue>>& items,
                            const std::vector<ReminderKind>& kinds, const std::string& owner_name,
                            const std::vector<User>& to, const std::string& site) {
  MailMessage m;
  for (const auto& u : to) m.to.push_back({u.name, u.email});
  const bool overdue = std::any_of(kinds.begin(), kinds.end(),
                                   [](ReminderKind k) { return k == ReminderKind::kOverdue; });
  if (items.size() == 1) {
    const auto& [t, due] = items.front();
    const std::string what = due.what == AskedOf::kUpdate ? "An update on" : "A response to";
    m.subject =
        kinds.front() == ReminderKind::kOverdue
            ? "Overdue: " + what + " " + TrackerReference(t) + " was due on " + due.due_on.ToLong()
            : "Reminder: " + what + " " + TrackerReference(t) + " is due by " + due.due_on.ToLong();
  } else {
    m.subject = std::string(overdue ? "Overdue: " : "Reminder: ") + std::to_string(items.size()) +
                " recommendations to " + owner_name + " need a response or an update";
  }
  m.body = "Hello,\n\n";
  if (items.size() > 1) {
    m.body += "These " + std::to_string(items.size()) + " recommendations to " + owner_name +
              " need a response or an update from you.\n\n";
  }
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) m.body += "\n---\n\n";
    m.body += ReminderLines(items[i].first, items[i].second, kinds[i], site);
  }
  m.body += "\nEvery recommendation to " + owner_name + " is at " + site +
            "/your-recommendations\n\nYou receive this e-mail because you answer for " +
            owner_name + " to the criminal justice joint inspectorates on Jointly.\n";
  return m;
}

}  // namespace

StatusOr<OwnerPortal> OwnerService::Portal(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kAnswerAsOwner));
  if (!caller.owner_id) return PermissionDenied("You answer for no organisation", "access");
  const Date today = Date::DayOf(clock_.NowMicros());
  OwnerPortal out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    out.owner_name = OwnerName(tx, *caller.owner_id);
    TrackerFilter filter;
    filter.owner_id = caller.owner_id;
    ASSIGN_OR_RETURN(auto page, ListTracked(tx, filter, kEveryItem, 0));
    for (auto& t : page.items) out.items.push_back(Owned(std::move(t), today));
    return OkStatus();
  }));
  std::stable_sort(out.items.begin(), out.items.end(), [](const auto& a, const auto& b) {
    const bool a_asks = a.next.what != AskedOf::kNothing;
    const bool b_asks = b.next.what != AskedOf::kNothing;
    if (a_asks != b_asks) return a_asks;
    return a_asks && a.next.due_on < b.next.due_on;
  });
  return out;
}

StatusOr<OwnedView> OwnerService::View(const Caller& caller, int64_t id) {
  RETURN_IF_ERROR(Require(caller, Permission::kAnswerAsOwner));
  const Date today = Date::DayOf(clock_.NowMicros());
  OwnedView v;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    auto t = GetTracked(tx, id);
    if (t.status().code() == StatusCode::kNotFound) return CheckOwnerSees(caller, {});
    RETURN_IF_ERROR(t.status());
    RETURN_IF_ERROR(CheckOwnerSees(caller, *t));
    v.owner_name = OwnerName(tx, t->owner_id);
    v.owned = Owned(std::move(*t), today);
    ASSIGN_OR_RETURN(v.events, EventsOf(tx, id));
    if (const auto& later = v.owned.item.superseded_by) {
      // The same owner's, so one this caller may see (MaySupersede).
      auto found = GetTracked(tx, *later);
      if (found.ok() && CheckOwnerSees(caller, *found).ok()) v.superseded_by = std::move(*found);
    }
    return OkStatus();
  }));
  std::vector<TargetMove> moves;
  for (const auto& e : v.events) {
    if (e.kind == TrackerEventKind::kTarget) moves.push_back({e.from, e.to, e.reason});
  }
  v.target_history = TargetHistory(v.owned.item.first_target, moves);
  return v;
}

StatusOr<TrackedRecommendation> OwnerService::Changing(const Caller& caller, int64_t id,
                                                       int64_t version, std::string_view action,
                                                       const Change& change) {
  RETURN_IF_ERROR(Require(caller, Permission::kAnswerAsOwner));
  TrackedRecommendation t;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    auto found = GetTracked(tx, id);
    if (found.status().code() == StatusCode::kNotFound) return CheckOwnerSees(caller, {});
    ASSIGN_OR_RETURN(t, std::move(found));
    RETURN_IF_ERROR(CheckOwnerSees(caller, t));
    const json before = TrackedJson(t);
    const std::string at = FormatTimestamp(clock_.NowMicros());
    TrackerEvent event;
    event.tracked_id = id;
    event.recorded_at = at;
    event.recorded_by = caller.user_id;
    ASSIGN_OR_RETURN(const bool changed, change(t, event));
    if (!changed) return OkStatus();
    t.version = version;
    return SaveTrackedChange(tx, clock_, caller, action, before, t, event);
  }));
  return t;
}

namespace {

Status CheckUpdateText(const std::string& text) {
  Validation v;
  v.Text("text", text, kMaxTrackerText, true, "what has been done");
  return v.Finish();
}

}  // namespace

Status OwnerService::CheckResponse(const OwnedView& v, OwnerResponse response) const {
  const Date today = Date::DayOf(clock_.NowMicros());
  response.responded_on = today.ToIso();
  RETURN_IF_ERROR(CheckOwnerMayRespond(v.owned.item));
  return CheckOwnerResponse(response, today, Date::ParseOrNone(v.owned.item.published_on));
}

Status OwnerService::CheckUpdate(const OwnedView& v, const std::string& text) const {
  RETURN_IF_ERROR(CheckOwnerMayUpdate(v.owned.item));
  return CheckUpdateText(text);
}

StatusOr<TrackedRecommendation> OwnerService::Respond(const Caller& caller, int64_t id,
                                                      int64_t version, OwnerResponse response) {
  const Date today = Date::DayOf(clock_.NowMicros());
  response.responded_on = today.ToIso();
  return Changing(
      caller, id, version, "owner-respond",
      [&](TrackedRecommendation& t, TrackerEvent& e) -> StatusOr<bool> {
        RETURN_IF_ERROR(CheckOwnerMayRespond(t));
        RETURN_IF_ERROR(CheckOwnerResponse(response, today, Date::ParseOrNone(t.published_on)));
        // Sent again as it stands, on any day: nothing happened.
        return TakeResponse(t, response, false, e);
      });
}

StatusOr<TrackedRecommendation> OwnerService::GiveUpdate(const Caller& caller, int64_t id,
                                                         int64_t version, const std::string& text) {
  const std::string today = Date::DayOf(clock_.NowMicros()).ToIso();
  return Changing(caller, id, version, "owner-update",
                  [&](TrackedRecommendation& t, TrackerEvent& e) -> StatusOr<bool> {
                    RETURN_IF_ERROR(CheckOwnerMayUpdate(t));
                    RETURN_IF_ERROR(CheckUpdateText(text));
                    e.kind = TrackerEventKind::kUpdate;
                    e.evidence = text;
                    e.happened_on = today;
                    t.last_update_on = std::max(t.last_update_on, today);
                    return true;
                  });
}

StatusOr<Invitation> OwnerService::Invite(const Caller& caller, User person,
                                          const std::string& site) {
  Invitation out;
  ASSIGN_OR_RETURN(out.created, people_.InviteOwner(caller, std::move(person)));
  RETURN_IF_ERROR(SendInvitation(out, site));
  return out;
}

StatusOr<Invitation> OwnerService::Reinvite(const Caller& caller, int64_t user_id,
                                            const std::string& site) {
  Invitation out;
  ASSIGN_OR_RETURN(out.created, people_.ReinviteOwner(caller, user_id));
  RETURN_IF_ERROR(SendInvitation(out, site));
  return out;
}

StatusOr<OwnerPerson> OwnerService::Withdraw(const Caller& caller, int64_t user_id) {
  OwnerPerson out;
  ASSIGN_OR_RETURN(out.user, people_.WithdrawOwner(caller, user_id));
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    out.owner_name = OwnerName(tx, out.user.owner_id.value_or(0));
    return OkStatus();
  }));
  return out;
}

Status OwnerService::SendInvitation(Invitation& out, const std::string& site) {
  const User& u = out.created.user;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    out.owner_name = OwnerName(tx, u.owner_id.value_or(0));
    return OkStatus();
  }));
  if (!mailer_) {
    out.mailed = FailedPrecondition("E-mail is not configured", "mail-not-configured");
    return OkStatus();
  }
  MailMessage m;
  m.to.push_back({u.name, u.email});
  m.subject = "Answer " + out.owner_name + "'s recommendations from the criminal justice joint " +
              "inspectorates";
  m.body = "Hello " + u.name + ",\n\nYou are invited to answer, for " + out.owner_name +
           ", the recommendations the criminal justice joint inspectorates made to it: a "
           "response to each, then updates on progress.\n\nSign in at " +
           site + "/sign-in with\n\n  e-mail address: " + u.email +
           "\n  one-time password: " + out.created.one_time_password +
           "\n\nThe password works once: you will then choose your own. You will see only " +
           out.owner_name + "'s recommendations.\n";
  out.mailed = mailer_->Send(m);
  return OkStatus();
}

StatusOr<std::vector<OwnerPerson>> OwnerService::People(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kTrackRecommendations));
  std::vector<OwnerPerson> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto users, ListUsers(tx));
    ASSIGN_OR_RETURN(auto bodies, AllBodies(tx));
    std::map<int64_t, std::string> names;
    for (const auto& b : bodies) names[b.id] = b.name;
    for (auto& u : users) {
      if (!u.owner_id) continue;
      const std::string name = names[*u.owner_id];
      out.push_back({std::move(u), name});
    }
    return OkStatus();
  }));
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.owner_name != b.owner_name ? a.owner_name < b.owner_name : a.user.name < b.user.name;
  });
  return out;
}

StatusOr<std::vector<InspectedBody>> OwnerService::Owners(const Caller& caller) {
  RETURN_IF_ERROR(Require(caller, Permission::kTrackRecommendations));
  std::vector<InspectedBody> out;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(out, AllBodies(tx));
    return OkStatus();
  }));
  std::erase_if(out, [](const InspectedBody& b) { return !b.active; });
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

StatusOr<int> OwnerService::Remind(int64_t owner_id, const std::vector<Due>& due,
                                   const std::string& site) {
  const Date today = Date::DayOf(clock_.NowMicros());
  int sent = 0;
  RETURN_IF_ERROR(db_.Write([&](Transaction& tx) -> Status {
    sent = 0;
    ASSIGN_OR_RETURN(auto users, ListUsers(tx));
    std::erase_if(users, [&](const User& u) { return !u.active || u.owner_id != owner_id; });
    const std::string owner_name = OwnerName(tx, owner_id);
    if (users.empty()) {
      return FailedPrecondition("No one answers for " + owner_name + " yet: invite someone",
                                "owner-invited");
    }
    if (!mailer_) return FailedPrecondition("E-mail is not configured", "mail-not-configured");
    std::string sent_to;
    for (const auto& u : users) sent_to += (sent_to.empty() ? "" : ", ") + u.email;
    std::vector<std::pair<TrackedRecommendation, NextDue>> items;
    std::vector<ReminderKind> kinds;
    for (const auto& d : due) {
      const ReminderSent r{d.item.id,
                           std::string(AskedId(d.due.what)),
                           d.due.due_on.ToIso(),
                           d.kind == ReminderKind::kOverdue ? "overdue" : "due-soon",
                           today.ToIso(),
                           sent_to};
      // Another server's run recorded it first: not sent again.
      ASSIGN_OR_RETURN(const bool claimed, ClaimReminder(tx, r));
      if (!claimed) continue;
      RETURN_IF_ERROR(RecordChange(
          tx, clock_, SystemCaller(), "remind", "tracked_recommendation", d.item.id, nullptr,
          {{"asked", r.asked}, {"due_on", r.due_on}, {"kind", r.kind}, {"sent_to", r.sent_to}}));
      items.emplace_back(d.item, d.due);
      kinds.push_back(d.kind);
    }
    if (items.empty()) return OkStatus();
    sent = static_cast<int>(items.size());
    // Sent last: a failure leaves nothing recorded, so the next run tries
    // again.
    return mailer_->Send(ReminderMessage(items, kinds, owner_name, users, site));
  }));
  return sent;
}

StatusOr<ReminderRun> OwnerService::RunReminders(const std::string& site) {
  const Date today = Date::DayOf(clock_.NowMicros());
  std::vector<TrackedRecommendation> open;
  std::map<ReminderKey, Date> last;
  RETURN_IF_ERROR(db_.Read([&](Transaction& tx) -> Status {
    ASSIGN_OR_RETURN(auto page, ListTracked(tx, {}, kEveryItem, 0));
    open = std::move(page.items);
    ASSIGN_OR_RETURN(last, LastReminders(tx));
    return OkStatus();
  }));
  // What each owner body is reminded of today, oldest due first.
  std::map<int64_t, std::vector<Due>> by_owner;
  for (auto& t : open) {
    const NextDue due = NextDueFor(t);
    if (due.what == AskedOf::kNothing) continue;
    const auto sent = last.find({t.id, std::string(AskedId(due.what)), due.due_on.ToIso()});
    const ReminderKind kind = ReminderFor(due, today, sent == last.end() ? Date() : sent->second);
    if (kind == ReminderKind::kNone) continue;
    by_owner[t.owner_id].push_back({std::move(t), due, kind});
  }
  ReminderRun run;
  for (auto& [owner_id, due] : by_owner) {
    std::stable_sort(due.begin(), due.end(),
                     [](const Due& a, const Due& b) { return a.due.due_on < b.due.due_on; });
    const auto sent = Remind(owner_id, due, site);
    if (sent.ok()) {
      run.sent += *sent;
      continue;
    }
    for (const auto& d : due) {
      run.held.push_back(TrackerReference(d.item) + ": " + sent.status().message());
    }
  }
  return run;
}

}  // namespace jointly
