// Copyright 2026 The tablestream Authors.

#include "triggers/internal_table.h"

#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {
namespace {

std::vector<KeySchemaElement> KeySchemaOf(
    const std::string& hash_key, const std::optional<std::string>& range_key) {
  std::vector<KeySchemaElement> schema = {{hash_key, KeyType::kHash}};
  if (range_key) schema.push_back({*range_key, KeyType::kRange});
  return schema;
}

bool SameKeySchema(const TableDescription& table,
                   const std::vector<KeySchemaElement>& schema) {
  if (table.key_schema.size() != schema.size()) return false;
  for (size_t i = 0; i < schema.size(); ++i) {
    if (table.key_schema[i].attribute_name != schema[i].attribute_name ||
        table.key_schema[i].key_type != schema[i].key_type) {
      return false;
    }
  }
  for (const AttributeDefinition& d : table.attribute_definitions) {
    if (d.attribute_type != ScalarAttributeType::kS) return false;
  }
  return true;
}

}  // namespace

absl::Status EnsureStringKeyedTable(Engine* engine, const std::string& table,
                                    const std::string& hash_key,
                                    const std::optional<std::string>& range_key,
                                    std::string_view exception) {
  std::vector<KeySchemaElement> schema = KeySchemaOf(hash_key, range_key);
  absl::StatusOr<TableDescription> existing = engine->DescribeTable(table);
  if (existing.ok()) {
    if (SameKeySchema(*existing, schema)) return absl::OkStatus();
    return MakeError(
        exception,
        absl::StrCat("table ", table, " exists with another key schema; it "
                     "needs the string keys ", hash_key,
                     range_key ? absl::StrCat(" (HASH) and ", *range_key,
                                              " (RANGE)")
                               : " (HASH)"));
  }
  if (ExceptionName(existing.status()) != kResourceNotFoundException) {
    return existing.status();
  }
  CreateTableRequest request;
  request.table_name = table;
  request.key_schema = schema;
  for (const KeySchemaElement& e : schema) {
    request.attribute_definitions.push_back(
        {e.attribute_name, ScalarAttributeType::kS});
  }
  absl::StatusOr<TableDescription> created = engine->CreateTable(request);
  if (!created.ok() &&
      ExceptionName(created.status()) == kResourceInUseException) {
    // Created meanwhile by another caller: check its schema.
    return EnsureStringKeyedTable(engine, table, hash_key, range_key,
                                  exception);
  }
  return created.status();
}

absl::Status ScanAll(Engine* engine, const std::string& table,
                     const std::function<absl::Status(const Item&)>& visit) {
  ScanRequest request;
  request.table_name = table;
  while (true) {
    TABLESTREAM_ASSIGN_OR_RETURN(ReadPage page, engine->Scan(request));
    for (const Item& item : page.items) {
      TABLESTREAM_RETURN_IF_ERROR(visit(item));
    }
    if (!page.last_evaluated_key) return absl::OkStatus();
    request.exclusive_start_key = std::move(page.last_evaluated_key);
  }
}

std::string StringAttribute(const Item& item, const std::string& name) {
  auto it = item.find(name);
  if (it == item.end() || it->second.type() != AttributeType::kS) return "";
  return it->second.scalar();
}

}  // namespace triggers
}  // namespace tablestream
