// Copyright 2026 The tablestream Authors.
//
// Workloads of tsbench, in the spirit of YCSB: a mix of operation kinds and a
// distribution over a fixed key space [0, keys). Inserts use fresh keys
// outside that space, so every insert is an INSERT event.
//
//   insert-only   100% insert
//   update-heavy  50% update, 50% read                      (YCSB A)
//   read-mostly   95% read, 5% update                       (YCSB B)
//   mixed         50% read, 25% update, 15% insert, 10% delete
//   delete-heavy  50% delete, 50% put (whole item, same key space)
//
// An OpChooser is seeded per thread, so a run's operation sequence is fixed
// by (seed, thread). Zipfian is YCSB's scrambled zipfian (theta 0.99 by
// default): popular keys are spread over the key space by a hash.
//
// A KeyChooser or OpChooser is used by one thread; the tables it shares are
// const.

#ifndef TABLESTREAM_BENCH_WORKLOAD_H_
#define TABLESTREAM_BENCH_WORKLOAD_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace tablestream {

enum class Workload {
  kInsertOnly,
  kUpdateHeavy,
  kReadMostly,
  kMixed,
  kDeleteHeavy,
};
enum class Distribution { kUniform, kZipfian };
enum class OpKind { kRead, kUpdate, kPut, kInsert, kDelete };

const char* WorkloadName(Workload w);  // "insert-only", ...
const char* DistributionName(Distribution d);
const char* OpKindName(OpKind k);
std::optional<Workload> ParseWorkload(const std::string& name);
std::optional<Distribution> ParseDistribution(const std::string& name);
std::vector<std::string> WorkloadNames();

// Whether the workload reads or changes existing keys (so a run first loads
// [0, keys)).
bool NeedsPreload(Workload w);

// The zeta constants of a zipfian over n items; computing them is O(n), so
// one instance is shared by all threads.
struct ZipfianTable {
  ZipfianTable(uint64_t n, double theta);
  uint64_t n;
  double theta, alpha, zeta_n, eta, half_pow_theta;
};

class OpChooser {
 public:
  // `zipf` must outlive this chooser; null for uniform.
  OpChooser(Workload workload, uint64_t keys, const ZipfianTable* zipf,
            uint64_t seed, int thread);

  struct Op {
    OpKind kind;
    uint64_t key;  // in [0, keys), or a fresh key for kInsert
  };
  Op Next();

 private:
  uint64_t NextKey();

  Workload workload_;
  uint64_t keys_;
  const ZipfianTable* zipf_;
  int thread_;
  uint64_t inserted_ = 0;
  std::mt19937_64 rng_;
  std::uniform_real_distribution<double> unit_{0.0, 1.0};
};

}  // namespace tablestream

#endif  // TABLESTREAM_BENCH_WORKLOAD_H_
