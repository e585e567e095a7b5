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

// The consumer's next batch of 1 to `max_records` records (seeded), waiting
// a little for one if there is none.
absl::StatusOr<ConsumerBatch> ReadBatch(Engine& engine, const std::string& arn,
                                        const char* consumer, int max_records,
                                        std::mt19937_64& rng) {
  ReadConsumerRequest read;
  read.stream_arn = arn;
  read.consumer_name = consumer;
  read.limit = 1 + static_cast<int>(rng() % max_records);
  read.wait_millis = kWaitMillis;
  return engine.ReadConsumer(read);
}

// The stored position of `consumer` in `shard_id`: the next record it has
// to process.
absl::StatusOr<std::string> StoredPosition(Engine& engine,
                                           const std::string& arn,
                                           const char* consumer,
                                           const std::string& shard_id) {
  TABLESTREAM_ASSIGN_OR_RETURN(ConsumerDescription d,
                               engine.DescribeConsumer({arn, consumer}));
  for (const ConsumerShardStatus& s : d.shards) {
    if (s.shard_id == shard_id) return s.next_sequence_number;
  }
  return absl::InternalError(absl::StrCat("consumer ", consumer,
                                          " read shard ", shard_id,
                                          " but has no position in it"));
}

}  // namespace

std::vector<ConsumerWrite> TallyWrites(
    const std::string& table, const std::vector<StreamRecord>& records) {
  std::map<std::string, int64_t> votes;  // event name -> records
  for (const StreamRecord& r : records) ++votes[EventNameName(r.event_name)];
  std::vector<ConsumerWrite> writes;
  for (const auto& [name, count] : votes) {
    UpdateItemRequest add;
    add.table_name = table;
    add.key = {{"pk", AttributeValue::S(name)}};
    add.attribute_updates["n"] = {AttributeAction::kAdd,
                                  AttributeValue::N(absl::StrCat(count))};
    writes.push_back(std::move(add));
  }
  return writes;
}

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
    TABLESTREAM_ASSIGN_OR_RETURN(
        ConsumerBatch batch,
        ReadBatch(engine, arn, kReaderConsumer, 100, rng));
    if (batch.records.empty()) continue;
    // A batch resumes right after the last checkpoint: this process's, or
    // (first batch of a shard here, and after a kill) the stored one.
    std::string expected = next;
    if (batch.shard_id != shard_id) {
      TABLESTREAM_ASSIGN_OR_RETURN(
          expected, StoredPosition(engine, arn, kReaderConsumer,
                                   batch.shard_id));
    }
    for (const StreamRecord& r : batch.records) {
      if (r.dynamodb.sequence_number != expected) {
        return absl::InternalError(absl::StrCat(
            "reader consumer: shard ", batch.shard_id, " gave record ",
            r.dynamodb.sequence_number, " where ", expected,
            " was next after its checkpoint (the consumer did not resume "
            "after its last checkpoint)"));
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
    TABLESTREAM_ASSIGN_OR_RETURN(
        ConsumerBatch batch, ReadBatch(engine, arn, kTallyConsumer, 50, rng));
    if (batch.records.empty()) continue;
    CommitWithCheckpointRequest commit;
    commit.checkpoint = {arn, kTallyConsumer, batch.shard_id,
                         batch.records.back().dynamodb.sequence_number};
    commit.first_sequence_number =
        batch.records.front().dynamodb.sequence_number;
    commit.writes = TallyWrites(kTallyTable, batch.records);
    WriteOptions write;
    write.durable = rng() % 2 == 0;
    TABLESTREAM_RETURN_IF_ERROR(engine.CommitWithCheckpoint(commit, write));
  }
}

}  // namespace crash
}  // namespace tablestream
