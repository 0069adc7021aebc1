// Who may do what. Roles are held by users; each route and use case names
// the Permission it needs; Allows() is the single decision. Anything not
// granted here is denied.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jointly {

enum class Role {
  kAdministrator,
  kSecretariat,
  kChiefInspector,
  kHmInspector,
  kDgRepresentative,
  kLeadInspector,
  kInspector,
  kReadOnly,
};

inline constexpr Role kAllRoles[] = {
    Role::kAdministrator,    Role::kSecretariat,   Role::kChiefInspector, Role::kHmInspector,
    Role::kDgRepresentative, Role::kLeadInspector, Role::kInspector,      Role::kReadOnly,
};

// Stable identifier used in the database and the API ("dg_representative").
std::string_view RoleId(Role role);
// Words for pages ("Development Group representative").
std::string_view RoleLabel(Role role);
std::optional<Role> ParseRole(std::string_view id);

enum class Permission {
  kPublic,                // anyone, signed in or not
  kSignedIn,              // any active user: read the directory, manage own account
  kEditDirectory,         // create, edit, import inspected bodies
  kEditReferenceData,     // edit inspectorates
  kManageUsers,           // create, disable, reset and grant roles to users
  kVerifyAudit,           // run the audit chain check and read the whole log
  kEditProgramme,         // propose work, set capacity, run the optimiser, raise decisions:
                          // programme staff, and Chief Inspectors and representatives who
                          // speak for an inspectorate
  kPublishProgramme,      // send the joint plan to CJ Ministers, record and answer their
                          // comments, publish it (programme-wide: programme staff only)
  kRunConsultations,      // start, open and close consultations; consultees, contacts,
                          // dispatches, responses and summaries (programme staff only)
  kChangeRotation,        // change the chairing rotation (programme staff only)
  kRecordGovernance,      // record CJCIG and Development Group meetings, their decisions,
                          // actions and referrals, members and reference groups (programme
                          // staff only)
  kScoreProposals,        // score proposals for one's own inspectorate
  kAnswerDecisions,       // agree or decline joint decisions for one's own inspectorate
  kRunInspections,        // work on the inspections one's inspectorate takes part in
  kTrackRecommendations,  // put recommendations on the tracker and record their owners'
                          // responses and statuses: one's own inspectorate's (programme
                          // staff: any)
  kPublishTracker,        // freeze and publish the quarterly recommendations tracker
                          // (programme staff only)
  kOwnAccount,            // sign out, change one's own password, keep one's own API tokens:
                          // every active user, the people of owner bodies included
  kAnswerAsOwner,         // answer one's own owner body's recommendations: the people of
                          // owner bodies only, who may do nothing else but kOwnAccount
};

struct Caller {
  int64_t user_id = 0;  // 0: anonymous
  std::string email;
  std::vector<Role> roles;
  std::optional<int64_t> inspectorate_id;  // whom they speak for, if anyone
  // The owner body (a police force, a department...) whose recommendations
  // this person answers; such a person holds no role and may do nothing
  // else of Jointly (rule owner-sees-own-only).
  std::optional<int64_t> owner_id;
  bool active = false;
  bool anonymous() const { return user_id == 0; }
  bool Has(Role role) const;
};

// True if `caller` may act with `permission`. Deny by default: a disabled or
// anonymous caller has only kPublic.
bool Allows(const Caller& caller, Permission permission);

// Whether `caller` (holding kTrackRecommendations) acts on the tracker for
// recommendations reported by `inspectorate_id`: programme staff for any,
// anyone else for their own inspectorate's only.
bool MayTrackFor(const Caller& caller, int64_t inspectorate_id);

}  // namespace jointly
