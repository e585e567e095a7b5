// Copyright 2026 The tablestream Authors.
//
// Writes the seed corpus of every fuzz target under <dir>/<target>/:
//
//   fuzz_corpus_generator tests/fuzz/corpus
//
// Seeds are small valid inputs: number texts and ordered keys, attribute
// values of all ten types, items and stream records encoded by the code
// itself, iterators from EncodeShardIterator, and a few requests per JSON API
// operation (run once against the fuzzer's fixture here, so that the stream
// ARNs and iterators they name are real; a request that should succeed and
// does not stops the generator). Output is deterministic. Files are named by
// content, so running it again replaces files rather than adding new ones.

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "api/attribute_json.h"
#include "proto/item_codec.h"
#include "stream/record_codec.h"
#include "stream/shard_iterator.h"
#include "tests/fuzz/json_api_fixture.h"
#include "util/number.h"

namespace tablestream {
namespace {

namespace fs = std::filesystem;

class CorpusWriter {
 public:
  explicit CorpusWriter(fs::path root) : root_(std::move(root)) {}

  void Write(const std::string& target, const std::string& name,
             const std::string& bytes) {
    fs::create_directories(root_ / target);
    std::ofstream out(root_ / target / name, std::ios::binary);
    out << bytes;
    if (!out) {
      std::cerr << "cannot write " << (root_ / target / name) << "\n";
      std::exit(1);
    }
    ++count_;
  }
  int count() const { return count_; }

 private:
  fs::path root_;
  int count_ = 0;
};

// One item with every attribute type, keyed for the table "Fuzz".
Item AllTypes() {
  Item m = {{"x", AttributeValue::N("1")}, {"y", AttributeValue::S("z")}};
  return Item{
      {"pk", AttributeValue::S("key")},
      {"sk", AttributeValue::N("-1.5")},
      {"b", AttributeValue::B(std::string("\x00\x01\xff", 3))},
      {"bool", AttributeValue::Bool(false)},
      {"null", AttributeValue::Null()},
      {"m", AttributeValue::M(m)},
      {"l", AttributeValue::L({AttributeValue::S("a"), AttributeValue::N("2"),
                               AttributeValue::L({})})},
      {"ss", AttributeValue::SS({"a", "b"})},
      {"ns", AttributeValue::NS({"-1", "0.5", "10"})},
      {"bs", AttributeValue::BS({std::string("\x00", 1), "\x01"})},
  };
}

void WriteNumbers(CorpusWriter& w) {
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"0", "-0"},
      {"1.50", "1.5"},
      {"-.5", "5."},
      {"+7", "7e0"},
      {"1e125", "-1E125"},
      {"9.9999999999999999999999999999999999999E+125", "1e-130"},
      {"12345678901234567890123456789012345678", "0.1"},
      {"1e-131", "1e126"},
      {"00012.3400e-2", "123400"},
      {"99999999999999999999999999999999999999", "1"},
  };
  int i = 0;
  for (const auto& [a, b] : pairs) {
    w.Write("number_fuzzer", absl::StrCat("pair_", i++), a + "\n" + b);
  }
  for (const char* text : {"0", "-1.5", "1e-130", "123456789e100"}) {
    std::string key;
    Number::Parse(text)->AppendOrderedKey(&key);
    w.Write("number_fuzzer", absl::StrCat("ordered_key_", i++), key);
  }
}

void WriteAttributeValues(CorpusWriter& w) {
  const Item item = AllTypes();
  for (const auto& [name, value] : item) {
    w.Write("attribute_json_fuzzer", "value_" + name,
            api::FormatJson(api::AttributeValueToJson(value), -1));
  }
  w.Write("attribute_json_fuzzer", "item_all_types",
          api::FormatJson(api::ItemToJson(item), -1));
  // Forms that canonicalize: unsorted sets, unnormalized numbers.
  w.Write("attribute_json_fuzzer", "value_ns_unsorted",
          R"({"NS":["10","1.50","-0"]})");
  w.Write("attribute_json_fuzzer", "value_deep",
          R"({"L":[{"M":{"a":{"L":[{"M":{"b":{"NULL":true}}}]}}}]})");
}

void WriteItemsAndRecords(CorpusWriter& w) {
  const Item item = AllTypes();
  const Item keys = {{"pk", item.at("pk")}, {"sk", item.at("sk")}};
  Item old_item = keys;
  old_item["v"] = AttributeValue::N("1");
  w.Write("stored_item_fuzzer", "all_types", EncodeItem(item));
  w.Write("stored_item_fuzzer", "keys", EncodeItem(keys));
  w.Write("stored_item_fuzzer", "empty", EncodeItem({}));

  const std::string new_bytes = EncodeItem(item);
  for (int view = 1; view <= 4; ++view) {
    for (EventName event :
         {EventName::kInsert, EventName::kModify, EventName::kRemove}) {
      ItemChange change;
      change.event = event;
      change.keys = &keys;
      if (event != EventName::kInsert) change.old_item = &old_item;
      if (event != EventName::kRemove) change.new_item = &item;
      change.service_delete = event == EventName::kRemove && view == 4;
      // Half the records reuse the encoded new image, as the engine does.
      if (view % 2 == 0 && change.new_item) change.new_item_bytes = &new_bytes;
      const std::string record = EncodeRecord(
          change, static_cast<StreamViewType>(view), 1767225600123456);
      w.Write("stored_record_fuzzer",
              absl::StrCat("view", view, "_", EventNameName(event)),
              std::string(1, static_cast<char>(view - 1)) + record);
    }
  }
}

void WriteIterators(CorpusWriter& w, const std::string& arn) {
  ShardPosition position;
  position.stream_id = 1;
  position.shard_ordinal = 0;
  position.next_sequence = 1;
  position.issued_micros = 1767225600000000;
  w.Write("shard_iterator_fuzzer", "valid",
          std::string(1, '\0') + EncodeShardIterator(arn, position));
  position.stream_id = 0xffffffffffffffffULL;
  position.next_sequence = 123456789;
  w.Write("shard_iterator_fuzzer", "valid_large",
          std::string(1, '\0') + EncodeShardIterator(arn, position));
  // Mutation mode: 28 position bytes, an ARN, then edits.
  w.Write("shard_iterator_fuzzer", "mutate",
          std::string(1, '\1') + std::string(28, '\x07') + arn + "\x05\x10");
}

// A request file: the operation, a newline, the request JSON.
void WriteRequest(CorpusWriter& w, fuzz::JsonApiFixture& fixture, int& n,
                  const std::string& operation, const std::string& request,
                  bool must_succeed = true) {
  if (must_succeed) fixture.MustCall(operation, request);
  w.Write("json_api_fuzzer", absl::StrCat(operation, "_", n++),
          operation + "\n" + request);
}

void WriteRequests(CorpusWriter& w) {
  fuzz::JsonApiFixture fixture;
  const std::string arn = fixture.FuzzStreamArn();
  WriteIterators(w, arn);
  int n = 0;
  const std::string all_types = api::FormatJson(api::ItemToJson(AllTypes()), -1);
  const std::string key = R"({"pk":{"S":"key"},"sk":{"N":"-1.5"}})";

  WriteRequest(w, fixture, n, "PutItem",
               R"({"TableName":"Fuzz","Item":)" + all_types + "}");
  WriteRequest(w, fixture, n, "PutItem",
               R"({"TableName":"Fuzz","Item":)" + all_types +
                   R"(,"ReturnValues":"ALL_OLD","Expected":{"bool":)"
                   R"({"Value":{"BOOL":false}},"nope":{"Exists":false}}})");
  WriteRequest(w, fixture, n, "PutItem",
               R"({"TableName":"FuzzB","Item":{"id":{"B":"AAE="},)"
               R"("v":{"SS":["x"]}}})");
  WriteRequest(w, fixture, n, "PutItem",
               R"({"TableName":"FuzzN","Item":{"id":{"N":"1e10"}}})");
  WriteRequest(w, fixture, n, "GetItem",
               R"({"TableName":"Fuzz","Key":)" + key + "}");
  WriteRequest(w, fixture, n, "GetItem",
               R"({"TableName":"Fuzz","Key":)" + key +
                   R"(,"AttributesToGet":["m","ns"],"ConsistentRead":true})");
  WriteRequest(w, fixture, n, "UpdateItem",
               R"({"TableName":"Fuzz","Key":)" + key +
                   R"(,"AttributeUpdates":{"n":{"Action":"ADD","Value":)"
                   R"({"N":"2.5"}},"ss":{"Action":"DELETE","Value":{"SS":)"
                   R"(["a"]}},"s":{"Action":"PUT","Value":{"S":"v"}},)"
                   R"("null":{"Action":"DELETE"}},"ReturnValues":"UPDATED_NEW"})");
  WriteRequest(w, fixture, n, "UpdateItem",
               R"({"TableName":"Fuzz","Key":)" + key +
                   R"(,"AttributeUpdates":{"ns":{"Action":"ADD","Value":)"
                   R"({"NS":["3"]}}},"Expected":{"n":{"ComparisonOperator":)"
                   R"("GT","AttributeValueList":[{"N":"1"}]}},)"
                   R"("ReturnValues":"ALL_NEW"})");
  WriteRequest(w, fixture, n, "DeleteItem",
               R"({"TableName":"Fuzz","Key":)" + key +
                   R"(,"Expected":{"s":{"ComparisonOperator":"BEGINS_WITH",)"
                   R"("AttributeValueList":[{"S":"v"}]}},)"
                   R"("ReturnValues":"ALL_OLD"})");
  WriteRequest(w, fixture, n, "DeleteItem",
               R"({"TableName":"FuzzN","Key":{"id":{"N":"10000000000"}}})");
  WriteRequest(w, fixture, n, "DescribeTable", R"({"TableName":"Fuzz"})");
  WriteRequest(w, fixture, n, "ListTables", R"({})");
  WriteRequest(w, fixture, n, "ListTables",
               R"({"ExclusiveStartTableName":"Fuzz","Limit":1})");
  WriteRequest(w, fixture, n, "ListStreams", R"({"TableName":"Fuzz"})");
  WriteRequest(w, fixture, n, "DescribeStream",
               R"({"StreamArn":")" + arn + R"(","Limit":10})");

  api::Json stream =
      fixture.MustCall("DescribeStream", R"({"StreamArn":")" + arn + R"("})");
  const std::string shard =
      stream["StreamDescription"]["Shards"][0]["ShardId"].get<std::string>();
  const std::string prefix =
      R"({"StreamArn":")" + arn + R"(","ShardId":")" + shard + R"(",)";
  WriteRequest(w, fixture, n, "GetShardIterator",
               prefix + R"("ShardIteratorType":"TRIM_HORIZON"})");
  WriteRequest(w, fixture, n, "GetShardIterator",
               prefix + R"("ShardIteratorType":"LATEST"})");
  api::Json records = fixture.MustCall(
      "GetRecords",
      R"({"ShardIterator":)" +
          api::FormatJson(fixture.MustCall(
              "GetShardIterator",
              prefix + R"("ShardIteratorType":"TRIM_HORIZON"})")["ShardIterator"],
              -1) + "}");
  const std::string sequence =
      records["Records"][0]["dynamodb"]["SequenceNumber"].get<std::string>();
  WriteRequest(w, fixture, n, "GetShardIterator",
               prefix + R"("ShardIteratorType":"AT_SEQUENCE_NUMBER",)"
                        R"("SequenceNumber":")" + sequence + R"("})");
  WriteRequest(w, fixture, n, "GetShardIterator",
               prefix + R"("ShardIteratorType":"AFTER_SEQUENCE_NUMBER",)"
                        R"("SequenceNumber":")" + sequence + R"("})");
  WriteRequest(w, fixture, n, "GetShardIterator",
               prefix + R"("ShardIteratorType":"AT_TIMESTAMP",)"
                        R"("Timestamp":1767225600.5})");
  const api::Json iterator = fixture.MustCall(
      "GetShardIterator",
      prefix + R"("ShardIteratorType":"TRIM_HORIZON"})")["ShardIterator"];
  WriteRequest(w, fixture, n, "GetRecords",
               R"({"ShardIterator":)" + api::FormatJson(iterator, -1) + "}");
  WriteRequest(w, fixture, n, "GetRecords",
               R"({"ShardIterator":)" + api::FormatJson(iterator, -1) +
                   R"(,"Limit":2})");

  // Table operations last: each resets the fixture's tables (new streams).
  WriteRequest(w, fixture, n, "CreateTable",
               R"({"TableName":"Other","KeySchema":[{"AttributeName":"k",)"
               R"("KeyType":"HASH"},{"AttributeName":"r","KeyType":"RANGE"}],)"
               R"("AttributeDefinitions":[{"AttributeName":"k",)"
               R"("AttributeType":"B"},{"AttributeName":"r",)"
               R"("AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST",)"
               R"("StreamSpecification":{"StreamEnabled":true,)"
               R"("StreamViewType":"OLD_IMAGE"}})");
  WriteRequest(w, fixture, n, "UpdateTable",
               R"({"TableName":"Fuzz","StreamSpecification":)"
               R"({"StreamEnabled":false}})");
  WriteRequest(w, fixture, n, "UpdateTable",
               R"({"TableName":"FuzzN","StreamSpecification":)"
               R"({"StreamEnabled":true,"StreamViewType":"NEW_IMAGE"}})");
  WriteRequest(w, fixture, n, "DeleteTable", R"({"TableName":"FuzzB"})");
  // Refused requests: the error paths.
  WriteRequest(w, fixture, n, "PutItem",
               R"({"TableName":"Fuzz","Item":{"pk":{"S":""},"sk":{"N":"x"}}})",
               /*must_succeed=*/false);
  WriteRequest(w, fixture, n, "CreateTable",
               R"({"TableName":"Fuzz","KeySchema":[]})", false);
}

}  // namespace
}  // namespace tablestream

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fuzz_corpus_generator <corpus dir>\n";
    return 2;
  }
  tablestream::CorpusWriter writer(argv[1]);
  tablestream::WriteNumbers(writer);
  tablestream::WriteAttributeValues(writer);
  tablestream::WriteItemsAndRecords(writer);
  tablestream::WriteRequests(writer);
  std::cout << "wrote " << writer.count() << " seed files under " << argv[1]
            << "\n";
  return 0;
}
