// Copyright 2026 The tablestream Authors.
//
// Debian's Abseil 20220623 defines absl::string_view as its own class, with
// no conversion from std::string_view, so absl::StrCat(std_view) does not
// compile. AsAbsl() bridges the two without copying.

#ifndef TABLESTREAM_UTIL_ABSL_COMPAT_H_
#define TABLESTREAM_UTIL_ABSL_COMPAT_H_

#include <string_view>

#include "absl/strings/string_view.h"

namespace tablestream {

// A view of the same bytes. Lifetime: that of `s`'s buffer.
inline absl::string_view AsAbsl(std::string_view s) {
  return absl::string_view(s.data(), s.size());
}

}  // namespace tablestream

#endif  // TABLESTREAM_UTIL_ABSL_COMPAT_H_
