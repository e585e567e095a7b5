// Copyright 2026 The tablestream Authors.
//
// Options for Engine::Open. Fields that change behaviour come first; fields
// that only tune performance come after. Each field states its default.

#ifndef TABLESTREAM_OPTIONS_H_
#define TABLESTREAM_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "tablestream/clock.h"

namespace tablestream {

struct Options {
  // ---- Behaviour ----

  // Create the database directory and its files if they do not exist.
  // Default: true
  bool create_if_missing = true;

  // Whether a write is acknowledged only after its WAL record is synced to
  // the device (survives power loss) or as soon as it is in the OS (survives
  // a process kill). A write may override this with WriteOptions::durable.
  // Default: true
  bool durable_writes = true;

  // Region and account that appear in ARNs and in records' awsRegion.
  // Default: "us-east-1", "000000000000"
  std::string region = "us-east-1";
  std::string account_id = "000000000000";

  // The source of all time. Default: SystemClock()
  std::shared_ptr<Clock> clock;

  // A shard iterator expires this long after GetShardIterator or GetRecords
  // returned it (ExpiredIteratorException), as DynamoDB's do after 15 minutes.
  // Default: 900
  int64_t iterator_lifetime_seconds = 900;

  // Stream records older than this are never returned, as if trimmed
  // (TrimmedDataAccessException for a position below the trim horizon), and
  // the retention task reclaims their bytes. DynamoDB keeps 24 hours.
  // Default: 86400
  int64_t stream_retention_seconds = 86400;

  // How often, in real seconds, the background retention task trims expired
  // records and reclaims their space, also on an engine that gets no writes.
  // An expired record's bytes leave the disk within this period (plus the
  // compaction of its range). 0: no background task; call
  // Engine::TrimExpiredRecords() instead (tests with a ManualClock do).
  // Default: 60
  int64_t retention_interval_seconds = 60;

  // Shard rollover, for testing consumers against shard lineage as it
  // happens on AWS (where shards roll over every few hours): the open shard
  // of a stream is closed and a child opened once it holds at least this
  // many records (it may hold up to one commit group more). 0: never.
  // Default: 0
  uint64_t shard_rollover_records = 0;

  // The same, by age: the open shard rolls over once it is this many seconds
  // old (on the next write, or on the retention task's next pass if the
  // stream gets no writes). 0: never.
  // Default: 0
  int64_t shard_rollover_seconds = 0;

  // Retention that knows consumers: when > 0, records that a registered
  // consumer has not processed yet are kept beyond stream_retention_seconds
  // (the trim horizon stops at the slowest consumer's position), up to this
  // many seconds after their creation; then they are trimmed anyway and the
  // consumer gets TrimmedDataAccessException naming the lost range. Only
  // meaningful above stream_retention_seconds. 0: consumers hold nothing.
  // Default: 0
  int64_t consumer_retention_cap_seconds = 0;

  // ---- Performance ----

  // The most mutations the committer puts behind one WAL write (and one sync).
  // Default: 1024
  size_t max_commit_group_size = 1024;

  // Total memtable budget across column families, in bytes.
  // Default: 256 MiB
  size_t write_buffer_bytes = 256u << 20;

  // Block cache shared by all column families, in bytes.
  // Default: 256 MiB
  size_t block_cache_bytes = 256u << 20;
};

}  // namespace tablestream

#endif  // TABLESTREAM_OPTIONS_H_
