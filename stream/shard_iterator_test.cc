// Copyright 2026 The tablestream Authors.

#include "stream/shard_iterator.h"

#include <string>

#include "gtest/gtest.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

constexpr char kArn[] =
    "arn:aws:dynamodb:us-east-1:000000000000:table/T/stream/"
    "2026-11-25T10:00:00.000";

TEST(ShardIteratorTest, RoundTrips) {
  ShardPosition p{7, 2, 123456, 1700000000123456};
  std::string it = EncodeShardIterator(kArn, p);
  EXPECT_LE(it.size(), 2048u);
  EXPECT_EQ(it.rfind(kArn, 0), 0u);
  auto decoded = DecodeShardIterator(it);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->stream_id, 7u);
  EXPECT_EQ(decoded->shard_ordinal, 2u);
  EXPECT_EQ(decoded->next_sequence, 123456u);
  EXPECT_EQ(decoded->issued_micros, 1700000000123456);
}

TEST(ShardIteratorTest, RefusesAnythingItDidNotProduce) {
  std::string good = EncodeShardIterator(kArn, ShardPosition{1, 0, 5, 9});
  std::vector<std::string> bad = {"",
                                  "garbage",
                                  std::string(3000, 'a'),
                                  good.substr(0, good.size() - 4),
                                  good + "A",
                                  "arn|1|AAAA"};
  // Every single-character change is caught.
  for (size_t i = 0; i < good.size(); ++i) {
    std::string changed = good;
    changed[i] = changed[i] == 'B' ? 'C' : 'B';
    bad.push_back(changed);
  }
  for (const std::string& b : bad) {
    auto decoded = DecodeShardIterator(b);
    EXPECT_EQ(ExceptionName(decoded.status()), kValidationException) << b;
  }
}

// Found by shard_iterator_fuzzer: absl::Base64Unescape skips whitespace, so
// an iterator with a space or newline inserted in its payload was accepted.
TEST(ShardIteratorTest, RefusesWhitespaceInPayload) {
  const std::string good =
      EncodeShardIterator(kArn, ShardPosition{3, 1, 77, 1700000000000000});
  const size_t payload = good.rfind("|1|") + 3;
  for (const char* space : {"\n", " ", "\t", "\r\n"}) {
    for (size_t at : {payload, payload + 5, good.size()}) {
      std::string changed = good;
      changed.insert(at, space);
      auto decoded = DecodeShardIterator(changed);
      EXPECT_EQ(ExceptionName(decoded.status()), kValidationException)
          << "whitespace at " << at;
    }
  }
}

}  // namespace
}  // namespace tablestream
