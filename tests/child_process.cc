// Copyright 2026 The tablestream Authors.

#include "tests/child_process.h"

#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {

CrashTestDb::CrashTestDb(uint64_t default_seed)
    : seed_(TestSeed(default_seed)),
      trace_(__FILE__, __LINE__,
             absl::StrCat("seed ", seed_, " (rerun with TABLESTREAM_TEST_SEED=",
                          seed_, ")")),
      path_(dir_.Sub("db")) {}
namespace {

// In a lockstep child: the pipe on which the parent lets it go on after
// each line (so that a kill lands exactly after a chosen line).
int go_fd = -1;

}  // namespace

void Report(int fd, const std::string& line) {
  const std::string text = line + "\n";
  ssize_t ignored = write(fd, text.data(), text.size());
  (void)ignored;  // the parent may have stopped reading: nothing to do
  if (go_fd >= 0) {
    char go;
    while (read(go_fd, &go, 1) < 0 && errno == EINTR) {
    }
  }
}

void Die(int fd, const std::string& what, const absl::Status& status) {
  Report(fd, absl::StrCat("error ", what, ": ", status.ToString()));
  _exit(2);
}

std::vector<std::string> RunChild(const std::function<void(int)>& child,
                                  int kill_after, bool lockstep) {
  // A write to the go pipe of a child that just died must not kill us.
  signal(SIGPIPE, SIG_IGN);
  int fds[2], go[2];
  EXPECT_EQ(pipe(fds), 0);
  EXPECT_EQ(pipe(go), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    close(go[1]);
    if (lockstep) go_fd = go[0];
    child(fds[1]);
    _exit(0);
  }
  close(fds[1]);
  close(go[0]);
  std::string text;
  std::vector<std::string> lines;
  bool killed = false;
  char buf[4096];
  while (true) {
    // A failure guard, not a synchronization: a healthy child writes often.
    pollfd p{fds[0], POLLIN, 0};
    if (poll(&p, 1, 60 * 1000) <= 0) {
      ADD_FAILURE() << "child silent for 60 s";
      kill(pid, SIGKILL);
      break;
    }
    const ssize_t n = read(fds[0], buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    text.append(buf, static_cast<size_t>(n));
    size_t newline;
    while ((newline = text.find('\n')) != std::string::npos) {
      lines.push_back(text.substr(0, newline));
      text.erase(0, newline + 1);
      if (!killed && kill_after >= 0 &&
          static_cast<int>(lines.size()) >= kill_after) {
        kill(pid, SIGKILL);
        killed = true;
      }
      if (lockstep && !killed) {
        ssize_t ignored = write(go[1], "g", 1);
        (void)ignored;  // the child may be gone: its exit ends the loop
      }
    }
  }
  close(fds[0]);
  close(go[1]);
  int status = 0;
  EXPECT_EQ(waitpid(pid, &status, 0), pid);
  if (!killed) {
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "child failed: " << (lines.empty() ? "" : lines.back());
  }
  for (const std::string& line : lines) {
    EXPECT_FALSE(absl::StartsWith(line, "error")) << line;
  }
  return lines;
}

Options CrashChildOptions() {
  Options options = TestOptions(NewTestClock());
  options.retention_interval_seconds = 0;
  options.durable_writes = false;  // a process kill keeps them anyway
  return options;
}

std::unique_ptr<Engine> OpenOrDie(const std::string& path, int fd) {
  auto engine = Engine::Open(CrashChildOptions(), path);
  if (!engine.ok()) Die(fd, "open", engine.status());
  return std::move(*engine);
}

void CreateTablesOrDie(Engine& engine, const std::string& key,
                       const TableViews& tables, int fd) {
  for (const auto& [name, view] : tables) {
    auto t = engine.CreateTable(
        TableRequest(name, {key, ScalarAttributeType::kS}, std::nullopt, view));
    if (!t.ok()) Die(fd, "create table", t.status());
  }
}

}  // namespace test
}  // namespace tablestream
