// Copyright 2026 The tablestream Authors.

#include "tests/test_util.h"

#include <stdlib.h>

#include <filesystem>
#include <system_error>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "engine/engine_impl.h"

namespace tablestream {

void PrintTo(const AttributeValue& value, std::ostream* os) {
  *os << value.DebugString();
}

void PrintTo(const StreamRecord& record, std::ostream* os) {
  *os << test::RecordDebugString(record);
}

namespace test {

TempDir::TempDir() {
  const char* base = getenv("TEST_TMPDIR");
  std::string pattern =
      absl::StrCat(base != nullptr && *base != '\0' ? base : "/tmp",
                   "/tablestream-tests-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp(" << pattern << ") failed";
    abort();
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;  // Ignored: a leftover temp dir is harmless.
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::Sub(const std::string& name) const {
  return absl::StrCat(path_, "/", name);
}

uint64_t TestSeed(uint64_t default_seed) {
  const char* env = getenv("TABLESTREAM_TEST_SEED");
  if (env != nullptr && *env != '\0') return strtoull(env, nullptr, 10);
  return default_seed;
}

std::shared_ptr<ManualClock> NewTestClock() {
  return std::make_shared<ManualClock>(kTestEpochMicros);
}

Options TestOptions(std::shared_ptr<Clock> clock) {
  Options options;
  options.clock = std::move(clock);
  options.write_buffer_bytes = 8u << 20;
  options.block_cache_bytes = 8u << 20;
  return options;
}

absl::StatusOr<std::unique_ptr<EngineImpl>> OpenTestEngine(
    const Options& options, const std::string& path, rocksdb::Env* env) {
  InternalOptions internal;
  internal.env = env;
  return EngineImpl::OpenImpl(options, path, internal);
}

CreateTableRequest TableRequest(const std::string& name, KeyAttribute hash,
                                std::optional<KeyAttribute> range,
                                std::optional<StreamViewType> view) {
  CreateTableRequest request;
  request.table_name = name;
  request.key_schema.push_back({hash.name, KeyType::kHash});
  request.attribute_definitions.push_back({hash.name, hash.type});
  if (range) {
    request.key_schema.push_back({range->name, KeyType::kRange});
    request.attribute_definitions.push_back({range->name, range->type});
  }
  if (view) {
    StreamSpecification spec;
    spec.stream_enabled = true;
    spec.stream_view_type = *view;
    request.stream_specification = spec;
  }
  return request;
}

absl::Status Put(Engine& engine, const std::string& table, const Item& item,
                 const WriteOptions& options) {
  PutItemRequest request;
  request.table_name = table;
  request.item = item;
  return engine.PutItem(request, options).status();
}

absl::Status Delete(Engine& engine, const std::string& table, const Item& key,
                    const WriteOptions& options) {
  DeleteItemRequest request;
  request.table_name = table;
  request.key = key;
  return engine.DeleteItem(request, options).status();
}

std::optional<Item> Get(Engine& engine, const std::string& table,
                        const Item& key) {
  GetItemRequest request;
  request.table_name = table;
  request.key = key;
  request.consistent_read = true;
  absl::StatusOr<std::optional<Item>> item = engine.GetItem(request);
  if (!item.ok()) {
    ADD_FAILURE() << "GetItem(" << table << ", " << ItemDebugString(key)
                  << "): " << item.status();
    return std::nullopt;
  }
  return *item;
}

std::string ItemDebugString(const Item& item) {
  return AttributeValue::M(item).DebugString();
}

std::string ItemDebugString(const std::optional<Item>& item) {
  return item ? ItemDebugString(*item) : std::string("(none)");
}

std::string RecordDebugString(const StreamRecord& record) {
  const StreamRecordData& d = record.dynamodb;
  return absl::StrCat(
      "{", EventNameName(record.event_name), " seq=", d.sequence_number,
      " keys=", ItemDebugString(d.keys), " new=", ItemDebugString(d.new_image),
      " old=", ItemDebugString(d.old_image), "}");
}

absl::StatusOr<std::string> LatestStreamArn(Engine& engine,
                                            const std::string& table) {
  absl::StatusOr<TableDescription> d = engine.DescribeTable(table);
  if (!d.ok()) return d.status();
  if (!d->latest_stream_arn) {
    return NotFoundError(absl::StrCat("table ", table, " has no stream"));
  }
  return *d->latest_stream_arn;
}

absl::StatusOr<std::vector<Shard>> ListShards(Engine& engine,
                                              const std::string& stream_arn) {
  std::vector<Shard> shards;
  DescribeStreamRequest request;
  request.stream_arn = stream_arn;
  for (;;) {
    absl::StatusOr<StreamDescription> d = engine.DescribeStream(request);
    if (!d.ok()) return d.status();
    for (Shard& s : d->shards) shards.push_back(std::move(s));
    if (!d->last_evaluated_shard_id) break;
    request.exclusive_start_shard_id = d->last_evaluated_shard_id;
  }
  return shards;
}

absl::StatusOr<std::vector<StreamRecord>> ReadShard(
    Engine& engine, const std::string& stream_arn,
    const std::string& shard_id) {
  GetShardIteratorRequest it_request;
  it_request.stream_arn = stream_arn;
  it_request.shard_id = shard_id;
  it_request.shard_iterator_type = ShardIteratorType::kTrimHorizon;
  absl::StatusOr<std::string> iterator = engine.GetShardIterator(it_request);
  if (!iterator.ok()) return iterator.status();
  std::vector<StreamRecord> records;
  std::optional<std::string> next = *iterator;
  while (next) {
    GetRecordsRequest request;
    request.shard_iterator = *next;
    absl::StatusOr<GetRecordsResult> result = engine.GetRecords(request);
    if (!result.ok()) return result.status();
    if (result->records.empty() && result->next_shard_iterator) break;
    for (StreamRecord& r : result->records) records.push_back(std::move(r));
    next = result->next_shard_iterator;
  }
  return records;
}

absl::StatusOr<std::vector<StreamRecord>> ReadStream(
    Engine& engine, const std::string& stream_arn) {
  absl::StatusOr<std::vector<Shard>> shards = ListShards(engine, stream_arn);
  if (!shards.ok()) return shards.status();
  std::vector<StreamRecord> records;
  for (const Shard& shard : *shards) {
    absl::StatusOr<std::vector<StreamRecord>> part =
        ReadShard(engine, stream_arn, shard.shard_id);
    if (!part.ok()) return part.status();
    for (StreamRecord& r : *part) records.push_back(std::move(r));
  }
  return records;
}

absl::StatusOr<std::vector<StreamRecord>> ReadTableStream(
    Engine& engine, const std::string& table) {
  absl::StatusOr<std::string> arn = LatestStreamArn(engine, table);
  if (!arn.ok()) return arn.status();
  return ReadStream(engine, *arn);
}

std::string NextSequenceNumber(const std::string& sequence) {
  std::string out = sequence;
  for (size_t i = out.size(); i-- > 0;) {
    if (out[i] != '9') {
      ++out[i];
      return out;
    }
    out[i] = '0';
  }
  return "1" + out;
}

int CompareSequenceNumbers(const std::string& a, const std::string& b) {
  auto strip = [](const std::string& s) {
    size_t i = s.find_first_not_of('0');
    return i == std::string::npos ? std::string() : s.substr(i);
  };
  const std::string x = strip(a), y = strip(b);
  if (x.size() != y.size()) return x.size() < y.size() ? -1 : 1;
  return x.compare(y);
}

::testing::AssertionResult SequencesContiguous(
    const std::vector<StreamRecord>& records,
    const std::optional<std::string>& first) {
  if (records.empty()) return ::testing::AssertionSuccess();
  if (first && CompareSequenceNumbers(records[0].dynamodb.sequence_number,
                                      *first) != 0) {
    return ::testing::AssertionFailure()
           << "first record has sequence "
           << records[0].dynamodb.sequence_number << ", expected " << *first;
  }
  for (size_t i = 1; i < records.size(); ++i) {
    const std::string expected =
        NextSequenceNumber(records[i - 1].dynamodb.sequence_number);
    if (CompareSequenceNumbers(records[i].dynamodb.sequence_number, expected) !=
        0) {
      return ::testing::AssertionFailure()
             << "record " << i << " has sequence "
             << records[i].dynamodb.sequence_number << " after "
             << records[i - 1].dynamodb.sequence_number << " (expected "
             << expected << "): " << RecordDebugString(records[i]);
    }
  }
  return ::testing::AssertionSuccess();
}

std::string KeyString(const Item& key) { return ItemDebugString(key); }

std::map<std::string, std::optional<Item>> FoldStream(
    const std::vector<StreamRecord>& records) {
  std::map<std::string, std::optional<Item>> state;
  for (const StreamRecord& r : records) {
    std::optional<Item>& slot = state[KeyString(r.dynamodb.keys)];
    if (r.event_name == EventName::kRemove) {
      slot.reset();
    } else {
      slot = r.dynamodb.new_image;
    }
  }
  return state;
}

}  // namespace test
}  // namespace tablestream
