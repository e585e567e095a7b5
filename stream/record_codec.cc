// Copyright 2026 The tablestream Authors.

#include "stream/record_codec.h"

#include "absl/strings/str_format.h"
#include "proto/item_codec.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"
#include "util/attribute_canonical.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

bool HasNewImage(StreamViewType view, EventName event) {
  return event != EventName::kRemove &&
         (view == StreamViewType::kNewImage ||
          view == StreamViewType::kNewAndOldImages);
}

bool HasOldImage(StreamViewType view, EventName event) {
  return event != EventName::kInsert &&
         (view == StreamViewType::kOldImage ||
          view == StreamViewType::kNewAndOldImages);
}

// A bijective 64-bit mixer (the splitmix64 finalizer).
uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr int kNewImageField =
    storage::StoredRecord::kNewImageFieldNumber;
constexpr int kOldImageField =
    storage::StoredRecord::kOldImageFieldNumber;

void AppendVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

// Appends a length-delimited field (wire type 2) holding `bytes`.
void AppendMessageField(int field, const std::string& bytes,
                        std::string* out) {
  AppendVarint((static_cast<uint64_t>(field) << 3) | 2, out);
  AppendVarint(bytes.size(), out);
  out->append(bytes);
}

}  // namespace

std::string EncodeRecord(const ItemChange& change, StreamViewType view_type,
                         int64_t commit_micros) {
  storage::StoredRecord record;
  record.set_event_name(static_cast<int32_t>(change.event));
  record.set_creation_time_micros(commit_micros);
  ToProto(*change.keys, record.mutable_keys());
  int64_t size = ItemSize(*change.keys);
  const bool new_image =
      HasNewImage(view_type, change.event) && change.new_item != nullptr;
  const bool old_image =
      HasOldImage(view_type, change.event) && change.old_item != nullptr;
  if (new_image) {
    size += ItemSize(*change.new_item);
    if (change.new_item_bytes == nullptr) {
      ToProto(*change.new_item, record.mutable_new_image());
    }
  }
  if (old_image) {
    size += ItemSize(*change.old_item);
    if (change.old_item_bytes == nullptr) {
      ToProto(*change.old_item, record.mutable_old_image());
    }
  }
  record.set_service_delete(change.service_delete);
  record.set_size_bytes(size);
  std::string bytes = record.SerializeAsString();
  // A message field is stored as its tag, its length and its serialized
  // bytes, in any order: appending the bytes an item was already encoded to
  // gives the same record as encoding it again.
  if (new_image && change.new_item_bytes != nullptr) {
    AppendMessageField(kNewImageField, *change.new_item_bytes, &bytes);
  }
  if (old_image && change.old_item_bytes != nullptr) {
    AppendMessageField(kOldImageField, *change.old_item_bytes, &bytes);
  }
  return bytes;
}

absl::StatusOr<StreamRecord> DecodeRecord(std::string_view bytes,
                                          const RecordPosition& position) {
  // One parsed message per thread, reused: Clear() keeps the nested messages
  // and string buffers, so decoding a run of records allocates little beyond
  // the public record itself.
  thread_local storage::StoredRecord stored;
  stored.Clear();
  if (!stored.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())) ||
      stored.event_name() < 1 || stored.event_name() > 3) {
    return MakeError(
        kInternalServerError,
        absl::StrFormat("corrupt stream record %u", position.sequence));
  }
  StreamRecord record;
  record.event_id = EventId(position.stream_id, position.sequence);
  record.event_name = static_cast<EventName>(stored.event_name());
  record.aws_region = *position.region;
  StreamRecordData& data = record.dynamodb;
  data.approximate_creation_date_time = stored.creation_time_micros() / 1000000;
  TABLESTREAM_ASSIGN_OR_RETURN(data.keys, FromProto(stored.keys()));
  if (stored.has_new_image()) {
    TABLESTREAM_ASSIGN_OR_RETURN(data.new_image, FromProto(stored.new_image()));
  }
  if (stored.has_old_image()) {
    TABLESTREAM_ASSIGN_OR_RETURN(data.old_image, FromProto(stored.old_image()));
  }
  data.sequence_number = FormatSequenceNumber(position.sequence);
  data.size_bytes = stored.size_bytes();
  data.stream_view_type = position.view_type;
  if (stored.service_delete()) {
    record.user_identity = Identity{"Service", "dynamodb.amazonaws.com"};
  }
  return record;
}

absl::StatusOr<int64_t> DecodeRecordTime(std::string_view bytes) {
  storage::StoredRecord stored;
  if (!stored.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    return MakeError(kInternalServerError, "corrupt stream record");
  }
  return stored.creation_time_micros();
}

std::string EventId(uint64_t stream_id, uint64_t sequence) {
  // High half: a bijection of the sequence keyed by the stream. Low half: a
  // bijection of the stream, mixed with the high half. For one stream the
  // high half already differs per sequence; for two streams with equal high
  // halves the low halves differ, since Mix64 and xor with a fixed value
  // are bijections. So distinct (stream, sequence) pairs never collide.
  uint64_t high = Mix64(sequence ^ Mix64(stream_id + 0x9e3779b97f4a7c15ULL));
  uint64_t low = Mix64(Mix64(stream_id ^ 0x2545f4914f6cdd1dULL) ^ high);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id(32, '0');
  for (int i = 15; i >= 0; --i, high >>= 4, low >>= 4) {
    id[i] = kHex[high & 0xf];
    id[16 + i] = kHex[low & 0xf];
  }
  return id;
}

}  // namespace tablestream
