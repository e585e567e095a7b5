// Copyright 2026 The tablestream Authors.
//
// python: handlers, run for real in a python3 worker. The hang test uses a
// 200 ms timeout; the test itself never sleeps.

#include "triggers/python_function.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <fstream>
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
using ::testing::StartsWith;
using Outcome = FunctionResult::Outcome;
using test::ExpectHandlerFailure;
using test::NoChildren;
using test::ReadFile;

constexpr char kHandlers[] = R"PY(
import json
import os
import sys
import time

import helper  # a sibling module: the handler's folder is on sys.path

calls = 0


def count(event, context):
    global calls
    calls += 1
    print("call", calls, "with", len(event["Records"]), "records")
    return {"state": {"calls": calls, "pid": os.getpid()}}


def echo(event, context):
    return {"state": event}


def context_fields(event, context):
    return {"state": {
        "function_name": context.function_name,
        "aws_request_id": context.aws_request_id,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "log_group_name": context.log_group_name,
        "remaining": context.get_remaining_time_in_millis(),
    }}


def fail_second(event, context):
    return {"batchItemFailures": [
        {"itemIdentifier": event["Records"][1]["dynamodb"]["SequenceNumber"]}]}


def bad_failures(event, context):
    return {"batchItemFailures": "all of them"}


def raises(event, context):
    count(event, context)
    raise ValueError("bad record " + helper.NAME)


def crash(event, context):
    os._exit(7)


def hang(event, context):
    time.sleep(60)


def garbage(event, context):
    os.write(3, b"garbage\n")
    return None


def not_serialisable(event, context):
    return {"batchItemFailures": {1, 2}}


def not_a_number(event, context):
    return {"value": float("nan")}


def exits(event, context):
    sys.exit(0)


not_callable = 42
)PY";

class PythonFunctionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.Sub("handlers.py")) << kHandlers;
    std::ofstream(dir_.Sub("helper.py")) << "NAME = 'from helper'\n";
    std::ofstream(dir_.Sub("broken.py"))
        << "def f(event, context):\n  return (\n";
    stdout_fd_ = open(dir_.Sub("stdout").c_str(),
                      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    ASSERT_GE(stdout_fd_, 0);
  }
  void TearDown() override { close(stdout_fd_); }

  std::unique_ptr<ExternalFunction> Function(const std::string& file,
                                             const std::string& function) {
    absl::StatusOr<std::unique_ptr<ExternalFunction>> f =
        ExternalFunction::Create("python:" + file + ":" + function,
                                 ExternalFunctionOptions{stdout_fd_});
    EXPECT_TRUE(f.ok()) << f.status();
    return f.ok() ? *std::move(f) : nullptr;
  }
  std::unique_ptr<ExternalFunction> Handler(const std::string& function) {
    return Function(dir_.Sub("handlers.py"), function);
  }

  FunctionResult Invoke(ExternalFunction& f, ResponseRules rules = {},
                        absl::Duration timeout = absl::Seconds(10)) {
    InvocationContext context{"python:handlers.py", "request-7", timeout};
    return f.Invoke(event_, sequence_numbers_, rules, context);
  }
  // The "state" a handler returned (rules: tumbling window).
  api::Json State(ExternalFunction& f) {
    FunctionResult r = Invoke(f, ResponseRules{false, true});
    EXPECT_EQ(r.outcome, Outcome::kSuccess) << r.error;
    return r.state.value_or(api::Json());
  }
  std::string HandlerOutput() { return ReadFile(dir_.Sub("stdout")); }

  ::tablestream::test::TempDir dir_;
  int stdout_fd_ = -1;
  const api::Json event_ = LambdaEvent(test::SampleEventRecords());
  const std::vector<std::string> sequence_numbers_ =
      test::SampleSequenceNumbers();
};

TEST_F(PythonFunctionTest, CreateRefusesBadNames) {
  const std::string file = dir_.Sub("handlers.py");
  for (const std::string& name :
       {"python:" + dir_.Sub("missing.py") + ":count", "python:" + file,
        "python:" + file + ":", "python:" + file + ":1count",
        "python:" + file + ":my-handler", "python:" + dir_.Sub("helper") + ":f",
        "python:" + dir_.path() + ":f"}) {
    absl::StatusOr<std::unique_ptr<ExternalFunction>> f =
        ExternalFunction::Create(name);
    ASSERT_FALSE(f.ok()) << name;
    EXPECT_EQ(ExceptionName(f.status()), "InvalidParameterValueException");
    EXPECT_THAT(f.status().message(), HasSubstr("FunctionName"));
  }
  EXPECT_THAT(
      ExternalFunction::Create("python:" + dir_.Sub("missing.py") + ":count")
          .status()
          .message(),
      HasSubstr("no such file"));
}

TEST_F(PythonFunctionTest, ReturnValueIsTheResponse) {
  std::unique_ptr<ExternalFunction> f = Handler("echo");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(State(*f), event_);
  std::unique_ptr<ExternalFunction> none = Handler("count");
  EXPECT_EQ(Invoke(*none, ResponseRules{true}).outcome, Outcome::kSuccess);
  EXPECT_EQ(HandlerOutput(), "call 1 with 3 records\n");
}

TEST_F(PythonFunctionTest, ContextIsLambdaLike) {
  std::unique_ptr<ExternalFunction> f = Handler("context_fields");
  api::Json c = State(*f);
  EXPECT_EQ(c["function_name"], "python:handlers.py");
  EXPECT_EQ(c["aws_request_id"], "request-7");
  EXPECT_EQ(c["invoked_function_arn"],
            "arn:aws:lambda:local:000000000000:function:python:handlers.py");
  EXPECT_EQ(c["memory_limit_in_mb"], "128");
  EXPECT_EQ(c["log_group_name"], "/aws/lambda/python:handlers.py");
  EXPECT_GT(c["remaining"].get<int>(), 0);
  EXPECT_LE(c["remaining"].get<int>(), 10000);
}

TEST_F(PythonFunctionTest, PartialBatchResponse) {
  std::unique_ptr<ExternalFunction> f = Handler("fail_second");
  FunctionResult r = Invoke(*f, ResponseRules{true});
  EXPECT_EQ(r.outcome, Outcome::kPartialFailure) << r.error;
  EXPECT_THAT(r.failed_sequence_numbers,
              ElementsAre("4421584600000000017450439122"));
  EXPECT_EQ(Invoke(*f).outcome, Outcome::kSuccess);  // ignored without it
  FunctionResult bad = Invoke(*Handler("bad_failures"), ResponseRules{true});
  EXPECT_EQ(bad.outcome, Outcome::kFailure);
  EXPECT_THAT(bad.error, HasSubstr("malformed response"));
}

TEST_F(PythonFunctionTest, ModuleGlobalsPersistBetweenInvocations) {
  std::unique_ptr<ExternalFunction> f = Handler("count");
  api::Json first = State(*f);
  api::Json second = State(*f);
  api::Json third = State(*f);
  EXPECT_EQ(first["calls"], 1);
  EXPECT_EQ(second["calls"], 2);
  EXPECT_EQ(third["calls"], 3);
  EXPECT_EQ(first["pid"], third["pid"]);  // one warm worker
}

TEST_F(PythonFunctionTest, ExceptionFailsTheBatchAndKeepsTheWorker) {
  std::unique_ptr<ExternalFunction> f = Handler("raises");
  FunctionResult r = Invoke(*f);
  ExpectHandlerFailure(r, "ValueError: bad record from helper");
  FunctionResult again = Invoke(*f);
  EXPECT_EQ(again.error, "ValueError: bad record from helper");
  // The same worker ran both: its counter went on.
  EXPECT_EQ(HandlerOutput(), "call 1 with 3 records\ncall 2 with 3 records\n");
}

TEST_F(PythonFunctionTest, CrashFailsAndTheNextInvocationStartsAFreshWorker) {
  std::unique_ptr<ExternalFunction> f = Handler("crash");
  FunctionResult r = Invoke(*f);
  ExpectHandlerFailure(r, "python worker exited (exit status 7)");
  EXPECT_TRUE(NoChildren());
  EXPECT_EQ(Invoke(*f).error, "python worker exited (exit status 7)");
  EXPECT_EQ(Invoke(*Handler("exits")).error,
            "python worker exited (exit status 0)");
}

TEST_F(PythonFunctionTest, HangIsKilledAtTheTimeout) {
  std::unique_ptr<ExternalFunction> f = Handler("hang");
  FunctionResult r = Invoke(*f, {}, absl::Milliseconds(200));
  ExpectHandlerFailure(r, "timed out after 200 ms");
  EXPECT_TRUE(NoChildren());
}

TEST_F(PythonFunctionTest, WorkerRestartsAfterAFault) {
  // Globals start over in the new worker.
  std::unique_ptr<ExternalFunction> f = Handler("count");
  EXPECT_EQ(State(*f)["calls"], 1);
  EXPECT_EQ(State(*f)["calls"], 2);
  // Kill the worker behind the function's back, as a crash would.
  const int pid = State(*f)["pid"].get<int>();
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  FunctionResult r = Invoke(*f, ResponseRules{false, true});
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_EQ(r.error, "python worker exited (killed by signal 9 (KILL))");
  api::Json fresh = State(*f);
  EXPECT_EQ(fresh["calls"], 1);
  EXPECT_NE(fresh["pid"], pid);
}

TEST_F(PythonFunctionTest, GarbageOnTheChannelRestartsTheWorker) {
  std::unique_ptr<ExternalFunction> f = Handler("garbage");
  FunctionResult r = Invoke(*f);
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_THAT(r.error, StartsWith("malformed reply from the python worker: "));
  EXPECT_TRUE(NoChildren());
}

TEST_F(PythonFunctionTest, ReturnValueThatIsNotJsonFails) {
  FunctionResult set = Invoke(*Handler("not_serialisable"));
  EXPECT_EQ(set.outcome, Outcome::kFailure);
  EXPECT_THAT(set.error, StartsWith("Runtime.MarshalError: Unable to marshal "
                                    "response: "));
  FunctionResult nan = Invoke(*Handler("not_a_number"));
  EXPECT_EQ(nan.outcome, Outcome::kFailure);
  EXPECT_THAT(nan.error, StartsWith("Runtime.MarshalError"));
}

TEST_F(PythonFunctionTest, MissingFunctionOrBrokenModuleFailsEachInvocation) {
  std::unique_ptr<ExternalFunction> missing = Handler("no_such_function");
  FunctionResult r = Invoke(*missing);
  EXPECT_EQ(r.outcome, Outcome::kFailure);
  EXPECT_EQ(r.error,
            "Runtime.HandlerNotFound: Handler 'no_such_function' missing on "
            "module 'handlers'");
  EXPECT_EQ(Invoke(*missing).error, r.error);
  EXPECT_THAT(Invoke(*Handler("not_callable")).error,
              StartsWith("Runtime.HandlerNotFound"));
  FunctionResult broken = Invoke(*Function(dir_.Sub("broken.py"), "f"));
  EXPECT_THAT(broken.error, StartsWith("Runtime.ImportModuleError: Unable to "
                                       "import module 'broken': "));
  EXPECT_TRUE(NoChildren());
}

// The lesson's handler, unchanged, prints each change.
TEST_F(PythonFunctionTest, LessonHandlerPrintsInsertsModifiesAndRemoves) {
  std::unique_ptr<ExternalFunction> f = Function(
      std::string(TABLESTREAM_SOURCE_DIR) + "/examples/lambda_handler.py",
      "lambda_handler");
  ASSERT_NE(f, nullptr);
  FunctionResult r = Invoke(*f, ResponseRules{true});
  EXPECT_EQ(r.outcome, Outcome::kSuccess) << r.error;
  std::vector<std::string> lines;
  std::istringstream in(HandlerOutput());
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  ASSERT_EQ(lines.size(), 3u) << HandlerOutput();
  EXPECT_THAT(lines[0], StartsWith("New item added: {'active': {'BOOL': True}, "
                                   "'address': {'M': {'city': {'S': 'Paris'}, "
                                   "'zip': {'S': '75001'}}}, 'age': {'N': "
                                   "'36'}, "));
  EXPECT_THAT(lines[1], StartsWith("Item modified. Old: {'active': "));
  EXPECT_THAT(lines[1], HasSubstr("'age': {'N': '36'}"));
  EXPECT_THAT(lines[1], HasSubstr(" New: {'active': "));
  EXPECT_THAT(lines[1], HasSubstr("'expiresAt': {'N': '1700003600'}"));
  EXPECT_THAT(lines[2], StartsWith("Item removed: {'active': "));
  EXPECT_THAT(lines[2], HasSubstr("'pk': {'S': 'user#42'}"));
}

}  // namespace
}  // namespace triggers
}  // namespace tablestream
