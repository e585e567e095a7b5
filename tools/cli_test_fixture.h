// Copyright 2026 The tablestream Authors.
//
// The fixture of the end-to-end tests of the `tablestream` binary
// (cli_test.cc, triggers_cli_test.cc): each test runs the binary as a child
// process on a fresh temporary database and checks stdout, stderr and the
// exit status.

#ifndef TABLESTREAM_TOOLS_CLI_TEST_FIXTURE_H_
#define TABLESTREAM_TOOLS_CLI_TEST_FIXTURE_H_

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "api/json_reader.h"
#include "gtest/gtest.h"

#ifndef TABLESTREAM_BIN
#error "TABLESTREAM_BIN must name the tablestream binary"
#endif

namespace tablestream {

using api::Json;

struct Result {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

class CliTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "tablestream_cli_XXXXXX")
            .string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_ = dir_ + "/db";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Runs the binary with `args`; `env_db`, if set, becomes $TABLESTREAM_DB
  // (else it is unset).
  Result Run(const std::vector<std::string>& args,
             const char* env_db = nullptr) {
    std::string out_path = dir_ + "/stdout";
    std::string err_path = dir_ + "/stderr";
    pid_t pid = fork();
    if (pid == 0) {
      FILE* out = freopen(out_path.c_str(), "w", stdout);
      FILE* err = freopen(err_path.c_str(), "w", stderr);
      if (out == nullptr || err == nullptr) _exit(127);
      if (chdir(dir_.c_str()) != 0) _exit(127);
      if (env_db != nullptr) {
        setenv("TABLESTREAM_DB", env_db, 1);
      } else {
        unsetenv("TABLESTREAM_DB");
      }
      std::vector<char*> argv;
      argv.push_back(const_cast<char*>(TABLESTREAM_BIN));
      for (const std::string& a : args)
        argv.push_back(const_cast<char*>(a.c_str()));
      argv.push_back(nullptr);
      execv(TABLESTREAM_BIN, argv.data());
      _exit(127);
    }
    Result r;
    int status = 0;
    if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status)) {
      r.exit_code = WEXITSTATUS(status);
    }
    r.out = ReadFile(out_path);
    r.err = ReadFile(err_path);
    return r;
  }

  // Runs `operation` on the test database and parses stdout as JSON.
  Json Ok(const std::string& operation, const std::string& request) {
    Result r = Run({"--db", db_, operation, "--cli-input-json", request});
    EXPECT_EQ(r.exit_code, 0) << operation << " " << request << "\n" << r.err;
    EXPECT_EQ(r.err, "");
    if (r.exit_code != 0) return Json();
    return Json::parse(r.out);
  }

  // Runs `operation`, expecting exit 1 and an error JSON of `exception`.
  Json Fails(const std::string& operation, const std::string& request,
             const std::string& exception) {
    Result r = Run({"--db", db_, operation, "--cli-input-json", request});
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("{\"__type\": \"", 0), 0u) << r.err;
    Json error = Json::parse(r.err);
    EXPECT_EQ(error.value("__type", ""), exception) << r.err;
    EXPECT_TRUE(error.contains("message"));
    return error;
  }

  void CreatePets() {
    Ok("create-table", R"({"TableName": "Pets",
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
        "StreamSpecification": {"StreamEnabled": true,
                                "StreamViewType": "NEW_AND_OLD_IMAGES"}})");
  }

  std::string dir_;
  std::string db_;
};

}  // namespace tablestream

#endif  // TABLESTREAM_TOOLS_CLI_TEST_FIXTURE_H_
