// Runs the scenario files in tests/scenarios/<kind>/*.scenario: the input,
// a line "----", then the expected result. Each kind has a function that
// turns an input into the result text. A scenario named after a rule
// (R14_...) is that rule's test. JOINTLY_SCENARIO_UPDATE=1 rewrites the
// expectations from what the code now says, for review in the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "core/text.h"
#include "domain/access.h"
#include "domain/csv.h"

namespace jointly {
namespace {

namespace fs = std::filesystem;

// Bodies CSV -> the bodies it would import, or every error it names.
std::string RunCsvImport(const std::string& input) {
  auto bodies = ParseBodiesCsv(input);
  std::ostringstream out;
  if (!bodies.ok()) {
    out << "error: " << bodies.status().message() << "\n";
    for (const auto& e : bodies.status().field_errors()) {
      out << e.field << " [" << e.rule << "] " << e.message << "\n";
    }
    if (bodies.status().field_errors().empty()) out << "[" << bodies.status().rule() << "]\n";
    return out.str();
  }
  for (const auto& b : *bodies) {
    out << b.code << " | " << b.name << " | " << BodyTypeId(b.type) << " | " << b.region << " | "
        << NationId(b.nation) << " | london=" << (b.in_london ? "yes" : "no")
        << " | active=" << (b.active ? "yes" : "no") << "\n";
  }
  return out.str();
}

// "roles: a, b" and "active: yes|no" -> the permissions granted.
std::string RunAccess(const std::string& input) {
  Caller caller;
  for (const std::string& line : Split(input, '\n')) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    const std::string key(Trim(std::string_view(line).substr(0, colon)));
    const std::string value(Trim(std::string_view(line).substr(colon + 1)));
    if (key == "roles") {
      for (const std::string& r : Split(value, ',')) {
        if (Trim(r).empty()) continue;
        auto role = ParseRole(Trim(r));
        if (!role) return "unknown role " + r + "\n";
        caller.roles.push_back(*role);
      }
      caller.user_id = 1;
    } else if (key == "active") {
      caller.active = value == "yes";
    } else if (key == "anonymous" && value == "yes") {
      caller.user_id = 0;
    }
  }
  std::ostringstream out;
  for (auto [p, name] : {std::pair{Permission::kPublic, "public"},
                         {Permission::kSignedIn, "signed-in"},
                         {Permission::kEditDirectory, "edit-directory"},
                         {Permission::kEditReferenceData, "edit-reference-data"},
                         {Permission::kManageUsers, "manage-users"},
                         {Permission::kVerifyAudit, "verify-audit"}}) {
    out << name << ": " << (Allows(caller, p) ? "allowed" : "denied") << "\n";
  }
  return out.str();
}

const std::map<std::string, std::function<std::string(const std::string&)>>& Kinds() {
  static const auto* kinds =
      new std::map<std::string, std::function<std::string(const std::string&)>>{
          {"csv_import", RunCsvImport},
          {"access", RunAccess},
      };
  return *kinds;
}

struct Scenario {
  fs::path path;
  std::string kind;
};

void PrintTo(const Scenario& s, std::ostream* os) { *os << s.path.string(); }

std::vector<Scenario> AllScenarios() {
  std::vector<Scenario> out;
  const fs::path root = JOINTLY_SCENARIO_DIR;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".scenario") continue;
    out.push_back({entry.path(), entry.path().parent_path().filename().string()});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

class ScenarioTest : public ::testing::TestWithParam<Scenario> {};

TEST_P(ScenarioTest, GivesTheExpectedResult) {
  const Scenario& sc = GetParam();
  std::ifstream in(sc.path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  const std::string separator = "\n----\n";
  const size_t split = text.find(separator);
  ASSERT_NE(split, std::string::npos) << sc.path << " has no ---- line";
  // Lines starting with '#' before the input describe the scenario.
  std::string input = text.substr(0, split + 1);
  while (input.rfind('#', 0) == 0) input = input.substr(input.find('\n') + 1);
  const std::string expected = text.substr(split + separator.size());
  auto kind = Kinds().find(sc.kind);
  ASSERT_NE(kind, Kinds().end()) << "no runner for scenario kind " << sc.kind;
  const std::string actual = kind->second(input);
  if (std::getenv("JOINTLY_SCENARIO_UPDATE")) {
    std::ofstream(sc.path, std::ios::binary) << text.substr(0, split) << separator << actual;
    return;
  }
  EXPECT_EQ(actual, expected) << "in " << sc.path;
}

INSTANTIATE_TEST_SUITE_P(Files, ScenarioTest, ::testing::ValuesIn(AllScenarios()),
                         [](const auto& info) {
                           std::string name =
                               info.param.kind + "_" + info.param.path.stem().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace jointly
