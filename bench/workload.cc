// Copyright 2026 The tablestream Authors.

#include "bench/workload.h"

#include <cmath>

namespace tablestream {
namespace {

struct Named {
  const char* name;
  Workload workload;
};
constexpr Named kWorkloads[] = {
    {"insert-only", Workload::kInsertOnly},
    {"update-heavy", Workload::kUpdateHeavy},
    {"read-mostly", Workload::kReadMostly},
    {"mixed", Workload::kMixed},
    {"delete-heavy", Workload::kDeleteHeavy},
};

// FNV-1a of the 8 bytes of x, as YCSB scrambles its zipfian.
uint64_t Fnv64(uint64_t x) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (int i = 0; i < 8; ++i) {
    h ^= x & 0xff;
    h *= 0x100000001b3ull;
    x >>= 8;
  }
  return h;
}

}  // namespace

const char* WorkloadName(Workload w) {
  for (const Named& n : kWorkloads) {
    if (n.workload == w) return n.name;
  }
  return "?";
}

const char* DistributionName(Distribution d) {
  return d == Distribution::kZipfian ? "zipfian" : "uniform";
}

const char* OpKindName(OpKind k) {
  switch (k) {
    case OpKind::kRead:
      return "read";
    case OpKind::kUpdate:
      return "update";
    case OpKind::kPut:
      return "put";
    case OpKind::kInsert:
      return "insert";
    case OpKind::kDelete:
      return "delete";
  }
  return "?";
}

std::optional<Workload> ParseWorkload(const std::string& name) {
  for (const Named& n : kWorkloads) {
    if (name == n.name) return n.workload;
  }
  return std::nullopt;
}

std::optional<Distribution> ParseDistribution(const std::string& name) {
  if (name == "uniform") return Distribution::kUniform;
  if (name == "zipfian") return Distribution::kZipfian;
  return std::nullopt;
}

std::vector<std::string> WorkloadNames() {
  std::vector<std::string> out;
  for (const Named& n : kWorkloads) out.push_back(n.name);
  return out;
}

bool NeedsPreload(Workload w) { return w != Workload::kInsertOnly; }

ZipfianTable::ZipfianTable(uint64_t n, double theta) : n(n), theta(theta) {
  zeta_n = 0;
  for (uint64_t i = 1; i <= n; ++i) zeta_n += 1.0 / std::pow(i, theta);
  const double zeta_2 = 1.0 + 1.0 / std::pow(2.0, theta);
  alpha = 1.0 / (1.0 - theta);
  eta = (1.0 - std::pow(2.0 / n, 1.0 - theta)) / (1.0 - zeta_2 / zeta_n);
  half_pow_theta = 1.0 + std::pow(0.5, theta);
}

OpChooser::OpChooser(Workload workload, uint64_t keys, const ZipfianTable* zipf,
                     uint64_t seed, int thread)
    : workload_(workload),
      keys_(keys),
      zipf_(zipf),
      thread_(thread),
      rng_(seed * 0x9e3779b97f4a7c15ull + thread) {}

uint64_t OpChooser::NextKey() {
  if (zipf_ == nullptr) return rng_() % keys_;
  // Gray et al., "Quickly generating billion-record synthetic databases", as
  // YCSB's ZipfianGenerator, then scrambled.
  const ZipfianTable& z = *zipf_;
  const double u = unit_(rng_);
  const double uz = u * z.zeta_n;
  uint64_t rank;
  if (uz < 1.0) {
    rank = 0;
  } else if (uz < z.half_pow_theta) {
    rank = 1;
  } else {
    rank = static_cast<uint64_t>(z.n * std::pow(z.eta * u - z.eta + 1, z.alpha));
  }
  return Fnv64(rank) % keys_;
}

OpChooser::Op OpChooser::Next() {
  // Fresh keys: above the key space, distinct per thread.
  auto fresh = [&] {
    return keys_ + (static_cast<uint64_t>(thread_) << 40) + inserted_++;
  };
  const double p = unit_(rng_);
  switch (workload_) {
    case Workload::kInsertOnly:
      return {OpKind::kInsert, fresh()};
    case Workload::kUpdateHeavy:
      return {p < 0.5 ? OpKind::kUpdate : OpKind::kRead, NextKey()};
    case Workload::kReadMostly:
      return {p < 0.05 ? OpKind::kUpdate : OpKind::kRead, NextKey()};
    case Workload::kMixed:
      if (p < 0.50) return {OpKind::kRead, NextKey()};
      if (p < 0.75) return {OpKind::kUpdate, NextKey()};
      if (p < 0.90) return {OpKind::kInsert, fresh()};
      return {OpKind::kDelete, NextKey()};
    case Workload::kDeleteHeavy:
      return {p < 0.5 ? OpKind::kDelete : OpKind::kPut, NextKey()};
  }
  return {OpKind::kRead, 0};
}

}  // namespace tablestream
