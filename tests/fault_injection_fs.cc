// Copyright 2026 The tablestream Authors.

#include "tests/fault_injection_fs.h"

#include <unistd.h>

#include <algorithm>
#include <utility>

namespace tablestream {
namespace test {
namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsWal(const std::string& fname) { return EndsWith(fname, ".log"); }

}  // namespace

// A writable file that reports its writes and syncs to the file system.
class FaultInjectionFileSystem::TrackedFile
    : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  TrackedFile(FaultInjectionFileSystem* fs, std::string fname,
              std::unique_ptr<rocksdb::FSWritableFile> file)
      : FSWritableFileOwnerWrapper(std::move(file)),
        fs_(fs),
        fname_(std::move(fname)) {}

  rocksdb::IOStatus Append(const rocksdb::Slice& data,
                           const rocksdb::IOOptions& options,
                           rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = fs_->BeforeOp(Op::kAppend, fname_);
    if (s.ok()) s = target()->Append(data, options, dbg);
    if (s.ok()) fs_->OnWritten(fname_, 0, /*append=*/true, data.size());
    return s;
  }
  rocksdb::IOStatus Append(const rocksdb::Slice& data,
                           const rocksdb::IOOptions& options,
                           const rocksdb::DataVerificationInfo& info,
                           rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = fs_->BeforeOp(Op::kAppend, fname_);
    if (s.ok()) s = target()->Append(data, options, info, dbg);
    if (s.ok()) fs_->OnWritten(fname_, 0, /*append=*/true, data.size());
    return s;
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data,
                                     uint64_t offset,
                                     const rocksdb::IOOptions& options,
                                     rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = fs_->BeforeOp(Op::kAppend, fname_);
    if (s.ok()) s = target()->PositionedAppend(data, offset, options, dbg);
    if (s.ok()) fs_->OnWritten(fname_, offset + data.size(), false, 0);
    return s;
  }
  rocksdb::IOStatus PositionedAppend(const rocksdb::Slice& data,
                                     uint64_t offset,
                                     const rocksdb::IOOptions& options,
                                     const rocksdb::DataVerificationInfo& info,
                                     rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = fs_->BeforeOp(Op::kAppend, fname_);
    if (s.ok()) {
      s = target()->PositionedAppend(data, offset, options, info, dbg);
    }
    if (s.ok()) fs_->OnWritten(fname_, offset + data.size(), false, 0);
    return s;
  }
  rocksdb::IOStatus Truncate(uint64_t size, const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override {
    rocksdb::IOStatus s = fs_->PowerCheck();
    if (s.ok()) s = target()->Truncate(size, options, dbg);
    if (s.ok()) fs_->OnTruncated(fname_, size);
    return s;
  }
  rocksdb::IOStatus Sync(const rocksdb::IOOptions& options,
                         rocksdb::IODebugContext* dbg) override {
    fs_->RunWalSyncHook(fname_);
    rocksdb::IOStatus s = fs_->BeforeOp(Op::kSync, fname_);
    if (s.ok()) s = target()->Sync(options, dbg);
    if (s.ok()) fs_->OnSynced(fname_);
    return s;
  }
  rocksdb::IOStatus Fsync(const rocksdb::IOOptions& options,
                          rocksdb::IODebugContext* dbg) override {
    fs_->RunWalSyncHook(fname_);
    rocksdb::IOStatus s = fs_->BeforeOp(Op::kSync, fname_);
    if (s.ok()) s = target()->Fsync(options, dbg);
    if (s.ok()) fs_->OnSynced(fname_);
    return s;
  }
  // RangeSync (sync_file_range) makes nothing durable: not tracked.

 private:
  FaultInjectionFileSystem* const fs_;
  const std::string fname_;
};

FaultInjectionFileSystem::FaultInjectionFileSystem(
    std::shared_ptr<rocksdb::FileSystem> base)
    : FileSystemWrapper(base) {}

void FaultInjectionFileSystem::InjectError(Op op, ErrorKind kind,
                                           const std::string& suffix,
                                           int count) {
  absl::MutexLock lock(&mu_);
  PendingError& e = op == Op::kAppend ? append_error_ : sync_error_;
  e.remaining = count;
  e.kind = kind;
  e.suffix = suffix;
}

void FaultInjectionFileSystem::ClearErrors() {
  absl::MutexLock lock(&mu_);
  append_error_ = PendingError();
  sync_error_ = PendingError();
}

int FaultInjectionFileSystem::injected_error_count() const {
  absl::MutexLock lock(&mu_);
  return injected_;
}

void FaultInjectionFileSystem::SetWalSyncHook(
    std::function<void(const std::string&)> hook) {
  absl::MutexLock lock(&mu_);
  wal_sync_hook_ = std::move(hook);
}

uint64_t FaultInjectionFileSystem::wal_sync_count() const {
  absl::MutexLock lock(&mu_);
  return wal_syncs_;
}

void FaultInjectionFileSystem::CutPower() {
  absl::MutexLock lock(&mu_);
  power_off_ = true;
}

rocksdb::IOStatus FaultInjectionFileSystem::DropUnsyncedData() {
  absl::MutexLock lock(&mu_);
  rocksdb::IOStatus result;
  for (const auto& [fname, state] : files_) {
    rocksdb::IOStatus s;
    if (state.created && !state.ever_synced) {
      s = target()->DeleteFile(fname, rocksdb::IOOptions(), nullptr);
      if (s.IsPathNotFound() || s.IsNotFound()) s = rocksdb::IOStatus::OK();
    } else if (state.size > state.synced) {
      s = target()->Truncate(fname, state.synced, rocksdb::IOOptions(),
                             nullptr);
      if (s.IsNotSupported() &&
          ::truncate(fname.c_str(), static_cast<off_t>(state.synced)) == 0) {
        s = rocksdb::IOStatus::OK();
      }
    }
    if (!s.ok() && result.ok()) result = s;
  }
  return result;
}

void FaultInjectionFileSystem::Reset() {
  absl::MutexLock lock(&mu_);
  files_.clear();
  append_error_ = PendingError();
  sync_error_ = PendingError();
  power_off_ = false;
}

rocksdb::IOStatus FaultInjectionFileSystem::PowerCheck() const {
  absl::MutexLock lock(&mu_);
  if (power_off_) return rocksdb::IOStatus::IOError("power is off (test)");
  return rocksdb::IOStatus::OK();
}

rocksdb::IOStatus FaultInjectionFileSystem::BeforeOp(Op op,
                                                     const std::string& fname) {
  absl::MutexLock lock(&mu_);
  if (power_off_) return rocksdb::IOStatus::IOError("power is off (test)");
  PendingError& e = op == Op::kAppend ? append_error_ : sync_error_;
  if (e.remaining <= 0 || !EndsWith(fname, e.suffix)) {
    return rocksdb::IOStatus::OK();
  }
  --e.remaining;
  ++injected_;
  const char* what =
      op == Op::kAppend ? "injected append error" : "injected sync error";
  return e.kind == ErrorKind::kNoSpace ? rocksdb::IOStatus::NoSpace(what)
                                       : rocksdb::IOStatus::IOError(what);
}

void FaultInjectionFileSystem::OnWritten(const std::string& fname, uint64_t end,
                                         bool append, uint64_t bytes) {
  absl::MutexLock lock(&mu_);
  auto it = files_.find(fname);
  if (it == files_.end()) return;  // renamed or deleted while open
  if (append) {
    it->second.size += bytes;
  } else {
    it->second.size = std::max(it->second.size, end);
  }
}

void FaultInjectionFileSystem::OnTruncated(const std::string& fname,
                                           uint64_t size) {
  absl::MutexLock lock(&mu_);
  auto it = files_.find(fname);
  if (it == files_.end()) return;
  it->second.size = size;
  it->second.synced = std::min(it->second.synced, size);
}

void FaultInjectionFileSystem::OnSynced(const std::string& fname) {
  absl::MutexLock lock(&mu_);
  if (IsWal(fname)) ++wal_syncs_;
  auto it = files_.find(fname);
  if (it == files_.end()) return;
  it->second.synced = it->second.size;
  it->second.ever_synced = true;
}

void FaultInjectionFileSystem::RunWalSyncHook(const std::string& fname) {
  if (!IsWal(fname)) return;
  std::function<void(const std::string&)> hook;
  {
    absl::MutexLock lock(&mu_);
    hook = wal_sync_hook_;
  }
  if (hook) hook(fname);
}

void FaultInjectionFileSystem::Track(
    const std::string& fname, std::unique_ptr<rocksdb::FSWritableFile>* result,
    bool created, uint64_t existing_size) {
  {
    absl::MutexLock lock(&mu_);
    FileState& state = files_[fname];
    state = FileState();
    state.created = created;
    state.size = existing_size;
    state.synced = existing_size;
    state.ever_synced = !created;
  }
  result->reset(new TrackedFile(this, fname, std::move(*result)));
}

rocksdb::IOStatus FaultInjectionFileSystem::NewWritableFile(
    const std::string& fname, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result,
    rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus s = PowerCheck();
  if (s.ok()) s = target()->NewWritableFile(fname, options, result, dbg);
  if (s.ok()) Track(fname, result, /*created=*/true, 0);
  return s;
}

rocksdb::IOStatus FaultInjectionFileSystem::ReopenWritableFile(
    const std::string& fname, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result,
    rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus s = PowerCheck();
  if (!s.ok()) return s;
  uint64_t size = 0;
  const bool existed =
      target()->GetFileSize(fname, rocksdb::IOOptions(), &size, nullptr).ok();
  s = target()->ReopenWritableFile(fname, options, result, dbg);
  if (s.ok()) Track(fname, result, /*created=*/!existed, existed ? size : 0);
  return s;
}

rocksdb::IOStatus FaultInjectionFileSystem::ReuseWritableFile(
    const std::string& fname, const std::string& old_fname,
    const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result,
    rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus s = PowerCheck();
  if (s.ok()) {
    s = target()->ReuseWritableFile(fname, old_fname, options, result, dbg);
  }
  if (s.ok()) {
    {
      absl::MutexLock lock(&mu_);
      files_.erase(old_fname);
    }
    Track(fname, result, /*created=*/true, 0);
  }
  return s;
}

rocksdb::IOStatus FaultInjectionFileSystem::RenameFile(
    const std::string& src, const std::string& target_name,
    const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus s = PowerCheck();
  if (s.ok()) s = target()->RenameFile(src, target_name, options, dbg);
  if (s.ok()) {
    absl::MutexLock lock(&mu_);
    auto it = files_.find(src);
    if (it != files_.end()) {
      files_[target_name] = it->second;
      files_.erase(src);
    } else {
      files_.erase(target_name);
    }
  }
  return s;
}

rocksdb::IOStatus FaultInjectionFileSystem::DeleteFile(
    const std::string& fname, const rocksdb::IOOptions& options,
    rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus s = PowerCheck();
  if (s.ok()) s = target()->DeleteFile(fname, options, dbg);
  if (s.ok()) {
    absl::MutexLock lock(&mu_);
    files_.erase(fname);
  }
  return s;
}

rocksdb::IOStatus FaultInjectionFileSystem::Truncate(
    const std::string& fname, size_t size, const rocksdb::IOOptions& options,
    rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus s = PowerCheck();
  if (s.ok()) s = target()->Truncate(fname, size, options, dbg);
  if (s.ok()) OnTruncated(fname, size);
  return s;
}

rocksdb::IOStatus FaultInjectionFileSystem::CreateDir(
    const std::string& dirname, const rocksdb::IOOptions& options,
    rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus s = PowerCheck();
  if (s.ok()) s = target()->CreateDir(dirname, options, dbg);
  return s;
}

rocksdb::IOStatus FaultInjectionFileSystem::CreateDirIfMissing(
    const std::string& dirname, const rocksdb::IOOptions& options,
    rocksdb::IODebugContext* dbg) {
  rocksdb::IOStatus s = PowerCheck();
  if (s.ok()) s = target()->CreateDirIfMissing(dirname, options, dbg);
  return s;
}

}  // namespace test
}  // namespace tablestream
