// A Database that counts the transactions opened through it, per thread, so
// a test can hold a request to the number of reads and writes it makes
// (one view, one read; one form, one write). It forwards every call to the
// database it wraps and changes nothing else. Only the command line puts it
// in front of the real database, and only when asked (serve
// --count-transactions); nothing in production depends on it.
#pragma once

#include <cstdint>

#include "store/database.h"

namespace jointly {

struct TransactionCounts {
  int64_t reads = 0;
  int64_t writes = 0;
};

class CountingDatabase : public Database {
 public:
  // `inner` must outlive this object.
  explicit CountingDatabase(Database& inner) : inner_(inner) {}

  Dialect dialect() const override { return inner_.dialect(); }
  Status Write(const std::function<Status(Transaction&)>& body) override;
  Status Read(const std::function<Status(Transaction&)>& body) override;
  Status Backup(const std::string& path) override { return inner_.Backup(path); }
  bool ReserveReaderForThisThread() override { return inner_.ReserveReaderForThisThread(); }
  Status Compact(const std::vector<std::string>& tables) override { return inner_.Compact(tables); }

  // The transactions the calling thread has opened through any
  // CountingDatabase so far. A request is served on one thread, so the
  // difference before and after it is what the request opened; work on
  // other threads (the optimiser) is not counted against it. Thread-safe.
  static TransactionCounts OnThisThread();

 private:
  Database& inner_;
};

}  // namespace jointly
