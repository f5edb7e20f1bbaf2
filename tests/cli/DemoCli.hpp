#pragma once
// A demo programme made by the real mwangaza-cli in a folder of its own, for the CLI tests
// that run the program on it as one user, parse its JSON and read the database back.
#include "CliRunner.hpp"
#include "Json.hpp"
#include "TempFolder.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace mwangaza::test {

struct DemoCli {
    TempFolder dir;
    std::vector<std::string> env;

    DemoCli(const std::string& folder, const std::string& user) : dir(folder), env{"USER=" + user}
    {
        const auto r = run({"demo", "create", "demo.mwz"});
        INFO(r.err);
        REQUIRE(r.status == 0);
    }

    CliResult run(const std::vector<std::string>& args) const { return run_cli(dir, args, env); }

    std::int64_t count(const std::string& sql) const
    {
        SQLite::Database db((dir / "demo.mwz").string(), SQLite::OPEN_READONLY);
        return db.execAndGet(sql).getInt64();
    }

    // The program's JSON output; the run must succeed.
    Json json(const std::vector<std::string>& args) const
    {
        const auto r = run(args);
        INFO(r.err);
        REQUIRE(r.status == 0);
        return JsonReader::parse(r.out);
    }
};

} // namespace mwangaza::test
