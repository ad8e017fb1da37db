// InFlight: the requests a sandbox has accepted whose reply continuation has not run yet.
//
// cpprestsdk queues a reply's continuation on its shared thread pool, and that pool drops what
// is still queued when the process exits: a continuation queued just before a sandbox stops
// then never runs, and its pplx task graph leaks (LeakSanitizer reports it). The sandbox holds
// one ticket per request, captured by the continuation, and waits for every ticket to be
// returned before it is destroyed, so nothing of it is left queued behind it.
//
// Thread safety: every member may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace heed::sandbox {

class InFlight : public std::enable_shared_from_this<InFlight> {
 public:
  // Returned when its last copy is destroyed. It keeps the InFlight alive, so a continuation
  // that outlives a timed-out WaitIdle still has a counter to return it to.
  using Ticket = std::shared_ptr<const void>;

  static std::shared_ptr<InFlight> Create() { return std::shared_ptr<InFlight>(new InFlight); }

  Ticket Enter() {
    {
      std::lock_guard lock(mu_);
      ++count_;
    }
    return std::make_shared<Returner>(shared_from_this());
  }

  // True once no ticket is out; false if some still are after `timeout`.
  bool WaitIdle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return idle_.wait_for(lock, timeout, [this] { return count_ == 0; });
  }

  int count() const {
    std::lock_guard lock(mu_);
    return count_;
  }

 private:
  struct Returner {
    explicit Returner(std::shared_ptr<InFlight> owner) : owner(std::move(owner)) {}
    Returner(const Returner&) = delete;
    Returner& operator=(const Returner&) = delete;
    ~Returner() { owner->Leave(); }
    std::shared_ptr<InFlight> owner;
  };

  InFlight() = default;

  void Leave() {
    std::lock_guard lock(mu_);
    if (--count_ == 0) idle_.notify_all();
  }

  mutable std::mutex mu_;
  std::condition_variable idle_;
  int count_ = 0;  // guarded by mu_
};

}  // namespace heed::sandbox
