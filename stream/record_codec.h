// Copyright 2026 The tablestream Authors.
//
// Building stream records from item changes, and turning stored records into
// the records GetRecords returns.
//
// Which images a record holds follows the stream's view type and the event
// (semantics reference section 2): KEYS_ONLY none; NEW_IMAGE the new image
// unless REMOVE; OLD_IMAGE the old image unless INSERT; NEW_AND_OLD_IMAGES
// both where they exist. Images are whole items, keys included.

#ifndef TABLESTREAM_STREAM_RECORD_CODEC_H_
#define TABLESTREAM_STREAM_RECORD_CODEC_H_

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "proto/tablestream.pb.h"
#include "tablestream/attribute_value.h"
#include "tablestream/stream.h"
#include "tablestream/table.h"

namespace tablestream {

// One effective change of one item. `old_item` is null for INSERT,
// `new_item` null for REMOVE. Items are canonical.
struct ItemChange {
  EventName event = EventName::kInsert;
  const Item* keys = nullptr;
  const Item* old_item = nullptr;
  const Item* new_item = nullptr;
  bool service_delete = false;  // a delete made by item TTL
  // Optional: the items already serialized as StoredItem (proto/item_codec.h
  // EncodeItem), which the record then reuses instead of encoding them again.
  const std::string* old_item_bytes = nullptr;
  const std::string* new_item_bytes = nullptr;
};

// The stored form of `change` on a stream of `view_type`, created at
// `commit_micros`. SizeBytes is computed here (semantics reference 1.4).
std::string EncodeRecord(const ItemChange& change, StreamViewType view_type,
                         int64_t commit_micros);

// Where a stored record sits, for the fields its bytes do not hold.
struct RecordPosition {
  uint64_t stream_id = 0;
  uint64_t sequence = 0;
  StreamViewType view_type = StreamViewType::kKeysOnly;
  const std::string* region = nullptr;
};

// The public record. InternalServerError if `bytes` is corrupt.
absl::StatusOr<StreamRecord> DecodeRecord(std::string_view bytes,
                                          const RecordPosition& position);

// The creation time of a stored record without decoding its images.
absl::StatusOr<int64_t> DecodeRecordTime(std::string_view bytes);

// 32 lowercase hex digits, a bijection of (stream id, sequence): unique per
// record and stable across reads and restarts.
std::string EventId(uint64_t stream_id, uint64_t sequence);

}  // namespace tablestream

#endif  // TABLESTREAM_STREAM_RECORD_CODEC_H_
