#include "app/SiteAssign.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "geo/SiteAssigner.hpp"
#include "store/Database.hpp"
#include "store/SiteAssignmentStore.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <string>
#include <thread>

namespace mwangaza::app {

using core::format;
using core::tr;

AssignmentCounts assign_sites(store::Database& db, double radius_km)
{
    if (!(radius_km > 0) || radius_km > 1000)
        throw InvalidInput(format(tr("the radius must be more than 0 and at most 1000 km, not %1"),
                                  {std::to_string(radius_km)}));
    std::vector<geo::IndexedSite> sites;
    for (const auto& s : store::site_locations(db))
        sites.push_back({s.id, {s.lon, s.lat}});
    auto areas = [](std::vector<store::StoredArea> stored) {
        std::vector<geo::IndexedArea> out;
        out.reserve(stored.size());
        for (const auto& a : stored) {
            out.push_back({a.id, geo::multipolygon_from_wkb(a.wkb)});
            out.back().shape.prepare();
        }
        return out;
    };
    const auto protected_areas = store::stored_protected_areas(db);
    std::map<std::int64_t, std::string> area_names;
    for (const auto& a : protected_areas)
        area_names.emplace(a.id, a.name);
    const geo::AreaIndex protected_index(areas(protected_areas));
    auto concessions = areas(store::stored_concessions(db));
    const geo::AreaIndex concession_index(concessions);
    const geo::SiteAssigner assigner(std::move(sites), std::move(concessions), radius_km * 1000.0);

    auto placements = store::placed_incidents(db);

    // Each incident is placed on its own, against indexes that are only read: the work is
    // shared between the processor's cores, each taking a contiguous slice.
    auto place = [&](store::IncidentPlacement& p, AssignmentCounts& counts) {
        const store::IncidentPlacement before = p;
        store::IncidentPlacement& after = p;
        const geo::LonLat at{before.lon, before.lat};
        const auto pa = protected_index.first_containing(at);
        after.protected_area = pa ? std::optional<std::string>(area_names.at(*pa)) : std::nullopt;
        if (after.protected_area)
            ++counts.in_protected_area;
        after.concession_id = concession_index.first_containing(at);
        const bool automatic = before.site_method == "inside_concession" || before.site_method == "nearest_within_radius";
        if (before.decided) {
            ++counts.kept_decided;
        } else if (before.site_method == "manual" || (before.site_id && !automatic)) {
            ++counts.kept_manual;
        } else {
            const auto choice = assigner.assign(at);
            if (choice.method == geo::SiteMethod::InsideConcession)
                after.concession_id = choice.concession_id; // the one holding the site
            if (choice.method == geo::SiteMethod::None) {
                ++counts.unassigned;
                after.site_id.reset();
                after.site_method.reset();
                after.site_distance_m.reset();
            } else {
                const bool inside = choice.method == geo::SiteMethod::InsideConcession;
                ++(inside ? counts.inside_concession : counts.nearest_within_radius);
                after.site_id = choice.site_id;
                after.site_method = inside ? "inside_concession" : "nearest_within_radius";
                after.site_distance_m = std::round(choice.distance_m * 10) / 10; // decimetres
            }
        }
        return !(after == before);
    };
    const std::size_t workers =
        placements.size() < 1000 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<AssignmentCounts> partial(workers);
    std::vector<std::vector<char>> changed_flags(workers);
    std::vector<std::exception_ptr> failures(workers);
    auto run_slice = [&](std::size_t w) {
        try {
            const std::size_t first = placements.size() * w / workers, last = placements.size() * (w + 1) / workers;
            auto& flags = changed_flags[w];
            flags.reserve(last - first);
            for (std::size_t i = first; i < last; ++i)
                flags.push_back(place(placements[i], partial[w]) ? 1 : 0);
        } catch (...) {
            failures[w] = std::current_exception();
        }
    };
    {
        std::vector<std::thread> threads;
        for (std::size_t w = 1; w < workers; ++w)
            threads.emplace_back(run_slice, w);
        run_slice(0);
        for (auto& t : threads)
            t.join();
    }
    for (const auto& failure : failures)
        if (failure)
            std::rethrow_exception(failure);

    AssignmentCounts counts;
    std::vector<store::IncidentPlacement> changed;
    std::size_t position = 0;
    for (std::size_t w = 0; w < workers; ++w) {
        const auto& c = partial[w];
        counts.inside_concession += c.inside_concession;
        counts.nearest_within_radius += c.nearest_within_radius;
        counts.unassigned += c.unassigned;
        counts.kept_manual += c.kept_manual;
        counts.kept_decided += c.kept_decided;
        counts.in_protected_area += c.in_protected_area;
        for (const char flag : changed_flags[w]) {
            if (flag)
                changed.push_back(std::move(placements[position]));
            ++position;
        }
    }
    counts.changed = changed.size();
    if (!changed.empty())
        store::write_placements(db, changed);
    return counts;
}

} // namespace mwangaza::app
