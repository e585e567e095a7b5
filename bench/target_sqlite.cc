// Copyright 2026 The tablestream Authors.
//
// tsbench's SQLite target: what an embedded C++ user would build instead of
// tablestream. One database file in WAL mode, synchronous=FULL when durable
// and NORMAL otherwise, a table `items` and, when a stream is on, AFTER
// INSERT/UPDATE/DELETE triggers that append the event, the key and the old
// and/or new row (per the view type) as JSON to `changes` in the same
// transaction. Writers share one connection under a mutex (SQLite has one
// writer at a time anyway; a connection per thread would add busy-retry
// sleeps); each write is its own transaction, so each durable write is its
// own WAL sync. Reads use one connection per thread. The ChangeReader polls
// `changes` by rowid on its own connection.

#include <sqlite3.h>

#include <mutex>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "bench/bench_target.h"
#include "util/status_macros.h"

namespace tablestream {
namespace {

absl::Status SqliteError(sqlite3* db, const std::string& what) {
  return absl::InternalError(
      absl::StrCat("sqlite: ", what, ": ", sqlite3_errmsg(db)));
}

// A connection and its prepared statements; closed on destruction.
class Connection {
 public:
  ~Connection() {
    for (sqlite3_stmt* s : statements_) sqlite3_finalize(s);
    if (db_ != nullptr) sqlite3_close(db_);
  }
  absl::Status Open(const std::string& path, bool durable) {
    if (sqlite3_open_v2(path.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                            SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      return SqliteError(db_, "open " + path);
    }
    sqlite3_busy_timeout(db_, 10000);
    return Exec(absl::StrCat("PRAGMA journal_mode=WAL; PRAGMA synchronous=",
                             durable ? "FULL" : "NORMAL", ";"));
  }
  absl::Status Exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      return absl::InternalError(absl::StrCat("sqlite: ", message, " in ", sql));
    }
    return absl::OkStatus();
  }
  absl::StatusOr<sqlite3_stmt*> Prepare(const std::string& sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s,
                           nullptr) != SQLITE_OK) {
      return SqliteError(db_, "prepare " + sql);
    }
    statements_.push_back(s);
    return s;
  }
  // Steps `s` to completion (rows ignored), then resets it.
  absl::Status Run(sqlite3_stmt* s) {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    }
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return SqliteError(db_, "step");
    return absl::OkStatus();
  }
  sqlite3* db() { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> statements_;
};

void BindText(sqlite3_stmt* s, int i, const std::string& text) {
  sqlite3_bind_text(s, i, text.data(), static_cast<int>(text.size()),
                    SQLITE_TRANSIENT);
}

// json_object of a row: keys only, or the whole row of NEW or OLD.
std::string RowJson(const char* row) {
  return absl::StrReplaceAll(
      "json_object('id',R.id,'name',R.name,'age',R.age,'active',"
      "json(CASE WHEN R.active THEN 'true' ELSE 'false' END),'payload',"
      "R.payload,'ts',R.ts)",
      {{"R", row}});
}

std::string TriggersSql(StreamViewType view) {
  const bool new_image = view == StreamViewType::kNewImage ||
                         view == StreamViewType::kNewAndOldImages;
  const bool old_image = view == StreamViewType::kOldImage ||
                         view == StreamViewType::kNewAndOldImages;
  auto trigger = [&](const char* event, const char* name, bool has_new,
                     bool has_old) {
    const char* row = has_new ? "NEW" : "OLD";
    return absl::StrCat(
        "CREATE TRIGGER items_", name, " AFTER ", event,
        " ON items BEGIN INSERT INTO changes(event, keys, new_image, "
        "old_image, created) VALUES('",
        name, "', json_object('id', ", row, ".id), ",
        has_new && new_image ? RowJson("NEW") : "NULL", ", ",
        has_old && old_image ? RowJson("OLD") : "NULL",
        ", CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)); "
        "END;");
  };
  return absl::StrCat(trigger("INSERT", "INSERT", true, false),
                      trigger("UPDATE", "MODIFY", true, true),
                      trigger("DELETE", "REMOVE", false, true));
}

class SqliteReader : public ChangeReader {
 public:
  absl::Status Open(const std::string& path, bool durable) {
    TABLESTREAM_RETURN_IF_ERROR(connection_.Open(path, durable));
    TABLESTREAM_ASSIGN_OR_RETURN(
        select_,
        connection_.Prepare(
            "SELECT rowid, json_extract(new_image, '$.ts')"
            " FROM changes WHERE rowid > ? ORDER BY rowid LIMIT 1000"));
    return absl::OkStatus();
  }
  absl::StatusOr<size_t> Poll(std::vector<int64_t>* write_micros) override {
    sqlite3_bind_int64(select_, 1, last_);
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(select_)) == SQLITE_ROW) {
      last_ = sqlite3_column_int64(select_, 0);
      if (sqlite3_column_type(select_, 1) != SQLITE_NULL) {
        write_micros->push_back(sqlite3_column_int64(select_, 1));
      }
      ++n;
    }
    sqlite3_reset(select_);
    if (rc != SQLITE_DONE) return SqliteError(connection_.db(), "poll");
    return n;
  }

 private:
  Connection connection_;
  sqlite3_stmt* select_ = nullptr;
  int64_t last_ = 0;
};

class SqliteTarget : public BenchTarget {
 public:
  explicit SqliteTarget(const TargetConfig& config)
      : config_(config), path_(config.dir + "/bench.sqlite") {}

  absl::Status Init() {
    TABLESTREAM_RETURN_IF_ERROR(writer_.Open(path_, config_.durable));
    TABLESTREAM_RETURN_IF_ERROR(writer_.Exec(
        "CREATE TABLE items(id TEXT PRIMARY KEY, name TEXT, age INTEGER, "
        "active INTEGER, payload TEXT, ts INTEGER) WITHOUT ROWID;"
        "CREATE TABLE changes(event TEXT, keys TEXT, new_image TEXT, "
        "old_image TEXT, created INTEGER);"));
    if (config_.stream) {
      TABLESTREAM_RETURN_IF_ERROR(writer_.Exec(TriggersSql(*config_.stream)));
    }
    TABLESTREAM_ASSIGN_OR_RETURN(
        upsert_,
        writer_.Prepare("INSERT INTO items VALUES(?,?,?,?,?,?) ON "
                        "CONFLICT(id) DO UPDATE SET name=excluded.name, "
                        "age=excluded.age, active=excluded.active, "
                        "payload=excluded.payload, ts=excluded.ts"));
    TABLESTREAM_ASSIGN_OR_RETURN(
        update_, writer_.Prepare("INSERT INTO items(id, age, ts) VALUES(?,?,?) "
                                 "ON CONFLICT(id) DO UPDATE SET "
                                 "age=excluded.age, ts=excluded.ts"));
    TABLESTREAM_ASSIGN_OR_RETURN(
        delete_, writer_.Prepare("DELETE FROM items WHERE id=?"));
    readers_.resize(config_.threads);
    for (Reader& r : readers_) {
      r.connection = std::make_unique<Connection>();
      TABLESTREAM_RETURN_IF_ERROR(r.connection->Open(path_, config_.durable));
      TABLESTREAM_ASSIGN_OR_RETURN(
          r.select,
          r.connection->Prepare("SELECT * FROM items WHERE id=?"));
    }
    return absl::OkStatus();
  }

  absl::Status Load(uint64_t keys) override {
    std::lock_guard<std::mutex> lock(mu_);
    TABLESTREAM_RETURN_IF_ERROR(writer_.Exec("BEGIN"));
    for (uint64_t k = 0; k < keys; ++k) {
      TABLESTREAM_RETURN_IF_ERROR(Upsert(config_.items->Make(k, 0, NowMicros())));
    }
    return writer_.Exec("COMMIT");
  }

  absl::Status Do(const OpChooser::Op& op, int thread,
                  uint64_t version) override {
    if (op.kind == OpKind::kRead) {
      Reader& r = readers_[thread];
      BindText(r.select, 1, config_.items->Id(op.key));
      return r.connection->Run(r.select);
    }
    const std::string id = config_.items->Id(op.key);
    if (op.kind == OpKind::kPut || op.kind == OpKind::kInsert) {
      const Item item = config_.items->Make(op.key, version, NowMicros());
      std::lock_guard<std::mutex> lock(mu_);
      return Upsert(item);
    }
    std::lock_guard<std::mutex> lock(mu_);
    if (op.kind == OpKind::kDelete) {
      BindText(delete_, 1, id);
      return writer_.Run(delete_);
    }
    BindText(update_, 1, id);
    sqlite3_bind_int64(update_, 2, static_cast<int64_t>(version));
    sqlite3_bind_int64(update_, 3, NowMicros());
    return writer_.Run(update_);
  }

  absl::StatusOr<std::unique_ptr<ChangeReader>> NewChangeReader() override {
    if (!config_.stream) return nullptr;
    auto reader = std::make_unique<SqliteReader>();
    TABLESTREAM_RETURN_IF_ERROR(reader->Open(path_, config_.durable));
    return std::unique_ptr<ChangeReader>(std::move(reader));
  }

 private:
  struct Reader {
    std::unique_ptr<Connection> connection;
    sqlite3_stmt* select = nullptr;
  };

  // REQUIRES: mu_ held.
  absl::Status Upsert(const Item& item) {
    BindText(upsert_, 1, item.at("id").scalar());
    BindText(upsert_, 2, item.at("name").scalar());
    sqlite3_bind_int64(upsert_, 3, std::stoll(item.at("age").scalar()));
    sqlite3_bind_int(upsert_, 4, item.at("active").boolean() ? 1 : 0);
    BindText(upsert_, 5, item.at("payload").scalar());
    sqlite3_bind_int64(upsert_, 6, std::stoll(item.at("ts").scalar()));
    return writer_.Run(upsert_);
  }

  TargetConfig config_;
  std::string path_;
  std::mutex mu_;  // guards writer_ and its statements
  Connection writer_;
  sqlite3_stmt* upsert_ = nullptr;
  sqlite3_stmt* update_ = nullptr;
  sqlite3_stmt* delete_ = nullptr;
  std::vector<Reader> readers_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<BenchTarget>> OpenSqliteTarget(
    const TargetConfig& config) {
  auto target = std::make_unique<SqliteTarget>(config);
  TABLESTREAM_RETURN_IF_ERROR(target->Init());
  return std::unique_ptr<BenchTarget>(std::move(target));
}

}  // namespace tablestream
