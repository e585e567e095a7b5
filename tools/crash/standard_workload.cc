// Copyright 2026 The tablestream Authors.
//
// The workload side of StandardWorkload: what the child process runs.

#include "tools/crash/standard_workload.h"

#include <atomic>
#include <functional>
#include <random>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/mutex.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"
#include "tools/crash/standard_consumers.h"
#include "tools/crash/standard_trigger.h"

namespace tablestream {
namespace crash {

std::string WorkloadOp::Encode() const {
  return absl::StrCat(kind, " ", table, " ", key.empty() ? "-" : key, " ",
                      id.empty() ? "-" : id, " ", value, " ",
                      durable ? 1 : 0);
}

std::optional<WorkloadOp> WorkloadOp::Parse(const std::string& text) {
  std::vector<std::string> parts = absl::StrSplit(text, ' ');
  WorkloadOp op;
  int durable = 0;
  if (parts.size() != 6 || !absl::SimpleAtoi(parts[4], &op.value) ||
      !absl::SimpleAtoi(parts[5], &durable)) {
    return std::nullopt;
  }
  op.kind = parts[0];
  op.table = parts[1];
  op.key = parts[2] == "-" ? "" : parts[2];
  op.id = parts[3] == "-" ? "" : parts[3];
  op.durable = durable != 0;
  return op;
}

void StandardWorkload::ConfigureOptions(Options* options) {
  options->shard_rollover_records = options_.shard_rollover_records;
}

CreateTableRequest StandardTableRequest(const std::string& name) {
  CreateTableRequest request;
  request.table_name = name;
  request.key_schema.push_back({"pk", KeyType::kHash});
  request.attribute_definitions.push_back({"pk", ScalarAttributeType::kS});
  request.stream_specification =
      StreamSpecification{true, StreamViewType::kNewAndOldImages};
  return request;
}

TransactWriteItemsRequest TransactionOf(const WorkloadOp& op) {
  const std::vector<std::string> keys = absl::StrSplit(op.key, ',');
  UpdateItemRequest add;
  add.table_name = kItemsTable;
  add.key = {{"pk", AttributeValue::S(keys[0])}};
  add.update_expression = "ADD c :v SET op = :op";
  add.placeholders.values = ExpressionAttributeValues{
      {":v", AttributeValue::N(absl::StrCat(op.value))},
      {":op", AttributeValue::S(op.id)}};
  PutItemRequest put;
  put.table_name = kItemsTable;
  put.item = {{"pk", AttributeValue::S(keys[1])},
              {"op", AttributeValue::S(op.id)},
              {"v", AttributeValue::N(absl::StrCat(op.value))}};
  put.condition_expression = "attribute_not_exists(pk)";
  PutItemRequest ledger;
  ledger.table_name = kLedgerTable;
  ledger.item = {{"pk", AttributeValue::S(op.id)},
                 {"keys", AttributeValue::S(op.key)}};
  TransactWriteItemsRequest request;
  request.transact_items = {add, put, ledger};
  return request;
}

namespace {

// A worker: one thread's operations, forever (or until an error).
class Worker {
 public:
  Worker(Engine& engine, CrashJournal& journal,
         const StandardWorkloadOptions& options, uint64_t seed, int thread)
      : engine_(engine),
        journal_(journal),
        options_(options),
        rng_(seed * 1000003 + thread),
        seed_(seed),
        thread_(thread) {}

  absl::Status Run() {
    for (uint64_t index = 0;; ++index) {
      WorkloadOp op = NextOp(index);
      if (op.kind == "toggle") {
        absl::StatusOr<TableDescription> table =
            engine_.DescribeTable(kToggledTable);
        if (!table.ok()) return table.status();
        const bool enabled = table->stream_specification.has_value() &&
                             table->stream_specification->stream_enabled;
        op.kind = enabled ? "disable" : "enable";
      }
      journal_.Begin(thread_, op.Encode());
      absl::StatusOr<std::string> outcome = Apply(op);
      if (!outcome.ok()) {
        return absl::InternalError(
            absl::StrCat("thread ", thread_, ": operation \"", op.Encode(),
                         "\" failed unexpectedly: ",
                         outcome.status().ToString()));
      }
      journal_.Acknowledge(thread_, *outcome);
    }
  }

 private:
  int Pick(std::initializer_list<int> weights) {
    int total = 0;
    for (int w : weights) total += w;
    int x = std::uniform_int_distribution<int>(0, total - 1)(rng_);
    int i = 0;
    for (int w : weights) {
      if (x < w) return i;
      x -= w;
      ++i;
    }
    return i - 1;
  }

  int KeyIndex() {
    return std::uniform_int_distribution<int>(0, options_.keys_per_thread - 1)(
        rng_);
  }
  std::string KeyName(int index) const {
    return absl::StrCat("t", thread_, "k", index);
  }

  WorkloadOp NextOp(uint64_t index) {
    WorkloadOp op;
    op.id = absl::StrCat(seed_ % 1000000007, "t", thread_, "i", index);
    switch (options_.durability) {
      case Durability::kAlways: op.durable = true; break;
      case Durability::kNever: op.durable = false; break;
      case Durability::kMixed: op.durable = rng_() % 2 == 0; break;
    }
    const int toggle = thread_ == 0 ? options_.toggle_weight : 0;
    const int transaction =
        options_.keys_per_thread >= 2 ? options_.transaction_weight : 0;
    const int kind = Pick({options_.put_weight, options_.update_weight,
                           options_.conditional_put_weight,
                           options_.delete_weight, toggle, transaction});
    if (kind == 4) {
      op.kind = "toggle";  // resolved to enable or disable in Apply
      op.table = kToggledTable;
      return op;
    }
    if (kind == 5) {
      const int a = KeyIndex();
      const int b = (a + 1 + std::uniform_int_distribution<int>(
                                 0, options_.keys_per_thread - 2)(rng_)) %
                    options_.keys_per_thread;
      op.kind = "txn";
      op.table = kItemsTable;
      op.key = absl::StrCat(KeyName(a), ",", KeyName(b));
      op.value = std::uniform_int_distribution<int64_t>(-50, 100)(rng_);
      return op;
    }
    // Items gets the updates and conditional puts; Toggled puts and deletes.
    const bool toggled = (kind == 0 || kind == 3) && rng_() % 3 == 0;
    op.table = toggled ? kToggledTable : kItemsTable;
    op.kind = kind == 0 ? "put" : kind == 1 ? "add" : kind == 2 ? "cput" : "del";
    op.key = KeyName(KeyIndex());
    op.value = op.kind == "add"
                   ? std::uniform_int_distribution<int64_t>(-50, 100)(rng_)
                   : std::uniform_int_distribution<int64_t>(0, 999999)(rng_);
    return op;
  }

  // The outcome to journal: "ok", or the exception name of an expected
  // refusal. An error status for anything unexpected.
  absl::StatusOr<std::string> Apply(WorkloadOp& op) {
    WriteOptions write;
    write.durable = op.durable;
    Item key = {{"pk", AttributeValue::S(op.key)}};
    absl::Status status;
    if (op.kind == "put" || op.kind == "cput") {
      PutItemRequest put;
      put.table_name = op.table;
      put.item = key;
      put.item["op"] = AttributeValue::S(op.id);
      put.item["v"] = AttributeValue::N(absl::StrCat(op.value));
      if (op.kind == "cput") put.expected.expected["pk"].exists = false;
      status = engine_.PutItem(put, write).status();
      if (op.kind == "cput" && IsConditionalCheckFailed(status)) {
        return std::string(kConditionalCheckFailedException);
      }
    } else if (op.kind == "add") {
      UpdateItemRequest update;
      update.table_name = op.table;
      update.key = key;
      update.attribute_updates["c"] = {AttributeAction::kAdd,
                                       AttributeValue::N(absl::StrCat(op.value))};
      update.attribute_updates["op"] = {AttributeAction::kPut,
                                        AttributeValue::S(op.id)};
      status = engine_.UpdateItem(update, write).status();
    } else if (op.kind == "del") {
      DeleteItemRequest del;
      del.table_name = op.table;
      del.key = key;
      status = engine_.DeleteItem(del, write).status();
    } else if (op.kind == "txn") {
      status = engine_.TransactWriteItems(TransactionOf(op), write);
      if (ExceptionName(status) == kTransactionCanceledException) {
        return std::string(kTransactionCanceledException);
      }
    } else if (op.kind == "enable" || op.kind == "disable") {
      UpdateTableRequest update;
      update.table_name = op.table;
      update.stream_specification = StreamSpecification{
          op.kind == "enable",
          op.kind == "enable"
              ? std::optional<StreamViewType>(StreamViewType::kNewAndOldImages)
              : std::nullopt};
      status = engine_.UpdateTable(update).status();
    } else {
      return absl::InternalError("unknown operation kind " + op.kind);
    }
    if (!status.ok()) return status;
    return std::string("ok");
  }

  Engine& engine_;
  CrashJournal& journal_;
  const StandardWorkloadOptions& options_;
  std::mt19937_64 rng_;
  uint64_t seed_;
  int thread_;
};

}  // namespace

absl::Status StandardWorkload::Run(Engine& engine, uint64_t seed,
                                   CrashJournal& journal) {
  for (const char* table : {kItemsTable, kToggledTable, kLedgerTable}) {
    WorkloadOp create{"create", table, "", "", 0, true};
    journal.Begin(0, create.Encode());
    absl::Status status = engine.CreateTable(StandardTableRequest(table)).status();
    if (!status.ok() && ExceptionName(status) != kResourceInUseException) {
      return absl::InternalError(
          absl::StrCat("CreateTable ", table, ": ", status.ToString()));
    }
    journal.Acknowledge(0, status.ok() ? "ok" : kResourceInUseException);
  }
  std::vector<std::function<absl::Status()>> loops;
  for (int t = 0; t < options_.threads; ++t) {
    loops.push_back([&, t] {
      Worker worker(engine, journal, options_, seed, t);
      return worker.Run();
    });
  }
  std::unique_ptr<TriggerRuntime> trigger;  // runs until the process dies
  if (options_.consumers) {
    TABLESTREAM_RETURN_IF_ERROR(SetUpConsumers(engine, journal, 0));
    TABLESTREAM_ASSIGN_OR_RETURN(trigger,
                                 StartTallyTrigger(engine, journal, 0, seed));
    loops.push_back([&] { return RunReaderConsumer(engine, seed); });
    loops.push_back([&] { return RunTallyConsumer(engine, seed); });
  }
  absl::Mutex mu;
  absl::Status first_error;
  bool failed = false;
  std::vector<std::thread> threads;
  for (const auto& loop : loops) {
    threads.emplace_back([&] {
      absl::Status status = loop();
      absl::MutexLock lock(&mu);
      if (!failed) first_error = status;
      failed = true;
    });
  }
  {
    absl::MutexLock lock(&mu);
    mu.Await(absl::Condition(&failed));
  }
  // Report the error now: the other threads never stop by themselves.
  return first_error;
}

}  // namespace crash
}  // namespace tablestream
