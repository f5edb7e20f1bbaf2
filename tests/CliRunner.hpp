#pragma once
// Runs the real build/bin/mwangaza-cli as a separate process and reads what it prints.
#include "TempFolder.hpp"

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace mwangaza::test {

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
};

inline std::string shell_quote(const std::string& arg)
{
    std::string q = "'";
    for (char c : arg)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::string read_text(const std::filesystem::path& p)
{
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs the CLI with `args` in `dir`, in a neutral C locale with no language variable set,
// plus `env` ("NAME=value" each, e.g. "LANGUAGE=fr").
inline CliResult run_cli(const TempFolder& dir, const std::vector<std::string>& args,
                         const std::vector<std::string>& env = {})
{
    const auto cli = std::filesystem::path(MWANGAZA_BINARY_DIR) / "bin" / "mwangaza-cli";
    std::string cmd = "cd " + shell_quote(dir.path().string()) + " && env -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=C";
    for (const auto& e : env)
        cmd += " " + shell_quote(e);
    cmd += " " + shell_quote(cli.string());
    for (const auto& a : args)
        cmd += " " + shell_quote(a);
    cmd += " >" + shell_quote((dir / ".out").string()) + " 2>" + shell_quote((dir / ".err").string()) + " </dev/null";
    CliResult r;
    const int raw = std::system(cmd.c_str());
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_text(dir / ".out");
    r.err = read_text(dir / ".err");
    std::filesystem::remove(dir / ".out");
    std::filesystem::remove(dir / ".err");
    return r;
}

// "LANGUAGE=<language>", or nothing for an empty language.
inline std::vector<std::string> language_env(const std::string& language)
{
    return language.empty() ? std::vector<std::string>{} : std::vector<std::string>{"LANGUAGE=" + language};
}

} // namespace mwangaza::test
