// A DocumentRenderer that records every document it is asked to render and
// answers with a short fixed body (or a scripted error), so tests of what
// is sent run without libzip, Pango or Cairo. Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "documents/documents.h"

namespace jointly {

class FakeRenderer final : public DocumentRenderer {
 public:
  explicit FakeRenderer(std::string format = "fake") : format_(std::move(format)) {}

  std::string_view format() const override { return format_; }
  std::string_view media_type() const override { return "application/x-jointly-fake"; }

  // "rendered <title>", or the error given to FailWith().
  StatusOr<std::string> Render(const Document& doc) const override {
    std::lock_guard lock(mu_);
    rendered_.push_back(doc);
    if (!error_.ok()) return error_;
    return "rendered " + doc.title;
  }

  void FailWith(Status error) {
    std::lock_guard lock(mu_);
    error_ = std::move(error);
  }

  std::vector<Document> rendered() const {
    std::lock_guard lock(mu_);
    return rendered_;
  }

 private:
  const std::string format_;
  mutable std::mutex mu_;
  mutable std::vector<Document> rendered_;
  Status error_;
};

}  // namespace jointly
