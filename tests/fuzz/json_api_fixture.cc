// Copyright 2026 The tablestream Authors.

#include "tests/fuzz/json_api_fixture.h"

#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "tablestream/errors.h"

namespace tablestream {
namespace fuzz {
namespace {

// 2026-01-01T00:00:00Z.
constexpr int64_t kStartMicros = 1767225600LL * 1000000;

const char* TableRequest(const std::string& name) {
  if (name == "Fuzz") {
    return R"({"TableName":"Fuzz",
      "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                   {"AttributeName":"sk","KeyType":"RANGE"}],
      "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                              {"AttributeName":"sk","AttributeType":"N"}],
      "StreamSpecification":{"StreamEnabled":true,
                             "StreamViewType":"NEW_AND_OLD_IMAGES"}})";
  }
  if (name == "FuzzB") {
    return R"({"TableName":"FuzzB",
      "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
      "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"B"}],
      "StreamSpecification":{"StreamEnabled":true,
                             "StreamViewType":"KEYS_ONLY"}})";
  }
  return R"({"TableName":"FuzzN",
      "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
      "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"N"}]})";
}

const std::vector<std::string>& FixtureTables() {
  static const auto* tables =
      new std::vector<std::string>{"Fuzz", "FuzzB", "FuzzN"};
  return *tables;
}

[[noreturn]] void Die(std::string_view what, const absl::Status& status) {
  std::cerr << "json_api_fixture: " << what << ": " << status << std::endl;
  std::abort();
}

}  // namespace

JsonApiFixture::JsonApiFixture()
    : clock_(std::make_shared<ManualClock>(kStartMicros)) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "tablestream-fuzz-XXXXXX")
          .string();
  if (mkdtemp(pattern.data()) == nullptr) {
    Die("mkdtemp", absl::InternalError(pattern));
  }
  dir_ = pattern;
  Options options;
  options.durable_writes = false;
  options.clock = clock_;
  options.iterator_lifetime_seconds = int64_t{1} << 40;
  options.write_buffer_bytes = 4u << 20;
  options.block_cache_bytes = 4u << 20;
  absl::StatusOr<std::unique_ptr<Engine>> engine =
      Engine::Open(options, dir_ + "/db");
  if (!engine.ok()) Die("Engine::Open", engine.status());
  engine_ = *std::move(engine);
  api_ = std::make_unique<api::JsonApi>(engine_.get());
  for (const std::string& name : FixtureTables()) CreateTable(name);
}

JsonApiFixture::~JsonApiFixture() {
  api_.reset();
  engine_.reset();
  std::error_code ignored;  // a leftover temporary directory is harmless
  std::filesystem::remove_all(dir_, ignored);
}

absl::StatusOr<api::Json> JsonApiFixture::Call(std::string_view operation,
                                               std::string_view request_text) {
  absl::StatusOr<api::Json> response =
      api_->CallWithText(operation, request_text);
  if (response.ok() &&
      (operation == "CreateTable" || operation == "DeleteTable" ||
       operation == "UpdateTable")) {
    ResetTables();
  }
  return response;
}

api::Json JsonApiFixture::MustCall(std::string_view operation,
                                   std::string_view request_text) {
  absl::StatusOr<api::Json> response = Call(operation, request_text);
  if (!response.ok()) Die(operation, response.status());
  return *std::move(response);
}

std::string JsonApiFixture::FuzzStreamArn() {
  absl::StatusOr<TableDescription> table = engine_->DescribeTable("Fuzz");
  if (!table.ok()) Die("DescribeTable", table.status());
  return table->latest_stream_arn.value_or("");
}

void JsonApiFixture::CreateTable(const std::string& name) {
  // Each new stream gets its own label (its creation time).
  clock_->AdvanceSeconds(1);
  absl::StatusOr<api::Json> created =
      api_->CallWithText("CreateTable", TableRequest(name));
  if (!created.ok()) Die("CreateTable " + name, created.status());
}

void JsonApiFixture::ResetTables() {
  absl::StatusOr<ListTablesResult> tables = engine_->ListTables({});
  if (!tables.ok()) Die("ListTables", tables.status());
  // A fixture table may have been updated: recreate all of them.
  for (const std::string& name : tables->table_names) {
    absl::StatusOr<TableDescription> deleted = engine_->DeleteTable(name);
    if (!deleted.ok()) Die("DeleteTable " + name, deleted.status());
  }
  for (const std::string& name : FixtureTables()) CreateTable(name);
}

}  // namespace fuzz
}  // namespace tablestream
