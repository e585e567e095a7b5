// Copyright 2026 The tablestream Authors.

#include "engine/client_token.h"

#include "absl/strings/str_cat.h"
#include "util/absl_compat.h"

namespace tablestream {

std::string ClientTokenKey(std::string_view token) {
  return absl::StrCat(AsAbsl(kClientTokenPrefix), AsAbsl(token));
}

void Fingerprint::Add(std::string_view part) {
  const uint64_t size = part.size();
  AddBytes(std::string_view(reinterpret_cast<const char*>(&size), sizeof(size)));
  AddBytes(part);
}

void Fingerprint::AddBytes(std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash_ ^= c;
    hash_ *= 1099511628211ull;  // FNV-1a prime
  }
}

}  // namespace tablestream
