// Copyright 2026 The tablestream Authors.
//
// expression_bench: Google Benchmark micro-benchmarks of the expression
// language: parsing (lexer + parser + request checks) of typical condition,
// update and projection expressions, evaluating a compiled condition and
// applying a compiled update to a small nested item, and, end to end on an
// engine in a temporary directory, Query pages (items/s) and puts with and
// without a ConditionExpression.
// Single-threaded.

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "benchmark/benchmark.h"
#include "engine/condition.h"
#include "engine/expression_compile.h"
#include "engine/expression_parser.h"
#include "engine/projection.h"
#include "engine/update.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace {

using V = AttributeValue;

const std::map<std::string, AttributeValue>& Values() {
  static const auto* values = new std::map<std::string, AttributeValue>{
      {":one", V::N("1")},          {":limit", V::N("100")},
      {":s", V::S("active")},       {":pre", V::S("ord#")},
      {":list", V::L({V::N("7")})}, {":tags", V::SS({"x", "y"})},
      {":lo", V::N("10")},          {":hi", V::N("20")}};
  return *values;
}
const std::map<std::string, std::string>& Names() {
  static const auto* names = new std::map<std::string, std::string>{
      {"#st", "status"}, {"#c", "count"}};
  return *names;
}

Item Doc() {
  return {{"pk", V::S("user#1")},
          {"sk", V::S("ord#2026")},
          {"status", V::S("active")},
          {"count", V::N("42")},
          {"tags", V::SS({"a", "b", "x"})},
          {"doc", V::M({{"prev", V::L({V::N("0"), V::N("9")})},
                        {"lst", V::L({V::N("1"), V::N("2"), V::N("3")})},
                        {"deep", V::M({{"x", V::S("y")}})}})}};
}

constexpr char kSimpleCondition[] = "attribute_not_exists(pk)";
constexpr char kComplexCondition[] =
    "#st = :s AND (#c BETWEEN :lo AND :hi OR #c > :limit) AND "
    "begins_with(sk, :pre) AND NOT contains(tags, :s) AND size(doc.lst) < "
    ":limit";
constexpr char kUpdate[] =
    "SET #c = #c + :one, doc.lst = list_append(doc.lst, :list), "
    "doc.deep.z = if_not_exists(doc.deep.z, :one) REMOVE doc.prev[0] "
    "ADD tags :tags";

void ParseCondition(benchmark::State& state, const char* text) {
  for (auto _ : state) {
    ExpressionAttributes a;
    a.names = &Names();
    a.values = &Values();
    auto c = ParseConditionExpression(text, "ConditionExpression", &a);
    if (!c.ok()) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(c);
  }
  state.SetBytesProcessed(state.iterations() * strlen(text));
}
void BM_ParseSimpleCondition(benchmark::State& state) {
  ParseCondition(state, kSimpleCondition);
}
BENCHMARK(BM_ParseSimpleCondition);
void BM_ParseComplexCondition(benchmark::State& state) {
  ParseCondition(state, kComplexCondition);
}
BENCHMARK(BM_ParseComplexCondition);

void BM_ParseUpdate(benchmark::State& state) {
  for (auto _ : state) {
    ExpressionAttributes a;
    a.names = &Names();
    a.values = &Values();
    auto u = ParseUpdateExpression(kUpdate, &a);
    if (!u.ok()) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(u);
  }
}
BENCHMARK(BM_ParseUpdate);

// The whole request-level compile of an UpdateItem: placeholder checks,
// value canonicalization, update + condition parse, unused checks.
void BM_CompileUpdateRequest(benchmark::State& state) {
  const std::optional<std::map<std::string, std::string>> names = Names();
  const std::optional<std::map<std::string, AttributeValue>> values = Values();
  ExpressionParameters p;
  p.update = kUpdate;
  p.condition = kComplexCondition;
  p.names = &names;
  p.values = &values;
  for (auto _ : state) {
    auto c = CompileExpressions(p);
    if (!c.ok()) state.SkipWithError("compile failed");
    benchmark::DoNotOptimize(c);
  }
}
BENCHMARK(BM_CompileUpdateRequest);

void BM_EvaluateComplexCondition(benchmark::State& state) {
  ExpressionAttributes a;
  a.names = &Names();
  a.values = &Values();
  const Condition c =
      *ParseConditionExpression(kComplexCondition, "ConditionExpression", &a);
  const Item item = Doc();
  for (auto _ : state) {
    auto r = EvaluateCondition(c, &item);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_EvaluateComplexCondition);

void BM_ApplyUpdate(benchmark::State& state) {
  ExpressionAttributes a;
  a.names = &Names();
  a.values = &Values();
  const std::vector<UpdateAction> actions = *ParseUpdateExpression(kUpdate, &a);
  const Item item = Doc();
  const Item key = {{"pk", item.at("pk")}, {"sk", item.at("sk")}};
  const std::vector<std::string> key_names = {"pk", "sk"};
  for (auto _ : state) {
    auto r = ApplyUpdate(actions, &item, key, key_names);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_ApplyUpdate);

void BM_ProjectItem(benchmark::State& state) {
  ExpressionAttributes a;
  a.names = &Names();
  const auto paths =
      *ParseProjectionExpression("#st, doc.lst[1], doc.deep.x", &a);
  const Item item = Doc();
  for (auto _ : state) benchmark::DoNotOptimize(ProjectItem(item, paths));
}
BENCHMARK(BM_ProjectItem);

// Query throughput: pages of up to `range(0)` items from one partition of
// 10,000 200-byte items, with and without a filter that keeps half.
class QueryFixture {
 public:
  QueryFixture() {
    dir_ = std::filesystem::temp_directory_path() /
           ("expression_bench_" + std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    Options options;
    options.durable_writes = false;
    options.retention_interval_seconds = 0;
    engine_ = *Engine::Open(options, dir_.string());
    CreateTableRequest t;
    t.table_name = "bench_q";
    t.key_schema = {{"pk", KeyType::kHash}, {"sk", KeyType::kRange}};
    t.attribute_definitions = {{"pk", ScalarAttributeType::kS},
                               {"sk", ScalarAttributeType::kN}};
    (void)engine_->CreateTable(t);  // fresh directory: cannot fail
    for (int i = 0; i < 10000; ++i) {
      PutItemRequest put;
      put.table_name = "bench_q";
      put.item = {{"pk", V::S("p")},
                  {"sk", V::N(std::to_string(i))},
                  {"even", V::Bool(i % 2 == 0)},
                  {"payload", V::S(std::string(160, 'x'))}};
      (void)engine_->PutItem(put);  // checked by the benchmark's counts
    }
  }
  ~QueryFixture() {
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  Engine& engine() { return *engine_; }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<Engine> engine_;
};

QueryFixture& Fixture() {
  static QueryFixture* fixture = new QueryFixture;
  return *fixture;
}

void BM_QueryPage(benchmark::State& state) {
  QueryRequest r;
  r.table_name = "bench_q";
  r.key_condition_expression = "pk = :p";
  ExpressionAttributeValues values = {{":p", V::S("p")}};
  if (state.range(1) != 0) {
    r.filter_expression = "even = :t";
    values[":t"] = V::Bool(true);
  }
  r.placeholders.values = values;
  r.limit = static_cast<int>(state.range(0));
  int64_t items = 0;
  for (auto _ : state) {
    auto page = Fixture().engine().Query(r);
    if (!page.ok() || page->scanned_count != r.limit) {
      state.SkipWithError("query failed");
      break;
    }
    items += page->scanned_count;
  }
  state.SetItemsProcessed(items);
}
BENCHMARK(BM_QueryPage)->Args({100, 0})->Args({1000, 0})->Args({1000, 1});

// The put path (non-durable, into the Query fixture's table) without and
// with a ConditionExpression (attribute_not_exists on a fresh key, so every
// put passes its check): what the compile and the check add per put.
void BM_Put(benchmark::State& state) {
  const bool conditional = state.range(0) != 0;
  static int64_t next_key = 0;
  PutItemRequest put;
  put.table_name = "bench_q";
  if (conditional) put.condition_expression = "attribute_not_exists(pk)";
  for (auto _ : state) {
    put.item = {{"pk", V::S("put")},
                {"sk", V::N(std::to_string(next_key++))},
                {"payload", V::S(std::string(160, 'x'))}};
    if (!Fixture().engine().PutItem(put).ok()) {
      state.SkipWithError("put failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Put)->Arg(0)->Arg(1);

}  // namespace
}  // namespace tablestream
