// Copyright 2026 The tablestream Authors.
//
// The child side and the parent side of the crash tests that fork a process,
// read what it reports on a pipe (one line per step) and kill it with
// SIGKILL after a chosen line (consumer_crash_test.cc,
// trigger_crash_test.cc). Test-only; not thread-safe (a child runs one
// thread that reports).

#ifndef TABLESTREAM_TESTS_CRASH_CHILD_H_
#define TABLESTREAM_TESTS_CRASH_CHILD_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tablestream {
namespace test {

// Writes one line to the pipe `fd`; in a lockstep child, then waits until
// the parent has read it.
void Report(int fd, const std::string& line);

// Reports "error <what>: <status>" and exits the child with status 2.
[[noreturn]] void Die(int fd, const std::string& what,
                      const absl::Status& status);

// Runs `child(fd)` in a forked process and collects its lines; kills it with
// SIGKILL once `kill_after` lines arrived (never if negative). With
// `lockstep`, the child waits after each line until the parent has read it,
// so the kill lands right after line `kill_after`. Returns the lines; a line
// starting with "error" is a test failure.
std::vector<std::string> RunChild(const std::function<void(int)>& child,
                                  int kill_after, bool lockstep = false);

}  // namespace test
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_CRASH_CHILD_H_
