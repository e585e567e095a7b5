// Copyright 2026 The tablestream Authors.

#include "bench/bench_item.h"

#include <cstdio>

#include "proto/item_codec.h"
#include "util/key_encoding.h"

namespace tablestream {
namespace {

// splitmix64: a bijection, so distinct inputs give distinct keys.
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

}  // namespace

BenchItem::BenchItem(size_t value_bytes) {
  // Grow the payload until the encoding reaches the target (the length
  // prefixes make the relation slightly non-linear).
  while (EncodeItem(Make(0, 0)).size() < value_bytes) ++payload_bytes_;
}

Item BenchItem::Make(int thread, uint64_t index) const {
  char id[24];
  std::snprintf(id, sizeof(id), "user%016llx",
                static_cast<unsigned long long>(
                    Mix((static_cast<uint64_t>(thread) << 40) ^ index)));
  Item item;
  item.emplace("id", AttributeValue::S(id));
  item.emplace("name", AttributeValue::S("Ada Lovelace"));
  item.emplace("age", AttributeValue::N("36"));
  item.emplace("active", AttributeValue::Bool(true));
  item.emplace("payload", AttributeValue::S(std::string(payload_bytes_, 'x')));
  return item;
}

std::string BenchItem::RawKey(const Item& item) {
  std::string key;
  PutFixed64BE(&key, 1);  // a table id, as the engine's key starts with one
  AppendOrderedKeyComponent(&key, item.at("id"));
  return key;
}

}  // namespace tablestream
