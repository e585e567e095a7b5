// Copyright 2026 The tablestream Authors.

#include "util/rocksdb_status.h"

#include "absl/strings/str_cat.h"
#include "tablestream/errors.h"
#include "util/absl_compat.h"

namespace tablestream {

absl::Status FromRocksDB(const rocksdb::Status& s, std::string_view what) {
  if (s.ok()) return absl::OkStatus();
  return MakeError(kInternalServerError,
                   absl::StrCat(AsAbsl(what), " failed: ", s.ToString()));
}

}  // namespace tablestream
