#include "cli/AssignCommand.hpp"

#include "app/SiteAssign.hpp"
#include "cli/ArgumentParser.hpp"
#include "cli/CommandSpec.hpp"
#include "cli/Output.hpp"
#include "core/I18n.hpp"
#include "store/Database.hpp"

#include <charconv>

namespace mwangaza::cli {

namespace {

using core::format;
using core::tr;

constexpr OptionSpec k_assign_options[] = {
    {"radius-km", "R", N_("Largest distance to the nearest site outside concessions (default 5)")},
    {"json", nullptr, N_("Print one JSON object")},
    {"help", nullptr, N_("Show this help")},
};

const CommandSpec k_assign{"assign", "DB [--radius-km R] [--json]",
                           N_("Assign incidents with coordinates to sites; flag those inside protected areas."),
                           k_assign_options};

} // namespace

int run_assign(std::span<const std::string> args, std::ostream& out, const std::string& lang)
{
    const auto a = parse_arguments(args, k_assign.options, k_assign.path);
    if (a.has("help")) {
        print_help(out, k_assign);
        return 0;
    }
    const auto db_path = database_argument(a, k_assign);
    double radius = app::k_default_radius_km;
    if (auto r = a.value("radius-km")) {
        const char* end = r->data() + r->size();
        const auto [ptr, ec] = std::from_chars(r->data(), end, radius);
        if (ec != std::errc() || ptr != end)
            throw UsageError(format(tr("'%1' is not a number of kilometres"), {*r}), k_assign.path);
    }
    auto db = store::Database::open(db_path);
    const auto c = app::assign_sites(db, radius);
    if (a.has("json")) {
        out << "{\"inside_concession\": " << c.inside_concession
            << ", \"nearest_within_radius\": " << c.nearest_within_radius << ", \"unassigned\": " << c.unassigned
            << ", \"kept_manual\": " << c.kept_manual << ", \"kept_decided\": " << c.kept_decided
            << ", \"in_protected_area\": " << c.in_protected_area << ", \"changed\": " << c.changed
            << ", \"radius_km\": " << json_number(radius) << "}\n";
        return 0;
    }
    auto n = [&](std::size_t v) { return group_digits(std::int64_t(v), lang); };
    TextTable t({TextTable::Align::Left, TextTable::Align::Right});
    t.add_row({tr("Inside a concession holding sites"), n(c.inside_concession)});
    t.add_row({format(tr("Nearest site within %1 km"), {json_number(radius)}), n(c.nearest_within_radius)});
    t.add_row({tr("Unassigned"), n(c.unassigned)});
    t.add_row({tr("Kept (chosen by a person)"), n(c.kept_manual)});
    t.add_row({tr("Kept (verified or rejected)"), n(c.kept_decided)});
    t.add_row({tr("In a protected area"), n(c.in_protected_area)});
    t.add_row({tr("Incidents changed"), n(c.changed)});
    t.print(out);
    return 0;
}

} // namespace mwangaza::cli
