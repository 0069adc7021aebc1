#include <cmath>
#include <cstdio>

#include "planning/solver.h"

namespace jointly {
namespace {

std::string Number(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.12g", v);
  return buf;
}

// " + 3 x1 - 2 x4", wrapped so no line is too long for LP readers.
std::string Terms(const std::vector<std::pair<int, double>>& terms) {
  std::string out;
  int on_line = 0;
  for (const auto& [var, coef] : terms) {
    out += coef < 0 ? " - " : " + ";
    out += Number(std::abs(coef)) + " x" + std::to_string(var);
    if (++on_line % 8 == 0) out += "\n  ";
  }
  return out.empty() ? " 0 x0" : out;
}

}  // namespace

std::string ToCplexLp(const MipModel& model) {
  std::string out = "\\ Maximise the objective over binary variables\nMaximize\n obj:";
  std::vector<std::pair<int, double>> objective;
  for (size_t v = 0; v < model.objective.size(); ++v)
    objective.emplace_back(static_cast<int>(v), model.objective[v]);
  out += Terms(objective) + "\nSubject To\n";
  for (size_t r = 0; r < model.rows.size(); ++r) {
    const auto& row = model.rows[r];
    const std::string name = " r" + std::to_string(r);
    const bool lower = std::isfinite(row.lower), upper = std::isfinite(row.upper);
    if (lower && upper && row.lower == row.upper) {
      out += name + ":" + Terms(row.terms) + " = " + Number(row.lower) + "\n";
      continue;
    }
    if (lower) out += name + "l:" + Terms(row.terms) + " >= " + Number(row.lower) + "\n";
    if (upper) out += name + "u:" + Terms(row.terms) + " <= " + Number(row.upper) + "\n";
  }
  out += "Binary\n";
  for (size_t v = 0; v < model.objective.size(); ++v) out += " x" + std::to_string(v) + "\n";
  out += "End\n";
  return out;
}

}  // namespace jointly
