#include "domain/access.h"

#include <algorithm>

#include "core/enum_ids.h"

namespace jointly {

std::string_view RoleId(Role role) {
  switch (role) {
    case Role::kAdministrator:
      return "administrator";
    case Role::kSecretariat:
      return "secretariat";
    case Role::kChiefInspector:
      return "chief_inspector";
    case Role::kHmInspector:
      return "hm_inspector";
    case Role::kDgRepresentative:
      return "dg_representative";
    case Role::kLeadInspector:
      return "lead_inspector";
    case Role::kInspector:
      return "inspector";
    case Role::kReadOnly:
      return "read_only";
  }
  return "";
}

std::string_view RoleLabel(Role role) {
  switch (role) {
    case Role::kAdministrator:
      return "Administrator";
    case Role::kSecretariat:
      return "Joint secretariat";
    case Role::kChiefInspector:
      return "Chief Inspector";
    case Role::kHmInspector:
      return "HM Inspector";
    case Role::kDgRepresentative:
      return "Development Group representative";
    case Role::kLeadInspector:
      return "Lead inspector";
    case Role::kInspector:
      return "Inspector";
    case Role::kReadOnly:
      return "Read only";
  }
  return "";
}

std::optional<Role> ParseRole(std::string_view id) { return ParseById(id, kAllRoles, RoleId); }

bool Caller::Has(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

namespace {

bool IsProgrammeStaff(const Caller& caller) {
  return caller.Has(Role::kAdministrator) || caller.Has(Role::kSecretariat);
}

// Representatives and Chief Inspectors speak for their own inspectorate.
bool SpeaksForInspectorate(const Caller& caller) {
  return caller.inspectorate_id.has_value() &&
         (caller.Has(Role::kChiefInspector) || caller.Has(Role::kDgRepresentative));
}

}  // namespace

bool Allows(const Caller& caller, Permission permission) {
  if (permission == Permission::kPublic) return true;
  if (caller.anonymous() || !caller.active) return false;
  // The people of owner bodies see their own body's recommendations and
  // their own account, and nothing else.
  if (caller.owner_id) {
    return permission == Permission::kOwnAccount || permission == Permission::kAnswerAsOwner;
  }
  switch (permission) {
    case Permission::kPublic:
    case Permission::kSignedIn:
    case Permission::kOwnAccount:
      return true;
    case Permission::kAnswerAsOwner:
      return false;
    case Permission::kEditDirectory:
      return caller.Has(Role::kAdministrator) || caller.Has(Role::kSecretariat);
    case Permission::kEditReferenceData:
    case Permission::kManageUsers:
    case Permission::kVerifyAudit:
      return caller.Has(Role::kAdministrator);
    case Permission::kPublishProgramme:
    case Permission::kRunConsultations:
    case Permission::kChangeRotation:
    case Permission::kRecordGovernance:
    case Permission::kPublishTracker:
      // Programme-wide acts belong to the joint secretariat and administrators.
      return IsProgrammeStaff(caller);
    case Permission::kEditProgramme:
      // Chief Inspectors and representatives act for their own inspectorate;
      // one who speaks for none cannot.
      return IsProgrammeStaff(caller) || SpeaksForInspectorate(caller);
    case Permission::kScoreProposals:
    case Permission::kAnswerDecisions:
      return SpeaksForInspectorate(caller);
    case Permission::kRunInspections:
      // Which inspections, and what in each, is the inspection's own rule
      // (StandingOf in domain/inspection.h).
      return !caller.Has(Role::kReadOnly) || caller.roles.size() > 1;
    case Permission::kTrackRecommendations:
      // Whose recommendations is MayTrackFor's rule.
      return IsProgrammeStaff(caller) ||
             (caller.inspectorate_id.has_value() &&
              (!caller.Has(Role::kReadOnly) || caller.roles.size() > 1));
  }
  return false;
}

bool MayTrackFor(const Caller& caller, int64_t inspectorate_id) {
  if (!Allows(caller, Permission::kTrackRecommendations)) return false;
  return IsProgrammeStaff(caller) || caller.inspectorate_id == inspectorate_id;
}

}  // namespace jointly
