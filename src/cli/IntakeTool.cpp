#include "cli/IntakeTool.hpp"

#include "cli/Output.hpp"
#include "core/I18n.hpp"
#include "core/InstallPaths.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <vector>

namespace mwangaza::cli {

int exec_intake_tool(std::span<const std::string> args, const std::string& lang, std::ostream& err)
{
    const std::string tool = core::intake_tool_path().string();
    std::vector<std::string> argv_text{tool, "--lang", lang};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    std::cout.flush();
    std::cerr.flush();
    ::execv(tool.c_str(), argv.data());
    err << "mwangaza-cli: "
        << core::tr("cannot start the import tool; reinstall Mwangaza") << " (" << tool << ": " << std::strerror(errno)
        << ")\n";
    return 1;
}

} // namespace mwangaza::cli
