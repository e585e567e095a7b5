// Copyright 2026 The tablestream Authors.
//
// ClientRequestToken bookkeeping for TransactWriteItems idempotency. A
// committed transaction with a token stores a ClientTokenInfo (the request's
// fingerprint and commit time) under ClientTokenKey(token) in the catalog
// column family, in the transaction's own write batch. For
// kClientRequestTokenSeconds after that, the same token with the same
// fingerprint is a replay (success, nothing written) and with another
// fingerprint an IdempotentParameterMismatchException. The retention pass
// deletes expired entries, so the store holds ten minutes of tokens.
//
// The fingerprint is a 64-bit FNV-1a hash of the request's parameters
// (length-prefixed, items canonical): two different requests collide with
// probability about 2^-64, which would make the second a replay.

#ifndef TABLESTREAM_ENGINE_CLIENT_TOKEN_H_
#define TABLESTREAM_ENGINE_CLIENT_TOKEN_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tablestream {

// The prefix of every token key in the catalog column family.
inline constexpr std::string_view kClientTokenPrefix = "txn-token/";

std::string ClientTokenKey(std::string_view token);

struct ClientToken {
  std::string token;
  uint64_t fingerprint = 0;
};

// Accumulates a stable 64-bit fingerprint (the same in every process, unlike
// absl::Hash).
class Fingerprint {
 public:
  // Adds `part`, length-prefixed so that ("ab", "c") and ("a", "bc") differ.
  void Add(std::string_view part);
  uint64_t value() const { return hash_; }

 private:
  void AddBytes(std::string_view bytes);
  uint64_t hash_ = 14695981039346656037ull;  // FNV-1a offset basis
};

}  // namespace tablestream

#endif  // TABLESTREAM_ENGINE_CLIENT_TOKEN_H_
