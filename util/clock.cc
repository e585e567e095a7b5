// Copyright 2026 The tablestream Authors.

#include "tablestream/clock.h"

#include <chrono>

namespace tablestream {
namespace {

class WallClock : public Clock {
 public:
  int64_t NowMicros() override {
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

}  // namespace

std::shared_ptr<Clock> SystemClock() {
  static auto* clock = new std::shared_ptr<Clock>(new WallClock);
  return *clock;
}

}  // namespace tablestream
