#include "registry/registry.h"

namespace localecap {

Registry::~Registry() { reset_for_testing(); }

bool Registry::initialize(std::unique_ptr<const Snapshot> s) {
  const Snapshot* expected = nullptr;
  if (!current_.compare_exchange_strong(expected, s.get(), std::memory_order_acq_rel)) return false;
  s.release();  // now owned through current_
  return true;
}

uint64_t Registry::publish(std::unique_ptr<const Snapshot> s) {
  const Snapshot* old = current_.exchange(s.release(), std::memory_order_acq_rel);
  if (!old) return 0;
  const uint64_t v = old->registry_version();
  std::lock_guard lock(retired_mutex_);
  retired_.emplace_back(old);
  return v;
}

uint64_t Registry::version() const {
  const Guard g = read();
  return g ? g->registry_version() : 0;
}

void Registry::reset_for_testing() {
  delete current_.exchange(nullptr, std::memory_order_acq_rel);
  std::lock_guard lock(retired_mutex_);
  retired_.clear();
}

}  // namespace localecap
