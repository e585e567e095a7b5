// Copyright 2026 The tablestream Authors.
//
// The one place where rocksdb::Status becomes absl::Status.

#ifndef TABLESTREAM_UTIL_ROCKSDB_STATUS_H_
#define TABLESTREAM_UTIL_ROCKSDB_STATUS_H_

#include <string_view>

#include "absl/status/status.h"
#include "rocksdb/status.h"

namespace tablestream {

// OK stays OK; any other status becomes InternalServerError naming `what`
// (the operation that failed) and RocksDB's own text.
absl::Status FromRocksDB(const rocksdb::Status& s, std::string_view what);

}  // namespace tablestream

#endif  // TABLESTREAM_UTIL_ROCKSDB_STATUS_H_
