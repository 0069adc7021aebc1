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
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/text.h"
#include "domain/access.h"
#include "domain/csv.h"
#include "domain/programme.h"
#include "planning/cbc/cbc_solver.h"
#include "planning/optimiser.h"
#include "planning/weights.h"

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

// "key: value" lines, in order; repeated keys are kept.
std::vector<std::pair<std::string, std::string>> KeyValues(const std::string& input) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& line : Split(input, '\n')) {
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    out.emplace_back(std::string(Trim(std::string_view(line).substr(0, colon))),
                     std::string(Trim(std::string_view(line).substr(colon + 1))));
  }
  return out;
}

std::string Invalid(const Status& s) {
  std::string out = "invalid: " + s.message() + "\n";
  for (const auto& e : s.field_errors()) out += e.field + " [" + e.rule + "] " + e.message + "\n";
  return out;
}

// The shipped inspectorates (data/inspectorates.csv), ids in file order.
const std::vector<Inspectorate>& ShippedInspectorates() {
  static const auto* all = [] {
    std::ifstream in(JOINTLY_DATA_DIR "/inspectorates.csv", std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto parsed = ParseInspectoratesCsv(buffer.str());
    auto* out = new std::vector<Inspectorate>(parsed.ok() ? *parsed : std::vector<Inspectorate>{});
    for (size_t n = 0; n < out->size(); ++n) (*out)[n].id = static_cast<int64_t>(n) + 1;
    return out;
  }();
  return *all;
}

// A proposal as "key: value" lines -> validation, then each R1 test.
//   type: joint_thematic
//   participant: HMIPRISONS lead 120      (code, involvement, inspector-days)
//   scope: ...   main_question: ...   principles: improvement, outcomes, user
std::string RunQualifyingTests(const std::string& input) {
  Proposal p;
  p.title = "Scenario proposal";
  for (const auto& [key, value] : KeyValues(input)) {
    if (key == "type") {
      auto t = ParseWorkType(value);
      if (!t) return "unknown type " + value + "\n";
      p.type = *t;
    } else if (key == "participant") {
      auto parts = Split(value, ' ');
      if (parts.size() != 3) return "participant needs: CODE involvement days\n";
      Participation part;
      for (const auto& i : ShippedInspectorates()) {
        if (i.code == parts[0]) part.inspectorate_id = i.id;
      }
      if (part.inspectorate_id == 0) return "unknown inspectorate " + parts[0] + "\n";
      auto involvement = ParseInvolvement(parts[1]);
      if (!involvement) return "unknown involvement " + parts[1] + "\n";
      part.involvement = *involvement;
      part.effort_days = std::atoi(parts[2].c_str());
      p.participants.push_back(part);
    } else if (key == "scope") {
      p.scope_and_purpose = value;
    } else if (key == "main_question") {
      p.main_question = value;
    } else if (key == "duration_quarters") {
      p.duration_quarters = std::atoi(value.c_str());
    } else if (key == "principles") {
      p.contributes_to_improvement = value.find("improvement") != std::string::npos;
      p.outcome_focused = value.find("outcomes") != std::string::npos;
      p.user_perspective = value.find("user") != std::string::npos;
    } else {
      return "unknown key " + key + "\n";
    }
  }
  if (Status s = ValidateProposal(p); !s.ok()) return Invalid(s);
  if (Status s = CheckCollaborativeInvolvesCj(p, ShippedInspectorates()); !s.ok()) {
    return Invalid(s);
  }
  const auto results = RunQualifyingTests(p, ShippedInspectorates());
  std::string out = std::string("tests apply: ") + (TestsApply(results) ? "yes" : "no") + "\n";
  for (const auto& r : results) {
    const char* verdict = !r.applies ? "does not apply" : r.passed ? "passed" : "failed";
    out += std::string(QualifyingTestId(r.test)) + ": " + verdict + " (" + r.reason + ")\n";
  }
  out += std::string("qualifies: ") + (Qualifies(results) ? "yes" : "no") + "\n";
  return out;
}

double ParseNumber(const std::string& s) {
  const size_t slash = s.find('/');
  if (slash == std::string::npos) return std::strtod(s.c_str(), nullptr);
  return std::strtod(s.substr(0, slash).c_str(), nullptr) /
         std::strtod(s.substr(slash + 1).c_str(), nullptr);
}

std::string Fixed(double v, int places = 4) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", places, v);
  return buf;
}

// Rows of a pairwise comparison matrix ("1 3 1/5") -> AHP weights and
// consistency; or "weights: 0.5 0.3 0.2" -> whether direct weights are valid.
std::string RunWeights(const std::string& input) {
  std::vector<std::vector<double>> matrix;
  for (const std::string& line : Split(input, '\n')) {
    if (Trim(line).empty()) continue;
    if (line.rfind("weights:", 0) == 0) {
      std::vector<double> weights;
      for (const auto& w : Split(std::string(Trim(line.substr(8))), ' '))
        weights.push_back(ParseNumber(w));
      Status s = ValidateWeights(weights);
      return s.ok() ? std::string("valid\n") : Invalid(s);
    }
    std::vector<double> row;
    for (const auto& cell : Split(std::string(Trim(line)), ' ')) {
      if (!cell.empty()) row.push_back(ParseNumber(cell));
    }
    matrix.push_back(row);
  }
  auto result = WeightsFromPairwise(matrix);
  if (!result.ok()) return Invalid(result.status());
  std::string out = "weights:";
  for (double w : result->weights) out += " " + Fixed(w);
  out += "\nlambda_max: " + Fixed(result->lambda_max) +
         "\nconsistency_ratio: " + Fixed(result->consistency_ratio) + "\n";
  out += result->consistent() ? "consistent\n" : "warning: inconsistent (ratio above 0.1)\n";
  return out;
}

// A programme instance in text -> the optimal schedule, or why there is none.
//   quarters: 4
//   capacity: HMICFRS 100 100 100 100
//   proposal: A priority=10 duration=2 earliest=0 effort=HMICFRS:100 focus=community_safety
//             [decision=forced_in|forced_out] [fixed=1]       (one line)
//   clash: A B
//   coverage: 1                    (each high-level process, each year)
//   victim: waived                 (R5 victim coverage is otherwise required)
std::string RunOptimiser(const std::string& input) {
  ProgrammeInstance in;
  std::map<std::string, int64_t> inspectorate, proposal;
  std::map<int64_t, std::string> name;
  for (const auto& [key, value] : KeyValues(input)) {
    auto words = Split(value, ' ');
    if (key == "quarters") {
      in.quarters = std::atoi(value.c_str());
    } else if (key == "capacity") {
      const int64_t id = static_cast<int64_t>(inspectorate.size()) + 1;
      inspectorate[words[0]] = id;
      in.inspectorate_names[id] = words[0];
      for (size_t i = 1; i < words.size(); ++i) in.capacity[id].push_back(ParseNumber(words[i]));
    } else if (key == "proposal") {
      Candidate c;
      c.id = static_cast<int64_t>(proposal.size()) + 1;
      c.title = words[0];
      proposal[words[0]] = c.id;
      name[c.id] = words[0];
      for (size_t i = 1; i < words.size(); ++i) {
        const size_t eq = words[i].find('=');
        const std::string k = words[i].substr(0, eq), v = words[i].substr(eq + 1);
        if (k == "priority") c.priority = ParseNumber(v);
        if (k == "duration") c.duration_quarters = std::atoi(v.c_str());
        if (k == "earliest") c.earliest_start = std::atoi(v.c_str()) - 1;
        if (k == "fixed") c.fixed_start = std::atoi(v.c_str()) - 1;
        if (k == "decision")
          c.decision = v == "forced_in" ? Decision::kForcedIn : Decision::kForcedOut;
        if (k == "effort") {
          for (const auto& e : Split(v, ',')) {
            const size_t colon = e.find(':');
            if (!inspectorate.count(e.substr(0, colon))) return "unknown inspectorate " + e + "\n";
            c.effort[inspectorate[e.substr(0, colon)]] = ParseNumber(e.substr(colon + 1));
          }
        }
        if (k == "focus") {
          for (const auto& f : Split(v, ',')) {
            auto focus = ParseFocus(f);
            if (!focus) return "unknown focus " + f + "\n";
            c.focus.insert(*focus);
          }
        }
      }
      in.candidates.push_back(c);
    } else if (key == "clash") {
      in.clashes.emplace_back(proposal[words[0]], proposal[words[1]]);
    } else if (key == "coverage") {
      in.min_process_coverage_per_year = std::atoi(value.c_str());
    } else if (key == "victim") {
      in.victim_coverage_waived = value == "waived";
    } else {
      return "unknown key " + key + "\n";
    }
  }
  CbcSolver solver;
  auto result = OptimiseProgramme(in, solver, 20);
  if (!result.ok()) {
    std::string out =
        "no programme [" + result.status().rule() + "]: " + result.status().message() + "\n";
    if (!result.status().detail_json().empty()) {
      auto detail = nlohmann::json::parse(result.status().detail_json());
      out += "conflicting:";
      for (int64_t id : detail["conflicting_commitments"]) out += " " + name[id];
      out += "\n";
    }
    for (const auto& e : result.status().field_errors())
      out += e.field + " [" + e.rule + "] " + e.message + "\n";
    return out;
  }
  std::string out = "chosen:";
  for (const auto& item : result->chosen)
    out += " " + name[item.id] + "@Q" + std::to_string(item.start + 1);
  out += "\ntotal priority: " + Fixed(result->total_priority, 2) + "\n";
  out += result->proven_optimal ? "proven optimal\n" : "not proven optimal\n";
  for (const auto& ex : ExplainExclusions(in, *result)) {
    out += "left out " + name[ex.id] + ":";
    for (const auto& r : ex.reasons) out += " " + r + ".";
    if (!ex.displaced_by.empty()) {
      out += " Displaced by";
      for (const auto& [id, priority] : ex.displaced_by)
        out += " " + name[id] + " (" + Fixed(priority, 1) + ")";
      out += ".";
    }
    out += "\n";
  }
  if (!CheckSchedule(in, *result).ok())
    out += "BROKEN: " + CheckSchedule(in, *result).ToString() + "\n";
  return out;
}

const std::map<std::string, std::function<std::string(const std::string&)>>& Kinds() {
  static const auto* kinds =
      new std::map<std::string, std::function<std::string(const std::string&)>>{
          {"csv_import", RunCsvImport},
          {"access", RunAccess},
          {"qualifying_tests", RunQualifyingTests},
          {"weights", RunWeights},
          {"optimiser", RunOptimiser},
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
