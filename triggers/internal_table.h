// Copyright 2026 The tablestream Authors.
//
// Tables the trigger runtime keeps in the engine it runs on (the mapping
// store, dead-letter tables): created on first use with a fixed string key
// schema, and refused if a table of that name has another key schema.
// Thread-safe (the engine is).

#ifndef TABLESTREAM_TRIGGERS_INTERNAL_TABLE_H_
#define TABLESTREAM_TRIGGERS_INTERNAL_TABLE_H_

#include <functional>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace triggers {

// Creates `table` (hash key `hash_key` of type S, optional range key
// `range_key` of type S, no stream) unless it exists with that key schema.
// `exception` names the error for an existing table with another schema.
absl::Status EnsureStringKeyedTable(Engine* engine, const std::string& table,
                                    const std::string& hash_key,
                                    const std::optional<std::string>& range_key,
                                    std::string_view exception);

// Calls `visit` for every item of `table`, following Scan's pages.
absl::Status ScanAll(Engine* engine, const std::string& table,
                     const std::function<absl::Status(const Item&)>& visit);

// The string value of `item[name]`, or "" when absent or not a string.
std::string StringAttribute(const Item& item, const std::string& name);

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_INTERNAL_TABLE_H_
