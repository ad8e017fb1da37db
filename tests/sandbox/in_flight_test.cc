// A stopping sandbox waits for its queued reply continuations (sandbox/src/in_flight.h); the
// sanitizer build's LeakSanitizer run is what catches a continuation left behind at exit.
#include "in_flight.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace heed::sandbox {
namespace {

using std::chrono::milliseconds;

TEST(InFlight, IdleOnceEveryCopyOfEveryTicketIsGone) {
  auto in_flight = InFlight::Create();
  EXPECT_TRUE(in_flight->WaitIdle(milliseconds(0)));

  InFlight::Ticket first = in_flight->Enter();
  InFlight::Ticket second = in_flight->Enter();
  InFlight::Ticket copy = first;  // continuations copy their captures
  EXPECT_EQ(in_flight->count(), 2);
  EXPECT_FALSE(in_flight->WaitIdle(milliseconds(1)));

  first.reset();
  second.reset();
  EXPECT_EQ(in_flight->count(), 1);
  copy.reset();
  EXPECT_EQ(in_flight->count(), 0);
  EXPECT_TRUE(in_flight->WaitIdle(milliseconds(0)));
}

TEST(InFlight, WaitReturnsWhenAnotherThreadReturnsTheLastTicket) {
  auto in_flight = InFlight::Create();
  InFlight::Ticket ticket = in_flight->Enter();
  std::thread worker([ticket = std::move(ticket)]() mutable {
    std::this_thread::sleep_for(milliseconds(20));
    ticket.reset();
  });
  EXPECT_TRUE(in_flight->WaitIdle(std::chrono::seconds(10)));
  worker.join();
}

TEST(InFlight, ATicketOutlivingItsSandboxKeepsTheCounterAlive) {
  auto in_flight = InFlight::Create();
  InFlight::Ticket ticket = in_flight->Enter();
  std::weak_ptr<InFlight> watch = in_flight;
  in_flight.reset();  // the sandbox gave up waiting and was destroyed
  EXPECT_FALSE(watch.expired());
  ticket.reset();  // the late continuation returns it without touching freed memory
  EXPECT_TRUE(watch.expired());
}

}  // namespace
}  // namespace heed::sandbox
