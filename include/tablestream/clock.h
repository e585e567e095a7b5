// Copyright 2026 The tablestream Authors.
//
// Clock is the engine's only source of time: stream record creation times,
// stream labels, iterator expiry and (later) retention all read it. Tests and
// crash tests inject a ManualClock so that 24 hours pass in a microsecond.
//
// Implementations must be safe for concurrent use by many threads.

#ifndef TABLESTREAM_CLOCK_H_
#define TABLESTREAM_CLOCK_H_

#include <atomic>
#include <cstdint>
#include <memory>

namespace tablestream {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch.
  virtual int64_t NowMicros() = 0;
};

// The wall clock. The returned object lives forever.
std::shared_ptr<Clock> SystemClock();

// A clock that moves only when told to. Thread-safe.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t start_micros) : now_(start_micros) {}
  int64_t NowMicros() override { return now_.load(); }
  void AdvanceMicros(int64_t delta) { now_.fetch_add(delta); }
  void AdvanceSeconds(int64_t delta) { now_.fetch_add(delta * 1000000); }
  void SetMicros(int64_t now) { now_.store(now); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace tablestream

#endif  // TABLESTREAM_CLOCK_H_
