// Copyright 2026 The tablestream Authors.
//
// DynamoDB's validation of table requests, done before anything is written.

#ifndef TABLESTREAM_ENGINE_TABLE_VALIDATION_H_
#define TABLESTREAM_ENGINE_TABLE_VALIDATION_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "proto/tablestream.pb.h"
#include "tablestream/table.h"

namespace tablestream {

// 3..255 characters of [a-zA-Z0-9_.-].
absl::Status ValidateTableName(const std::string& name);

// The key schema in storage form (HASH first), after checking KeySchema and
// AttributeDefinitions as DynamoDB does: one HASH then optionally one RANGE,
// distinct names of 1..255 bytes, and definitions of exactly the key
// attributes with types S, N or B.
absl::StatusOr<
    google::protobuf::RepeatedPtrField<storage::KeySchemaElementProto>>
ValidateKeySchema(const CreateTableRequest& request);

// StreamEnabled true needs a StreamViewType; false refuses one.
absl::Status ValidateStreamSpecification(const StreamSpecification& spec);

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_TABLE_VALIDATION_H_
