// Copyright 2026 The tablestream Authors.
//
// transaction_bench: TransactWriteItems of 1, 10 and 100 Put actions next to
// the same puts as single PutItem calls, on a table with a NEW_AND_OLD_IMAGES
// stream, one writer thread, non-durable and durable writes. Each case
// writes --items fresh items (inserts, 100-byte values) and reports items/s
// and the ratio transaction / single puts. One run.
//
//   transaction_bench [--items=20000] [--dir=/tmp]

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "tablestream/engine.h"

namespace tablestream {
namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void Fail(const std::string& what, const absl::Status& s) {
  std::fprintf(stderr, "transaction_bench: %s: %s\n", what.c_str(),
               s.ToString().c_str());
  std::exit(1);
}

PutItemRequest NewPut(int64_t* next) {
  PutItemRequest put;
  put.table_name = "bench";
  put.item = {{"pk", AttributeValue::S(absl::StrCat("item-", (*next)++))},
              {"v", AttributeValue::S(std::string(100, 'v'))}};
  return put;
}

// Items per second writing `items` items in transactions of `size` puts
// (size 0: single PutItem calls).
double Run(Engine& engine, int size, int items, bool durable, int64_t* next) {
  WriteOptions options;
  options.durable = durable;
  const Clock::time_point start = Clock::now();
  if (size == 0) {
    for (int i = 0; i < items; ++i) {
      absl::Status s = engine.PutItem(NewPut(next), options).status();
      if (!s.ok()) Fail("put", s);
    }
  } else {
    for (int done = 0; done < items; done += size) {
      TransactWriteItemsRequest request;
      for (int i = 0; i < size; ++i)
        request.transact_items.push_back(NewPut(next));
      absl::Status s = engine.TransactWriteItems(request, options);
      if (!s.ok()) Fail("transaction", s);
    }
  }
  const double seconds =
      std::chrono::duration<double>(Clock::now() - start).count();
  return items / seconds;
}

int Main(int argc, char** argv) {
  int items = 20000;
  std::string dir = "/tmp";
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--items=") &&
        absl::SimpleAtoi(arg.substr(8), &items) && items > 0) {
      continue;
    }
    if (absl::StartsWith(arg, "--dir=")) {
      dir = arg.substr(6);
      continue;
    }
    std::fprintf(stderr, "usage: transaction_bench [--items=N] [--dir=DIR]\n");
    return 2;
  }
  const std::string path = absl::StrCat(dir, "/transaction_bench_", getpid());
  std::filesystem::remove_all(path);
  Options options;
  auto engine = Engine::Open(options, path);
  if (!engine.ok()) Fail("open", engine.status());
  CreateTableRequest table;
  table.table_name = "bench";
  table.key_schema.push_back({"pk", KeyType::kHash});
  table.attribute_definitions.push_back({"pk", ScalarAttributeType::kS});
  table.stream_specification =
      StreamSpecification{true, StreamViewType::kNewAndOldImages};
  if (auto t = (*engine)->CreateTable(table); !t.ok())
    Fail("table", t.status());

  int64_t next = 0;
  std::printf("%-11s %-8s %14s %14s %8s\n", "writes", "actions",
              "single items/s", "txn items/s", "ratio");
  for (const bool durable : {false, true}) {
    // Durable cases sync once per call: fewer items keep them short.
    const int n = durable ? items / 10 : items;
    for (const int size : {1, 10, 100}) {
      const double single = Run(**engine, 0, n, durable, &next);
      const double txn = Run(**engine, size, n, durable, &next);
      std::printf("%-11s %-8d %14.0f %14.0f %7.2fx\n",
                  durable ? "durable" : "non-durable", size, single, txn,
                  txn / single);
    }
  }
  engine->reset();
  std::filesystem::remove_all(path);
  return 0;
}

}  // namespace
}  // namespace tablestream

int main(int argc, char** argv) { return tablestream::Main(argc, argv); }
