#include "domain/access.h"

#include <gtest/gtest.h>

namespace jointly {
namespace {

Caller With(std::vector<Role> roles, bool active = true) {
  Caller c;
  c.user_id = 7;
  c.email = "someone@example.gov.uk";
  c.roles = std::move(roles);
  c.active = active;
  return c;
}

const Permission kAllPermissions[] = {
    Permission::kSignedIn,         Permission::kEditDirectory,    Permission::kEditReferenceData,
    Permission::kManageUsers,      Permission::kVerifyAudit,      Permission::kEditProgramme,
    Permission::kPublishProgramme, Permission::kRunConsultations, Permission::kChangeRotation,
    Permission::kRecordGovernance};

TEST(Access, Foundation_access_denied_by_default) {
  const Caller anonymous;
  EXPECT_TRUE(Allows(anonymous, Permission::kPublic));
  for (Permission p : kAllPermissions) EXPECT_FALSE(Allows(anonymous, p));
  // A user with no roles may only read; a disabled administrator nothing.
  const Caller no_roles = With({});
  EXPECT_TRUE(Allows(no_roles, Permission::kSignedIn));
  EXPECT_FALSE(Allows(no_roles, Permission::kEditDirectory));
  EXPECT_FALSE(Allows(no_roles, Permission::kManageUsers));
  const Caller disabled_admin = With({Role::kAdministrator}, false);
  for (Permission p : kAllPermissions) EXPECT_FALSE(Allows(disabled_admin, p));
}

TEST(Access, SecretariatEditsDirectoryButNotUsers) {
  const Caller secretariat = With({Role::kSecretariat});
  EXPECT_TRUE(Allows(secretariat, Permission::kEditDirectory));
  EXPECT_FALSE(Allows(secretariat, Permission::kManageUsers));
  EXPECT_FALSE(Allows(secretariat, Permission::kEditReferenceData));
}

TEST(Access, InspectorRolesReadOnlyInTheDirectory) {
  for (Role r : {Role::kChiefInspector, Role::kHmInspector, Role::kDgRepresentative,
                 Role::kLeadInspector, Role::kInspector, Role::kReadOnly}) {
    const Caller c = With({r});
    EXPECT_TRUE(Allows(c, Permission::kSignedIn));
    EXPECT_FALSE(Allows(c, Permission::kEditDirectory)) << RoleId(r);
  }
}

TEST(Access, AdministratorMayDoEverything) {
  const Caller admin = With({Role::kAdministrator});
  for (Permission p : kAllPermissions) EXPECT_TRUE(Allows(admin, p));
}

Caller For(Role role, std::optional<int64_t> inspectorate) {
  Caller c = With({role});
  c.inspectorate_id = inspectorate;
  return c;
}

const Permission kProgrammeWide[] = {Permission::kPublishProgramme, Permission::kRunConsultations,
                                     Permission::kChangeRotation, Permission::kRecordGovernance};

TEST(Access, access_programme_wide_acts_belong_to_programme_staff) {
  for (Role staff : {Role::kAdministrator, Role::kSecretariat}) {
    for (Permission p : kProgrammeWide) EXPECT_TRUE(Allows(With({staff}), p)) << RoleId(staff);
    EXPECT_TRUE(Allows(With({staff}), Permission::kEditProgramme)) << RoleId(staff);
  }
  for (Role r : {Role::kChiefInspector, Role::kDgRepresentative, Role::kHmInspector,
                 Role::kLeadInspector, Role::kInspector, Role::kReadOnly}) {
    for (Permission p : kProgrammeWide) {
      EXPECT_FALSE(Allows(For(r, 3), p)) << RoleId(r);
      EXPECT_FALSE(Allows(For(r, std::nullopt), p)) << RoleId(r);
    }
  }
}

TEST(Access, access_chief_inspectors_and_representatives_act_for_their_own_inspectorate) {
  for (Role r : {Role::kChiefInspector, Role::kDgRepresentative}) {
    for (Permission p :
         {Permission::kEditProgramme, Permission::kScoreProposals, Permission::kAnswerDecisions}) {
      EXPECT_TRUE(Allows(For(r, 3), p)) << RoleId(r);
      EXPECT_FALSE(Allows(For(r, std::nullopt), p)) << RoleId(r) << ": speaks for no inspectorate";
    }
  }
  for (Role r : {Role::kHmInspector, Role::kLeadInspector, Role::kInspector, Role::kReadOnly}) {
    EXPECT_FALSE(Allows(For(r, 3), Permission::kEditProgramme)) << RoleId(r);
  }
}

TEST(Access, RoleIdsRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(RoleId(r)), r);
  EXPECT_FALSE(ParseRole("superuser").has_value());
}

}  // namespace
}  // namespace jointly
