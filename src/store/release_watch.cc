#include "store/release_watch.h"

#include <atomic>
#include <utility>

namespace jointly {
namespace {

std::atomic<uint64_t> generation{0};
// Whether the write running on this thread released or withdrew anything.
thread_local bool released_here = false;

}  // namespace

uint64_t ReleasedGeneration() { return generation.load(std::memory_order_acquire); }

void MarkReleasedOnThisThread() { released_here = true; }

Status ReleaseWatchingDatabase::Write(const std::function<Status(Transaction&)>& body) {
  // A write nested in another's body (none today) keeps the outer mark.
  const bool outer = std::exchange(released_here, false);
  Status s = inner_.Write(body);
  const bool released = released_here;
  released_here = outer;
  // Counted even when the write failed after marking: a rendering thrown
  // away for nothing costs one render; one kept past a commit would be wrong.
  if (released) generation.fetch_add(1, std::memory_order_acq_rel);
  return s;
}

}  // namespace jointly
