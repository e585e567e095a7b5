// Copyright 2026 The tablestream Authors.
//
// TABLESTREAM_RETURN_IF_ERROR and TABLESTREAM_ASSIGN_OR_RETURN, since
// Abseil 20220623 has none.

#ifndef TABLESTREAM_UTIL_STATUS_MACROS_H_
#define TABLESTREAM_UTIL_STATUS_MACROS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define TABLESTREAM_RETURN_IF_ERROR(expr)    \
  do {                                       \
    ::absl::Status _ts_status = (expr);      \
    if (!_ts_status.ok()) return _ts_status; \
  } while (0)

#define TABLESTREAM_CONCAT_INNER_(a, b) a##b
#define TABLESTREAM_CONCAT_(a, b) TABLESTREAM_CONCAT_INNER_(a, b)

// TABLESTREAM_ASSIGN_OR_RETURN(lhs, expr): evaluates the StatusOr `expr`;
// returns its status if it failed, else assigns (moves) its value to `lhs`,
// which may be a declaration ("auto x").
#define TABLESTREAM_ASSIGN_OR_RETURN(lhs, expr) \
  TABLESTREAM_ASSIGN_OR_RETURN_IMPL_(           \
      TABLESTREAM_CONCAT_(_ts_statusor_, __LINE__), lhs, expr)

#define TABLESTREAM_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, expr) \
  auto statusor = (expr);                                       \
  if (!statusor.ok()) return std::move(statusor).status();      \
  lhs = std::move(statusor).value()

#endif  // TABLESTREAM_UTIL_STATUS_MACROS_H_
