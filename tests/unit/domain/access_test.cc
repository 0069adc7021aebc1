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

const Permission kAllPermissions[] = {Permission::kSignedIn, Permission::kEditDirectory,
                                      Permission::kEditReferenceData, Permission::kManageUsers,
                                      Permission::kVerifyAudit};

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

TEST(Access, RoleIdsRoundTrip) {
  for (Role r : kAllRoles) EXPECT_EQ(ParseRole(RoleId(r)), r);
  EXPECT_FALSE(ParseRole("superuser").has_value());
}

}  // namespace
}  // namespace jointly
