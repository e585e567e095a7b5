// Copyright 2026 The tablestream Authors.
//
// Query and Scan against a simple in-test model: seeded random data, random
// key conditions, limits, directions and filters, paged through
// ExclusiveStartKey / LastEvaluatedKey until the end. The seed is printed.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/engine_test_fixture.h"
#include "gmock/gmock.h"

namespace tablestream {
namespace {

using ::testing::HasSubstr;
using V = AttributeValue;

class QueryTest : public EngineTest {
 protected:
  // Reads every page of `request`, checking each page's counts; returns the
  // items in order.
  std::vector<Item> QueryAll(QueryRequest request, int* pages = nullptr) {
    std::vector<Item> out;
    int n = 0;
    while (true) {
      auto page = engine_->Query(request);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      ++n;
      EXPECT_LE(page->count, page->scanned_count);
      EXPECT_EQ(page->count, static_cast<int>(page->items.size()));
      if (request.limit) EXPECT_LE(page->scanned_count, *request.limit);
      for (Item& item : page->items) out.push_back(std::move(item));
      if (!page->last_evaluated_key) break;
      request.exclusive_start_key = page->last_evaluated_key;
      if (n > 10000) {
        ADD_FAILURE() << "no end";
        break;
      }
    }
    if (pages) *pages = n;
    return out;
  }
  std::vector<Item> ScanAll(ScanRequest request) {
    std::vector<Item> out;
    while (true) {
      auto page = engine_->Scan(request);
      EXPECT_TRUE(page.ok()) << page.status();
      if (!page.ok()) break;
      if (request.limit) EXPECT_LE(page->scanned_count, *request.limit);
      for (Item& item : page->items) out.push_back(std::move(item));
      if (!page->last_evaluated_key) break;
      request.exclusive_start_key = page->last_evaluated_key;
    }
    return out;
  }
};

// A fixed seed, so that runs repeat; TABLESTREAM_SEED overrides it.
uint32_t Seed() {
  const char* env = std::getenv("TABLESTREAM_SEED");
  return env != nullptr ? static_cast<uint32_t>(std::strtoul(env, nullptr, 10))
                        : 20261202u;
}

std::string RandomSortKey(std::mt19937& rng) {
  std::string s;
  const int len = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < len; ++i) s.push_back(static_cast<char>('a' + rng() % 4));
  return s;
}

TEST_F(QueryTest, PaginationMatchesModel) {
  const uint32_t seed = Seed();
  std::printf("QueryTest seed: %u\n", seed);
  SCOPED_TRACE(seed);
  std::mt19937 rng(seed);
  CreateTable("qtab", std::nullopt, ScalarAttributeType::kS);
  // Model: partition -> sort key -> v.
  std::map<std::string, std::map<std::string, int>> model;
  for (int p = 0; p < 4; ++p) {
    const std::string pk = "p" + std::to_string(p);
    const int n = static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      const std::string sk = RandomSortKey(rng);
      const int v = static_cast<int>(rng() % 10);
      model[pk][sk] = v;
      ASSERT_TRUE(
          Put("qtab",
              {{"pk", S(pk)}, {"sk", S(sk)}, {"v", N(std::to_string(v))}})
              .ok());
    }
  }
  const char* kOps[] = {"",
                        "sk = :a",
                        "sk < :a",
                        "sk <= :a",
                        "sk > :a",
                        "sk >= :a",
                        "sk BETWEEN :a AND :b",
                        "begins_with(sk, :a)"};
  for (int round = 0; round < 300; ++round) {
    const std::string pk = "p" + std::to_string(rng() % 5);  // p4 is empty
    const int op = static_cast<int>(rng() % 8);
    std::string a = RandomSortKey(rng), b = RandomSortKey(rng);
    if (b < a) std::swap(a, b);
    QueryRequest r;
    r.table_name = "qtab";
    r.key_condition_expression = "pk = :p";
    ExpressionAttributeValues values = {{":p", S(pk)}};
    if (op != 0) {
      r.key_condition_expression += std::string(" AND ") + kOps[op];
      values[":a"] = S(a);
      if (op == 6) values[":b"] = S(b);
    }
    const bool filter = rng() % 2 == 0;
    const int f = static_cast<int>(rng() % 10);
    if (filter) {
      r.filter_expression = "v < :f";
      values[":f"] = N(std::to_string(f));
    }
    r.placeholders.values = values;
    if (rng() % 3 != 0) r.limit = 1 + static_cast<int>(rng() % 7);
    r.scan_index_forward = rng() % 2 == 0;

    std::vector<std::string> want;
    for (const auto& [sk, v] : model[pk]) {
      bool in = true;
      switch (op) {
        case 1:
          in = sk == a;
          break;
        case 2:
          in = sk < a;
          break;
        case 3:
          in = sk <= a;
          break;
        case 4:
          in = sk > a;
          break;
        case 5:
          in = sk >= a;
          break;
        case 6:
          in = sk >= a && sk <= b;
          break;
        case 7:
          in = sk.compare(0, a.size(), a) == 0;
          break;
      }
      if (in && (!filter || v < f)) want.push_back(sk);
    }
    if (!r.scan_index_forward) std::reverse(want.begin(), want.end());
    std::vector<std::string> got;
    for (const Item& item : QueryAll(r)) {
      EXPECT_EQ(item.at("pk"), S(pk));
      got.push_back(item.at("sk").scalar());
    }
    ASSERT_EQ(got, want) << "round " << round << ": "
                         << r.key_condition_expression << " a=" << a
                         << " b=" << b << " forward=" << r.scan_index_forward;
  }
}

TEST_F(QueryTest, NumericSortKeysAndSelect) {
  CreateTable("ntab", std::nullopt, ScalarAttributeType::kN);
  const char* keys[] = {"-10", "-1.5", "0", "0.25", "2", "10", "100"};
  for (const char* k : keys) {
    ASSERT_TRUE(Put("ntab", {{"pk", S("p")}, {"sk", N(k)}, {"x", S(k)}}).ok());
  }
  QueryRequest r;
  r.table_name = "ntab";
  r.key_condition_expression = "pk = :p AND sk BETWEEN :lo AND :hi";
  r.placeholders.values = ExpressionAttributeValues{
      {":p", S("p")}, {":lo", N("-1.5")}, {":hi", N("10")}};
  std::vector<std::string> got;
  for (const Item& item : QueryAll(r)) got.push_back(item.at("x").scalar());
  EXPECT_EQ(got, (std::vector<std::string>{"-1.5", "0", "0.25", "2", "10"}));

  r.select = Select::kCount;
  auto count = engine_->Query(r);
  ASSERT_TRUE(count.ok()) << count.status();
  EXPECT_EQ(count->count, 5);
  EXPECT_TRUE(count->items.empty());

  r.select.reset();
  r.projection_expression = "x";
  auto projected = engine_->Query(r);
  ASSERT_TRUE(projected.ok());
  EXPECT_EQ(projected->items[0], (Item{{"x", S("-1.5")}}));

  // Limit reached exactly: a LastEvaluatedKey, then an empty last page.
  r.projection_expression.reset();
  r.limit = 5;
  auto first = engine_->Query(r);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->last_evaluated_key.has_value());
  EXPECT_EQ(*first->last_evaluated_key,
            (Item{{"pk", S("p")}, {"sk", N("10")}}));
  r.exclusive_start_key = first->last_evaluated_key;
  auto last = engine_->Query(r);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(last->scanned_count, 0);
  EXPECT_FALSE(last->last_evaluated_key.has_value());
}

TEST_F(QueryTest, FilterCountsAfterTheRead) {
  CreateTable("ftab", std::nullopt, ScalarAttributeType::kN);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(Put("ftab", {{"pk", S("p")},
                             {"sk", N(std::to_string(i))},
                             {"even", V::Bool(i % 2 == 0)}})
                    .ok());
  }
  QueryRequest r;
  r.table_name = "ftab";
  r.key_condition_expression = "pk = :p";
  r.filter_expression = "even = :t";
  r.placeholders.values =
      ExpressionAttributeValues{{":p", S("p")}, {":t", V::Bool(true)}};
  r.limit = 3;
  auto page = engine_->Query(r);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->scanned_count, 3);
  EXPECT_EQ(page->count, 2);  // sk 0 and 2
  EXPECT_TRUE(page->last_evaluated_key.has_value());
}

TEST_F(QueryTest, PageStopsAtOneMegabyte) {
  CreateTable("bigtab", std::nullopt, ScalarAttributeType::kN);
  const std::string payload(100 * 1024, 'x');
  for (int i = 0; i < 15; ++i) {
    ASSERT_TRUE(Put("bigtab", {{"pk", S("p")},
                               {"sk", N(std::to_string(i))},
                               {"blob", S(payload)}})
                    .ok());
  }
  QueryRequest q;
  q.table_name = "bigtab";
  q.key_condition_expression = "pk = :p";
  q.placeholders.values = ExpressionAttributeValues{{":p", S("p")}};
  auto page = engine_->Query(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->scanned_count, 11);  // 11 x ~100 KB passes 1 MB
  ASSERT_TRUE(page->last_evaluated_key.has_value());
  int pages = 0;
  EXPECT_EQ(QueryAll(q, &pages).size(), 15u);
  EXPECT_EQ(pages, 2);
  ScanRequest s;
  s.table_name = "bigtab";
  auto scan = engine_->Scan(s);
  ASSERT_TRUE(scan.ok());
  EXPECT_EQ(scan->scanned_count, 11);
  EXPECT_EQ(ScanAll(s).size(), 15u);
}

TEST_F(QueryTest, ScanPagesAndSegmentsCoverTheTableOnce) {
  const uint32_t seed = Seed();
  std::printf("ScanTest seed: %u\n", seed);
  SCOPED_TRACE(seed);
  std::mt19937 rng(seed);
  CreateTable("stab", std::nullopt, ScalarAttributeType::kN);
  CreateTable("other", std::nullopt);
  ASSERT_TRUE(Put("other", {{"pk", S("not me")}}).ok());
  std::set<std::pair<std::string, int>> model;
  for (int i = 0; i < 200; ++i) {
    std::string pk = "p" + std::to_string(rng() % 30);
    int sk = static_cast<int>(rng() % 1000);
    model.insert({pk, sk});
    ASSERT_TRUE(Put("stab", {{"pk", S(pk)},
                             {"sk", N(std::to_string(sk))},
                             {"odd", N(std::to_string(sk % 2))}})
                    .ok());
  }
  auto keys = [](const std::vector<Item>& items) {
    std::multiset<std::pair<std::string, int>> out;
    for (const Item& item : items) {
      out.insert({item.at("pk").scalar(), std::stoi(item.at("sk").scalar())});
    }
    return out;
  };
  const std::multiset<std::pair<std::string, int>> all(model.begin(),
                                                       model.end());
  ScanRequest r;
  r.table_name = "stab";
  EXPECT_EQ(keys(ScanAll(r)), all);
  r.limit = 1 + static_cast<int>(rng() % 17);
  EXPECT_EQ(keys(ScanAll(r)), all);
  for (int total : {1, 2, 3, 7}) {
    std::vector<Item> union_of_segments;
    for (int seg = 0; seg < total; ++seg) {
      ScanRequest part = r;
      part.segment = seg;
      part.total_segments = total;
      for (Item& item : ScanAll(part)) union_of_segments.push_back(item);
    }
    EXPECT_EQ(keys(union_of_segments), all) << total << " segments";
  }
  // Filter and projection.
  r.limit.reset();
  r.filter_expression = "odd = :one";
  r.projection_expression = "sk";
  r.placeholders.values = ExpressionAttributeValues{{":one", N("1")}};
  auto page = engine_->Scan(r);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->scanned_count, static_cast<int>(model.size()));
  int odd = 0;
  for (const auto& [pk, sk] : model) odd += sk % 2;
  EXPECT_EQ(page->count, odd);
  for (const Item& item : page->items) EXPECT_EQ(item.size(), 1u);
}

TEST_F(QueryTest, BadRequests) {
  CreateTable("btab", std::nullopt, ScalarAttributeType::kS);
  auto query_error = [&](QueryRequest r) {
    r.table_name = "btab";
    auto page = engine_->Query(r);
    EXPECT_EQ(ExceptionName(page.status()), "ValidationException");
    return std::string(ErrorMessage(page.status()));
  };
  QueryRequest r;
  r.key_condition_expression = "pk = :p";
  r.placeholders.values = ExpressionAttributeValues{{":p", S("p")}};
  QueryRequest filter_on_key = r;
  filter_on_key.filter_expression = "sk = :p";
  EXPECT_EQ(query_error(filter_on_key),
            "Filter Expression can only contain non-primary key attributes: "
            "Primary key attribute: sk");
  QueryRequest limit = r;
  limit.limit = 0;
  EXPECT_THAT(query_error(limit), HasSubstr("at 'limit'"));
  QueryRequest select = r;
  select.select = Select::kSpecificAttributes;
  EXPECT_THAT(query_error(select), HasSubstr("SPECIFIC_ATTRIBUTES"));
  select.select = Select::kCount;
  select.projection_expression = "a";
  EXPECT_THAT(query_error(select), HasSubstr("COUNT"));
  QueryRequest start = r;
  start.exclusive_start_key = Item{{"pk", S("p")}};
  EXPECT_THAT(query_error(start),
              HasSubstr("The provided starting key is invalid"));
  start.exclusive_start_key = Item{{"pk", S("other")}, {"sk", S("x")}};
  EXPECT_THAT(query_error(start),
              HasSubstr("The provided starting key is invalid"));
  QueryRequest or_key = r;
  or_key.key_condition_expression = "pk = :p OR pk = :p";
  EXPECT_THAT(query_error(or_key), HasSubstr("Invalid operator"));

  ScanRequest s;
  s.table_name = "btab";
  s.segment = 3;
  s.total_segments = 3;
  EXPECT_EQ(ErrorMessage(engine_->Scan(s).status()),
            "The Segment parameter is zero-based and must be less than "
            "parameter TotalSegments: Segment: 3 is not less than "
            "TotalSegments: 3");
  s.total_segments.reset();
  EXPECT_THAT(ErrorMessage(engine_->Scan(s).status()),
              HasSubstr("TotalSegments parameter is required"));
  ScanRequest missing;
  missing.table_name = "nope";
  EXPECT_EQ(ExceptionName(engine_->Scan(missing).status()),
            "ResourceNotFoundException");
}

}  // namespace
}  // namespace tablestream
