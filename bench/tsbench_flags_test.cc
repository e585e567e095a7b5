// Copyright 2026 The tablestream Authors.

#include "bench/tsbench_flags.h"

#include <map>
#include <set>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;

absl::StatusOr<TsbenchFlags> Parse(std::vector<const char*> args) {
  args.insert(args.begin(), "tsbench");
  return ParseTsbenchFlags(static_cast<int>(args.size()), args.data());
}

std::string Error(std::vector<const char*> args) {
  absl::StatusOr<TsbenchFlags> f = Parse(std::move(args));
  EXPECT_FALSE(f.ok());
  return f.ok() ? "" : std::string(f.status().message());
}

TEST(TsbenchFlagsTest, DefaultsAreShort) {
  absl::StatusOr<TsbenchFlags> f = Parse({});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->workload, Workload::kInsertOnly);
  EXPECT_EQ(f->targets.size(), 4u);
  EXPECT_EQ(f->threads, std::vector<int>{1});
  EXPECT_EQ(f->durable, std::vector<bool>{true});
  EXPECT_EQ(f->stream, StreamViewType::kNewAndOldImages);
  EXPECT_LE(f->seconds + f->warmup, 3);
}

TEST(TsbenchFlagsTest, ParsesEveryFlag) {
  absl::StatusOr<TsbenchFlags> f = Parse(
      {"--workload=delete-heavy", "--targets", "sqlite,tablestream",
       "--threads=1,8,64", "--durable=both", "--stream=KEYS_ONLY",
       "--item-bytes=1000", "--keys=500", "--distribution=zipfian",
       "--zipf-theta=0.8", "--seed=7", "--seconds=0.5", "--warmup=0",
       "--rounds=3", "--consumer=poll", "--scan", "--dir=/var/tmp",
       "--json=a.json", "--markdown=a.md", "--plot=a.dat",
       "--write-buffer-mib=16", "--block-cache-mib=8"});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->workload, Workload::kDeleteHeavy);
  EXPECT_EQ(f->targets,
            (std::vector<Target>{Target::kTablestream, Target::kSqlite}));
  EXPECT_EQ(f->threads, (std::vector<int>{1, 8, 64}));
  EXPECT_EQ(f->durable, (std::vector<bool>{true, false}));
  EXPECT_EQ(f->stream, StreamViewType::kKeysOnly);
  EXPECT_EQ(f->item_bytes, 1000u);
  EXPECT_EQ(f->keys, 500u);
  EXPECT_EQ(f->distribution, Distribution::kZipfian);
  EXPECT_DOUBLE_EQ(f->zipf_theta, 0.8);
  EXPECT_EQ(f->seed, 7u);
  EXPECT_DOUBLE_EQ(f->seconds, 0.5);
  EXPECT_DOUBLE_EQ(f->warmup, 0);
  EXPECT_EQ(f->rounds, 3);
  EXPECT_EQ(f->consumer, ConsumerMode::kPoll);
  EXPECT_TRUE(f->scan);
  EXPECT_EQ(f->dir, "/var/tmp");
  EXPECT_EQ(f->json, "a.json");
  EXPECT_EQ(f->markdown, "a.md");
  EXPECT_EQ(f->plot, "a.dat");
  EXPECT_EQ(f->write_buffer_mib, 16u);
  EXPECT_EQ(f->block_cache_mib, 8u);
}

TEST(TsbenchFlagsTest, StreamOff) {
  absl::StatusOr<TsbenchFlags> f = Parse({"--stream=off"});
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_FALSE(f->stream.has_value());
}

TEST(TsbenchFlagsTest, BadValuesListTheValidOnes) {
  EXPECT_THAT(Error({"--workload=scan"}),
              HasSubstr("valid: insert-only, update-heavy, read-mostly, "
                        "mixed, delete-heavy"));
  EXPECT_THAT(Error({"--targets=tablestream,mysql"}),
              HasSubstr("tablestream, rocksdb, floor, sqlite"));
  EXPECT_THAT(Error({"--stream=NEW"}),
              HasSubstr("off, KEYS_ONLY, NEW_IMAGE, OLD_IMAGE, "
                        "NEW_AND_OLD_IMAGES"));
  EXPECT_THAT(Error({"--distribution=normal"}), HasSubstr("uniform, zipfian"));
  EXPECT_THAT(Error({"--durable=yes"}), HasSubstr("true, false, both"));
  EXPECT_THAT(Error({"--consumer=lambda"}), HasSubstr("none, poll"));
  EXPECT_THAT(Error({"--threads=0"}), HasSubstr("1..1024"));
  EXPECT_THAT(Error({"--threads=4,x"}), HasSubstr("1..1024"));
  EXPECT_THAT(Error({"--seconds=-1"}), HasSubstr("a number > 0"));
  EXPECT_THAT(Error({"--item-bytes=10"}), HasSubstr("80..400000"));
  EXPECT_THAT(Error({"--zipf-theta=1.5"}), HasSubstr("(0, 1)"));
  EXPECT_THAT(Error({"--rounds=0"}), HasSubstr(">= 1"));
  EXPECT_THAT(Error({"--block-cache-mib=0"}), HasSubstr("1..65536"));
}

TEST(TsbenchFlagsTest, UnknownFlagsShowTheUsage) {
  const std::string e = Error({"--writers=8"});
  EXPECT_THAT(e, HasSubstr("unknown flag --writers"));
  EXPECT_THAT(e, HasSubstr("--threads="));
  EXPECT_THAT(Error({"fast"}), HasSubstr("unexpected argument"));
  EXPECT_THAT(Error({"--seed"}), HasSubstr("--seed needs a value"));
}

TEST(TsbenchFlagsTest, ConsumerAndScanNeedAStream) {
  EXPECT_THAT(Error({"--stream=off", "--consumer=poll"}),
              HasSubstr("needs a stream"));
  EXPECT_THAT(Error({"--stream=off", "--scan"}), HasSubstr("needs a stream"));
}

TEST(TsbenchWorkloadTest, MixesFollowTheirDefinition) {
  const std::map<Workload, std::map<OpKind, double>> expected = {
      {Workload::kInsertOnly, {{OpKind::kInsert, 1.0}}},
      {Workload::kUpdateHeavy, {{OpKind::kUpdate, 0.5}, {OpKind::kRead, 0.5}}},
      {Workload::kReadMostly, {{OpKind::kUpdate, 0.05}, {OpKind::kRead, 0.95}}},
      {Workload::kMixed,
       {{OpKind::kRead, 0.5},
        {OpKind::kUpdate, 0.25},
        {OpKind::kInsert, 0.15},
        {OpKind::kDelete, 0.10}}},
      {Workload::kDeleteHeavy, {{OpKind::kDelete, 0.5}, {OpKind::kPut, 0.5}}},
  };
  for (const auto& [workload, mix] : expected) {
    OpChooser chooser(workload, 1000, nullptr, 1, 0);
    std::map<OpKind, int> counts;
    std::set<uint64_t> fresh;
    constexpr int kOps = 20000;
    for (int i = 0; i < kOps; ++i) {
      const OpChooser::Op op = chooser.Next();
      ++counts[op.kind];
      if (op.kind == OpKind::kInsert) {
        EXPECT_GE(op.key, 1000u);
        EXPECT_TRUE(fresh.insert(op.key).second) << "insert keys repeat";
      } else {
        EXPECT_LT(op.key, 1000u);
      }
    }
    for (const auto& [kind, share] : mix) {
      EXPECT_NEAR(1.0 * counts[kind] / kOps, share, 0.02)
          << WorkloadName(workload) << " " << OpKindName(kind);
    }
  }
}

TEST(TsbenchWorkloadTest, SeededAndZipfianIsSkewed) {
  const ZipfianTable zipf(10000, 0.99);
  OpChooser a(Workload::kReadMostly, 10000, &zipf, 42, 3);
  OpChooser b(Workload::kReadMostly, 10000, &zipf, 42, 3);
  std::map<uint64_t, int> counts;
  for (int i = 0; i < 50000; ++i) {
    const OpChooser::Op x = a.Next(), y = b.Next();
    ASSERT_EQ(x.key, y.key);
    ASSERT_EQ(x.kind, y.kind);
    ++counts[x.key];
  }
  int hottest = 0;
  for (const auto& [key, n] : counts) hottest = std::max(hottest, n);
  // Uniform would give about 5 per key; zipfian's top key gets ~8% of ops.
  EXPECT_GT(hottest, 1000);
}

}  // namespace
}  // namespace tablestream
