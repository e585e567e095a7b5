// Copyright 2026 The tablestream Authors.
//
// Crash test, in the manner of RocksDB's db_stress: a forked writer process
// opens the engine and writes (durable and non-durable puts, updates and
// deletes, from several threads, each thread on keys of its own) and reports
// every acknowledged write on a pipe; the parent kills it with SIGKILL after
// a random number of acknowledgements, then a forked verifier reopens the
// database and checks every guarantee a crash must keep:
//
//  - every acknowledged write is present (guarantee 5: durable and
//    non-durable writes both survive a process kill);
//  - each key's item is its last acknowledged write, or the one write that
//    was in flight when the process died, and then its record is in the
//    stream too (guarantee 1: no item change without its record or back);
//  - per thread (so per key), the stream holds exactly the records of the
//    acknowledged writes in order, with the right events and images
//    (guarantees 3 and 4); sequence numbers are contiguous (guarantee 2);
//  - each table is the fold of its stream, and its item count matches.
//
// The same database is reused across rounds, so later rounds recover from
// earlier kills, including kills during open and recovery.
//
// Processes: the test process never opens RocksDB (a fork after RocksDB
// started its thread pools leaves the child with a pool whose threads do not
// exist); writers and verifiers are its children, and the verifier reports
// back on a pipe. Writes are generated from (seed, thread, index) alone, so
// the parent can recompute any write, including the one in flight.

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/model_engine.h"
#include "tests/random_values.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

constexpr int kThreads = 4;
constexpr int kRounds = 20;
constexpr size_t kTableA = 0, kTableB = 1;

const std::vector<ModelTableSpec>& CrashTables() {
  static const auto* tables = new std::vector<ModelTableSpec>{
      {"crash_a",
       {"id", ScalarAttributeType::kS},
       std::nullopt,
       StreamViewType::kNewAndOldImages},
      {"crash_b",
       {"pk", ScalarAttributeType::kS},
       KeyAttribute{"sk", ScalarAttributeType::kN},
       StreamViewType::kNewAndOldImages},
  };
  return *tables;
}

// The keys thread `t` owns: two in crash_a, two in crash_b.
std::vector<std::pair<size_t, Item>> KeysOf(int t) {
  return {
      {kTableA, {{"id", S(absl::StrCat("t", t, "-0"))}}},
      {kTableA, {{"id", S(absl::StrCat("t", t, "-1"))}}},
      {kTableB, {{"pk", S(absl::StrCat("t", t))}, {"sk", N("1")}}},
      {kTableB, {{"pk", S(absl::StrCat("t", t))}, {"sk", N("2")}}},
  };
}

// The thread that owns a key of either table.
int OwnerOf(const Item& key) {
  auto it = key.find("id");
  if (it == key.end()) it = key.find("pk");
  if (it == key.end() || it->second.scalar().size() < 2) return -1;
  return std::atoi(it->second.scalar().c_str() + 1);
}

struct CrashOp {
  enum class Kind { kPut, kUpdate, kDelete };
  Kind kind = Kind::kPut;
  size_t table = kTableA;
  Item key;
  Item item;                                            // kPut
  std::map<std::string, AttributeValueUpdate> updates;  // kUpdate
  bool durable = true;
};

// Write number `index` of thread `thread`: a function of its arguments only.
CrashOp MakeOp(uint64_t seed, int thread, uint64_t index) {
  Random rng(seed * 0x9E3779B97F4A7C15ULL ^
             (thread + 1) * 0xC2B2AE3D27D4EB4FULL ^
             index * 0x165667B19E3779F9ULL);
  CrashOp op;
  const auto keys = KeysOf(thread);
  const auto& [table, key] = keys[rng.Uniform(keys.size())];
  op.table = table;
  op.key = key;
  op.durable = !rng.OneIn(4);
  const std::string w = absl::StrCat(thread, "-", index);
  const uint64_t r = rng.Uniform(10);
  if (r < 5) {
    op.kind = CrashOp::Kind::kPut;
    op.item = key;
    op.item["w"] = S(w);
    op.item["v"] = RandomValue(rng);
    op.item["pad"] = S(std::string(rng.Uniform(3000), 'p'));
  } else if (r < 8) {
    op.kind = CrashOp::Kind::kUpdate;
    op.updates["w"] = {AttributeAction::kPut, S(w)};
    op.updates["n"] = {AttributeAction::kAdd, N("1")};
  } else {
    op.kind = CrashOp::Kind::kDelete;
  }
  return op;
}

absl::Status Apply(Engine& engine, const CrashOp& op) {
  const std::string& table = CrashTables()[op.table].name;
  WriteOptions options;
  options.durable = op.durable;
  switch (op.kind) {
    case CrashOp::Kind::kPut:
      return Put(engine, table, op.item, options);
    case CrashOp::Kind::kUpdate: {
      UpdateItemRequest u;
      u.table_name = table;
      u.key = op.key;
      u.attribute_updates = op.updates;
      return engine.UpdateItem(u, options).status();
    }
    case CrashOp::Kind::kDelete:
      return Delete(engine, table, op.key, options);
  }
  return absl::OkStatus();
}

// Applies `op` to the model; returns the record it adds, if any.
std::optional<ModelRecord> ApplyToModel(ModelTable& m, const CrashOp& op) {
  switch (op.kind) {
    case CrashOp::Kind::kPut:
      return m.Put(op.item, {}, ReturnValue::kNone, 0).record;
    case CrashOp::Kind::kUpdate:
      return m.Update(op.key, op.updates, {}, ReturnValue::kNone, 0).record;
    case CrashOp::Kind::kDelete:
      return m.Delete(op.key, {}, ReturnValue::kNone, 0).record;
  }
  return std::nullopt;
}

// One message on the acknowledgement pipe (written atomically: < PIPE_BUF).
struct Ack {
  uint32_t thread;
  uint32_t failed;  // 1: the write returned an error (a test failure)
  uint64_t index;
};

Options CrashOptions(int64_t start_micros) {
  Options options = TestOptions(std::make_shared<ManualClock>(start_micros));
  options.write_buffer_bytes = 512u << 10;  // frequent flushes
  return options;
}

// The writer process. Never returns.
[[noreturn]] void RunWriter(const std::string& path, uint64_t seed, int round,
                            const std::vector<uint64_t>& first_index,
                            int ack_fd) {
  auto engine = Engine::Open(
      CrashOptions(kTestEpochMicros + int64_t{round} * 3600 * 1000000), path);
  if (!engine.ok()) {
    std::cerr << "writer: open failed: " << engine.status() << "\n";
    _exit(2);
  }
  for (const ModelTableSpec& spec : CrashTables()) {
    if ((*engine)->DescribeTable(spec.name).ok()) continue;
    absl::Status s = (*engine)
                         ->CreateTable(TableRequest(spec.name, spec.hash,
                                                    spec.range, spec.view))
                         .status();
    if (!s.ok()) {
      std::cerr << "writer: CreateTable failed: " << s << "\n";
      _exit(2);
    }
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (uint64_t i = first_index[t]; i < first_index[t] + 100000; ++i) {
        absl::Status s = Apply(**engine, MakeOp(seed, t, i));
        Ack ack{static_cast<uint32_t>(t), s.ok() ? 0u : 1u, i};
        if (write(ack_fd, &ack, sizeof(ack)) != sizeof(ack)) _exit(3);
        if (!s.ok()) {
          std::cerr << "writer: write " << t << "/" << i << " failed: " << s
                    << "\n";
          _exit(4);
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  _exit(0);
}

// What the parent knows between rounds.
struct Expectation {
  // models[t][table]: the writes of thread t known to be committed.
  std::vector<std::vector<ModelTable>> models;
  // next[t]: the index of thread t's next write (its write in flight, if
  // the writer was killed while it ran).
  std::vector<uint64_t> next;
  bool tables_may_exist = false;
};

// The verifier process's checks. Returns "" if all hold, else the problems.
// Sets applied[t] if thread t's write in flight turned out committed.
std::string Verify(const std::string& path, uint64_t seed, const Expectation& e,
                   std::vector<char>* applied) {
  auto opened = Engine::Open(CrashOptions(kTestEpochMicros), path);
  if (!opened.ok())
    return absl::StrCat("reopen failed: ", opened.status().ToString());
  Engine& engine = **opened;
  std::string problems;
  auto problem = [&](const std::string& p) {
    // Items carry padding: keep each line readable.
    if (problems.size() < 8000) {
      absl::StrAppend(&problems,
                      p.size() > 1000 ? p.substr(0, 1000) + "..." : p, "\n");
    }
  };

  // Each table's stream, contiguous, split by owner thread.
  std::vector<std::vector<std::vector<StreamRecord>>> by_thread(
      CrashTables().size(), std::vector<std::vector<StreamRecord>>(kThreads));
  std::vector<std::vector<StreamRecord>> streams(CrashTables().size());
  for (size_t x = 0; x < CrashTables().size(); ++x) {
    const std::string& name = CrashTables()[x].name;
    auto arn = LatestStreamArn(engine, name);
    if (!arn.ok()) {
      if (absl::IsNotFound(arn.status()) && !e.tables_may_exist) continue;
      problem(absl::StrCat(name, ": ", arn.status().ToString()));
      continue;
    }
    auto shards = ListShards(engine, *arn);
    auto records = ReadStream(engine, *arn);
    if (!shards.ok() || shards->empty() || !records.ok()) {
      problem(absl::StrCat(name, ": cannot read the stream"));
      continue;
    }
    ::testing::AssertionResult contiguous = SequencesContiguous(
        *records, (*shards)[0].sequence_number_range.starting_sequence_number);
    if (!contiguous) problem(absl::StrCat(name, ": ", contiguous.message()));
    for (const StreamRecord& r : *records) {
      const int owner = OwnerOf(r.dynamodb.keys);
      if (owner < 0 || owner >= kThreads) {
        problem(absl::StrCat(name, ": record of an unknown key ",
                             RecordDebugString(r)));
        continue;
      }
      by_thread[x][owner].push_back(r);
    }
    streams[x] = std::move(*records);
  }

  // Per thread: the stream holds its acknowledged writes, in order, plus at
  // most its write in flight; its items are the matching state.
  std::vector<int64_t> present(CrashTables().size(), 0);
  // actual[x][KeyString(key)]: the item read back, for the fold check.
  std::vector<std::map<std::string, std::optional<Item>>> actual(
      CrashTables().size());
  for (int t = 0; t < kThreads; ++t) {
    const CrashOp inflight = MakeOp(seed, t, e.next[t]);
    std::vector<ModelTable> with_inflight = e.models[t];
    const std::optional<ModelRecord> extra =
        ApplyToModel(with_inflight[inflight.table], inflight);
    bool committed = false;
    for (size_t x = 0; x < CrashTables().size(); ++x) {
      const std::vector<ModelRecord>& want = e.models[t][x].records();
      const std::vector<StreamRecord>& got = by_thread[x][t];
      const StreamViewType view = *CrashTables()[x].view;
      size_t n = std::min(got.size(), want.size());
      for (size_t i = 0; i < n; ++i) {
        if (!RecordMatches(got[i], want[i], view)) {
          problem(absl::StrCat("thread ", t, " ", CrashTables()[x].name,
                               " record ", i, ": got ",
                               RecordDebugString(got[i]), ", want ",
                               ModelRecordDebugString(want[i], view)));
          break;
        }
      }
      if (got.size() == want.size()) continue;
      if (got.size() == want.size() + 1 && extra && inflight.table == x &&
          RecordMatches(got.back(), *extra, view)) {
        committed = true;
        continue;
      }
      problem(absl::StrCat(
          "thread ", t, " ", CrashTables()[x].name, ": ", got.size(),
          " records, want ", want.size(),
          extra && inflight.table == x ? " (or one more: the write in flight)"
                                       : "",
          got.size() < want.size() ? " -- an acknowledged write was lost"
                                   : ""));
    }
    (*applied)[t] = committed;
    const std::vector<ModelTable>& state =
        committed ? with_inflight : e.models[t];
    for (const auto& [x, key] : KeysOf(t)) {
      GetItemRequest get;
      get.table_name = CrashTables()[x].name;
      get.key = key;
      auto item = engine.GetItem(get);
      if (!item.ok()) {
        if (!e.tables_may_exist && absl::IsNotFound(item.status())) continue;
        problem(absl::StrCat("GetItem ", ItemDebugString(key), ": ",
                             item.status().ToString()));
        continue;
      }
      const Item* want = state[x].Find(key);
      present[x] += item->has_value();
      actual[x][KeyString(key)] = *item;
      if (ItemDebugString(*item) !=
          ItemDebugString(want ? std::optional<Item>(*want) : std::nullopt)) {
        problem(absl::StrCat(
            "item ", ItemDebugString(key), " is ", ItemDebugString(*item),
            ", want ",
            ItemDebugString(want ? std::optional<Item>(*want) : std::nullopt)));
      }
    }
  }

  // Each table is the fold of its stream, and counts its items.
  for (size_t x = 0; x < CrashTables().size(); ++x) {
    auto d = engine.DescribeTable(CrashTables()[x].name);
    if (!d.ok()) continue;
    if (d->item_count != present[x]) {
      problem(absl::StrCat(CrashTables()[x].name, ": item_count ",
                           d->item_count, ", items present ", present[x]));
    }
    const std::map<std::string, std::optional<Item>> fold =
        FoldStream(streams[x]);
    for (const auto& [key, item] : fold) {
      if (!actual[x].count(key)) {
        problem(absl::StrCat("stream key ", key, " is unknown"));
      }
    }
    for (const auto& [key, item] : actual[x]) {
      auto it = fold.find(key);
      const std::optional<Item> folded =
          it == fold.end() ? std::nullopt : it->second;
      if (ItemDebugString(folded) != ItemDebugString(item)) {
        problem(absl::StrCat(CrashTables()[x].name, " ", key, ": item ",
                             ItemDebugString(item), " but its stream folds to ",
                             ItemDebugString(folded), " (torn write)"));
      }
    }
  }
  return problems;
}

// Reads from `fd` until EOF into *out.
void ReadAll(int fd, std::string* out) {
  char buf[4096];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof(buf));
    if (n > 0) {
      out->append(buf, static_cast<size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return;
    }
  }
}

TEST(CrashTest, KilledWriterLosesNoAcknowledgedWrite) {
  const uint64_t seed = TestSeed(20260101);
  SCOPED_TRACE(absl::StrCat("seed ", seed,
                            " (rerun with TABLESTREAM_TEST_SEED=", seed, ")"));
  TempDir dir;
  const std::string path = dir.Sub("db");
  Random rng(seed);

  Expectation e;
  e.next.assign(kThreads, 0);
  e.models.resize(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    for (const ModelTableSpec& spec : CrashTables()) {
      e.models[t].emplace_back(spec);
    }
  }

  uint64_t total_acks = 0;
  for (int round = 0; round < kRounds && !HasFailure(); ++round) {
    SCOPED_TRACE(absl::StrCat("round ", round));
    // Kill at a random moment: right away (during open and recovery) or
    // after a random number of acknowledged writes.
    const uint64_t target = rng.OneIn(6) ? 0 : 1 + rng.Uniform(800);

    int ack_pipe[2];
    ASSERT_EQ(pipe(ack_pipe), 0);
    const pid_t writer = fork();
    ASSERT_GE(writer, 0);
    if (writer == 0) {
      close(ack_pipe[0]);
      RunWriter(path, seed, round, e.next, ack_pipe[1]);
    }
    close(ack_pipe[1]);

    // Collect acknowledgements; kill once `target` arrived (bounded wait).
    std::vector<Ack> acks;
    std::string pending;
    bool killed = false;
    const int64_t deadline_ms = 60000;
    int64_t waited_ms = 0;
    auto kill_writer = [&] {
      if (!killed) kill(writer, SIGKILL);
      killed = true;
    };
    if (target == 0) kill_writer();
    for (;;) {
      if (!killed && acks.size() >= target) kill_writer();
      pollfd p{ack_pipe[0], POLLIN, 0};
      const int ready = poll(&p, 1, 100);
      if (ready == 0) {
        waited_ms += 100;
        if (waited_ms > deadline_ms) {
          kill_writer();
          ADD_FAILURE() << "the writer made no progress for "
                        << deadline_ms / 1000 << " s";
        }
        continue;
      }
      char buf[4096];
      const ssize_t n = read(ack_pipe[0], buf, sizeof(buf));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;  // EOF: the writer is gone
      waited_ms = 0;
      pending.append(buf, static_cast<size_t>(n));
      while (pending.size() >= sizeof(Ack)) {
        Ack ack;
        memcpy(&ack, pending.data(), sizeof(ack));
        pending.erase(0, sizeof(ack));
        acks.push_back(ack);
      }
    }
    close(ack_pipe[0]);
    int status = 0;
    ASSERT_EQ(waitpid(writer, &status, 0), writer);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the writer exited on its own with status " << status;

    // Fold the acknowledged writes into the expectation.
    for (const Ack& ack : acks) {
      ASSERT_LT(ack.thread, static_cast<uint32_t>(kThreads));
      ASSERT_EQ(ack.failed, 0u) << "write " << ack.thread << "/" << ack.index
                                << " failed in the writer";
      ASSERT_EQ(ack.index, e.next[ack.thread])
          << "acknowledgements of thread " << ack.thread << " out of order";
      const CrashOp op = MakeOp(seed, static_cast<int>(ack.thread), ack.index);
      ApplyToModel(e.models[ack.thread][op.table], op);
      ++e.next[ack.thread];
      e.tables_may_exist = true;
    }
    total_acks += acks.size();

    // Verify in a forked child, which may open RocksDB.
    int report_pipe[2];
    ASSERT_EQ(pipe(report_pipe), 0);
    const pid_t verifier = fork();
    ASSERT_GE(verifier, 0);
    if (verifier == 0) {
      close(report_pipe[0]);
      std::vector<char> applied(kThreads, 0);
      std::string problems;
      try {
        problems = Verify(path, seed, e, &applied);
      } catch (const std::exception& ex) {
        problems = absl::StrCat("verifier exception: ", ex.what());
      }
      std::string message(applied.begin(), applied.end());
      message += problems;
      size_t off = 0;
      while (off < message.size()) {
        ssize_t n =
            write(report_pipe[1], message.data() + off, message.size() - off);
        if (n <= 0) break;
        off += static_cast<size_t>(n);
      }
      _exit(problems.empty() ? 0 : 1);
    }
    close(report_pipe[1]);
    std::string report;
    ReadAll(report_pipe[0], &report);
    close(report_pipe[0]);
    ASSERT_EQ(waitpid(verifier, &status, 0), verifier);
    ASSERT_TRUE(WIFEXITED(status)) << "the verifier crashed: status " << status;
    ASSERT_GE(report.size(), static_cast<size_t>(kThreads));
    const std::string problems = report.substr(kThreads);
    EXPECT_EQ(WEXITSTATUS(status), problems.empty() ? 0 : 1);
    EXPECT_TRUE(problems.empty())
        << "after a kill with " << acks.size() << " acknowledged writes:\n"
        << problems;

    // A write in flight that committed is part of the state from now on.
    int inflight_committed = 0;
    for (int t = 0; t < kThreads; ++t) {
      if (!report[t]) continue;
      const CrashOp op = MakeOp(seed, t, e.next[t]);
      ApplyToModel(e.models[t][op.table], op);
      ++e.next[t];
      ++inflight_committed;
    }
    std::cout << "round " << round << ": killed after " << acks.size()
              << " acknowledged writes (target " << target << "), "
              << inflight_committed << " unacknowledged committed\n";
  }
  EXPECT_GT(total_acks, 0u);
}

}  // namespace
}  // namespace test
}  // namespace tablestream
