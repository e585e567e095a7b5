// Copyright 2026 The tablestream Authors.
//
// Names DynamoDB Streams shows for streams and shards.

#ifndef TABLESTREAM_STREAM_STREAM_NAMES_H_
#define TABLESTREAM_STREAM_STREAM_NAMES_H_

#include <cstdint>
#include <string>

namespace tablestream {

// ISO 8601 with milliseconds, UTC, no zone: "2015-05-20T20:51:10.252".
std::string FormatStreamLabel(int64_t micros);

// "shardId-" + creation time in ms (20 digits) + "-" + 8 hex digits derived
// from the stream and ordinal, as in "shardId-00000001414562045508-2bac9cd2".
std::string MakeShardId(int64_t created_micros, uint64_t stream_id,
                        uint32_t ordinal);

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_STREAM_NAMES_H_
