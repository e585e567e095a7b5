// Copyright 2026 The tablestream Authors.
//
// Reading whole streams through the public API, for checkers: every shard of
// a stream (DescribeStream, paginated) and every record of each shard from
// TRIM_HORIZON until the shard ends or the reader has caught up.

#ifndef TABLESTREAM_TOOLS_CRASH_STREAM_CONTENTS_H_
#define TABLESTREAM_TOOLS_CRASH_STREAM_CONTENTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace crash {

struct ShardContents {
  Shard shard;
  std::vector<StreamRecord> records;
};

struct StreamContents {
  StreamDescription description;  // its shards are in `shards`
  std::vector<ShardContents> shards;
};

// The ARNs of every stream of `table` that ListStreams shows, oldest first.
absl::StatusOr<std::vector<std::string>> TableStreamArns(
    Engine& engine, const std::string& table);

// Everything readable in the stream now. Call it on a stream that receives
// no writes meanwhile.
absl::StatusOr<StreamContents> ReadStreamContents(Engine& engine,
                                                  const std::string& arn);

// The SequenceNumber after `sequence` (stream/stream_keys.h's format).
std::string NextSequence(const std::string& sequence);

}  // namespace crash
}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_CRASH_STREAM_CONTENTS_H_
