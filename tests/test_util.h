// Copyright 2026 The tablestream Authors.
//
// Helpers shared by the cross-module tests in tests/: a temporary directory,
// engine and table setup with a ManualClock, whole-stream reads, sequence
// number arithmetic, and printers so that gtest shows items readably.
//
// Everything here goes through the public API (include/tablestream/), except
// OpenTestEngine, which uses EngineImpl::OpenImpl to inject a rocksdb::Env.

#ifndef TABLESTREAM_TESTS_TEST_UTIL_H_
#define TABLESTREAM_TESTS_TEST_UTIL_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gtest/gtest.h"
#include "tablestream/attribute_value.h"
#include "tablestream/clock.h"
#include "tablestream/engine.h"
#include "tablestream/errors.h"
#include "tablestream/options.h"

namespace rocksdb {
class Env;
}

namespace tablestream {

class EngineImpl;

// gtest printers (found by ADL): items and values print as DebugString().
void PrintTo(const AttributeValue& value, std::ostream* os);
void PrintTo(const StreamRecord& record, std::ostream* os);

namespace test {

inline const absl::Status& ToStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& ToStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

// TS_ASSERT_OK(expr) / TS_EXPECT_OK(expr): expr is an absl::Status or
// StatusOr; the message shows the status.
#define TS_ASSERT_OK(expr)                                            \
  do {                                                                \
    const ::absl::Status _ts_s = ::tablestream::test::ToStatus(expr); \
    ASSERT_TRUE(_ts_s.ok()) << #expr << ": " << _ts_s;                \
  } while (0)
#define TS_EXPECT_OK(expr)                                            \
  do {                                                                \
    const ::absl::Status _ts_s = ::tablestream::test::ToStatus(expr); \
    EXPECT_TRUE(_ts_s.ok()) << #expr << ": " << _ts_s;                \
  } while (0)
#define TS_CONCAT_INNER_(a, b) a##b
#define TS_CONCAT_(a, b) TS_CONCAT_INNER_(a, b)
// TS_ASSERT_OK_AND_ASSIGN(lhs, expr): expr is a StatusOr; asserts it is OK
// and moves its value into lhs (which may be a declaration).
#define TS_ASSERT_OK_AND_ASSIGN(lhs, expr) \
  TS_ASSERT_OK_AND_ASSIGN_IMPL_(TS_CONCAT_(_ts_or_, __LINE__), lhs, expr)
#define TS_ASSERT_OK_AND_ASSIGN_IMPL_(var, lhs, expr)     \
  auto var = (expr);                                      \
  ASSERT_TRUE(var.ok()) << #expr << ": " << var.status(); \
  lhs = std::move(*var)

// A fresh directory under $TEST_TMPDIR (or /tmp), removed with everything in
// it when the object is destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string Sub(const std::string& name) const;

 private:
  std::string path_;
};

// The seed for a randomized test: $TABLESTREAM_TEST_SEED if set, else
// `default_seed`. Print it (SCOPED_TRACE) so that a failure can be replayed.
uint64_t TestSeed(uint64_t default_seed);

// 2026-01-01T00:00:00Z, where every test clock starts.
inline constexpr int64_t kTestEpochMicros = 1767225600LL * 1000000;
std::shared_ptr<ManualClock> NewTestClock();

// Options with the given clock and small memory budgets.
Options TestOptions(std::shared_ptr<Clock> clock);

// Opens an engine at `path`, optionally over `env` (a fault-injection env).
absl::StatusOr<std::unique_ptr<EngineImpl>> OpenTestEngine(
    const Options& options, const std::string& path,
    rocksdb::Env* env = nullptr);

// ---- Tables and items ----

struct KeyAttribute {
  std::string name;
  ScalarAttributeType type = ScalarAttributeType::kS;
};

// A CreateTable request with a hash key, an optional range key, and a stream
// of `view` (no stream if nullopt).
CreateTableRequest TableRequest(const std::string& name, KeyAttribute hash,
                                std::optional<KeyAttribute> range,
                                std::optional<StreamViewType> view);

inline AttributeValue S(std::string s) {
  return AttributeValue::S(std::move(s));
}
inline AttributeValue N(std::string n) {
  return AttributeValue::N(std::move(n));
}
inline AttributeValue B(std::string b) {
  return AttributeValue::B(std::move(b));
}

// Shorthands that return the status of the write.
absl::Status Put(Engine& engine, const std::string& table, const Item& item,
                 const WriteOptions& options = {});
absl::Status Delete(Engine& engine, const std::string& table, const Item& key,
                    const WriteOptions& options = {});
// The item, nullopt if absent; a failed read is reported as a test failure
// and returns nullopt.
std::optional<Item> Get(Engine& engine, const std::string& table,
                        const Item& key);

std::string ItemDebugString(const Item& item);
std::string ItemDebugString(const std::optional<Item>& item);
std::string RecordDebugString(const StreamRecord& record);

// ---- Streams ----

// The latest stream ARN of `table` (NotFound if it never had a stream).
absl::StatusOr<std::string> LatestStreamArn(Engine& engine,
                                            const std::string& table);
// Every shard of the stream, in shard-id order (follows DescribeStream's
// pagination).
absl::StatusOr<std::vector<Shard>> ListShards(Engine& engine,
                                              const std::string& stream_arn);
// All records of one shard: TRIM_HORIZON, then GetRecords until a call
// returns nothing (caught up) or the shard ends.
absl::StatusOr<std::vector<StreamRecord>> ReadShard(
    Engine& engine, const std::string& stream_arn, const std::string& shard_id);
// All records of every shard of the stream, shards in shard-id order.
absl::StatusOr<std::vector<StreamRecord>> ReadStream(
    Engine& engine, const std::string& stream_arn);
// ReadStream of the table's latest stream.
absl::StatusOr<std::vector<StreamRecord>> ReadTableStream(
    Engine& engine, const std::string& table);

// ---- Sequence numbers (decimal strings) ----

// `sequence` + 1, in the same width when possible ("0099" -> "0100").
std::string NextSequenceNumber(const std::string& sequence);
// Numeric comparison of two decimal strings: <0, 0, >0.
int CompareSequenceNumbers(const std::string& a, const std::string& b);
// Whether each record's SequenceNumber is its predecessor's plus one, and the
// first one is `first` (when given).
::testing::AssertionResult SequencesContiguous(
    const std::vector<StreamRecord>& records,
    const std::optional<std::string>& first = std::nullopt);

// The fold of a stream: for each key (by KeyString), the item after the last
// record, or nullopt if it was removed. Needs NEW_IMAGE or
// NEW_AND_OLD_IMAGES.
std::map<std::string, std::optional<Item>> FoldStream(
    const std::vector<StreamRecord>& records);
// A string that identifies a key item (its DebugString).
std::string KeyString(const Item& key);

}  // namespace test
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_TEST_UTIL_H_
