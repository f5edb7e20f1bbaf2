#include "cli/PluginsCommand.hpp"

#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "core/I18n.hpp"
#include "plugin/PluginLoader.hpp"

namespace mwangaza::cli {

namespace {

using core::tr;

constexpr const char* k_command = "plugins list";
constexpr const char* k_summary = N_("List the reader plugins found (KoboToolbox, ODK Central and others).");

constexpr OptionSpec k_options[] = {
    {"json", nullptr, N_("Print a JSON array")},
    {"help", nullptr, N_("Show this help")},
};

void print_help(std::ostream& out)
{
    out << tr("Usage:") << " mwangaza-cli " << k_command << " [--json]\n\n"
        << tr(k_summary) << "\n\n"
        << tr("Plugins are read from the installation's plugin folder, then from the folders listed in the "
              "MWANGAZA_PLUGIN_PATH environment variable (separated by ':').")
        << "\n\n"
        << tr("Options:") << '\n';
    print_options(out, k_options);
}

} // namespace

void add_plugins_summary(TextTable& table)
{
    table.add_row({std::string("  ") + k_command, tr(k_summary)});
}

int run_plugins(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string& lang)
{
    if (args.empty())
        throw UsageError(tr("missing the subcommand (list)"), "plugins");
    if (args[0] == "-h" || args[0] == "--help") {
        print_help(out);
        return 0;
    }
    if (args[0] != "list")
        throw UsageError(format(tr("unknown subcommand '%1' (list)"), {args[0]}), "plugins");
    const auto a = parse_arguments(args.subspan(1), k_options, k_command);
    if (a.has("help")) {
        print_help(out);
        return 0;
    }
    if (!a.positionals.empty())
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[0]}), k_command);

    const auto folders = plugin::plugin_folders();
    const auto set = plugin::load_plugins(folders, {"auto", "generic"});
    for (const auto& w : set.warnings)
        err << "mwangaza-cli: " << tr("warning:") << ' ' << w << '\n';

    if (a.has("json")) {
        out << '[';
        for (std::size_t i = 0; i < set.plugins.size(); ++i) {
            const auto& p = *set.plugins[i];
            out << (i ? ",\n " : "\n ") << "{\"name\": " << json_string(p.name())
                << ", \"label\": " << json_string(p.label(lang)) << ", \"version\": " << json_string(p.version())
                << ", \"abi\": " << p.abi_version() << ", \"file\": " << json_string(p.file().string()) << '}';
        }
        out << (set.plugins.empty() ? "]\n" : "\n]\n");
        return 0;
    }
    if (set.plugins.empty()) {
        std::string where;
        for (const auto& f : folders)
            where += (where.empty() ? "" : ", ") + f.string();
        out << (where.empty() ? tr("No plugin folder found.") : format(tr("No plugin found in %1."), {where})) << '\n';
        return 0;
    }
    TextTable table({TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right,
                     TextTable::Align::Left});
    table.add_row({tr("Name"), tr("Label"), tr("Version"), tr("ABI"), tr("File")});
    for (const auto& p : set.plugins)
        table.add_row({p->name(), p->label(lang), p->version(), std::to_string(p->abi_version()), p->file().string()});
    table.print(out);
    return 0;
}

} // namespace mwangaza::cli
