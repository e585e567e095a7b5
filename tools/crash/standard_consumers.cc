// Copyright 2026 The tablestream Authors.
//
// The child side of StandardWorkload's consumers: setting them up and their
// loops.

#include "tools/crash/standard_consumers.h"

#include <map>
#include <random>
#include <utility>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "tools/crash/standard_workload.h"
#include "util/status_macros.h"

namespace tablestream {
namespace crash {
namespace {

// How long a consumer waits for a record before asking again.
constexpr int64_t kWaitMillis = 20;

absl::StatusOr<std::string> ItemsStreamArn(Engine& engine) {
  TABLESTREAM_ASSIGN_OR_RETURN(TableDescription table,
                               engine.DescribeTable(kItemsTable));
  if (!table.latest_stream_arn) {
    return absl::InternalError("Items has no stream");
  }
  return *table.latest_stream_arn;
}

// Runs `create` journaled as `op`; an existing resource is fine.
absl::Status Journaled(CrashJournal& journal, int thread, const WorkloadOp& op,
                       const std::function<absl::Status()>& create) {
  journal.Begin(thread, op.Encode());
  absl::Status status = create();
  if (!status.ok() && ExceptionName(status) != kResourceInUseException) {
    return absl::InternalError(
        absl::StrCat("\"", op.Encode(), "\": ", status.ToString()));
  }
  journal.Acknowledge(thread, status.ok() ? "ok" : kResourceInUseException);
  return absl::OkStatus();
}

}  // namespace

absl::Status SetUpConsumers(Engine& engine, CrashJournal& journal,
                            int thread) {
  TABLESTREAM_RETURN_IF_ERROR(Journaled(
      journal, thread, {"create", kTallyTable, "", "", 0, true}, [&] {
        CreateTableRequest tally = StandardTableRequest(kTallyTable);
        tally.stream_specification.reset();
        return engine.CreateTable(tally).status();
      }));
  TABLESTREAM_ASSIGN_OR_RETURN(const std::string arn, ItemsStreamArn(engine));
  for (const char* name : {kReaderConsumer, kTallyConsumer}) {
    TABLESTREAM_RETURN_IF_ERROR(Journaled(
        journal, thread, {"consumer", kItemsTable, "", name, 0, true}, [&] {
          CreateConsumerRequest create;
          create.stream_arn = arn;
          create.consumer_name = name;
          create.starting_position = ShardIteratorType::kTrimHorizon;
          return engine.CreateConsumer(create).status();
        }));
  }
  return absl::OkStatus();
}

absl::Status RunReaderConsumer(Engine& engine, uint64_t seed) {
  std::mt19937_64 rng(seed * 7919 + 1);
  TABLESTREAM_ASSIGN_OR_RETURN(const std::string arn, ItemsStreamArn(engine));
  // Where the last checkpoint of this process left the consumer.
  std::string shard_id;
  std::string next;
  for (;;) {
    ReadConsumerRequest read;
    read.stream_arn = arn;
    read.consumer_name = kReaderConsumer;
    read.limit = 1 + static_cast<int>(rng() % 100);
    read.wait_millis = kWaitMillis;
    TABLESTREAM_ASSIGN_OR_RETURN(ConsumerBatch batch,
                                 engine.ReadConsumer(read));
    if (batch.records.empty()) continue;
    std::string expected =
        batch.shard_id == shard_id
            ? next
            : batch.records.front().dynamodb.sequence_number;
    for (const StreamRecord& r : batch.records) {
      if (r.dynamodb.sequence_number != expected) {
        return absl::InternalError(absl::StrCat(
            "reader consumer: shard ", batch.shard_id, " gave record ",
            r.dynamodb.sequence_number, " where ", expected,
            " was next after its checkpoint"));
      }
      expected = NextSequence(expected);
    }
    TABLESTREAM_RETURN_IF_ERROR(engine.CheckpointConsumer(
        {arn, kReaderConsumer, batch.shard_id,
         batch.records.back().dynamodb.sequence_number}));
    shard_id = batch.shard_id;
    next = expected;
  }
}

absl::Status RunTallyConsumer(Engine& engine, uint64_t seed) {
  std::mt19937_64 rng(seed * 104729 + 2);
  TABLESTREAM_ASSIGN_OR_RETURN(const std::string arn, ItemsStreamArn(engine));
  for (;;) {
    ReadConsumerRequest read;
    read.stream_arn = arn;
    read.consumer_name = kTallyConsumer;
    read.limit = 1 + static_cast<int>(rng() % 50);
    read.wait_millis = kWaitMillis;
    TABLESTREAM_ASSIGN_OR_RETURN(ConsumerBatch batch,
                                 engine.ReadConsumer(read));
    if (batch.records.empty()) continue;
    std::map<std::string, int64_t> votes;  // event name -> records
    for (const StreamRecord& r : batch.records) {
      ++votes[EventNameName(r.event_name)];
    }
    CommitWithCheckpointRequest commit;
    commit.checkpoint = {arn, kTallyConsumer, batch.shard_id,
                         batch.records.back().dynamodb.sequence_number};
    commit.first_sequence_number =
        batch.records.front().dynamodb.sequence_number;
    for (const auto& [name, count] : votes) {
      UpdateItemRequest add;
      add.table_name = kTallyTable;
      add.key = {{"pk", AttributeValue::S(name)}};
      add.attribute_updates["n"] = {AttributeAction::kAdd,
                                    AttributeValue::N(absl::StrCat(count))};
      commit.writes.push_back(std::move(add));
    }
    WriteOptions write;
    write.durable = rng() % 2 == 0;
    TABLESTREAM_RETURN_IF_ERROR(engine.CommitWithCheckpoint(commit, write));
  }
}

}  // namespace crash
}  // namespace tablestream
