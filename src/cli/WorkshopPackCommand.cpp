#include "cli/WorkshopPackCommand.hpp"

#include "app/WorkshopPackExport.hpp"
#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "cli/TerminalProgress.hpp"
#include "core/Error.hpp"

#include <unistd.h>

#include <chrono>
#include <cstdio>

namespace mwangaza::cli {

namespace {

using core::tr;

constexpr const char* k_command = "workshop pack";

constexpr OptionSpec k_options[] = {
    {"site", "CODE", N_("The site's code")},
    {"month", "YYYY-MM", N_("The month of the workshop")},
    {"out", "FILE", N_("The file to write: FILE.pdf (A4) or FILE.html")},
    {"pack-lang", "en|fr", N_("Language of the pack (default: the site's; --lang sets it too)")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_spec{k_command, "DB --site CODE --month YYYY-MM [--lang en|fr] --out FILE.pdf|FILE.html",
                         workshop_pack_summary(), k_options};

int run(std::span<const std::string> args, std::ostream& out)
{
    const auto a = parse_arguments(args, k_options, k_command);
    if (a.has("help")) {
        print_help(out, k_spec);
        return 0;
    }
    app::WorkshopPackRequest request;
    request.database = database_argument(a, k_spec);
    for (const char* name : {"site", "month", "out"})
        if (!a.value(name) || a.value(name)->empty())
            throw UsageError(format(tr("missing --%1"), {name}), k_command);
    request.site_code = *a.value("site");
    request.month = *a.value("month");
    request.out = *a.value("out");
    request.lang = a.value("pack-lang");

    const auto started = std::chrono::steady_clock::now();
    app::WorkshopPackResult result;
    {
        TerminalProgress progress(::isatty(STDERR_FILENO) == 1);
        result = app::export_workshop_pack(request, progress);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    char time_text[32];
    std::snprintf(time_text, sizeof time_text, "%.0f ms", ms);
    if (result.pages > 0)
        out << format(tr("Wrote %1 (%2, %3 pages, %4)"),
                      {request.out.string(), result.lang, std::to_string(result.pages), time_text});
    else
        out << format(tr("Wrote %1 (%2, %3)"), {request.out.string(), result.lang, time_text});
    out << '\n'
        << format(tr("Workshop on %1; %2 verified incidents since the last workshop; %3 actions to issue; %4 open "
                     "actions, %5 overdue; implementation rate %6 of %7."),
                  {result.workshop_on ? *result.workshop_on : tr("(none planned)"), std::to_string(result.incidents),
                   std::to_string(result.drafts), std::to_string(result.open_actions),
                   std::to_string(result.overdue_actions), std::to_string(result.actions_progressing),
                   std::to_string(result.actions_issued)})
        << '\n';
    return 0;
}

} // namespace

int run_workshop_pack(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string&)
{
    try {
        return run(args, out);
    } catch (const UsageError& e) {
        err << k_program << ": " << e.what() << '\n'
            << format(tr("Try '%1 --help'."), {std::string(k_program) + " " + k_command}) << '\n';
        return 1;
    } catch (const Cancelled&) {
        err << k_program << ": " << tr("cancelled; nothing was written") << '\n';
        return 130;
    } catch (const Error& e) {
        err << k_program << ": " << e.what() << '\n';
        return 2;
    }
}

} // namespace mwangaza::cli
