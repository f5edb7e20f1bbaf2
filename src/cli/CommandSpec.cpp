#include "cli/CommandSpec.hpp"

#include "cli/Output.hpp"
#include "core/I18n.hpp"

#include <charconv>
#include <cstdlib>
#include <string>

namespace mwangaza::cli {

using core::tr;

int run_subcommand(std::span<const std::string> args, const char* command, std::span<const Subcommand> subcommands,
                   const std::function<void()>& help, std::span<const char* const> elsewhere)
{
    std::string names;
    for (const auto& s : subcommands)
        names += (names.empty() ? "" : ", ") + std::string(s.name);
    for (const char* name : elsewhere)
        names += (names.empty() ? "" : ", ") + std::string(name);
    if (args.empty())
        throw UsageError(core::format(tr("missing the subcommand (%1)"), {names}), command);
    if (args[0] == "-h" || args[0] == "--help") {
        help();
        return 0;
    }
    for (const auto& s : subcommands)
        if (args[0] == s.name)
            return s.run(args.subspan(1));
    throw UsageError(core::format(tr("unknown subcommand '%1' (expected: %2)"), {args[0], names}), command);
}

void print_helps(std::ostream& out, std::initializer_list<const CommandSpec*> commands)
{
    for (const CommandSpec* c : commands) {
        print_help(out, *c);
        out << '\n';
    }
}

void print_options(std::ostream& out, std::span<const OptionSpec> options)
{
    TextTable table({TextTable::Align::Left, TextTable::Align::Left});
    for (const auto& o : options) {
        std::string left = std::string(o.name) == "help" ? "-h, --help" : std::string("--") + o.name;
        if (o.value_name)
            left += std::string(" ") + o.value_name;
        table.add_row({"  " + left, tr(o.help)});
    }
    table.print(out);
}

void print_help(std::ostream& out, const CommandSpec& c)
{
    out << tr("Usage:") << ' ' << k_program << ' ' << c.path << ' ' << c.usage << "\n\n"
        << tr(c.summary) << "\n\n"
        << tr("Options:") << '\n';
    print_options(out, c.options);
}

std::filesystem::path database_argument(const ParsedArguments& a, const CommandSpec& c, bool only)
{
    if (a.positionals.empty())
        throw UsageError(tr("missing the database file argument (DB)"), c.path);
    if (only && a.positionals.size() > 1)
        throw UsageError(core::format(tr("unexpected argument '%1'"), {a.positionals[1]}), c.path);
    if (a.positionals[0].empty())
        throw UsageError(tr("the database file name is empty"), c.path);
    return a.positionals[0];
}

std::int64_t parse_incident_id(const std::string& text)
{
    std::int64_t id = 0;
    const auto* end = text.data() + text.size();
    const auto r = std::from_chars(text.data(), end, id);
    if (text.empty() || r.ec != std::errc() || r.ptr != end || id <= 0)
        throw InvalidInput(core::format(tr("'%1' is not an incident id"), {text}));
    return id;
}

std::string decision_actor(const ParsedArguments& a)
{
    std::string actor;
    if (auto as = a.value("as"))
        actor = *as;
    else if (const char* user = std::getenv("USER"))
        actor = user;
    if (actor.find_first_not_of(" \t") == std::string::npos)
        throw InvalidInput(tr("who decides is unknown: give --as NAME (or set USER)"));
    return actor;
}

} // namespace mwangaza::cli
