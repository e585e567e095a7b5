// Copyright 2026 The tablestream Authors.

#include "stream/stream_keys.h"

#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

TEST(StreamKeysTest, RecordKeysSortByStreamShardSequence) {
  EXPECT_LT(RecordKey(1, 0, 2), RecordKey(1, 0, 10));
  EXPECT_LT(RecordKey(1, 0, UINT64_MAX), RecordKey(1, 1, 0));
  EXPECT_LT(RecordKey(1, 7, 5), RecordKey(2, 0, 0));
  EXPECT_EQ(RecordKey(3, 4, 5).substr(0, kShardPrefixSize), ShardLogId(3, 4));
  auto parts = ParseRecordKey(RecordKey(3, 4, 5));
  ASSERT_TRUE(parts.has_value());
  EXPECT_EQ(parts->stream_id, 3u);
  EXPECT_EQ(parts->shard_ordinal, 4u);
  EXPECT_EQ(parts->sequence, 5u);
  EXPECT_FALSE(ParseRecordKey("short").has_value());
}

TEST(StreamKeysTest, SequenceNumbersAreFixedWidthAndOrdered) {
  EXPECT_EQ(FormatSequenceNumber(1), "100000000000000000001");
  EXPECT_EQ(FormatSequenceNumber(UINT64_MAX).size(), 21u);
  // String order equals numeric order.
  EXPECT_LT(FormatSequenceNumber(9), FormatSequenceNumber(10));
  EXPECT_LT(FormatSequenceNumber(99999), FormatSequenceNumber(100000));
  for (uint64_t v :
       {uint64_t{0}, uint64_t{1}, uint64_t{123456789}, UINT64_MAX}) {
    auto parsed = ParseSequenceNumber(FormatSequenceNumber(v));
    ASSERT_TRUE(parsed.ok());
    ASSERT_TRUE(parsed->has_value());
    EXPECT_EQ(**parsed, v);
  }
}

TEST(StreamKeysTest, ParseSequenceNumberRefusesMalformedText) {
  for (const char* bad :
       {"", "abc", "12", "1000000000000000000000000000000000000000000",
        "10000000000000000000x", "-100000000000000000001"}) {
    EXPECT_EQ(ExceptionName(ParseSequenceNumber(bad).status()),
              kValidationException)
        << bad;
  }
  // Well-formed DynamoDB numbers that tablestream never issues.
  auto foreign = ParseSequenceNumber("300000000000000499659");
  ASSERT_TRUE(foreign.ok());
  EXPECT_FALSE(foreign->has_value());
  auto longer = ParseSequenceNumber("4421584500000000017450439091");
  ASSERT_TRUE(longer.ok());
  EXPECT_FALSE(longer->has_value());
}

}  // namespace
}  // namespace tablestream
