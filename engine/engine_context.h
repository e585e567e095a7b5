// Copyright 2026 The tablestream Authors.
//
// What mutations need of the engine: column families, the catalog and the
// consumer registry.
// Borrowed; owned by EngineImpl, which outlives every mutation.

#ifndef TABLESTREAM_ENGINE_ENGINE_CONTEXT_H_
#define TABLESTREAM_ENGINE_ENGINE_CONTEXT_H_

#include "engine/catalog.h"
#include "rocksdb/db.h"
#include "stream/consumer_registry.h"

namespace tablestream {

struct EngineContext {
  rocksdb::ColumnFamilyHandle* items_cf = nullptr;
  rocksdb::ColumnFamilyHandle* stream_cf = nullptr;
  rocksdb::ColumnFamilyHandle* catalog_cf = nullptr;
  rocksdb::ColumnFamilyHandle* checkpoints_cf = nullptr;
  Catalog* catalog = nullptr;
  ConsumerRegistry* consumers = nullptr;
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_ENGINE_CONTEXT_H_
