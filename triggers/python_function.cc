// Copyright 2026 The tablestream Authors.

#include "triggers/python_function.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "triggers/exec_function.h"  // kMaxResponseBytes
#include "triggers/python_shim.h"

namespace tablestream {
namespace triggers {
namespace {

// A reply frame holds the response plus a small envelope.
constexpr size_t kMaxReplyBytes = kMaxResponseBytes + 64 * 1024;
// How long a worker that closed its channel may take to exit.
constexpr absl::Duration kExitGrace = absl::Seconds(2);
// Digits of a frame's length.
constexpr size_t kMaxHeaderDigits = 20;

// Waits until `fd` is ready for `events`, the worker exits (Unavailable) or
// the deadline passes (DeadlineExceeded).
absl::Status WaitFor(int fd, short events, int exit_fd,
                     const Deadline& deadline) {
  while (true) {
    pollfd fds[2] = {{fd, events, 0}, {exit_fd, POLLIN, 0}};
    int ready = poll(fds, 2, deadline.PollTimeoutMs());
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return absl::InternalError(strerror(errno));
    if (fds[0].revents != 0) return absl::OkStatus();
    if (fds[1].revents != 0) return absl::UnavailableError("exited");
    if (deadline.expired()) return absl::DeadlineExceededError("timed out");
  }
}

absl::Status SendFrame(int fd, int exit_fd, const std::string& payload,
                       const Deadline& deadline) {
  const std::string frame = absl::StrCat(payload.size(), "\n", payload);
  size_t sent = 0;
  while (sent < frame.size()) {
    ssize_t n = send(fd, frame.data() + sent, frame.size() - sent,
                     MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      sent += static_cast<size_t>(n);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      absl::Status ready = WaitFor(fd, POLLOUT, exit_fd, deadline);
      if (!ready.ok()) return ready;
    } else {
      return absl::UnavailableError("exited");  // EPIPE, ECONNRESET
    }
  }
  return absl::OkStatus();
}

// The payload of a complete frame at the start of `buffer`, nullopt if more
// bytes are needed, DataLoss if it is not a frame.
absl::StatusOr<std::optional<std::string>> TakeFrame(std::string& buffer) {
  size_t newline = buffer.find('\n');
  if (newline == std::string::npos) {
    if (buffer.size() > kMaxHeaderDigits) {
      return absl::DataLossError("no frame header");
    }
    return std::optional<std::string>();
  }
  const std::string header = buffer.substr(0, newline);
  size_t length = 0;
  if (header.empty() || newline > kMaxHeaderDigits ||
      !std::all_of(header.begin(), header.end(), absl::ascii_isdigit) ||
      !absl::SimpleAtoi(header, &length)) {
    return absl::DataLossError(
        absl::StrCat("bad frame header \"", header.substr(0, 40), "\""));
  }
  if (length > kMaxReplyBytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("response is over the ", kMaxResponseBytes / (1024 * 1024),
                     " MB limit"));
  }
  if (buffer.size() - newline - 1 < length) return std::optional<std::string>();
  std::string payload = buffer.substr(newline + 1, length);
  buffer.erase(0, newline + 1 + length);
  return std::optional<std::string>(std::move(payload));
}

absl::StatusOr<std::string> ReadFrame(int fd, int exit_fd,
                                      const Deadline& deadline) {
  std::string buffer;
  char chunk[65536];
  while (true) {
    absl::StatusOr<std::optional<std::string>> frame = TakeFrame(buffer);
    if (!frame.ok()) return frame.status();
    if (frame->has_value()) return **std::move(frame);
    ssize_t n = recv(fd, chunk, sizeof(chunk), MSG_DONTWAIT);
    if (n > 0) {
      buffer.append(chunk, static_cast<size_t>(n));
    } else if (n == 0) {
      return absl::UnavailableError("exited");
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      absl::Status ready = WaitFor(fd, POLLIN, exit_fd, deadline);
      // Exited: what it wrote before is in the socket; read on until EOF.
      if (absl::IsUnavailable(ready)) {
        ready = WaitFor(fd, POLLIN, /*exit_fd=*/-1, deadline);
      }
      if (!ready.ok()) return ready;
    } else if (errno != EINTR) {
      return absl::UnavailableError("exited");
    }
  }
}

std::string ContextJson(const InvocationContext& context) {
  api::Json c = api::Json::object();
  c["function_name"] = context.function_name;
  c["aws_request_id"] = context.request_id;
  c["invoked_function_arn"] = absl::StrCat(
      "arn:aws:lambda:local:000000000000:function:", context.function_name);
  c["timeout_ms"] = absl::ToInt64Milliseconds(context.timeout);
  return api::FormatJson(c, -1);
}

// The failure an {"ok":false,...} reply reports.
FunctionResult ErrorReply(const api::Json& reply) {
  std::string type = "Unhandled";
  std::string message;
  auto t = reply.find("errorType");
  if (t != reply.end() && t->is_string()) type = t->get<std::string>();
  auto m = reply.find("errorMessage");
  if (m != reply.end() && m->is_string()) message = m->get<std::string>();
  return HandlerFailure(message.empty() ? type
                                        : absl::StrCat(type, ": ", message));
}

}  // namespace

PythonFunction::PythonFunction(std::string file, std::string function,
                               int handler_stdout_fd)
    : file_(std::move(file)),
      function_(std::move(function)),
      handler_stdout_fd_(handler_stdout_fd) {}

FunctionResult PythonFunction::WorkerFailure(std::string error) {
  worker_.reset();  // kills the worker's process group and reaps it
  return HandlerFailure(std::move(error));
}

FunctionResult PythonFunction::ChannelFault(const absl::Status& fault,
                                            absl::Duration timeout) {
  if (absl::IsUnavailable(fault)) {
    // It closed the channel: give it a moment to finish exiting, so that the
    // status reported is its own and not our SIGKILL.
    worker_->process->WaitForExit(kExitGrace);
    return WorkerFailure(
        absl::StrCat("python worker exited (",
                     DescribeWaitStatus(worker_->process->KillAndReap()), ")"));
  }
  if (absl::IsDeadlineExceeded(fault)) {
    return WorkerFailure(
        absl::StrCat("timed out after ", FormatTimeout(timeout)));
  }
  return WorkerFailure(absl::StrCat("malformed reply from the python worker: ",
                                    fault.message()));
}

std::optional<FunctionResult> PythonFunction::StartWorker() {
  UniqueFd ours;
  UniqueFd theirs;
  absl::Status made = MakeSocketPair(ours, theirs);
  if (made.ok()) made = SetNonBlocking(ours.get());
  if (!made.ok()) return HandlerFailure(std::string(made.message()));
  ChildSpec spec;
  spec.argv = {"python3", "-c", PythonShimSource(), file_, function_};
  spec.stdout_fd = handler_stdout_fd_;
  spec.fd3 = theirs.get();
  absl::StatusOr<std::unique_ptr<ChildProcess>> process =
      ChildProcess::Spawn(spec);
  if (!process.ok())
    return HandlerFailure(std::string(process.status().message()));
  worker_ = std::make_unique<Worker>();
  worker_->process = *std::move(process);
  worker_->channel = std::move(ours);

  absl::StatusOr<std::string> ready =
      ReadFrame(worker_->channel.get(), worker_->process->exit_fd(),
                Deadline(kPythonInitTimeout));
  if (!ready.ok()) {
    return ChannelFault(ready.status(), kPythonInitTimeout);
  }
  api::Json reply = api::Json::parse(*ready, nullptr, false);
  if (reply.is_object() && reply.value("ok", false) &&
      reply.value("ready", false)) {
    return std::nullopt;
  }
  FunctionResult failure = reply.is_object()
                               ? ErrorReply(reply)
                               : HandlerFailure("malformed ready reply");
  worker_.reset();  // it exits after reporting an import error
  return failure;
}

FunctionResult PythonFunction::Invoke(
    const api::Json& event,
    const std::vector<std::string>& batch_sequence_numbers,
    const ResponseRules& rules, const InvocationContext& context) {
  absl::MutexLock lock(&mu_);
  if (worker_ == nullptr) {
    std::optional<FunctionResult> failed = StartWorker();
    if (failed.has_value()) return *std::move(failed);
  }
  const Deadline deadline(context.timeout);
  const std::string request =
      absl::StrCat("{\"event\":", api::FormatJson(event, -1),
                   ",\"context\":", ContextJson(context), "}");
  const int channel = worker_->channel.get();
  const int exit_fd = worker_->process->exit_fd();
  absl::Status sent = SendFrame(channel, exit_fd, request, deadline);
  if (!sent.ok()) return ChannelFault(sent, context.timeout);
  absl::StatusOr<std::string> text = ReadFrame(channel, exit_fd, deadline);
  if (!text.ok()) {
    return ChannelFault(text.status(), context.timeout);
  }
  api::Json reply = api::Json::parse(*text, nullptr, false);
  if (!reply.is_object() || !reply.contains("ok") ||
      !reply["ok"].is_boolean()) {
    return WorkerFailure("malformed reply from the python worker: " +
                         text->substr(0, 80));
  }
  if (!reply["ok"].get<bool>()) return ErrorReply(reply);
  auto response = reply.find("response");
  return InterpretResponse(
      response == reply.end() ? api::Json(nullptr) : *response,
      batch_sequence_numbers, rules);
}

}  // namespace triggers
}  // namespace tablestream
