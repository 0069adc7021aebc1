#include "store/counting_database.h"

namespace jointly {
namespace {

thread_local TransactionCounts counts_on_this_thread;

}  // namespace

Status CountingDatabase::Write(const std::function<Status(Transaction&)>& body) {
  ++counts_on_this_thread.writes;
  return inner_.Write(body);
}

Status CountingDatabase::Read(const std::function<Status(Transaction&)>& body) {
  ++counts_on_this_thread.reads;
  return inner_.Read(body);
}

TransactionCounts CountingDatabase::OnThisThread() { return counts_on_this_thread; }

}  // namespace jointly
