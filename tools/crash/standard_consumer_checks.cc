// Copyright 2026 The tablestream Authors.
//
// The checker side of StandardWorkload's consumers (see
// standard_consumers.h).

#include <map>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "tools/crash/standard_consumers.h"
#include "util/status_macros.h"

namespace tablestream {
namespace crash {
namespace {

absl::Status Violation(const std::string& what) {
  return absl::InternalError(what);
}

// One shard's end: the sequence number after its last record, or its start
// if it holds none.
std::string ShardEnd(const ShardContents& shard) {
  return shard.records.empty()
             ? shard.shard.sequence_number_range.starting_sequence_number
             : NextSequence(shard.records.back().dynamodb.sequence_number);
}

class ConsumerChecker {
 public:
  ConsumerChecker(Engine& engine, const StreamContents& items)
      : engine_(engine), items_(items) {}

  // The consumer's position in every shard of the stream, in lineage order
  // (the shard's start where the consumer lists no position), after checking
  // that each lies within its shard and that no shard was entered before
  // its parent was finished. nullopt if the consumer does not exist and
  // need not.
  absl::StatusOr<std::optional<std::vector<std::string>>> Positions(
      const std::string& name, bool must_exist) {
    const std::string& arn = items_.description.stream_arn;
    absl::StatusOr<ConsumerDescription> d =
        engine_.DescribeConsumer({arn, name});
    if (!d.ok()) {
      if (!must_exist &&
          ExceptionName(d.status()) == kResourceNotFoundException) {
        return std::optional<std::vector<std::string>>();
      }
      return Violation(absl::StrCat("consumer ", name, ": ",
                                    d.status().ToString()));
    }
    std::map<std::string, std::string> listed;  // shard id -> position
    for (const ConsumerShardStatus& s : d->shards) {
      listed[s.shard_id] = s.next_sequence_number;
    }
    std::vector<std::string> positions;
    bool parent_finished = true;
    for (const ShardContents& shard : items_.shards) {
      const std::string& id = shard.shard.shard_id;
      const std::string& start =
          shard.shard.sequence_number_range.starting_sequence_number;
      const std::string end = ShardEnd(shard);
      auto it = listed.find(id);
      const std::string position = it == listed.end() ? start : it->second;
      const std::string where = absl::StrCat(
          "consumer ", name, " in shard ", id, " [", start, ", ", end,
          "): position ", position);
      if (position < start || position > end) {
        return Violation(where + " lies outside the shard");
      }
      if (!parent_finished && position != start) {
        return Violation(where + " moved before its parent shard was done");
      }
      parent_finished =
          position == end &&
          shard.shard.sequence_number_range.ending_sequence_number.has_value();
      positions.push_back(position);
      checks_ += 2;
    }
    if (listed.size() > items_.shards.size()) {
      return Violation(absl::StrCat("consumer ", name, " lists ",
                                    listed.size(), " shards; the stream has ",
                                    items_.shards.size()));
    }
    return std::optional<std::vector<std::string>>(std::move(positions));
  }

  // Each count in `table` against the records before the positions of
  // the consumers that counted them.
  absl::Status CheckTally(
      const std::string& table, const std::string& counter,
      const std::vector<std::vector<std::string>>& consumers_positions) {
    std::map<std::string, int64_t> expected = {
        {"INSERT", 0}, {"MODIFY", 0}, {"REMOVE", 0}};
    for (const std::vector<std::string>& positions : consumers_positions) {
      for (size_t i = 0; i < items_.shards.size(); ++i) {
        for (const StreamRecord& r : items_.shards[i].records) {
          if (r.dynamodb.sequence_number >= positions[i]) break;
          ++expected[EventNameName(r.event_name)];
        }
      }
    }
    for (const auto& [name, count] : expected) {
      GetItemRequest get;
      get.table_name = table;
      get.key = {{"pk", AttributeValue::S(name)}};
      TABLESTREAM_ASSIGN_OR_RETURN(std::optional<Item> item,
                                   engine_.GetItem(get));
      const std::string got =
          item && item->count("n") ? item->at("n").scalar() : "0";
      if (got != absl::StrCat(count)) {
        return Violation(absl::StrCat(
            table, " count of ", name, " is ", got, " but ", count, " ", name,
            " records lie before the ", counter,
            "'s position (a batch was counted twice or lost its count)"));
      }
      ++checks_;
    }
    return absl::OkStatus();
  }

  int64_t checks() const { return checks_; }

 private:
  Engine& engine_;
  const StreamContents& items_;
  int64_t checks_ = 0;
};

}  // namespace

absl::StatusOr<int64_t> CheckConsumers(Engine& engine,
                                       const StreamContents& items,
                                       const ConsumerExpectations& expected) {
  if (items.shards.empty()) return 0;
  ConsumerChecker checker(engine, items);
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::vector<std::string>> reader,
      checker.Positions(kReaderConsumer, expected.reader_created));
  TABLESTREAM_ASSIGN_OR_RETURN(
      std::optional<std::vector<std::string>> tally,
      checker.Positions(kTallyConsumer, expected.tally_created));
  if (tally) {
    TABLESTREAM_RETURN_IF_ERROR(
        checker.CheckTally(kTallyTable, "tally consumer", {*tally}));
  }
  // The trigger: every mapping consumer of the stream.
  TABLESTREAM_ASSIGN_OR_RETURN(
      ListConsumersResult consumers,
      engine.ListConsumers(items.description.stream_arn));
  std::vector<std::vector<std::string>> mappings;
  for (const ConsumerSummary& c : consumers.consumers) {
    if (!absl::StartsWith(c.consumer_name, kMappingConsumerPrefix)) continue;
    TABLESTREAM_ASSIGN_OR_RETURN(
        std::optional<std::vector<std::string>> positions,
        checker.Positions(c.consumer_name, true));
    mappings.push_back(std::move(*positions));
  }
  if (expected.trigger_created && mappings.empty()) {
    return Violation("the trigger's mapping has no checkpoint consumer");
  }
  // With no mapping yet, every count must still be zero.
  if (!mappings.empty() || engine.DescribeTable(kTriggerTallyTable).ok()) {
    TABLESTREAM_RETURN_IF_ERROR(
        checker.CheckTally(kTriggerTallyTable, "trigger", mappings));
  }
  return checker.checks();
}

}  // namespace crash
}  // namespace tablestream
