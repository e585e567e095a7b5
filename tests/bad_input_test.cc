// Copyright 2026 The tablestream Authors.
//
// DESIGN.md section 2, guarantee 9, through the public API: every invalid
// request is refused with the right typed error (tablestream::ExceptionName)
// before anything is written -- no item change, no record, no item count
// change, no table -- and the engine stays usable, also after a reopen.
// Each case's limit itself is checked to be accepted.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/guarantees_fixture.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

// ---------------------------------------------------------------------------
// Guarantee 9: bad input.

std::string Repeat(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// `leaf` wrapped in `levels` maps.
AttributeValue Nested(size_t levels, AttributeValue leaf) {
  for (size_t i = 0; i < levels; ++i) leaf = AttributeValue::M({{"m", leaf}});
  return leaf;
}

class BadInputTest : public GuaranteesTest {
 protected:
  void SetUp() override {
    GuaranteesTest::SetUp();
    TS_ASSERT_OK(engine_->CreateTable(
        TableRequest("bad_input_b", {"bid", ScalarAttributeType::kB},
                     std::nullopt, StreamViewType::kNewAndOldImages)));
    TS_ASSERT_OK(engine_->CreateTable(
        TableRequest("bad_input_n", {"nid", ScalarAttributeType::kN},
                     std::nullopt, StreamViewType::kNewAndOldImages)));
    seed_ = Key("k");
    seed_["s"] = S("text");
    seed_["n"] = N("1");
    seed_["ss"] = AttributeValue::SS({"a"});
    TS_ASSERT_OK(PutItem(seed_));
    TS_ASSERT_OK(Put(*engine_, "bad_input_b", {{"bid", B("k")}}));
    TS_ASSERT_OK(Put(*engine_, "bad_input_n", {{"nid", N("1")}}));
  }

  struct Snapshot {
    std::vector<std::string> records;  // all three streams
    std::vector<std::string> items;
    std::vector<int64_t> counts;
    std::vector<std::string> tables;
    bool operator==(const Snapshot& o) const {
      return records == o.records && items == o.items && counts == o.counts &&
             tables == o.tables;
    }
  };

  Snapshot Take() {
    Snapshot s;
    for (const char* t : {kTable, "bad_input_b", "bad_input_n"}) {
      for (const StreamRecord& r : Records(t)) {
        s.records.push_back(RecordDebugString(r));
      }
      s.counts.push_back(ItemCount(t));
    }
    s.items.push_back(ItemDebugString(Get(*engine_, kTable, Key("k"))));
    s.items.push_back(
        ItemDebugString(Get(*engine_, "bad_input_b", {{"bid", B("k")}})));
    s.items.push_back(
        ItemDebugString(Get(*engine_, "bad_input_n", {{"nid", N("1")}})));
    auto tables = engine_->ListTables({});
    EXPECT_TRUE(tables.ok()) << tables.status();
    if (tables.ok()) s.tables = tables->table_names;
    return s;
  }

  struct Case {
    std::string name;
    std::string exception;
    std::function<absl::Status()> run;
  };

  void RunCases(const std::vector<Case>& cases) {
    const Snapshot before = Take();
    for (const Case& c : cases) {
      SCOPED_TRACE(c.name);
      const absl::Status s = c.run();
      EXPECT_EQ(ExceptionName(s), c.exception) << s;
      EXPECT_FALSE(ErrorMessage(s).empty()) << "no message: " << s;
      EXPECT_TRUE(Take() == before) << "the refused request wrote something";
    }
    ExpectStillUsable(before);
  }

  // A valid write works and adds exactly one record, also after reopening.
  void ExpectStillUsable(const Snapshot& before) {
    const size_t records = Records().size();
    TS_EXPECT_OK(PutItem(With(Key("after"), "v", N("1"))));
    EXPECT_EQ(Records().size(), records + 1);
    Open();
    EXPECT_EQ(Records().size(), records + 1);
    EXPECT_EQ(Get(*engine_, kTable, Key("k")), seed_);
    TS_EXPECT_OK(Delete(*engine_, kTable, Key("after")));
    EXPECT_EQ(Records().size(), records + 2);
    EXPECT_EQ(ItemCount(), before.counts[0]);
  }

  std::function<absl::Status()> PutF(Item item,
                                     const std::string& table = kTable) {
    return [this, item, table] { return Put(*engine_, table, item); };
  }
  std::function<absl::Status()> UpdateF(
      Item key, std::map<std::string, AttributeValueUpdate> updates,
      ExpectedConditions expected = {}) {
    return [this, key, updates, expected] {
      return Update(key, updates, expected);
    };
  }

  Item seed_;
};

TEST_F(BadInputTest, UnknownTable) {
  const std::string e(kResourceNotFoundException);
  RunCases({
      {"PutItem", e, PutF(Key("x"), "no_such_table")},
      {"GetItem", e,
       [&] {
         GetItemRequest r;
         r.table_name = "no_such_table";
         r.key = Key("k");
         return engine_->GetItem(r).status();
       }},
      {"DeleteItem", e,
       [&] { return Delete(*engine_, "no_such_table", Key("k")); }},
      {"UpdateItem", e,
       [&] {
         UpdateItemRequest r;
         r.table_name = "no_such_table";
         r.key = Key("k");
         return engine_->UpdateItem(r).status();
       }},
      {"DescribeTable", e,
       [&] { return engine_->DescribeTable("no_such_table").status(); }},
      {"DeleteTable", e,
       [&] { return engine_->DeleteTable("no_such_table").status(); }},
  });
}

TEST_F(BadInputTest, MissingOrWrongTypedKey) {
  const std::string v(kValidationException);
  RunCases({
      {"put without hash key", v, PutF({{"rk", S("r")}, {"v", N("1")}})},
      {"put without range key", v, PutF({{"id", S("k")}, {"v", N("1")}})},
      {"put with N hash key", v, PutF({{"id", N("1")}, {"rk", S("r")}})},
      {"put with B range key", v, PutF({{"id", S("k")}, {"rk", B("r")}})},
      {"put with SS hash key", v,
       PutF({{"id", AttributeValue::SS({"k"})}, {"rk", S("r")}})},
      {"put with S key in B table", v, PutF({{"bid", S("k")}}, "bad_input_b")},
      {"put with S key in N table", v, PutF({{"nid", S("1")}}, "bad_input_n")},
      {"get with extra key attribute", v,
       [&] {
         GetItemRequest r;
         r.table_name = kTable;
         r.key = With(Key("k"), "s", S("text"));
         return engine_->GetItem(r).status();
       }},
      {"delete without range key", v,
       [&] {
         return Delete(*engine_, kTable, {{"id", S("k")}});
       }},
      {"delete with wrong-typed key", v,
       [&] {
         return Delete(*engine_, kTable, {{"id", S("k")}, {"rk", N("1")}});
       }},
      {"update with missing key", v,
       UpdateF({{"id", S("k")}},
               {{"v", Action(AttributeAction::kPut, N("1"))}})},
  });
}

TEST_F(BadInputTest, KeySizesAndEmptyKeys) {
  const std::string v(kValidationException);
  RunCases({
      {"hash key of 2049 bytes", v,
       PutF({{"id", S(std::string(2049, 'h'))}, {"rk", S("r")}})},
      {"hash key of 1025 two-byte characters", v,
       PutF({{"id", S(Repeat("\xc3\xa9", 1025))}, {"rk", S("r")}})},
      {"range key of 1025 bytes", v,
       PutF({{"id", S("k")}, {"rk", S(std::string(1025, 'r'))}})},
      {"binary hash key of 2049 bytes", v,
       PutF({{"bid", B(std::string(2049, '\x01'))}}, "bad_input_b")},
      {"delete with a hash key of 2049 bytes", v,
       [&] {
         return Delete(*engine_, kTable,
                       {{"id", S(std::string(2049, 'h'))}, {"rk", S("r")}});
       }},
      {"empty hash key", v, PutF({{"id", S("")}, {"rk", S("r")}})},
      {"empty range key", v, PutF({{"id", S("k")}, {"rk", S("")}})},
      {"empty binary key", v, PutF({{"bid", B("")}}, "bad_input_b")},
      {"get with empty key", v,
       [&] {
         GetItemRequest r;
         r.table_name = kTable;
         r.key = Key("");
         return engine_->GetItem(r).status();
       }},
      {"number key out of range", v,
       PutF({{"nid", N("1e126")}}, "bad_input_n")},
  });

  // The limits themselves are allowed.
  TS_EXPECT_OK(PutItem({{"id", S(std::string(2048, 'h'))}, {"rk", S("r")}}));
  TS_EXPECT_OK(PutItem({{"id", S("k")}, {"rk", S(std::string(1024, 'r'))}}));
  TS_EXPECT_OK(
      Put(*engine_, "bad_input_b", {{"bid", B(std::string(2048, '\x01'))}}));
}

TEST_F(BadInputTest, ItemSizeAndNesting) {
  const std::string v(kValidationException);
  // Size = name bytes + value bytes: "id"+"k" (3) + "rk"+"r" (3) + "p" + p.
  const size_t room = 409600 - 3 - 3 - 1;
  RunCases({
      {"item of 409601 bytes", v,
       PutF(With(Key("k"), "p", S(std::string(room + 1, 'x'))))},
      {"item of 1 MB", v,
       PutF(With(Key("k"), "p", B(std::string(1 << 20, 'x'))))},
      {"update growing the item past 400 KB", v,
       UpdateF(Key("k"), {{"p", Action(AttributeAction::kPut,
                                       S(std::string(409600, 'x')))}})},
      {"map nesting 33", v, PutF(With(Key("k"), "deep", Nested(32, N("1"))))},
      {"list nesting 33", v,
       PutF(With(Key("k"), "deep",
                 [] {
                   AttributeValue leaf = S("x");
                   for (int i = 0; i < 32; ++i) {
                     leaf = AttributeValue::L({leaf});
                   }
                   return leaf;
                 }()))},
      {"update with nesting 33", v,
       UpdateF(Key("k"),
               {{"deep", Action(AttributeAction::kPut, Nested(32, N("1")))}})},
  });
  // The limits themselves are allowed.
  TS_EXPECT_OK(PutItem(With(Key("b"), "p", S(std::string(room, 'x')))));
  TS_EXPECT_OK(PutItem(With(Key("deep"), "deep", Nested(31, N("1")))));
}

TEST_F(BadInputTest, BadNumbers) {
  const std::string v(kValidationException);
  std::vector<Case> cases;
  for (const char* text : {"abc", "", "1e126", "-1e126", "1e-131", "NaN",
                           "Infinity", "0x1F", "1.2.3", " 1", "1 ", "1e", "--1",
                           "1,5", "1234567890123456789012345678901234567891"}) {
    cases.push_back({absl::StrCat("N \"", text, "\""), v,
                     PutF(With(Key("k"), "n", N(text)))});
  }
  cases.push_back({"bad number in an NS", v,
                   PutF(With(Key("k"), "ns", AttributeValue::NS({"1", "x"})))});
  cases.push_back(
      {"bad number in a map", v,
       PutF(With(Key("k"), "m", AttributeValue::M({{"x", N("1e200")}})))});
  cases.push_back(
      {"bad number in a list", v,
       PutF(With(Key("k"), "l", AttributeValue::L({N("1"), N("e")})))});
  cases.push_back(
      {"bad number in an update", v,
       UpdateF(Key("k"), {{"n", Action(AttributeAction::kAdd, N("12abc"))}})});
  ExpectedConditions bad_expected;
  bad_expected.expected["n"].value = N("one");
  cases.push_back(
      {"bad number in Expected", v,
       UpdateF(Key("k"), {{"n", Action(AttributeAction::kAdd, N("1"))}},
               bad_expected)});
  cases.push_back(
      {"ADD overflowing the range", v,
       UpdateF(Key("k"),
               {{"n",
                 Action(AttributeAction::kAdd,
                        N("9.9999999999999999999999999999999999999E+125"))}})});
  RunCases(cases);
  // The limits themselves are allowed.
  for (const char* text :
       {"9.9999999999999999999999999999999999999E+125",
        "-9.9999999999999999999999999999999999999E+125", "1E-130", "-1e-130",
        "12345678901234567890123456789012345678",
        "0.00000000000000000000000000000000000001"}) {
    TS_EXPECT_OK(PutItem(With(Key("limits"), "n", N(text))));
  }
}

TEST_F(BadInputTest, BadSets) {
  const std::string v(kValidationException);
  RunCases({
      {"empty SS", v, PutF(With(Key("k"), "x", AttributeValue::SS({})))},
      {"empty NS", v, PutF(With(Key("k"), "x", AttributeValue::NS({})))},
      {"empty BS", v, PutF(With(Key("k"), "x", AttributeValue::BS({})))},
      {"duplicate SS", v,
       PutF(With(Key("k"), "x", AttributeValue::SS({"a", "b", "a"})))},
      {"duplicate NS (numerically)", v,
       PutF(With(Key("k"), "x", AttributeValue::NS({"1", "2", "1.0"})))},
      {"duplicate BS", v,
       PutF(With(Key("k"), "x", AttributeValue::BS({"\x01", "\x01"})))},
      {"empty set inside a map", v,
       PutF(With(Key("k"), "m",
                 AttributeValue::M({{"x", AttributeValue::SS({})}})))},
      {"ADD an empty set", v,
       UpdateF(Key("k"), {{"ss", Action(AttributeAction::kAdd,
                                        AttributeValue::SS({}))}})},
  });
}

TEST_F(BadInputTest, BadNamesAndValues) {
  const std::string v(kValidationException);
  RunCases({
      {"empty attribute name", v, PutF(With(Key("k"), "", S("x")))},
      {"attribute name of 65536 bytes", v,
       PutF(With(Key("k"), std::string(65536, 'a'), S("x")))},
      {"invalid UTF-8 in S", v, PutF(With(Key("k"), "s", S("\xc3\x28")))},
      {"invalid UTF-8 in a key", v, PutF({{"id", S("\xff")}, {"rk", S("r")}})},
      {"map key name empty", v,
       PutF(With(Key("k"), "m", AttributeValue::M({{"", S("x")}})))},
  });
  // The limits themselves are allowed.
  TS_EXPECT_OK(PutItem(With(Key("k2"), std::string(65535, 'a'), S("x"))));
}

TEST_F(BadInputTest, InvalidTableNames) {
  const std::string v(kValidationException);
  std::vector<Case> cases;
  for (const std::string& name :
       {std::string(""), std::string("ab"), std::string(256, 't'),
        std::string("bad name"), std::string("bad/name"),
        std::string("bad\xc3\xa9name")}) {
    cases.push_back({absl::StrCat("CreateTable \"", name, "\""), v, [&, name] {
                       return engine_
                           ->CreateTable(TableRequest(
                               name, {"id", ScalarAttributeType::kS},
                               std::nullopt, StreamViewType::kNewImage))
                           .status();
                     }});
  }
  // DynamoDB checks the name's form before looking the table up.
  cases.push_back({"PutItem to \"ab\"", v, PutF(Key("k"), "ab")});
  cases.push_back({"DescribeTable of \"a b\"", v,
                   [&] { return engine_->DescribeTable("a b").status(); }});
  cases.push_back({"GetItem from \"x\"", v, [&] {
                     GetItemRequest r;
                     r.table_name = "x";
                     r.key = Key("k");
                     return engine_->GetItem(r).status();
                   }});
  cases.push_back({"PutItem to \"bad name\"", v, PutF(Key("k"), "bad name")});
  RunCases(cases);
  // The limits themselves are allowed.
  for (const std::string& name :
       {std::string("a.b"), std::string(255, 'T'), std::string("A-z_0.9")}) {
    TS_EXPECT_OK(engine_->CreateTable(TableRequest(
        name, {"id", ScalarAttributeType::kS}, std::nullopt, std::nullopt)));
  }
}

TEST_F(BadInputTest, BadTableDefinitions) {
  const std::string v(kValidationException);
  auto create = [&](CreateTableRequest r) {
    return [this, r] { return engine_->CreateTable(r).status(); };
  };
  CreateTableRequest no_key = TableRequest(
      "no_key", {"id", ScalarAttributeType::kS}, std::nullopt, std::nullopt);
  no_key.key_schema.clear();
  CreateTableRequest undefined = no_key;
  undefined.key_schema = {{"other", KeyType::kHash}};
  undefined.attribute_definitions = {{"id", ScalarAttributeType::kS}};
  CreateTableRequest view_missing =
      TableRequest("view_missing", {"id", ScalarAttributeType::kS},
                   std::nullopt, std::nullopt);
  view_missing.stream_specification = StreamSpecification{true, std::nullopt};
  CreateTableRequest long_key =
      TableRequest("long_key", {std::string(256, 'k'), ScalarAttributeType::kS},
                   std::nullopt, std::nullopt);
  CreateTableRequest same_key = TableRequest(
      "same_key", {"id", ScalarAttributeType::kS}, std::nullopt, std::nullopt);
  same_key.key_schema.push_back({"id", KeyType::kRange});
  RunCases({
      {"no key schema", v, create(no_key)},
      {"key attribute name of 256 bytes", v, create(long_key)},
      {"the same attribute as hash and range key", v, create(same_key)},
      {"key attribute not defined", v, create(undefined)},
      {"enabled stream without a view type", v, create(view_missing)},
      {"UpdateTable changing the view type of an enabled stream", v,
       [&] {
         UpdateTableRequest r;
         r.table_name = kTable;
         r.stream_specification =
             StreamSpecification{true, StreamViewType::kKeysOnly};
         return engine_->UpdateTable(r).status();
       }},
      {"UpdateTable enabling the enabled stream again", v,
       [&] {
         UpdateTableRequest r;
         r.table_name = kTable;
         r.stream_specification =
             StreamSpecification{true, StreamViewType::kNewAndOldImages};
         return engine_->UpdateTable(r).status();
       }},
      {"UpdateTable of an unknown table",
       std::string(kResourceNotFoundException),
       [&] {
         UpdateTableRequest r;
         r.table_name = "no_such_table";
         r.stream_specification = StreamSpecification{false, std::nullopt};
         return engine_->UpdateTable(r).status();
       }},
      {"existing table", std::string(kResourceInUseException),
       create(TableRequest(kTable, {"id", ScalarAttributeType::kS},
                           KeyAttribute{"rk", ScalarAttributeType::kS},
                           StreamViewType::kNewAndOldImages))},
  });
}

TEST_F(BadInputTest, BadUpdatesAndConditions) {
  const std::string v(kValidationException);
  ExpectedConditions exists_false_with_value;
  exists_false_with_value.expected["n"].exists = false;
  exists_false_with_value.expected["n"].value = N("1");
  ExpectedConditions exists_true_without_value;
  exists_true_without_value.expected["n"].exists = true;
  RunCases({
      {"update of a key attribute", v,
       UpdateF(Key("k"), {{"rk", Action(AttributeAction::kPut, S("other"))}})},
      {"PUT without a value", v,
       UpdateF(Key("k"), {{"s", Action(AttributeAction::kPut)}})},
      {"ADD of an S", v,
       UpdateF(Key("k"), {{"s", Action(AttributeAction::kAdd, S("x"))}})},
      {"DELETE with an S value", v,
       UpdateF(Key("k"), {{"s", Action(AttributeAction::kDelete, S("x"))}})},
      {"ADD of an N to an S attribute", v,
       UpdateF(Key("k"), {{"s", Action(AttributeAction::kAdd, N("1"))}})},
      {"ADD of an NS to an SS attribute", v,
       UpdateF(Key("k"), {{"ss", Action(AttributeAction::kAdd,
                                        AttributeValue::NS({"1"}))}})},
      {"DELETE of an NS from an SS attribute", v,
       UpdateF(Key("k"), {{"ss", Action(AttributeAction::kDelete,
                                        AttributeValue::NS({"1"}))}})},
      {"Expected with Exists false and a Value", v,
       UpdateF(Key("k"), {{"n", Action(AttributeAction::kAdd, N("1"))}},
               exists_false_with_value)},
      {"Expected with Exists true and no Value", v,
       UpdateF(Key("k"), {{"n", Action(AttributeAction::kAdd, N("1"))}},
               exists_true_without_value)},
      {"DeleteItem with ReturnValues UPDATED_NEW", v,
       [&] {
         DeleteItemRequest r;
         r.table_name = kTable;
         r.key = Key("k");
         r.return_values = ReturnValue::kUpdatedNew;
         return engine_->DeleteItem(r).status();
       }},
      {"PutItem with ReturnValues ALL_NEW", v,
       [&] {
         PutItemRequest r;
         r.table_name = kTable;
         r.item = With(Key("k"), "n", N("5"));
         r.return_values = ReturnValue::kAllNew;
         return engine_->PutItem(r).status();
       }},
  });
}

TEST_F(BadInputTest, BadStreamRequests) {
  const std::string v(kValidationException);
  TS_ASSERT_OK_AND_ASSIGN(std::string arn, LatestStreamArn(*engine_, kTable));
  TS_ASSERT_OK_AND_ASSIGN(std::vector<Shard> shards, ListShards(*engine_, arn));
  ASSERT_FALSE(shards.empty());
  RunCases({
      {"GetRecords with a garbage iterator", v,
       [&] {
         GetRecordsRequest r;
         r.shard_iterator = "not an iterator";
         return engine_->GetRecords(r).status();
       }},
      {"GetRecords with limit 0", v,
       [&] {
         GetShardIteratorRequest it;
         it.stream_arn = arn;
         it.shard_id = shards[0].shard_id;
         auto iterator = engine_->GetShardIterator(it);
         if (!iterator.ok()) return iterator.status();
         GetRecordsRequest r;
         r.shard_iterator = *iterator;
         r.limit = 0;
         return engine_->GetRecords(r).status();
       }},
      {"DescribeStream with a malformed ARN", v,
       [&] {
         DescribeStreamRequest r;
         r.stream_arn = "arn";
         return engine_->DescribeStream(r).status();
       }},
      {"AFTER_SEQUENCE_NUMBER without a number", v,
       [&] {
         GetShardIteratorRequest it;
         it.stream_arn = arn;
         it.shard_id = shards[0].shard_id;
         it.shard_iterator_type = ShardIteratorType::kAfterSequenceNumber;
         return engine_->GetShardIterator(it).status();
       }},
      {"unknown shard", std::string(kResourceNotFoundException),
       [&] {
         GetShardIteratorRequest it;
         it.stream_arn = arn;
         it.shard_id = "shardId-00000000000000000000-00000000";
         return engine_->GetShardIterator(it).status();
       }},
  });
}

}  // namespace
}  // namespace test
}  // namespace tablestream
