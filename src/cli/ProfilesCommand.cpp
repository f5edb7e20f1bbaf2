#include "cli/ProfilesCommand.hpp"

#include "app/ImportProfile.hpp"
#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "cli/Output.hpp"
#include "core/Error.hpp"
#include "store/Database.hpp"
#include "store/MappingProfileStore.hpp"

#include <fstream>
#include <sstream>

namespace mwangaza::cli {

namespace {

using core::tr;
namespace fs = std::filesystem;

constexpr const char* k_command = "profiles";

constexpr OptionSpec k_options[] = {
    {"name", "NAME", N_("save: the name to save the profile under (default: its \"name\", else the file name)")},
    {"json", nullptr, N_("list: print a JSON array")},
    {"help", nullptr, N_("Show this help")},
};

void print_help(std::ostream& out)
{
    out << tr("Usage:") << " mwangaza-cli profiles list DB [--json]\n"
        << "       mwangaza-cli profiles show DB NAME\n"
        << "       mwangaza-cli profiles save DB FILE.json [--name NAME]\n"
        << "       mwangaza-cli profiles delete DB NAME\n\n"
        << tr(profiles_command_summary()) << "\n\n"
        << tr("Options:") << '\n';
    print_options(out, k_options);
    out << '\n'
        << tr("Exit status: 0 done, 2 no such profile or a profile file that is wrong, 1 usage error.") << '\n';
}

std::size_t count_entries(store::Database& db, const std::string& definition, const std::string& group)
{
    std::size_t n = 0;
    for (const auto& [key, value] : store::mapping_profile_entries(db, definition))
        if (key.rfind(group + "/", 0) == 0)
            ++n;
    return n;
}

int run(std::span<const std::string> args, std::ostream& out, std::ostream& err)
{
    const auto a = parse_arguments(args, k_options, k_command);
    if (a.has("help")) {
        print_help(out);
        return 0;
    }
    if (a.positionals.empty())
        throw UsageError(tr("missing the action: list, show, save or delete"), k_command);
    const std::string action = a.positionals[0];
    if (action != "list" && action != "show" && action != "save" && action != "delete")
        throw UsageError(format(tr("unknown action '%1' (expected list, show, save or delete)"), {action}), k_command);
    const std::size_t wanted = action == "list" ? 2 : 3;
    if (a.positionals.size() < 2)
        throw UsageError(tr("missing the database file argument (DB)"), k_command);
    if (a.positionals.size() < wanted)
        throw UsageError(action == "save" ? tr("missing the profile file (FILE.json)") : tr("missing the profile name"),
                         k_command);
    if (a.positionals.size() > wanted)
        throw UsageError(format(tr("unexpected argument '%1'"), {a.positionals[wanted]}), k_command);
    const fs::path db_path = a.positionals[1];

    try {
        if (action == "list") {
            auto db = store::Database::open(db_path, store::Database::Mode::ReadOnly);
            const auto profiles = store::list_mapping_profiles(db);
            if (a.has("json")) {
                out << "[";
                for (std::size_t i = 0; i < profiles.size(); ++i) {
                    const auto& p = profiles[i];
                    out << (i ? ",\n " : "\n ") << "{\"name\": " << json_string(p.name)
                        << ", \"created_at\": " << json_string(p.created_at)
                        << ", \"updated_at\": " << json_string(p.updated_at) << ", \"definition\": " << p.definition
                        << "}";
                }
                out << (profiles.empty() ? "]\n" : "\n]\n");
                return 0;
            }
            if (profiles.empty()) {
                out << tr("No mapping profile is saved in this programme.") << '\n';
                return 0;
            }
            TextTable table({TextTable::Align::Left, TextTable::Align::Left, TextTable::Align::Right,
                             TextTable::Align::Right});
            table.add_row({tr("Name"), tr("Last changed"), tr("Columns"), tr("Values")});
            for (const auto& p : profiles)
                table.add_row({p.name, p.updated_at, std::to_string(count_entries(db, p.definition, "columns")),
                               std::to_string(count_entries(db, p.definition, "values"))});
            table.print(out);
            return 0;
        }
        if (action == "show") {
            auto db = store::Database::open(db_path, store::Database::Mode::ReadOnly);
            const auto p = store::find_mapping_profile(db, a.positionals[2]);
            if (!p)
                throw InvalidInput(format(tr("no mapping profile named '%1' in this database"), {a.positionals[2]}));
            out << p->definition << '\n';
            return 0;
        }
        if (action == "delete") {
            auto db = store::Database::open(db_path, store::Database::Mode::OpenExisting);
            if (!store::delete_mapping_profile(db, a.positionals[2]))
                throw InvalidInput(format(tr("no mapping profile named '%1' in this database"), {a.positionals[2]}));
            out << format(tr("Mapping profile '%1' deleted."), {a.positionals[2]}) << '\n';
            return 0;
        }
        // save: the file is read and checked as `import --mapping` reads it.
        const fs::path file = a.positionals[2];
        const auto profile = app::load_mapping_profile(file);
        std::ifstream in(file, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        std::string name = profile.name;
        if (auto n = a.value("name")) {
            if (n->empty())
                throw UsageError(tr("--name needs a name"), k_command);
            name = *n;
        }
        auto db = store::Database::open(db_path, store::Database::Mode::OpenExisting);
        store::save_mapping_profile(db, name, text.str());
        out << format(tr("Mapping profile '%1' saved."), {name}) << '\n';
        return 0;
    } catch (const UsageError&) {
        throw;
    } catch (const Error& e) {
        err << "mwangaza-cli: " << e.what() << '\n';
        return 2;
    }
}

} // namespace

int run_profiles(std::span<const std::string> args, std::ostream& out, std::ostream& err, const std::string&)
{
    try {
        return run(args, out, err);
    } catch (const UsageError& e) {
        err << "mwangaza-cli: " << e.what() << '\n'
            << format(tr("Try '%1 --help'."), {"mwangaza-cli profiles"}) << '\n';
        return 1;
    }
}

} // namespace mwangaza::cli
