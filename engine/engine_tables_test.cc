// Copyright 2026 The tablestream Authors.
//
// Table operations through the C++ API.

#include <functional>

#include "engine/engine_test_fixture.h"

namespace tablestream {
namespace {

using TablesTest = EngineTest;

TEST_F(TablesTest, CreateDescribeListDelete) {
  CreateTable("Users", StreamViewType::kNewAndOldImages,
              ScalarAttributeType::kN);
  auto d = engine_->DescribeTable("Users");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->table_name, "Users");
  EXPECT_EQ(d->table_status, "ACTIVE");
  EXPECT_EQ(d->table_arn,
            "arn:aws:dynamodb:us-east-1:000000000000:table/Users");
  ASSERT_EQ(d->key_schema.size(), 2u);
  EXPECT_EQ(d->key_schema[1].attribute_name, "sk");
  EXPECT_EQ(d->key_schema[1].key_type, KeyType::kRange);
  EXPECT_EQ(d->attribute_definitions[1].attribute_type,
            ScalarAttributeType::kN);
  EXPECT_EQ(d->creation_date_time, 1700000000.0);
  ASSERT_TRUE(d->stream_specification.has_value());
  EXPECT_TRUE(d->stream_specification->stream_enabled);
  EXPECT_EQ(d->latest_stream_label, "2023-11-14T22:13:20.000");
  EXPECT_EQ(d->latest_stream_arn,
            "arn:aws:dynamodb:us-east-1:000000000000:table/Users/stream/"
            "2023-11-14T22:13:20.000");
  EXPECT_EQ(d->item_count, 0);

  CreateTable("Alpha", std::nullopt);
  auto list = engine_->ListTables({});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->table_names, (std::vector<std::string>{"Alpha", "Users"}));
  auto page = engine_->ListTables({std::nullopt, 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->table_names, (std::vector<std::string>{"Alpha"}));
  EXPECT_EQ(page->last_evaluated_table_name, "Alpha");
  auto rest = engine_->ListTables({std::string("Alpha"), 1});
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->table_names, (std::vector<std::string>{"Users"}));

  auto deleted = engine_->DeleteTable("Users");
  ASSERT_TRUE(deleted.ok()) << deleted.status();
  EXPECT_EQ(deleted->table_status, "DELETING");
  EXPECT_EQ(ExceptionName(engine_->DescribeTable("Users").status()),
            kResourceNotFoundException);
  EXPECT_EQ(ExceptionName(engine_->DeleteTable("Users").status()),
            kResourceNotFoundException);
}

TEST_F(TablesTest, CatalogSurvivesRestart) {
  CreateTable("Kept", StreamViewType::kKeysOnly);
  ASSERT_TRUE(Put("Kept", {{"pk", S("a")}}).ok());
  const std::string arn = LatestStreamArn("Kept");
  Reopen();
  auto d = engine_->DescribeTable("Kept");
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->latest_stream_arn, arn);
  EXPECT_EQ(d->item_count, 1);
  ASSERT_TRUE(Put("Kept", {{"pk", S("b")}}).ok());
  std::vector<StreamRecord> records = ReadAll(arn);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].dynamodb.sequence_number, "100000000000000000002");
}

TEST_F(TablesTest, CreateTableValidation) {
  struct Case {
    std::string name;
    std::function<void(CreateTableRequest&)> change;
    std::string_view exception;
  };
  auto base = [] {
    CreateTableRequest r;
    r.table_name = "Valid_Name-1.x";
    r.key_schema = {{"pk", KeyType::kHash}};
    r.attribute_definitions = {{"pk", ScalarAttributeType::kS}};
    return r;
  };
  const std::vector<Case> cases = {
      {"short name", [](auto& r) { r.table_name = "ab"; },
       kValidationException},
      {"long name", [](auto& r) { r.table_name = std::string(256, 'a'); },
       kValidationException},
      {"bad char", [](auto& r) { r.table_name = "a b c"; },
       kValidationException},
      {"no key", [](auto& r) { r.key_schema.clear(); }, kValidationException},
      {"range first",
       [](auto& r) { r.key_schema[0].key_type = KeyType::kRange; },
       kValidationException},
      {"undefined key",
       [](auto& r) { r.attribute_definitions[0].attribute_name = "x"; },
       kValidationException},
      {"extra definition",
       [](auto& r) {
         r.attribute_definitions.push_back({"x", ScalarAttributeType::kN});
       },
       kValidationException},
      {"duplicate key names",
       [](auto& r) {
         r.key_schema.push_back({"pk", KeyType::kRange});
       },
       kValidationException},
      {"stream without view type",
       [](auto& r) {
         r.stream_specification = StreamSpecification{true, {}};
       },
       kValidationException},
      {"view type without stream",
       [](auto& r) {
         r.stream_specification =
             StreamSpecification{false, StreamViewType::kNewImage};
       },
       kValidationException},
  };
  for (const Case& c : cases) {
    CreateTableRequest r = base();
    c.change(r);
    auto result = engine_->CreateTable(r);
    EXPECT_EQ(ExceptionName(result.status()), c.exception)
        << c.name << ": " << result.status();
  }
  // Nothing was created; the valid request still works, once.
  EXPECT_TRUE(engine_->ListTables({})->table_names.empty());
  ASSERT_TRUE(engine_->CreateTable(base()).ok());
  EXPECT_EQ(ExceptionName(engine_->CreateTable(base()).status()),
            kResourceInUseException);
}

TEST_F(TablesTest, StreamEnableDisableReenable) {
  CreateTable("Tab", std::nullopt);
  auto d = engine_->DescribeTable("Tab");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->stream_specification.has_value());
  EXPECT_FALSE(d->latest_stream_arn.has_value());

  UpdateTableRequest disable{"Tab", StreamSpecification{false, {}}, {}, {}};
  EXPECT_EQ(ExceptionName(engine_->UpdateTable(disable).status()),
            kValidationException);

  UpdateTableRequest enable{
      "Tab", StreamSpecification{true, StreamViewType::kNewImage}, {}, {}};
  ASSERT_TRUE(engine_->UpdateTable(enable).ok());
  const std::string first = LatestStreamArn("Tab");
  ASSERT_TRUE(Put("Tab", {{"pk", S("a")}}).ok());

  // Enabling again, or changing the view type in place, is refused.
  auto again = engine_->UpdateTable(enable);
  EXPECT_EQ(ExceptionName(again.status()), kValidationException);
  EXPECT_NE(again.status().message().find("already"), std::string::npos);
  UpdateTableRequest change{
      "Tab", StreamSpecification{true, StreamViewType::kKeysOnly}, {}, {}};
  EXPECT_EQ(ExceptionName(engine_->UpdateTable(change).status()),
            kValidationException);

  ASSERT_TRUE(engine_->UpdateTable(disable).ok());
  d = engine_->DescribeTable("Tab");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->stream_specification->stream_enabled);
  EXPECT_EQ(d->latest_stream_arn, first);
  // Writes while disabled produce no records anywhere.
  ASSERT_TRUE(Put("Tab", {{"pk", S("b")}}).ok());

  auto old_stream = engine_->DescribeStream({first});
  ASSERT_TRUE(old_stream.ok());
  EXPECT_EQ(old_stream->stream_status, "DISABLED");
  ASSERT_EQ(old_stream->shards.size(), 1u);
  EXPECT_EQ(old_stream->shards[0].sequence_number_range.ending_sequence_number,
            "100000000000000000001");
  EXPECT_EQ(ReadAll(first).size(), 1u);

  clock_->AdvanceMicros(1);  // same millisecond: the label must still differ
  ASSERT_TRUE(engine_->UpdateTable(change).ok());
  const std::string second = LatestStreamArn("Tab");
  EXPECT_NE(first, second);
  ASSERT_TRUE(Put("Tab", {{"pk", S("c")}}).ok());
  std::vector<StreamRecord> records = ReadAll(second);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].dynamodb.stream_view_type, StreamViewType::kKeysOnly);
  EXPECT_EQ(records[0].dynamodb.sequence_number, "100000000000000000001");

  auto streams = engine_->ListStreams({std::string("Tab"), {}, {}});
  ASSERT_TRUE(streams.ok());
  EXPECT_EQ(streams->streams.size(), 2u);
}

TEST_F(TablesTest, DeletedTableKeepsItsStreamReadable) {
  CreateTable("Gone");
  ASSERT_TRUE(Put("Gone", {{"pk", S("a")}, {"v", N("1")}}).ok());
  const std::string arn = LatestStreamArn("Gone");
  ASSERT_TRUE(engine_->DeleteTable("Gone").ok());
  auto d = engine_->DescribeStream({arn});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(d->stream_status, "DISABLED");
  EXPECT_EQ(ReadAll(arn).size(), 1u);

  // A new table of the same name starts empty, with a stream of its own.
  CreateTable("Gone");
  auto item = Get("Gone", {{"pk", S("a")}});
  ASSERT_TRUE(item.ok());
  EXPECT_FALSE(item->has_value());
  EXPECT_NE(LatestStreamArn("Gone"), arn);
  Reopen();
  item = Get("Gone", {{"pk", S("a")}});
  ASSERT_TRUE(item.ok());
  EXPECT_FALSE(item->has_value());
  EXPECT_EQ(ReadAll(arn).size(), 1u);
}

}  // namespace
}  // namespace tablestream
