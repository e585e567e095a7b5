// Copyright 2026 The tablestream Authors.

#include "tools/crash/stream_contents.h"

#include <algorithm>

#include "stream/stream_keys.h"
#include "util/status_macros.h"

namespace tablestream {
namespace crash {

absl::StatusOr<std::vector<std::string>> TableStreamArns(
    Engine& engine, const std::string& table) {
  std::vector<std::string> arns;
  ListStreamsRequest request;
  request.table_name = table;
  for (;;) {
    TABLESTREAM_ASSIGN_OR_RETURN(ListStreamsResult page,
                                 engine.ListStreams(request));
    for (const StreamSummary& s : page.streams) arns.push_back(s.stream_arn);
    if (!page.last_evaluated_stream_arn) break;
    request.exclusive_start_stream_arn = page.last_evaluated_stream_arn;
  }
  // Labels are creation times: ARN order is creation order for one table.
  std::sort(arns.begin(), arns.end());
  return arns;
}

absl::StatusOr<StreamContents> ReadStreamContents(Engine& engine,
                                                  const std::string& arn) {
  StreamContents contents;
  DescribeStreamRequest request;
  request.stream_arn = arn;
  for (;;) {
    TABLESTREAM_ASSIGN_OR_RETURN(StreamDescription page,
                                 engine.DescribeStream(request));
    for (Shard& shard : page.shards) {
      contents.shards.push_back({std::move(shard), {}});
    }
    page.shards.clear();
    const std::optional<std::string> next = page.last_evaluated_shard_id;
    if (contents.description.stream_arn.empty()) {
      contents.description = std::move(page);
    }
    if (!next) break;
    request.exclusive_start_shard_id = next;
  }
  for (ShardContents& shard : contents.shards) {
    TABLESTREAM_ASSIGN_OR_RETURN(
        std::string iterator,
        engine.GetShardIterator({arn, shard.shard.shard_id,
                                 ShardIteratorType::kTrimHorizon, {}, {}}));
    for (;;) {
      TABLESTREAM_ASSIGN_OR_RETURN(GetRecordsResult page,
                                   engine.GetRecords({iterator, {}}));
      const bool caught_up = page.records.empty();
      for (StreamRecord& r : page.records) {
        shard.records.push_back(std::move(r));
      }
      if (!page.next_shard_iterator || caught_up) break;
      iterator = *page.next_shard_iterator;
    }
  }
  return contents;
}

std::string NextSequence(const std::string& sequence) {
  absl::StatusOr<std::optional<uint64_t>> parsed =
      ParseSequenceNumber(sequence);
  // Not a sequence number: no successor matches it either.
  if (!parsed.ok() || !parsed->has_value()) return "(after " + sequence + ")";
  return FormatSequenceNumber(**parsed + 1);
}

}  // namespace crash
}  // namespace tablestream
