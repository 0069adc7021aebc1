// Fresh, migrated databases for tests, on either backend. PostgreSQL needs
// JOINTLY_TEST_POSTGRES_URL (set by tests/support/with-postgres.sh); without
// it the PostgreSQL cases skip themselves.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace jointly::testing {

// "sqlite" or "postgres" -> a new empty database with every migration
// applied; nullptr (and a reason) if that backend is not available here.
std::unique_ptr<Database> NewTestDatabase(const std::string& backend, std::string* why_not);

// Matches a Status code in EXPECT_THAT-free style: a readable message.
std::string Describe(const Status& s);

}  // namespace jointly::testing

#define EXPECT_CODE(expr, code_value)                                       \
  do {                                                                      \
    const ::jointly::Status _s = (expr);                                    \
    EXPECT_EQ(_s.code(), (code_value)) << ::jointly::testing::Describe(_s); \
  } while (0)

#define ASSERT_OK(expr)                                       \
  do {                                                        \
    const ::jointly::Status _s = (expr);                      \
    ASSERT_TRUE(_s.ok()) << ::jointly::testing::Describe(_s); \
  } while (0)
