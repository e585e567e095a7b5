// Copyright 2026 The tablestream Authors.

#include "stream/record_codec.h"

#include <set>

#include "gtest/gtest.h"
#include "proto/item_codec.h"
#include "stream/stream_keys.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

const std::string kRegion = "eu-west-1";

struct Fixture {
  Item keys = {{"pk", AttributeValue::S("user#42")}};
  Item old_item = {{"pk", AttributeValue::S("user#42")},
                   {"age", AttributeValue::N("36")},
                   {"nickname", AttributeValue::Null()}};
  Item new_item = {{"pk", AttributeValue::S("user#42")},
                   {"age", AttributeValue::N("37")}};
};

StreamRecord RoundTrip(const ItemChange& change, StreamViewType view) {
  std::string bytes = EncodeRecord(change, view, 1700000000999999);
  RecordPosition position{9, 42, view, &kRegion};
  auto record = DecodeRecord(bytes, position);
  EXPECT_TRUE(record.ok()) << record.status();
  return *record;
}

TEST(RecordCodecTest, ImagesFollowViewTypeAndEvent) {
  Fixture f;
  struct Case {
    EventName event;
    StreamViewType view;
    bool has_new, has_old;
  };
  const Case cases[] = {
      {EventName::kInsert, StreamViewType::kKeysOnly, false, false},
      {EventName::kModify, StreamViewType::kKeysOnly, false, false},
      {EventName::kRemove, StreamViewType::kKeysOnly, false, false},
      {EventName::kInsert, StreamViewType::kNewImage, true, false},
      {EventName::kModify, StreamViewType::kNewImage, true, false},
      {EventName::kRemove, StreamViewType::kNewImage, false, false},
      {EventName::kInsert, StreamViewType::kOldImage, false, false},
      {EventName::kModify, StreamViewType::kOldImage, false, true},
      {EventName::kRemove, StreamViewType::kOldImage, false, true},
      {EventName::kInsert, StreamViewType::kNewAndOldImages, true, false},
      {EventName::kModify, StreamViewType::kNewAndOldImages, true, true},
      {EventName::kRemove, StreamViewType::kNewAndOldImages, false, true},
  };
  for (const Case& c : cases) {
    ItemChange change;
    change.event = c.event;
    change.keys = &f.keys;
    change.old_item = c.event == EventName::kInsert ? nullptr : &f.old_item;
    change.new_item = c.event == EventName::kRemove ? nullptr : &f.new_item;
    StreamRecord r = RoundTrip(change, c.view);
    SCOPED_TRACE(std::string(EventNameName(c.event)) + " " +
                 StreamViewTypeName(c.view));
    EXPECT_EQ(r.event_name, c.event);
    EXPECT_EQ(r.dynamodb.keys, f.keys);
    EXPECT_EQ(r.dynamodb.new_image.has_value(), c.has_new);
    EXPECT_EQ(r.dynamodb.old_image.has_value(), c.has_old);
    if (c.has_new) {
      EXPECT_EQ(*r.dynamodb.new_image, f.new_item);
    }
    if (c.has_old) {
      EXPECT_EQ(*r.dynamodb.old_image, f.old_item);
    }
    EXPECT_EQ(r.dynamodb.stream_view_type, c.view);
    EXPECT_EQ(r.dynamodb.sequence_number, FormatSequenceNumber(42));
    EXPECT_EQ(r.dynamodb.approximate_creation_date_time, 1700000000);
    EXPECT_EQ(r.event_version, "1.1");
    EXPECT_EQ(r.event_source, "aws:dynamodb");
    EXPECT_EQ(r.aws_region, kRegion);
    EXPECT_FALSE(r.user_identity.has_value());
    EXPECT_GE(r.dynamodb.size_bytes, 1);
  }
}

TEST(RecordCodecTest, PreEncodedItemsGiveTheSameRecord) {
  Fixture f;
  const std::string old_bytes = EncodeItem(f.old_item);
  const std::string new_bytes = EncodeItem(f.new_item);
  for (StreamViewType view :
       {StreamViewType::kKeysOnly, StreamViewType::kNewImage,
        StreamViewType::kOldImage, StreamViewType::kNewAndOldImages}) {
    ItemChange change;
    change.event = EventName::kModify;
    change.keys = &f.keys;
    change.old_item = &f.old_item;
    change.new_item = &f.new_item;
    StreamRecord plain = RoundTrip(change, view);
    change.old_item_bytes = &old_bytes;
    change.new_item_bytes = &new_bytes;
    StreamRecord reused = RoundTrip(change, view);
    EXPECT_EQ(reused.dynamodb.new_image, plain.dynamodb.new_image);
    EXPECT_EQ(reused.dynamodb.old_image, plain.dynamodb.old_image);
    EXPECT_EQ(reused.dynamodb.keys, plain.dynamodb.keys);
    EXPECT_EQ(reused.dynamodb.size_bytes, plain.dynamodb.size_bytes);
  }
}

TEST(RecordCodecTest, SizeBytesMatchesAwsSample) {
  // The KEYS_ONLY sample of the DynamoDB Streams API examples: 41 bytes for
  // Keys {ForumName: S "DynamoDB", Subject: S "DynamoDB Thread 3"}.
  Item keys = {{"ForumName", AttributeValue::S("DynamoDB")},
               {"Subject", AttributeValue::S("DynamoDB Thread 3")}};
  ItemChange change;
  change.event = EventName::kModify;
  change.keys = &keys;
  change.old_item = &keys;
  change.new_item = &keys;
  StreamRecord r = RoundTrip(change, StreamViewType::kKeysOnly);
  EXPECT_EQ(r.dynamodb.size_bytes, 41);
}

TEST(RecordCodecTest, ServiceDeleteCarriesUserIdentity) {
  Fixture f;
  ItemChange change;
  change.event = EventName::kRemove;
  change.keys = &f.keys;
  change.old_item = &f.old_item;
  change.service_delete = true;
  StreamRecord r = RoundTrip(change, StreamViewType::kNewAndOldImages);
  ASSERT_TRUE(r.user_identity.has_value());
  EXPECT_EQ(r.user_identity->type, "Service");
  EXPECT_EQ(r.user_identity->principal_id, "dynamodb.amazonaws.com");
}

TEST(RecordCodecTest, EventIdsAreUniqueHexAndStable) {
  std::set<std::string> ids;
  for (uint64_t stream = 1; stream <= 20; ++stream) {
    for (uint64_t seq = 1; seq <= 200; ++seq) {
      std::string id = EventId(stream, seq);
      ASSERT_EQ(id.size(), 32u);
      ASSERT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
      EXPECT_TRUE(ids.insert(id).second) << id;
    }
  }
  EXPECT_EQ(EventId(3, 4), EventId(3, 4));
}

TEST(RecordCodecTest, CorruptBytesAreAnInternalError) {
  RecordPosition position{1, 1, StreamViewType::kKeysOnly, &kRegion};
  auto r = DecodeRecord("\xff\xff\xff garbage", position);
  EXPECT_EQ(ExceptionName(r.status()), kInternalServerError);
}

}  // namespace
}  // namespace tablestream
