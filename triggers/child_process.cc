// Copyright 2026 The tablestream Authors.

#include "triggers/child_process.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

extern char** environ;

namespace tablestream {
namespace triggers {
namespace {

// Our descriptors live at 10 and above so that dup2 onto the child's 0, 1
// and 3 never overwrites one it still needs.
constexpr int kLowestFd = 10;

absl::Status ErrnoError(absl::string_view what, int err) {
  return absl::InternalError(absl::StrCat(what, ": ", strerror(err)));
}

// Moves `fd` to a close-on-exec descriptor >= kLowestFd.
absl::StatusOr<UniqueFd> Relocate(int fd) {
  UniqueFd original(fd);
  int moved = fcntl(fd, F_DUPFD_CLOEXEC, kLowestFd);
  if (moved < 0) return ErrnoError("fcntl(F_DUPFD_CLOEXEC)", errno);
  return UniqueFd(moved);
}

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    reset();
    fd_ = other.release();
  }
  return *this;
}

int UniqueFd::release() {
  int fd = fd_;
  fd_ = -1;
  return fd;
}

void UniqueFd::reset() {
  if (fd_ >= 0) close(fd_);  // Nothing useful to do if close fails.
  fd_ = -1;
}

namespace {

// Takes a pair of new descriptors as `a` and `b`, relocated.
absl::Status AdoptPair(const int fds[2], UniqueFd& a, UniqueFd& b) {
  absl::StatusOr<UniqueFd> first = Relocate(fds[0]);
  absl::StatusOr<UniqueFd> second = Relocate(fds[1]);
  if (!first.ok()) return first.status();
  if (!second.ok()) return second.status();
  a = *std::move(first);
  b = *std::move(second);
  return absl::OkStatus();
}

}  // namespace

absl::Status MakePipe(UniqueFd& read, UniqueFd& write) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return ErrnoError("pipe2", errno);
  return AdoptPair(fds, read, write);
}

absl::Status MakeSocketPair(UniqueFd& ours, UniqueFd& theirs) {
  int fds[2];
  if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
    return ErrnoError("socketpair", errno);
  }
  return AdoptPair(fds, ours, theirs);
}

absl::Status SetNonBlocking(int fd) {
  int flags = fcntl(fd, F_GETFL);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) != 0) {
    return ErrnoError("fcntl(O_NONBLOCK)", errno);
  }
  return absl::OkStatus();
}

Deadline::Deadline(absl::Duration timeout)
    : at_(std::chrono::steady_clock::now() +
          absl::ToChronoNanoseconds(timeout)) {}

bool Deadline::expired() const {
  return std::chrono::steady_clock::now() >= at_;
}

int Deadline::PollTimeoutMs() const {
  auto left = at_ - std::chrono::steady_clock::now();
  if (left <= std::chrono::steady_clock::duration::zero()) return 0;
  auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return ms > 1000000 ? 1000000 : static_cast<int>(ms);
}

std::string FormatTimeout(absl::Duration timeout) {
  if (timeout % absl::Seconds(1) == absl::ZeroDuration()) {
    return absl::StrCat(absl::ToInt64Seconds(timeout), " s");
  }
  return absl::StrCat(absl::ToInt64Milliseconds(timeout), " ms");
}

absl::StatusOr<std::unique_ptr<ChildProcess>> ChildProcess::Spawn(
    const ChildSpec& spec) {
  if (spec.argv.empty()) return absl::InvalidArgumentError("empty argv");
  std::vector<char*> argv;
  for (const std::string& arg : spec.argv) {
    argv.push_back(const_cast<char*>(arg.c_str()));
  }
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  if (spec.stdin_fd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, spec.stdin_fd, 0);
  } else {
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  }
  if (spec.stdout_fd >= 0) {
    posix_spawn_file_actions_adddup2(&actions, spec.stdout_fd, 1);
  }
  if (spec.fd3 >= 0) posix_spawn_file_actions_adddup2(&actions, spec.fd3, 3);

  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
                                      POSIX_SPAWN_SETSIGDEF |
                                      POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  // The engine may ignore or block these; the handler gets the defaults.
  sigset_t defaults;
  sigemptyset(&defaults);
  for (int sig : {SIGPIPE, SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGCHLD}) {
    sigaddset(&defaults, sig);
  }
  posix_spawnattr_setsigdefault(&attr, &defaults);
  sigset_t empty;
  sigemptyset(&empty);
  posix_spawnattr_setsigmask(&attr, &empty);

  pid_t pid = 0;
  int err = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (err != 0) {
    return ErrnoError(absl::StrCat("cannot start ", spec.argv[0]), err);
  }
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) {
    int pidfd_errno = errno;
    kill(-pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    return ErrnoError("pidfd_open", pidfd_errno);
  }
  absl::StatusOr<UniqueFd> exit_fd = Relocate(pidfd);
  if (!exit_fd.ok()) {
    kill(-pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    return exit_fd.status();
  }
  return std::unique_ptr<ChildProcess>(
      new ChildProcess(pid, *std::move(exit_fd)));
}

ChildProcess::~ChildProcess() { KillAndReap(); }

bool ChildProcess::WaitForExit(absl::Duration timeout) {
  if (reaped_) return true;
  const Deadline deadline(timeout);
  while (true) {
    pollfd p = {exit_fd_.get(), POLLIN, 0};
    int ready = poll(&p, 1, deadline.PollTimeoutMs());
    if (ready > 0) return true;
    if (ready < 0 && errno != EINTR) return false;
    if (ready == 0 && deadline.expired()) return false;
  }
}

int ChildProcess::KillAndReap() {
  if (reaped_) return wait_status_;
  // The child is not reaped yet, so its pid (the group id) cannot have been
  // reused: this reaches only its group.
  kill(-pid_, SIGKILL);
  int status = 0;
  pid_t r;
  do {
    r = waitpid(pid_, &status, 0);
  } while (r < 0 && errno == EINTR);
  reaped_ = true;
  // ECHILD: someone else reaped it (SIGCHLD ignored); the status is lost.
  wait_status_ = r == pid_ ? status : 0;
  exit_fd_.reset();
  return wait_status_;
}

std::string DescribeWaitStatus(int wait_status) {
  if (WIFEXITED(wait_status)) {
    return absl::StrCat("exit status ", WEXITSTATUS(wait_status));
  }
  if (WIFSIGNALED(wait_status)) {
    int sig = WTERMSIG(wait_status);
    const char* name = sigabbrev_np(sig);
    return absl::StrCat("killed by signal ", sig,
                        name != nullptr ? absl::StrCat(" (", name, ")") : "");
  }
  return absl::StrFormat("wait status %#x", wait_status);
}

bool ExitedCleanly(int wait_status) {
  return WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
}

}  // namespace triggers
}  // namespace tablestream
