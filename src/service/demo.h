// The demo `make run` loads: the 2017-18 programme and its consultation,
// the people who run it, the joint inspection of hate crime part-way
// through, the published one of modern slavery and the tracker's owners.
// Each part is loaded once; loading again adds nothing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "service/inspection_service.h"
#include "service/people_service.h"
#include "store/database.h"

namespace jointly {

// Each person the demo made, by e-mail, with their one-time password.
using DemoSignIns = std::vector<std::pair<std::string, std::string>>;

// What the inspections of the demo are run in: the directory's made-up
// details (the secretariat's head, the sites' postal addresses, indicators
// to propose sites from), a Development Group representative for each open
// CJ inspectorate, the 2017-18 programme they agreed and its consultation,
// and the inspections' people.
struct DemoSetting {
  DemoInspectionPeople team;
  DemoSignIns created;  // only those made now
};
StatusOr<DemoSetting> LoadDemoSetting(Database& db, PeopleService& people);

// The whole demo: the setting, then the inspections and the tracker's
// owners. Returns the people made now.
StatusOr<DemoSignIns> LoadDemo(Database& db, PeopleService& people);

}  // namespace jointly
