// Copyright 2026 The tablestream Authors.
//
// Transactions are atomic under SIGKILL (guarantee 1): a forked writer runs
// multi-table TransactWriteItems one after another while the parent kills
// it with SIGKILL at seeded random moments; after each kill a forked
// verifier reopens the database and checks that every transaction is there
// entirely (its three items in two tables, its counter increment, and one
// stream record for each) or not at all, that the committed transactions
// are exactly a prefix holding every acknowledged one, and that the records
// of one transaction are adjacent in each stream (one commit).
//
// The test process never opens RocksDB (see child_process.h): children do.

#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "tests/child_process.h"
#include "tests/random_values.h"
#include "tests/test_util.h"

namespace tablestream {
namespace test {
namespace {

constexpr int kRounds = 10;
constexpr int kTransactionsPerRound = 300;

std::string ItemKey(int txn, char part) {
  return absl::StrCat("t", txn, std::string(1, part));
}

// Transaction `i`: items t<i>a and t<i>b in "left", t<i>c in "right", and
// the counter in "right" from i to i + 1 (conditionally).
TransactWriteItemsRequest Transaction(int i) {
  TransactWriteItemsRequest request;
  for (const auto& [table, part] : std::vector<std::pair<std::string, char>>{
           {"left", 'a'}, {"left", 'b'}, {"right", 'c'}}) {
    PutItemRequest put;
    put.table_name = table;
    put.item = {{"pk", S(ItemKey(i, part))}, {"txn", N(absl::StrCat(i))}};
    request.transact_items.push_back(put);
  }
  UpdateItemRequest counter;
  counter.table_name = "right";
  counter.key = {{"pk", S("counter")}};
  counter.update_expression = "ADD n :one";
  counter.condition_expression = "attribute_not_exists(n) OR n = :i";
  counter.placeholders.values =
      ExpressionAttributeValues{{":one", N("1")}, {":i", N(absl::StrCat(i))}};
  request.transact_items.push_back(counter);
  request.client_request_token = absl::StrCat("txn-", i);
  return request;
}

void Writer(const std::string& path, int first, int fd) {
  std::unique_ptr<Engine> engine = OpenOrDie(path, fd);
  for (int i = first; i < first + kTransactionsPerRound; ++i) {
    absl::Status s = engine->TransactWriteItems(Transaction(i));
    if (!s.ok()) Die(fd, absl::StrCat("transaction ", i), s);
    Report(fd, absl::StrCat("a ", i));
  }
}

// The transaction a record's key belongs to, and its part ('a', 'b', 'c';
// 'n' for the counter, whose transaction is NewImage n - 1).
bool RecordTransaction(const StreamRecord& r, int* txn, char* part) {
  const std::string pk = r.dynamodb.keys.at("pk").scalar();
  if (pk == "counter") {
    *part = 'n';
    if (!r.dynamodb.new_image) return false;
    if (!absl::SimpleAtoi(r.dynamodb.new_image->at("n").scalar(), txn)) {
      return false;
    }
    --*txn;
    return true;
  }
  *part = pk.back();
  return absl::SimpleAtoi(pk.substr(1, pk.size() - 2), txn);
}

// Checks the database; reports "violation ..." lines, then "committed <C>".
void Verify(const std::string& path, int fd) {
  std::unique_ptr<Engine> engine = OpenOrDie(path, fd);
  std::optional<Item> counter = Get(*engine, "right", {{"pk", S("counter")}});
  int committed = 0;
  if (counter && !absl::SimpleAtoi(counter->at("n").scalar(), &committed)) {
    Die(fd, "counter", absl::InternalError(ItemDebugString(counter)));
  }
  // Items: transactions below `committed` entirely, the others not at all.
  for (int i = 0; i < committed + 2; ++i) {
    for (const auto& [table, part] : std::vector<std::pair<std::string, char>>{
             {"left", 'a'}, {"left", 'b'}, {"right", 'c'}}) {
      const bool present =
          Get(*engine, table, {{"pk", S(ItemKey(i, part))}}).has_value();
      if (present != (i < committed)) {
        Report(fd, absl::StrCat("violation item ", ItemKey(i, part),
                                present ? " present" : " missing",
                                " with counter ", committed));
      }
    }
  }
  // Records: one per change of a committed transaction, adjacent in each
  // stream.
  for (const std::string table : {"left", "right"}) {
    auto records = ReadTableStream(*engine, table);
    if (!records.ok()) Die(fd, "read", records.status());
    std::map<int, std::string> parts;  // transaction -> parts seen, in order
    int previous = -1;
    for (const StreamRecord& r : *records) {
      int txn = 0;
      char part = 0;
      if (!RecordTransaction(r, &txn, &part)) {
        Report(fd, absl::StrCat("violation record ", RecordDebugString(r)));
        continue;
      }
      if (parts.count(txn) != 0 && previous != txn) {
        Report(fd, absl::StrCat("violation ", table, " records of transaction ",
                                txn, " are not adjacent"));
      }
      parts[txn] += part;
      previous = txn;
    }
    const std::string want = table == "left" ? "ab" : "cn";
    for (int i = 0; i < committed; ++i) {
      if (parts[i] != want) {
        Report(fd, absl::StrCat("violation ", table, " transaction ", i,
                                " has records \"", parts[i], "\", not \"", want,
                                "\""));
      }
    }
    if (!parts.empty() && parts.rbegin()->first >= committed) {
      Report(fd, absl::StrCat("violation ", table, " has records of ",
                              "transaction ", parts.rbegin()->first,
                              " beyond the counter ", committed));
    }
  }
  Report(fd, absl::StrCat("committed ", committed));
}

TEST(TransactionCrashTest, KilledTransactionsAreAllOrNothing) {
  CrashTestDb db(20261204);
  const uint64_t seed = db.seed();
  const std::string& path = db.path();
  RunChild(
      [&](int fd) {
        std::unique_ptr<Engine> engine = OpenOrDie(path, fd);
        CreateTablesOrDie(*engine, "pk",
                          {{"left", StreamViewType::kKeysOnly},
                           {"right", StreamViewType::kNewImage}},
                          fd);
      },
      -1);

  Random rng(seed);
  int committed = 0;
  for (int round = 0; round < kRounds; ++round) {
    const int kill_after = 1 + static_cast<int>(rng.Uniform(150));
    std::vector<std::string> lines =
        RunChild([&](int fd) { Writer(path, committed, fd); }, kill_after);
    const int acknowledged = committed + static_cast<int>(lines.size());
    std::vector<std::string> report =
        RunChild([&](int fd) { Verify(path, fd); }, -1);
    ASSERT_FALSE(report.empty());
    for (const std::string& line : report) {
      EXPECT_FALSE(absl::StartsWith(line, "violation"))
          << "round " << round << ": " << line;
    }
    int now = 0;
    ASSERT_TRUE(absl::SimpleAtoi(report.back().substr(10), &now))
        << report.back();
    // Every acknowledged transaction committed; the one in flight may have.
    EXPECT_GE(now, acknowledged) << "round " << round;
    EXPECT_LE(now, acknowledged + 1) << "round " << round;
    std::cout << "round " << round << ": killed after " << lines.size()
              << " acknowledged transactions; " << now
              << " committed, each whole\n";
    committed = now;
  }
  EXPECT_GT(committed, kRounds);
}

}  // namespace
}  // namespace test
}  // namespace tablestream
