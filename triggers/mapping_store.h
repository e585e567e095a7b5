// Copyright 2026 The tablestream Authors.
//
// MappingStore keeps event source mappings durably in the engine they run
// on, as items of the internal table "tablestream.event_source_mappings"
// (created on first use, no stream):
//   {"UUID": S (hash key), "FormatVersion": N, "Mapping": S (JSON, see
//    MappingToStoredJson)}
// Stored format: never change the meaning of a member; readers refuse a
// FormatVersion they do not know. Using a table (rather than a new catalog
// record) keeps the Engine interface unchanged; the table shows in
// ListTables like any other.
//
// Thread-safe (the engine is); callers serialise changes to one mapping.

#ifndef TABLESTREAM_TRIGGERS_MAPPING_STORE_H_
#define TABLESTREAM_TRIGGERS_MAPPING_STORE_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "tablestream/engine.h"
#include "tablestream/triggers.h"

namespace tablestream {
namespace triggers {

inline constexpr char kMappingTable[] = "tablestream.event_source_mappings";
inline constexpr int kMappingFormatVersion = 1;

class MappingStore {
 public:
  // Creates the table if it does not exist. REQUIRES: engine outlives it.
  static absl::StatusOr<MappingStore> Open(Engine* engine);

  // Every stored mapping, sorted by UUID.
  absl::StatusOr<std::vector<EventSourceMapping>> LoadAll() const;
  // Writes (creates or replaces) the mapping's configuration.
  absl::Status Put(const EventSourceMapping& mapping) const;
  absl::Status Delete(const std::string& uuid) const;

 private:
  explicit MappingStore(Engine* engine) : engine_(engine) {}
  Engine* engine_;
};

}  // namespace triggers
}  // namespace tablestream

#endif  // TABLESTREAM_TRIGGERS_MAPPING_STORE_H_
