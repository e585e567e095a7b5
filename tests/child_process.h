// Copyright 2026 The tablestream Authors.
//
// Forked children for crash tests: a child runs a workload and reports what
// it does, one line at a time, on a pipe; the parent collects the lines and
// kills the child with SIGKILL after a chosen number of them. The test
// process itself never opens RocksDB (a fork after RocksDB started threads
// is unsafe): children do, one after another, on the same directory.
//
// Not thread-safe: one child at a time per test process.

#ifndef TABLESTREAM_TESTS_CHILD_PROCESS_H_
#define TABLESTREAM_TESTS_CHILD_PROCESS_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tablestream {
namespace test {

// In a child: writes `line` and a newline to `fd` (atomically: lines are
// short). In lockstep mode, then waits for the parent's go.
void Report(int fd, const std::string& line);

// In a child: reports "error <what>: <status>" and exits with status 2.
[[noreturn]] void Die(int fd, const std::string& what,
                      const absl::Status& status);

// Runs `child(fd)` in a forked process and collects its lines; kills it with
// SIGKILL once `kill_after` lines arrived (never if negative). With
// `lockstep`, the child waits after each line until the parent has read it,
// so the kill lands right after line `kill_after`; without it, the child runs
// on and the kill lands at an arbitrary point of its work. Adds a gtest
// failure if an unkilled child fails or any line starts with "error".
// Returns the lines.
std::vector<std::string> RunChild(const std::function<void(int)>& child,
                                  int kill_after, bool lockstep = false);

}  // namespace test
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_CHILD_PROCESS_H_
