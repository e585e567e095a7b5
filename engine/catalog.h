// Copyright 2026 The tablestream Authors.
//
// Catalog is the in-memory view of the catalog column family: tables,
// streams and their shards, and the id counters. It is loaded once on open.
//
// Catalog changes are made only by exclusive mutations of the commit
// pipeline: they stage the new catalog records in the group's batch, and
// install the new in-memory state from Mutation::Committed(), so that every
// later mutation sees the catalog as committed. Readers take immutable
// snapshots (shared_ptr<const ...>), so a reader never blocks a writer for
// long and never sees a half-applied change.
//
// Thread-safe.
//
// Catalog keys (catalog CF; stored, never change):
//   "meta"                     CatalogMeta
//   "table/" + name            TableInfo
//   "stream/" + BE64 stream id StreamInfo
//   "count/" + BE64 table id   item count (a pipeline counter, BE64)

#ifndef TABLESTREAM_ENGINE_CATALOG_H_
#define TABLESTREAM_ENGINE_CATALOG_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "proto/tablestream.pb.h"
#include "rocksdb/db.h"
#include "tablestream/table.h"

namespace tablestream {

inline constexpr uint32_t kCatalogFormatVersion = 1;

std::string CatalogMetaKey();
std::string TableCatalogKey(const std::string& table_name);
std::string StreamCatalogKey(uint64_t stream_id);
std::string ItemCountKey(uint64_t table_id);

// A table's key schema, resolved for the item path.
struct KeySchema {
  std::string partition_name;
  ScalarAttributeType partition_type = ScalarAttributeType::kS;
  std::optional<std::string> sort_name;
  ScalarAttributeType sort_type = ScalarAttributeType::kS;

  std::vector<std::string> names() const;
};

KeySchema KeySchemaFromProto(
    const google::protobuf::RepeatedPtrField<storage::KeySchemaElementProto>&
        elements);

struct TableState {
  storage::TableInfo info;
  KeySchema key_schema;
};

struct StreamState {
  storage::StreamInfo info;
  std::string arn;
};

class Catalog {
 public:
  // Loads the catalog CF. On an empty CF, returns a fresh catalog whose meta
  // record the caller must write (see meta()).
  static absl::StatusOr<std::unique_ptr<Catalog>> Load(
      rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string region,
      std::string account_id);

  std::shared_ptr<const TableState> FindTable(const std::string& name) const
      ABSL_LOCKS_EXCLUDED(mu_);
  std::shared_ptr<const StreamState> FindStream(uint64_t stream_id) const
      ABSL_LOCKS_EXCLUDED(mu_);
  std::shared_ptr<const StreamState> FindStreamByArn(
      const std::string& arn) const ABSL_LOCKS_EXCLUDED(mu_);
  // Sorted by name.
  std::vector<std::string> TableNames() const ABSL_LOCKS_EXCLUDED(mu_);
  // Sorted by ARN.
  std::vector<std::shared_ptr<const StreamState>> Streams() const
      ABSL_LOCKS_EXCLUDED(mu_);
  storage::CatalogMeta meta() const ABSL_LOCKS_EXCLUDED(mu_);

  // Installers, called from Mutation::Committed().
  void PutTable(storage::TableInfo info) ABSL_LOCKS_EXCLUDED(mu_);
  void RemoveTable(const std::string& name) ABSL_LOCKS_EXCLUDED(mu_);
  void PutStream(storage::StreamInfo info) ABSL_LOCKS_EXCLUDED(mu_);
  void SetMeta(storage::CatalogMeta meta) ABSL_LOCKS_EXCLUDED(mu_);

  std::string TableArn(const std::string& table_name) const;
  std::string StreamArn(const std::string& table_name,
                        const std::string& label) const;

 private:
  Catalog(std::string region, std::string account_id)
      : region_(std::move(region)), account_id_(std::move(account_id)) {}

  const std::string region_;
  const std::string account_id_;
  mutable absl::Mutex mu_;
  storage::CatalogMeta meta_ ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, std::shared_ptr<const TableState>> tables_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<uint64_t, std::shared_ptr<const StreamState>> streams_
      ABSL_GUARDED_BY(mu_);
  absl::flat_hash_map<std::string, uint64_t> stream_ids_by_arn_
      ABSL_GUARDED_BY(mu_);
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_CATALOG_H_
