// Copyright 2026 The tablestream Authors.
//
// The process plumbing of external trigger functions: close-on-exec file
// descriptors, wall-clock deadlines for poll(), and ChildProcess, a program
// started in its own process group so that a timeout can kill it together
// with anything it started.
//
// The engine must never die of SIGPIPE because a handler stopped reading:
// whatever writes to a child does so through a socket (MakeSocketPair) with
// send(MSG_NOSIGNAL), which fails with EPIPE instead of raising the signal.
// Every descriptor made here is O_CLOEXEC and numbered 10 or above, so a
// child inherits only the ones dup2'ed onto its 0, 1 and 3.
//
// Real time is used on purpose: a handler's timeout is wall time.
// A ChildProcess is not thread-safe; its owner serialises use.

#ifndef TABLESTREAM_TRIGGERS_CHILD_PROCESS_H_
#define TABLESTREAM_TRIGGERS_CHILD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace tablestream {
namespace triggers {

// An owned file descriptor, closed on destruction.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  int release();
  void reset();

 private:
  int fd_ = -1;
};

// A pipe: `read` end and `write` end.
absl::Status MakePipe(UniqueFd& read, UniqueFd& write);
// A connected pair of Unix stream sockets (either end reads and writes).
absl::Status MakeSocketPair(UniqueFd& ours, UniqueFd& theirs);
// Sets O_NONBLOCK.
absl::Status SetNonBlocking(int fd);

// A point in (monotonic) wall time.
class Deadline {
 public:
  explicit Deadline(absl::Duration timeout);
  bool expired() const;
  // Milliseconds left, rounded up, for poll(); 0 once expired.
  int PollTimeoutMs() const;

 private:
  std::chrono::steady_clock::time_point at_;
};

// "3 s", "200 ms": a timeout as messages show it.
std::string FormatTimeout(absl::Duration timeout);

struct ChildSpec {
  // argv[0] is looked up in PATH.
  std::vector<std::string> argv;
  // Become the child's standard input, output and fd 3; -1 gives /dev/null
  // (stdin), the engine's own standard output (stdout), nothing (fd 3).
  // Standard error is always the engine's.
  int stdin_fd = -1;
  int stdout_fd = -1;
  int fd3 = -1;
};

class ChildProcess {
 public:
  // Starts the child as the leader of a new process group, with default
  // signal dispositions and an empty signal mask. Fails if the program
  // cannot be started.
  static absl::StatusOr<std::unique_ptr<ChildProcess>> Spawn(
      const ChildSpec& spec);

  // Kills and reaps the child if that has not been done: no zombies.
  ~ChildProcess();

  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // Readable (POLLIN) once the child has exited.
  int exit_fd() const { return exit_fd_.get(); }

  // Waits up to `timeout` for the child to exit by itself; true if it did.
  bool WaitForExit(absl::Duration timeout);

  // Kills the whole process group with SIGKILL (which also ends anything the
  // child left running) and reaps the child. Returns its wait status, e.g.
  // its own exit status if it had already exited. Idempotent.
  int KillAndReap();

 private:
  ChildProcess(pid_t pid, UniqueFd exit_fd)
      : pid_(pid), exit_fd_(std::move(exit_fd)) {}

  pid_t pid_;
  UniqueFd exit_fd_;
  bool reaped_ = false;
  int wait_status_ = 0;
};

// "exit status 3" or "killed by signal 9 (KILL)".
std::string DescribeWaitStatus(int wait_status);
// True for a normal exit with status 0.
bool ExitedCleanly(int wait_status);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_CHILD_PROCESS_H_
