// Copyright 2026 The tablestream Authors.

#include "triggers/exec_function.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <optional>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"
#include "triggers/child_process.h"

namespace tablestream {
namespace triggers {
namespace {

enum class ReadState { kMore, kEof, kTooLarge };

// Reads what `fd` (non-blocking) has now into `out`.
ReadState ReadAvailable(int fd, std::string& out) {
  char buffer[65536];
  while (true) {
    ssize_t n = read(fd, buffer, sizeof(buffer));
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
      if (out.size() > kMaxResponseBytes) return ReadState::kTooLarge;
      continue;
    }
    if (n == 0) return ReadState::kEof;
    if (errno == EINTR) continue;
    // EAGAIN: nothing more for now. Another error: treat as end of output.
    return errno == EAGAIN ? ReadState::kMore : ReadState::kEof;
  }
}

// One run of the command: feeds `input`, collects standard output.
class Run {
 public:
  Run(std::string input, absl::Duration timeout)
      : input_(std::move(input)), timeout_(timeout), deadline_(timeout) {}

  // The failure, if the run failed before the command's exit status counts.
  absl::Status Start(const std::string& command);
  // Runs to the end; returns a failure or std::nullopt and fills wait status.
  std::optional<FunctionResult> Wait();

  const std::string& output() const { return output_; }
  int wait_status() const { return wait_status_; }

 private:
  void Feed();

  const std::string input_;
  const absl::Duration timeout_;
  const Deadline deadline_;
  size_t written_ = 0;
  UniqueFd stdin_;
  UniqueFd stdout_;
  std::unique_ptr<ChildProcess> child_;
  std::string output_;
  int wait_status_ = 0;
};

absl::Status Run::Start(const std::string& command) {
  UniqueFd child_stdin;
  UniqueFd child_stdout;
  absl::Status s = MakeSocketPair(stdin_, child_stdin);
  if (s.ok()) s = MakePipe(stdout_, child_stdout);
  if (s.ok()) s = SetNonBlocking(stdin_.get());
  if (s.ok()) s = SetNonBlocking(stdout_.get());
  if (!s.ok()) return s;
  ChildSpec spec;
  spec.argv = {"/bin/sh", "-c", command};
  spec.stdin_fd = child_stdin.get();
  spec.stdout_fd = child_stdout.get();
  absl::StatusOr<std::unique_ptr<ChildProcess>> child =
      ChildProcess::Spawn(spec);
  if (!child.ok()) return child.status();
  child_ = *std::move(child);
  if (input_.empty()) stdin_.reset();
  return absl::OkStatus();
}

// Sends what the socket takes now. A handler that closed its standard input
// (EPIPE, ECONNRESET) simply gets no more; MSG_NOSIGNAL keeps SIGPIPE away.
void Run::Feed() {
  while (written_ < input_.size()) {
    ssize_t n = send(stdin_.get(), input_.data() + written_,
                     input_.size() - written_, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      written_ += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return;
    break;  // EPIPE, ECONNRESET: the handler does not read.
  }
  stdin_.reset();  // All sent (or unwanted): end of file for the handler.
}

std::optional<FunctionResult> Run::Wait() {
  bool stdout_open = true;
  while (true) {
    pollfd fds[3];
    nfds_t n = 0;
    fds[n++] = {child_->exit_fd(), POLLIN, 0};
    const int out_index = stdout_open ? static_cast<int>(n) : -1;
    if (stdout_open) fds[n++] = {stdout_.get(), POLLIN, 0};
    const int in_index = stdin_.valid() ? static_cast<int>(n) : -1;
    if (stdin_.valid()) fds[n++] = {stdin_.get(), POLLOUT, 0};
    int ready = poll(fds, n, deadline_.PollTimeoutMs());
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0 && deadline_.expired()) {
      child_->KillAndReap();
      return HandlerFailure(
          absl::StrCat("timed out after ", FormatTimeout(timeout_)));
    }
    if (in_index >= 0 && fds[in_index].revents != 0) Feed();
    if (out_index >= 0 && fds[out_index].revents != 0) {
      ReadState state = ReadAvailable(stdout_.get(), output_);
      if (state == ReadState::kTooLarge) break;
      if (state == ReadState::kEof) stdout_open = false;
    }
    if (fds[0].revents != 0) {
      // Exited: take what is already in the pipe, without waiting for
      // anything it left running to close it.
      if (stdout_open &&
          ReadAvailable(stdout_.get(), output_) == ReadState::kTooLarge) {
        break;
      }
      wait_status_ = child_->KillAndReap();
      return std::nullopt;
    }
  }
  child_->KillAndReap();
  return HandlerFailure(absl::StrCat(
      "response is over the ", kMaxResponseBytes / (1024 * 1024), " MB limit"));
}

}  // namespace

FunctionResult ExecFunction::Invoke(
    const api::Json& event,
    const std::vector<std::string>& batch_sequence_numbers,
    const ResponseRules& rules, const InvocationContext& context) {
  absl::MutexLock lock(&mu_);
  // One line of JSON, newline-terminated for line-reading tools.
  Run run(api::FormatJson(event, -1) + "\n", context.timeout);
  absl::Status started = run.Start(command_);
  if (!started.ok()) return HandlerFailure(std::string(started.message()));
  std::optional<FunctionResult> failed = run.Wait();
  if (failed.has_value()) return *std::move(failed);
  if (!ExitedCleanly(run.wait_status())) {
    return HandlerFailure(DescribeWaitStatus(run.wait_status()));
  }
  return InterpretResponse(run.output(), batch_sequence_numbers, rules);
}

}  // namespace triggers
}  // namespace tablestream
