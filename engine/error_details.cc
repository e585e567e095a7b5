// Copyright 2026 The tablestream Authors.

#include "engine/error_details.h"

#include <string>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "proto/item_codec.h"
#include "proto/tablestream.pb.h"
#include "tablestream/errors.h"

namespace tablestream {
namespace {

constexpr char kItemPayload[] = "tablestream/ConditionalCheckFailedItem";
constexpr char kReasonsPayload[] = "tablestream/CancellationReasons";

std::optional<std::string> Payload(const absl::Status& status,
                                   const char* url) {
  auto payload = status.GetPayload(url);
  if (!payload) return std::nullopt;
  return std::string(*payload);
}

}  // namespace

absl::Status ConditionalCheckFailed(const Item* old) {
  absl::Status status = MakeError(kConditionalCheckFailedException,
                                  "The conditional request failed");
  if (old != nullptr) status.SetPayload(kItemPayload, absl::Cord(EncodeItem(*old)));
  return status;
}

absl::Status TransactionCanceled(
    const std::vector<CancellationReason>& reasons) {
  storage::CancellationReasonsProto proto;
  std::vector<std::string> codes;
  for (const CancellationReason& reason : reasons) {
    storage::CancellationReasonProto* r = proto.add_reasons();
    r->set_code(reason.code);
    r->set_message(reason.message);
    if (reason.item) ToProto(*reason.item, r->mutable_item());
    codes.push_back(reason.code);
  }
  absl::Status status = MakeError(
      kTransactionCanceledException,
      absl::StrCat("Transaction cancelled, please refer cancellation reasons "
                   "for specific reasons [",
                   absl::StrJoin(codes, ", "), "]"));
  status.SetPayload(kReasonsPayload, absl::Cord(proto.SerializeAsString()));
  return status;
}

std::optional<std::vector<CancellationReason>> CancellationReasons(
    const absl::Status& status) {
  std::optional<std::string> bytes = Payload(status, kReasonsPayload);
  storage::CancellationReasonsProto proto;
  if (!bytes || !proto.ParseFromString(*bytes)) return std::nullopt;
  std::vector<CancellationReason> reasons;
  for (const storage::CancellationReasonProto& r : proto.reasons()) {
    CancellationReason reason;
    reason.code = r.code();
    reason.message = r.message();
    if (r.has_item()) {
      absl::StatusOr<Item> item = FromProto(r.item());
      if (!item.ok()) return std::nullopt;
      reason.item = *std::move(item);
    }
    reasons.push_back(std::move(reason));
  }
  return reasons;
}

std::optional<Item> ConditionalCheckFailedItem(const absl::Status& status) {
  std::optional<std::string> bytes = Payload(status, kItemPayload);
  if (!bytes) return std::nullopt;
  absl::StatusOr<Item> item = DecodeItem(*bytes);
  if (!item.ok()) return std::nullopt;
  return *std::move(item);
}

}  // namespace tablestream
