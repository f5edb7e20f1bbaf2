// mwangaza-intake: the `mwangaza-cli import` command, as a program of its own because it
// links GDAL. mwangaza-cli starts it as `mwangaza-intake --lang LANG ARGS...`.
#include "cli/ImportCommand.hpp"
#include "core/I18n.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv)
{
    std::ios::sync_with_stdio(false);
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string lang = mwangaza::core::language_from_environment();
    if (args.size() >= 2 && args[0] == "--lang") {
        if (mwangaza::core::is_supported_language(args[1]))
            lang = args[1];
        args.erase(args.begin(), args.begin() + 2);
    }
    mwangaza::core::install_catalog(lang);
    const int status = mwangaza::cli::run_import(args, std::cout, std::cerr, lang);
    std::cout.flush();
    return status;
}
