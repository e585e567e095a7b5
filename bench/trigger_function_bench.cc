// Copyright 2026 The tablestream Authors.
//
// trigger_function_bench: Google Benchmark micro-benchmarks of the function
// side of triggers, per batch of 100 INSERT records (each about 0.5 KB of
// event JSON): an exec: handler (`cat >/dev/null`: process start, event
// written, exit status read), a warm python: handler that returns None, the
// lesson's handler (examples/lambda_handler.py, printing to /dev/null),
// building the Lambda event, and matching a filter against every record.
// Single-threaded; real processes, wall time.

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "triggers/external_function.h"
#include "triggers/filter_criteria.h"
#include "triggers/lambda_event.h"

namespace tablestream {
namespace triggers {
namespace {

constexpr int kBatch = 100;
constexpr char kArn[] =
    "arn:aws:dynamodb:us-east-1:123456789012:table/Votes/stream/"
    "2026-01-01T00:00:00.000";

std::vector<StreamRecord> Records() {
  std::vector<StreamRecord> records;
  for (int i = 0; i < kBatch; ++i) {
    StreamRecord r;
    r.event_id = std::string(32, 'a');
    r.aws_region = "us-east-1";
    r.dynamodb.approximate_creation_date_time = 1767225600 + i;
    r.dynamodb.keys = {{"pk", AttributeValue::S("voter#" + std::to_string(i))}};
    Item image = r.dynamodb.keys;
    image["candidate"] = AttributeValue::S(i % 2 ? "Alice" : "Bob");
    image["region"] = AttributeValue::S("eu-west");
    image["weight"] = AttributeValue::N(std::to_string(i));
    image["comment"] = AttributeValue::S(std::string(200, 'c'));
    r.dynamodb.new_image = image;
    r.dynamodb.sequence_number =
        "442158450000000001745" + std::to_string(1000 + i);
    r.dynamodb.size_bytes = 300;
    r.dynamodb.stream_view_type = StreamViewType::kNewImage;
    records.push_back(std::move(r));
  }
  return records;
}

std::vector<api::Json> EventRecords() {
  std::vector<api::Json> out;
  for (const StreamRecord& r : Records())
    out.push_back(LambdaEventRecord(r, kArn));
  return out;
}

std::vector<std::string> SequenceNumbers() {
  std::vector<std::string> out;
  for (const StreamRecord& r : Records())
    out.push_back(r.dynamodb.sequence_number);
  return out;
}

void RunFunction(benchmark::State& state, const std::string& name) {
  int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
  absl::StatusOr<std::unique_ptr<ExternalFunction>> f =
      ExternalFunction::Create(name, ExternalFunctionOptions{devnull});
  if (!f.ok()) {
    state.SkipWithError(std::string(f.status().message()).c_str());
    close(devnull);
    return;
  }
  const api::Json event = LambdaEvent(EventRecords());
  const std::vector<std::string> sequence_numbers = SequenceNumbers();
  InvocationContext context{name, "bench", absl::Seconds(30)};
  // One warm-up call: a python: worker starts at its first invocation.
  (*f)->Invoke(event, sequence_numbers, ResponseRules(), context);
  for (auto _ : state) {
    FunctionResult r =
        (*f)->Invoke(event, sequence_numbers, ResponseRules(), context);
    if (r.outcome != FunctionResult::Outcome::kSuccess) {
      state.SkipWithError(r.error.c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
  state.counters["event_bytes"] = api::FormatJson(event, -1).size();
  f->reset();
  close(devnull);
}

void BM_ExecCatBatch(benchmark::State& state) {
  RunFunction(state, "exec:cat >/dev/null");
}
BENCHMARK(BM_ExecCatBatch)->Unit(benchmark::kMillisecond)->UseRealTime();

// A warm worker: the per-batch cost is the event's round trip and the call.
void BM_PythonNoopBatch(benchmark::State& state) {
  char dir_template[] = "/tmp/trigger_bench_XXXXXX";
  const char* dir = mkdtemp(dir_template);
  const std::string file = std::string(dir) + "/noop.py";
  std::ofstream(file) << "def handler(event, context):\n    return None\n";
  RunFunction(state, "python:" + file + ":handler");
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_PythonNoopBatch)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PythonLessonHandlerBatch(benchmark::State& state) {
  RunFunction(state, std::string("python:") + TABLESTREAM_SOURCE_DIR +
                         "/examples/lambda_handler.py:lambda_handler");
}
BENCHMARK(BM_PythonLessonHandlerBatch)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_BuildLambdaEvent(benchmark::State& state) {
  const std::vector<StreamRecord> records = Records();
  for (auto _ : state) {
    std::vector<api::Json> event_records;
    for (const StreamRecord& r : records) {
      event_records.push_back(LambdaEventRecord(r, kArn));
    }
    benchmark::DoNotOptimize(
        api::FormatJson(LambdaEvent(std::move(event_records)), -1));
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_BuildLambdaEvent)->Unit(benchmark::kMicrosecond);

void BM_FilterBatch(benchmark::State& state) {
  absl::StatusOr<FilterCriteria> criteria = FilterCriteria::Parse(api::Json{
      {"Filters",
       {{{"Pattern",
          R"({"eventName":["INSERT"],"dynamodb":{"NewImage":{)"
          R"("candidate":{"S":["Alice"]},"region":{"S":[{"prefix":"eu-"}]}}}})"}}}}});
  const std::vector<api::Json> records = EventRecords();
  for (auto _ : state) {
    int matched = 0;
    for (const api::Json& r : records) matched += criteria->Matches(r);
    benchmark::DoNotOptimize(matched);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}
BENCHMARK(BM_FilterBatch)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace triggers
}  // namespace tablestream
