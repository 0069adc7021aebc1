// Which state of the public website the server holds, so that a rendering
// of a public page can be kept until something is released or withdrawn:
// ReleaseItem and WithdrawReleased mark the writing thread, and a
// ReleaseWatchingDatabase in front of the real one counts each write so
// marked once it has committed (a reader that starts after the count has
// moved sees what was released). Releases by another process (a second
// server on the same PostgreSQL, `jointly demo`) are not counted; those
// who keep renderings keep them only briefly for that reason.
#pragma once

#include <cstdint>

#include "store/database.h"

namespace jointly {

// How many writes through any ReleaseWatchingDatabase have released or
// withdrawn something since the process started. Thread-safe.
uint64_t ReleasedGeneration();

// Called by the released store's writers (store/released_store.cc).
void MarkReleasedOnThisThread();

class ReleaseWatchingDatabase : public Database {
 public:
  // `inner` must outlive this object.
  explicit ReleaseWatchingDatabase(Database& inner) : inner_(inner) {}

  Dialect dialect() const override { return inner_.dialect(); }
  Status Write(const std::function<Status(Transaction&)>& body) override;
  Status Read(const std::function<Status(Transaction&)>& body) override {
    return inner_.Read(body);
  }
  Status Backup(const std::string& path) override { return inner_.Backup(path); }
  bool ReserveReaderForThisThread() override { return inner_.ReserveReaderForThisThread(); }
  Status Compact(const std::vector<std::string>& tables) override { return inner_.Compact(tables); }

 private:
  Database& inner_;
};

}  // namespace jointly
