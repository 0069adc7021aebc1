// The demo `make run` loads (README "The demo programme" onwards), in the
// service layer so that tests can build on the same setting.
#include "service/demo.h"

#include <algorithm>
#include <map>

#include "core/clock.h"
#include "core/text.h"
#include "service/consultation_service.h"
#include "service/directory_service.h"
#include "service/inspection_demo_published.h"
#include "service/owner_service.h"
#include "service/programme_service.h"
#include "store/directory_store.h"

namespace jointly {

StatusOr<DemoSetting> LoadDemoSetting(Database& db, PeopleService& people) {
  DemoSetting out;
  auto& created = out.created;
  const Caller system = SystemCaller();
  DirectoryService directory(db, SystemClock());
  ASSIGN_OR_RETURN(auto inspectorates, directory.Inspectorates(system));
  ASSIGN_OR_RETURN(auto users, people.Users(system));
  // Made-up indicators and past inspections of police forces, to propose
  // sites from.
  RETURN_IF_ERROR(directory.LoadExampleSiteData());
  // The secretariat runs the demo's consultations: it signs their letters
  // and takes responses by email. Made-up details, kept if already set.
  for (auto& i : inspectorates) {
    if (i.code != "JOINT-SECRETARIAT" || !i.head_name.empty()) continue;
    i.head_name = "Sam Okafor";
    i.head_title = "Head of the Criminal Justice Joint Inspection Secretariat";
    i.email = "secretariat@jointly.invalid";
    i.queries_name = "Robin Hale";
    ASSIGN_OR_RETURN(i, directory.UpdateInspectorate(system, i));
  }
  // The demo inspection's sites have made-up postal addresses for their
  // letters, kept if already set.
  static constexpr std::pair<const char*, const char*> kDemoAddresses[] = {
      {"POL-KENT", "Police Headquarters, 1 Orchard Road, Maidstone ME14 9ZZ"},
      {"POL-METROPOLITAN", "New Scotland Yard, 2 Embankment Walk, London SW1A 9ZZ"},
      {"POL-SOUTH-WALES", "Police Headquarters, 3 Bridge Street, Bridgend CF31 9ZZ"},
      {"CPS-SOUTH-EAST", "CPS South East, 4 Castle Lane, Canterbury CT1 9ZZ"},
      {"CPS-LONDON-SOUTH", "CPS London South, 5 River Row, London SE1 9ZZ"},
      {"CPS-CYMRU-WALES", "CPS Cymru-Wales, 6 Quay Street, Cardiff CF10 9ZZ"},
      {"POL-WEST-YORKSHIRE", "Police Headquarters, 7 Mill Lane, Wakefield WF1 9ZZ"},
  };
  for (const auto& [code, address] : kDemoAddresses) {
    std::optional<InspectedBody> body;
    RETURN_IF_ERROR(db.Read([&](Transaction& tx) -> Status {
      ASSIGN_OR_RETURN(body, FindBodyByCode(tx, code));
      return OkStatus();
    }));
    if (!body || !body->address.empty()) continue;
    body->address = address;
    RETURN_IF_ERROR(directory.UpdateBody(system, *body).status());
  }
  // The demo's person with `email`, made if there is none yet.
  auto person = [&](const std::string& email, const std::string& name, int64_t inspectorate,
                    Role role) -> StatusOr<Caller> {
    auto existing =
        std::find_if(users.begin(), users.end(), [&](const User& u) { return u.email == email; });
    User u;
    if (existing != users.end()) {
      u = *existing;
    } else {
      u.email = email;
      u.name = name;
      u.inspectorate_id = inspectorate;
      u.roles = {role};
      ASSIGN_OR_RETURN(CreatedUser made, people.CreateUser(system, u));
      u = made.user;
      created.emplace_back(email, made.one_time_password);
    }
    Caller c;
    c.user_id = u.id;
    c.email = u.email;
    c.roles = u.roles;
    c.inspectorate_id = u.inspectorate_id;
    c.active = true;
    return c;
  };
  std::map<int64_t, int64_t> representatives;
  std::map<std::string, Caller> reps;
  for (const auto& i : inspectorates) {
    if (i.kind != InspectorateKind::kCriminalJustice || !i.is_open()) continue;
    ASSIGN_OR_RETURN(Caller rep, person("dg." + AsciiLower(i.code) + "@jointly.invalid",
                                        i.short_name + " Development Group representative", i.id,
                                        Role::kDgRepresentative));
    representatives[i.id] = rep.user_id;
    reps[i.code] = rep;
  }
  JointDecisions decisions(db, SystemClock());
  ProgrammeService programme(db, SystemClock(), decisions);
  RETURN_IF_ERROR(programme.LoadDemoProgramme(representatives).status());
  // The consultation on 2017-18 was held before that year began: replayed
  // as history, so the demo plan can be published.
  ReplayClock in_2016(0);
  ConsultationService consultation_2016(db, in_2016);
  RETURN_IF_ERROR(LoadDemoConsultation(consultation_2016, in_2016).status());
  const auto police = reps.find("HMICFRS");
  const auto cps = reps.find("HMCPSI");
  if (police == reps.end() || cps == reps.end())
    return Internal("The demo needs HMICFRS and HMCPSI");
  DemoInspectionPeople& team = out.team;
  team.police_rep = police->second;
  team.cps_rep = cps->second;
  const int64_t police_id = police->second.inspectorate_id.value_or(0);
  const int64_t cps_id = cps->second.inspectorate_id.value_or(0);
  ASSIGN_OR_RETURN(team.police_lead,
                   person("lead.hmicfrs@jointly.invalid", "HMICFRS lead inspector", police_id,
                          Role::kLeadInspector));
  ASSIGN_OR_RETURN(team.police_overseer,
                   person("director.hmicfrs@jointly.invalid", "HMICFRS Portfolio Director",
                          police_id, Role::kHmInspector));
  ASSIGN_OR_RETURN(team.cps_lead, person("lead.hmcpsi@jointly.invalid", "HMCPSI lead inspector",
                                         cps_id, Role::kLeadInspector));
  ASSIGN_OR_RETURN(team.cps_overseer,
                   person("deputy.hmcpsi@jointly.invalid", "HMCPSI Deputy Chief Inspector", cps_id,
                          Role::kHmInspector));
  ASSIGN_OR_RETURN(team.police_chief,
                   person("chief.hmicfrs@jointly.invalid", "HM Chief Inspector of Constabulary",
                          police_id, Role::kChiefInspector));
  ASSIGN_OR_RETURN(team.cps_delegate, person("inspector.hmcpsi@jointly.invalid",
                                             "HMCPSI legal inspector", cps_id, Role::kInspector));
  return out;
}

StatusOr<DemoSignIns> LoadDemo(Database& db, PeopleService& people) {
  ASSIGN_OR_RETURN(DemoSetting setting, LoadDemoSetting(db, people));
  // The inspection is replayed on the days it happened, in 2017.
  ReplayClock in_2017(0);
  JointDecisions decisions_2017(db, in_2017);
  InspectionService inspection_2017(db, in_2017, decisions_2017);
  RETURN_IF_ERROR(
      LoadDemoInspection(inspection_2017, decisions_2017, in_2017, setting.team).status());
  // A second, already published, with its recommendations on the tracker.
  RETURN_IF_ERROR(LoadDemoPublished(db, setting.team));
  // The recommendations tracker, its owners and a first quarterly tracker,
  // which holds the published inspection's recommendations too.
  RETURN_IF_ERROR(LoadOwnerDemo(db, SystemClock(), people, setting.created));
  return setting.created;
}

}  // namespace jointly
