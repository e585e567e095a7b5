// Copyright 2026 The tablestream Authors.

#include "triggers/mapping_store.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "api/json_reader.h"
#include "tablestream/errors.h"
#include "triggers/internal_table.h"
#include "triggers/mapping_json.h"
#include "util/status_macros.h"

namespace tablestream {
namespace triggers {

absl::StatusOr<MappingStore> MappingStore::Open(Engine* engine) {
  TABLESTREAM_RETURN_IF_ERROR(EnsureStringKeyedTable(
      engine, kMappingTable, "UUID", std::nullopt, kInternalServerError));
  return MappingStore(engine);
}

absl::StatusOr<std::vector<EventSourceMapping>> MappingStore::LoadAll() const {
  std::vector<EventSourceMapping> mappings;
  TABLESTREAM_RETURN_IF_ERROR(
      ScanAll(engine_, kMappingTable, [&](const Item& item) -> absl::Status {
        auto version = item.find("FormatVersion");
        if (version == item.end() ||
            version->second.scalar() !=
                absl::StrCat(kMappingFormatVersion)) {
          return MakeError(kInternalServerError,
                           absl::StrCat("event source mapping ",
                                        StringAttribute(item, "UUID"),
                                        " has an unknown FormatVersion"));
        }
        TABLESTREAM_ASSIGN_OR_RETURN(
            api::Json json, api::ParseJson(StringAttribute(item, "Mapping")));
        TABLESTREAM_ASSIGN_OR_RETURN(EventSourceMapping mapping,
                                     MappingFromStoredJson(json));
        mappings.push_back(std::move(mapping));
        return absl::OkStatus();
      }));
  std::sort(mappings.begin(), mappings.end(),
            [](const EventSourceMapping& a, const EventSourceMapping& b) {
              return a.uuid < b.uuid;
            });
  return mappings;
}

absl::Status MappingStore::Put(const EventSourceMapping& mapping) const {
  PutItemRequest request;
  request.table_name = kMappingTable;
  request.item = {
      {"UUID", AttributeValue::S(mapping.uuid)},
      {"FormatVersion",
       AttributeValue::N(absl::StrCat(kMappingFormatVersion))},
      {"Mapping",
       AttributeValue::S(api::FormatJson(MappingToStoredJson(mapping), -1))}};
  return engine_->PutItem(request).status();
}

absl::Status MappingStore::Delete(const std::string& uuid) const {
  DeleteItemRequest request;
  request.table_name = kMappingTable;
  request.key = {{"UUID", AttributeValue::S(uuid)}};
  return engine_->DeleteItem(request).status();
}

}  // namespace triggers
}  // namespace tablestream
