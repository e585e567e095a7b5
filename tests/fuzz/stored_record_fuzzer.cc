// Copyright 2026 The tablestream Authors.
//
// Fuzzes the decoding of stored stream records (stream/record_codec.h): the
// bytes read back from the stream column family. The first input byte picks
// the stream's view type; the rest are the record. Arbitrary bytes must give
// a record or an InternalServerError, never a crash or undefined behaviour.
// For bytes that decode to a record r whose images are canonical items:
//  - re-encoding r (EncodeRecord of its event, keys and images, at its
//    creation time) and decoding again gives back r, with the images the
//    view type keeps, and with the SizeBytes that EncodeRecord computes;
//  - when r is valid (its images are exactly those its view type and event
//    call for), nothing else changes: the round trip is exact.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "stream/record_codec.h"
#include "tablestream/errors.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/fuzz/protobuf_quiet.h"
#include "util/attribute_canonical.h"

namespace tablestream {
namespace {

bool IsCanonical(const Item& item) {
  Item copy = item;
  return CanonicalizeItem(&copy).ok() && copy == item;
}

bool IsCanonical(const std::optional<Item>& item) {
  return !item.has_value() || IsCanonical(*item);
}

void CheckSame(const StreamRecord& a, const StreamRecord& b, bool exact) {
  FUZZ_CHECK(a.event_id == b.event_id && a.event_name == b.event_name &&
                 a.aws_region == b.aws_region,
             "record identity changed");
  const StreamRecordData& x = a.dynamodb;
  const StreamRecordData& y = b.dynamodb;
  FUZZ_CHECK(x.approximate_creation_date_time ==
                     y.approximate_creation_date_time &&
                 x.keys == y.keys && x.sequence_number == y.sequence_number &&
                 x.stream_view_type == y.stream_view_type,
             "record data changed");
  FUZZ_CHECK(a.user_identity.has_value() == b.user_identity.has_value(),
             "userIdentity changed");
  if (exact) {
    FUZZ_CHECK(x.new_image == y.new_image && x.old_image == y.old_image,
               "images changed");
  }
}

}  // namespace
}  // namespace tablestream

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv) {
  tablestream::fuzz::SilenceProtobufLog();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace tablestream;  // NOLINT: a fuzz entry point
  if (size == 0) return 0;
  static const std::string* const kRegion = new std::string("us-east-1");
  RecordPosition position;
  position.stream_id = 7;
  position.sequence = 42;
  position.view_type = static_cast<StreamViewType>(1 + data[0] % 4);
  position.region = kRegion;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1,
                               size - 1);

  absl::StatusOr<int64_t> micros = DecodeRecordTime(bytes);
  absl::StatusOr<StreamRecord> record = DecodeRecord(bytes, position);
  if (!record.ok()) {
    FUZZ_CHECK(ExceptionName(record.status()) == kInternalServerError,
               record.status().ToString());
    return 0;
  }
  FUZZ_CHECK(micros.ok(), "the record decodes but its time does not");
  const StreamRecordData& d = record->dynamodb;
  if (!IsCanonical(d.keys) || !IsCanonical(d.new_image) ||
      !IsCanonical(d.old_image)) {
    return 0;
  }

  const bool wants_new = d.stream_view_type == StreamViewType::kNewImage ||
                         d.stream_view_type == StreamViewType::kNewAndOldImages;
  const bool wants_old = d.stream_view_type == StreamViewType::kOldImage ||
                         d.stream_view_type == StreamViewType::kNewAndOldImages;
  const EventName event = record->event_name;
  const bool valid =
      d.new_image.has_value() == (wants_new && event != EventName::kRemove) &&
      d.old_image.has_value() == (wants_old && event != EventName::kInsert);

  ItemChange change;
  change.event = event;
  change.keys = &d.keys;
  change.new_item = d.new_image ? &*d.new_image : nullptr;
  change.old_item = d.old_image ? &*d.old_image : nullptr;
  change.service_delete = record->user_identity.has_value();
  const std::string encoded =
      EncodeRecord(change, position.view_type, *micros);
  absl::StatusOr<StreamRecord> again = DecodeRecord(encoded, position);
  FUZZ_CHECK(again.ok(), "re-encoded record does not decode: "
                             << again.status().ToString());
  CheckSame(*record, *again, valid);
  absl::StatusOr<int64_t> micros_again = DecodeRecordTime(encoded);
  FUZZ_CHECK(micros_again.ok() && *micros_again == *micros, "time changed");

  int64_t size_bytes = ItemSize(d.keys);
  if (again->dynamodb.new_image) size_bytes += ItemSize(*again->dynamodb.new_image);
  if (again->dynamodb.old_image) size_bytes += ItemSize(*again->dynamodb.old_image);
  FUZZ_CHECK(again->dynamodb.size_bytes == size_bytes,
             "SizeBytes " << again->dynamodb.size_bytes << " != "
                          << size_bytes);
  // A second round changes nothing: the encoding is a fixed point.
  const StreamRecordData& e = again->dynamodb;
  ItemChange change_again = change;
  change_again.keys = &e.keys;
  change_again.new_item = e.new_image ? &*e.new_image : nullptr;
  change_again.old_item = e.old_image ? &*e.old_image : nullptr;
  FUZZ_CHECK(EncodeRecord(change_again, position.view_type, *micros) == encoded,
             "encoding is not a fixed point");
  return 0;
}
