// Copyright 2026 The tablestream Authors.
//
// exec: handlers, run for real with /bin/sh. Timeouts are wall time (the one
// place real time is used); the hang test uses 200 ms and the test itself
// never sleeps.

#include "triggers/exec_function.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tablestream/errors.h"
#include "tests/test_util.h"
#include "triggers/external_function.h"
#include "triggers/function_test_util.h"
#include "triggers/lambda_event.h"
#include "triggers/sample_records.h"

namespace tablestream {
namespace triggers {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Outcome = FunctionResult::Outcome;
using test::ExpectHandlerFailure;
using test::NoChildren;
using test::ReadFile;

std::set<int> OpenFds() {
  std::set<int> fds;
  DIR* dir = opendir("/proc/self/fd");
  while (dirent* e = readdir(dir)) {
    if (e->d_name[0] != '.') fds.insert(std::stoi(e->d_name));
  }
  fds.erase(dirfd(dir));
  closedir(dir);
  return fds;
}

// Waits (up to 10 s, on the process's exit, not by polling) until `pid` has
// exited; false if it is still running then.
bool ExitsSoon(int pid) {
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) return errno == ESRCH;  // already gone
  pollfd p = {pidfd, POLLIN, 0};
  bool exited = poll(&p, 1, 10000) == 1;
  close(pidfd);
  return exited;
}

class ExecFunctionTest : public ::testing::Test {
 protected:
  FunctionResult Run(const std::string& command,
                     ResponseRules rules = ResponseRules(),
                     absl::Duration timeout = absl::Seconds(10)) {
    return RunOn(command, event_, rules, timeout);
  }
  FunctionResult RunOn(const std::string& command, const api::Json& event,
                       ResponseRules rules, absl::Duration timeout) {
    absl::StatusOr<std::unique_ptr<ExternalFunction>> f =
        ExternalFunction::Create("exec:" + command);
    EXPECT_TRUE(f.ok()) << f.status();
    if (!f.ok()) return HandlerFailure("not created");
    InvocationContext context{"exec:" + command, "request-1", timeout};
    return (*f)->Invoke(event, sequence_numbers_, rules, context);
  }

  // An event of about `bytes` bytes, more than a socket buffer holds.
  api::Json BigEvent(size_t bytes) {
    std::vector<api::Json> records = test::SampleEventRecords();
    records[0]["dynamodb"]["NewImage"]["pad"] = {
        {"S", std::string(bytes, 'p')}};
    return LambdaEvent(std::move(records));
  }

  ::tablestream::test::TempDir dir_;
  const api::Json event_ = LambdaEvent(test::SampleEventRecords());
  const std::vector<std::string> sequence_numbers_ =
      test::SampleSequenceNumbers();
};

TEST_F(ExecFunctionTest, CreateRefusesBadNames) {
  for (const char* name :
       {"lambda:x", "my-cpp-handler", "exec:", "exec:  \t"}) {
    absl::StatusOr<std::unique_ptr<ExternalFunction>> f =
        ExternalFunction::Create(name);
    ASSERT_FALSE(f.ok()) << name;
    EXPECT_EQ(ExceptionName(f.status()), "InvalidParameterValueException");
    EXPECT_THAT(f.status().message(), HasSubstr("FunctionName"));
  }
  EXPECT_TRUE(IsExternalFunctionName("exec:true"));
  EXPECT_TRUE(IsExternalFunctionName("python:h.py:f"));
  EXPECT_FALSE(IsExternalFunctionName("tally"));
  EXPECT_FALSE(IsExternalFunctionName("Exec:true"));
}

TEST_F(ExecFunctionTest, EventArrivesOnStandardInput) {
  const std::string out = dir_.Sub("event.json");
  FunctionResult r = Run("cat > '" + out + "'");
  EXPECT_EQ(r.outcome, Outcome::kSuccess) << r.error;
  EXPECT_EQ(api::Json::parse(ReadFile(out)), event_);
  EXPECT_TRUE(NoChildren());
}

TEST_F(ExecFunctionTest, BatchItemFailuresOnStandardOutput) {
  const std::string command =
      "cat >/dev/null; echo '{\"batchItemFailures\":[{\"itemIdentifier\":"
      "\"4421584600000000017450439122\"}]}'";
  FunctionResult r = Run(command, ResponseRules{true});
  EXPECT_EQ(r.outcome, Outcome::kPartialFailure) << r.error;
  EXPECT_THAT(r.failed_sequence_numbers,
              ElementsAre("4421584600000000017450439122"));
  // Without ReportBatchItemFailures the output is ignored.
  EXPECT_EQ(Run(command).outcome, Outcome::kSuccess);
}

TEST_F(ExecFunctionTest, NonZeroExitFailsTheBatch) {
  FunctionResult r = Run("cat >/dev/null; exit 3");
  ExpectHandlerFailure(r, "exit status 3");
  EXPECT_EQ(Run("no-such-command-tablestream").error, "exit status 127");
}

TEST_F(ExecFunctionTest, DeathBySignalFailsTheBatch) {
  FunctionResult r = Run("kill -SEGV $$");
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_EQ(r.error, "killed by signal 11 (SEGV)");
  EXPECT_TRUE(NoChildren());
}

TEST_F(ExecFunctionTest, HangTimesOut) {
  FunctionResult r = Run("sleep 60", ResponseRules(), absl::Milliseconds(200));
  ExpectHandlerFailure(r, "timed out after 200 ms");
  EXPECT_TRUE(NoChildren());
}

TEST_F(ExecFunctionTest, TimeoutKillsTheWholeProcessGroup) {
  const std::string pids = dir_.Sub("pids");
  // The shell and a background child both outlive the timeout (2 s, so that
  // the shell has written the pids even on a loaded machine).
  FunctionResult r = Run("sleep 60 & echo $$ $! > '" + pids + "'; wait",
                         ResponseRules(), absl::Seconds(2));
  EXPECT_EQ(r.error, "timed out after 2 s");
  std::istringstream in(ReadFile(pids));
  int shell = 0;
  int background = 0;
  in >> shell >> background;
  ASSERT_GT(background, 0);
  EXPECT_TRUE(ExitsSoon(shell));
  EXPECT_TRUE(ExitsSoon(background));
  EXPECT_TRUE(NoChildren());
}

TEST_F(ExecFunctionTest, GarbageOnStandardOutput) {
  const std::string command = "cat >/dev/null; echo 'all good!'";
  FunctionResult r = Run(command, ResponseRules{true});
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_THAT(r.error, HasSubstr("malformed response: not JSON: \"all good!"));
  EXPECT_EQ(Run(command).outcome, Outcome::kSuccess);
  FunctionResult bad_list =
      Run("echo '{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}'",
          ResponseRules{true});
  EXPECT_EQ(bad_list.outcome, Outcome::kFailure);
}

TEST_F(ExecFunctionTest, OutputOverSixMegabytesFails) {
  FunctionResult r =
      Run("cat >/dev/null; head -c 7000000 /dev/zero", ResponseRules{true});
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_EQ(r.error, "response is over the 6 MB limit");
  EXPECT_TRUE(NoChildren());
  // 5 MB of blanks is an empty response: complete success.
  FunctionResult big =
      Run("head -c 5000000 /dev/zero | tr '\\0' ' '", ResponseRules{true});
  EXPECT_EQ(big.outcome, Outcome::kSuccess) << big.error;
}

TEST_F(ExecFunctionTest, HandlerThatDoesNotReadStandardInput) {
  // 4 MB does not fit in a socket buffer: the handler exits while the
  // engine is still writing, which must be EPIPE, not SIGPIPE.
  const api::Json big = BigEvent(4 << 20);
  EXPECT_EQ(RunOn("exit 0", big, ResponseRules(), absl::Seconds(10)).outcome,
            Outcome::kSuccess);
  EXPECT_EQ(
      RunOn("head -c 10 >/dev/null", big, ResponseRules(), absl::Seconds(10))
          .outcome,
      Outcome::kSuccess);
  EXPECT_EQ(
      RunOn("exec 0<&-; exit 4", big, ResponseRules(), absl::Seconds(10)).error,
      "exit status 4");
  EXPECT_TRUE(NoChildren());
}

TEST_F(ExecFunctionTest, HandlerThatWritesBeforeReading) {
  // 1 MB out before reading 4 MB in: needs both directions at once.
  FunctionResult r =
      RunOn("head -c 1000000 /dev/zero | tr '\\0' ' '; cat >/dev/null",
            BigEvent(4 << 20), ResponseRules{true}, absl::Seconds(10));
  EXPECT_EQ(r.outcome, Outcome::kSuccess) << r.error;
}

TEST_F(ExecFunctionTest, NoLeakedDescriptors) {
  const std::set<int> before = OpenFds();
  std::set<int> inheritable;  // what any child would get from this process
  for (int fd : before) {
    if ((fcntl(fd, F_GETFD) & FD_CLOEXEC) == 0) inheritable.insert(fd);
  }
  inheritable.insert({0, 1, 2});
  // The listing is ls's own, after exec: it adds the directory it reads.
  const std::string out = dir_.Sub("fds");
  ASSERT_EQ(
      Run("cat >/dev/null; exec ls -l /proc/self/fd > '" + out + "'").outcome,
      Outcome::kSuccess);
  std::istringstream in(ReadFile(out));
  for (std::string line; std::getline(in, line);) {
    size_t arrow = line.find(" -> ");
    if (arrow == std::string::npos) continue;  // "total 0"
    size_t name = line.rfind(' ', arrow - 1) + 1;
    int fd = std::stoi(line.substr(name, arrow - name));
    if (line.substr(arrow + 4).find("/fd") != std::string::npos) continue;
    EXPECT_EQ(inheritable.count(fd), 1u) << "child has " << line;
  }
  EXPECT_EQ(OpenFds(), before);
  EXPECT_TRUE(NoChildren());
}

TEST_F(ExecFunctionTest, OneFunctionRunsManyInvocations) {
  absl::StatusOr<std::unique_ptr<ExternalFunction>> f =
      ExternalFunction::Create("exec:cat >/dev/null");
  ASSERT_TRUE(f.ok()) << f.status();
  InvocationContext context{"exec:cat >/dev/null", "r", absl::Seconds(10)};
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ((*f)->Invoke(event_, sequence_numbers_, ResponseRules(), context)
                  .outcome,
              Outcome::kSuccess);
  }
  EXPECT_TRUE(NoChildren());
}

}  // namespace
}  // namespace triggers
}  // namespace tablestream
