// Copyright 2026 The tablestream Authors.
//
// FaultInjectionFileSystem is a rocksdb::FileSystemWrapper for power-loss and
// I/O-error tests. It uses RocksDB's public API only (the library's own
// FaultInjectionTestFS is not installed by Debian).
//
// It tracks, for every file opened for writing through it, how many bytes
// were written and how many of them were synced (Sync or Fsync; RangeSync
// makes nothing durable). It can:
//  - fail the next Append or Sync/Fsync of files whose name ends with a
//    suffix (default ".log": RocksDB's WAL files) with an IOError or a
//    NoSpace error, without touching the file;
//  - simulate a power cut: CutPower() makes every later mutating file
//    operation fail, so nothing the process does afterwards reaches the disk;
//    once the database is closed, DropUnsyncedData() truncates every tracked
//    file to its last synced size and deletes the files that were created but
//    never synced.
//
// Typical power-loss test:
//   auto fs = std::make_shared<FaultInjectionFileSystem>();
//   std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);
//   ... open with InternalOptions{env.get()}, write ...
//   fs->CutPower();
//   engine.reset();                       // close
//   ASSERT_TRUE(fs->DropUnsyncedData().ok());
//   fs->Reset();                          // power back on
//   ... reopen and check ...
//
// Thread-safe.

#ifndef TABLESTREAM_TESTS_FAULT_INJECTION_FS_H_
#define TABLESTREAM_TESTS_FAULT_INJECTION_FS_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "rocksdb/file_system.h"

namespace tablestream {
namespace test {

class FaultInjectionFileSystem : public rocksdb::FileSystemWrapper {
 public:
  enum class Op { kAppend, kSync };  // kSync: Sync and Fsync
  enum class ErrorKind { kIOError, kNoSpace };

  explicit FaultInjectionFileSystem(std::shared_ptr<rocksdb::FileSystem> base =
                                        rocksdb::FileSystem::Default());

  static const char* kClassName() { return "FaultInjectionFileSystem"; }
  const char* Name() const override { return kClassName(); }

  // Makes the next `count` operations `op` on files whose name ends with
  // `suffix` fail with `kind`. The failing operation does nothing to the file.
  void InjectError(Op op, ErrorKind kind = ErrorKind::kIOError,
                   const std::string& suffix = ".log", int count = 1)
      ABSL_LOCKS_EXCLUDED(mu_);
  void ClearErrors() ABSL_LOCKS_EXCLUDED(mu_);
  // How many injected errors have been returned so far.
  int injected_error_count() const ABSL_LOCKS_EXCLUDED(mu_);

  // Called (outside the lock) before each Sync/Fsync of a file whose name
  // ends with ".log", with the file name. nullptr removes the hook.
  void SetWalSyncHook(std::function<void(const std::string&)> hook)
      ABSL_LOCKS_EXCLUDED(mu_);
  // Successful Sync/Fsync calls on ".log" files so far.
  uint64_t wal_sync_count() const ABSL_LOCKS_EXCLUDED(mu_);

  // The power goes off now: every later write, sync, create, rename, delete
  // or truncate fails with an IOError. Reads keep working.
  void CutPower() ABSL_LOCKS_EXCLUDED(mu_);
  // REQUIRES: no file is open for writing (close the database first).
  // Truncates each tracked file to its synced size; deletes each file created
  // since the last Reset() that was never synced.
  rocksdb::IOStatus DropUnsyncedData() ABSL_LOCKS_EXCLUDED(mu_);
  // Power back on: forgets all tracking, errors and the power cut. What is
  // on disk now is the durable state.
  void Reset() ABSL_LOCKS_EXCLUDED(mu_);

  rocksdb::IOStatus NewWritableFile(
      const std::string& fname, const rocksdb::FileOptions& options,
      std::unique_ptr<rocksdb::FSWritableFile>* result,
      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(
      const std::string& fname, const rocksdb::FileOptions& options,
      std::unique_ptr<rocksdb::FSWritableFile>* result,
      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(
      const std::string& fname, const std::string& old_fname,
      const rocksdb::FileOptions& options,
      std::unique_ptr<rocksdb::FSWritableFile>* result,
      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& src,
                               const std::string& target,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteFile(const std::string& fname,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus Truncate(const std::string& fname, size_t size,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDir(const std::string& dirname,
                              const rocksdb::IOOptions& options,
                              rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus CreateDirIfMissing(const std::string& dirname,
                                       const rocksdb::IOOptions& options,
                                       rocksdb::IODebugContext* dbg) override;

 private:
  class TrackedFile;
  friend class TrackedFile;

  struct FileState {
    uint64_t size = 0;     // bytes written
    uint64_t synced = 0;   // bytes durable
    bool created = false;  // created since the last Reset()
    bool ever_synced = false;
  };
  struct PendingError {
    int remaining = 0;
    ErrorKind kind = ErrorKind::kIOError;
    std::string suffix;
  };

  // Hooks for TrackedFile.
  rocksdb::IOStatus BeforeOp(Op op, const std::string& fname)
      ABSL_LOCKS_EXCLUDED(mu_);
  void OnWritten(const std::string& fname, uint64_t end, bool append,
                 uint64_t bytes) ABSL_LOCKS_EXCLUDED(mu_);
  void OnTruncated(const std::string& fname, uint64_t size)
      ABSL_LOCKS_EXCLUDED(mu_);
  void OnSynced(const std::string& fname) ABSL_LOCKS_EXCLUDED(mu_);
  void RunWalSyncHook(const std::string& fname) ABSL_LOCKS_EXCLUDED(mu_);

  rocksdb::IOStatus PowerCheck() const ABSL_LOCKS_EXCLUDED(mu_);
  void Track(const std::string& fname,
             std::unique_ptr<rocksdb::FSWritableFile>* result, bool created,
             uint64_t existing_size) ABSL_LOCKS_EXCLUDED(mu_);

  mutable absl::Mutex mu_;
  std::map<std::string, FileState> files_ ABSL_GUARDED_BY(mu_);
  PendingError append_error_ ABSL_GUARDED_BY(mu_);
  PendingError sync_error_ ABSL_GUARDED_BY(mu_);
  int injected_ ABSL_GUARDED_BY(mu_) = 0;
  bool power_off_ ABSL_GUARDED_BY(mu_) = false;
  uint64_t wal_syncs_ ABSL_GUARDED_BY(mu_) = 0;
  std::function<void(const std::string&)> wal_sync_hook_ ABSL_GUARDED_BY(mu_);
};

}  // namespace test
}  // namespace tablestream

#endif  // TABLESTREAM_TESTS_FAULT_INJECTION_FS_H_
