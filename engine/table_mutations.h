// Copyright 2026 The tablestream Authors.
//
// Catalog mutations: create, delete and update (stream enable/disable) a
// table. Each is exclusive in the commit pipeline (a group of its own) and
// installs its catalog changes in Committed(), so every later item write
// sees them. Requests are validated before they are submitted; Apply()
// checks only what depends on the catalog's state at commit time.

#ifndef TABLESTREAM_ENGINE_TABLE_MUTATIONS_H_
#define TABLESTREAM_ENGINE_TABLE_MUTATIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/engine_context.h"
#include "proto/tablestream.pb.h"
#include "tablestream/table.h"
#include "wal/mutation.h"

namespace tablestream {

// Stages changes to catalog records and installs them once committed.
class CatalogMutation : public Mutation {
 public:
  explicit CatalogMutation(const EngineContext& context) : ctx_(context) {}
  bool exclusive() const override { return true; }
  void Committed() override;

 protected:
  // Staging helpers; each records the change for Committed().
  void StageTable(MutationContext& m, storage::TableInfo info);
  void StageTableRemoval(MutationContext& m, const std::string& name);
  void StageStream(MutationContext& m, storage::StreamInfo info);
  void StageMeta(MutationContext& m, storage::CatalogMeta meta);

  // A new stream for `table` (an ENABLED stream with one open shard),
  // staged, and its id recorded in `table`. Allocates from `meta`.
  void StageNewStream(MutationContext& m, storage::CatalogMeta* meta,
                      storage::TableInfo* table, StreamViewType view_type);
  // Closes the table's enabled stream and its open shard.
  void StageStreamClose(MutationContext& m, storage::TableInfo* table);

  const EngineContext ctx_;

 private:
  std::vector<storage::TableInfo> tables_;
  std::vector<std::string> removed_tables_;
  std::vector<storage::StreamInfo> streams_;
  std::optional<storage::CatalogMeta> meta_;
};

class CreateTableMutation : public CatalogMutation {
 public:
  // `key_schema` is the validated storage form.
  CreateTableMutation(
      const EngineContext& context, std::string name,
      google::protobuf::RepeatedPtrField<storage::KeySchemaElementProto>
          key_schema,
      std::optional<StreamViewType> stream_view_type)
      : CatalogMutation(context),
        name_(std::move(name)),
        key_schema_(std::move(key_schema)),
        stream_view_type_(stream_view_type) {}
  absl::Status Apply(MutationContext& m) override;

 private:
  const std::string name_;
  const google::protobuf::RepeatedPtrField<storage::KeySchemaElementProto>
      key_schema_;
  const std::optional<StreamViewType> stream_view_type_;
};

class DeleteTableMutation : public CatalogMutation {
 public:
  DeleteTableMutation(const EngineContext& context, std::string name)
      : CatalogMutation(context), name_(std::move(name)) {}
  absl::Status Apply(MutationContext& m) override;
  // The table as it was, once applied.
  const storage::TableInfo& deleted() const { return deleted_; }

 private:
  const std::string name_;
  storage::TableInfo deleted_;
};

class UpdateStreamMutation : public CatalogMutation {
 public:
  UpdateStreamMutation(const EngineContext& context, std::string name,
                       StreamSpecification spec)
      : CatalogMutation(context),
        name_(std::move(name)),
        spec_(std::move(spec)) {}
  absl::Status Apply(MutationContext& m) override;

 private:
  const std::string name_;
  const StreamSpecification spec_;
};

class UpdateTimeToLiveMutation : public CatalogMutation {
 public:
  UpdateTimeToLiveMutation(const EngineContext& context,
                           UpdateTimeToLiveRequest request)
      : CatalogMutation(context), request_(std::move(request)) {}
  absl::Status Apply(MutationContext& m) override;

 private:
  const UpdateTimeToLiveRequest request_;
};

// ResourceNotFoundException for a missing table, as DynamoDB words it.
absl::Status TableNotFound(const std::string& name);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_TABLE_MUTATIONS_H_
