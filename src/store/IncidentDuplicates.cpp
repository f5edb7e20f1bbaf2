#include "store/IncidentDuplicates.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "store/Database.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <tuple>
#include <unordered_map>

namespace mwangaza::store {

namespace {

using I = core::IncidentStatus;

const std::string k_before = "'-" + std::to_string(core::k_duplicate_window_days) + " days'";
const std::string k_after = "'+" + std::to_string(core::k_duplicate_window_days) + " days'";

// The other incidents of the same site and risk area observed within the window, neither
// rejected, not both verified. `a` is the incident the candidates are for. The site and
// observation-date index finds them (a site has few incidents in two weeks).
const std::string k_pair_join = "JOIN incident b INDEXED BY incident_site_observed ON b.site_id = a.site_id "
                                "AND b.observed_on BETWEEN date(a.observed_on, " + k_before +
                                ") AND date(a.observed_on, " + k_after +
                                ") AND b.risk_area = a.risk_area AND b.id <> a.id AND b.status <> 'rejected' "
                                "AND NOT (a.status = 'verified' AND b.status = 'verified') ";

const std::string k_candidates_sql =
    "SELECT b.id, b.status, b.observed_on, COALESCE(b.submitted_at, ''), b.description, b.children, b.women, "
    "b.men, a.description, a.children, a.women, a.men FROM incident a " +
    k_pair_join + "WHERE a.id = ? AND a.status <> 'rejected'";

struct Report {
    core::TextFingerprint text;
    int children = 0, women = 0, men = 0;

    core::ReportForComparison view() const { return {&text, children, women, men}; }
};

Report report_from(SQLite::Statement& q, int first)
{
    Report r;
    r.text = core::fingerprint(q.getColumn(first).getString());
    r.children = q.getColumn(first + 1).getInt();
    r.women = q.getColumn(first + 2).getInt();
    r.men = q.getColumn(first + 3).getInt();
    return r;
}

struct Facts {
    std::string status;
    std::string reported; // submission time, or the observation date when there is none
    std::int64_t site_id = 0;
    std::string risk_area;
};

// Kept first: verified, then earliest reported, then lowest id.
bool kept_before(const std::pair<std::int64_t, Facts>& x, const std::pair<std::int64_t, Facts>& y)
{
    const bool vx = x.second.status == "verified", vy = y.second.status == "verified";
    return std::tie(vy, x.second.reported, x.first) < std::tie(vx, y.second.reported, y.first);
}

std::optional<Facts> read_facts(SQLite::Database& db, std::int64_t id)
{
    SQLite::Statement q(db, "SELECT status, COALESCE(NULLIF(submitted_at, ''), observed_on), COALESCE(site_id, 0), "
                            "risk_area FROM incident WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        return std::nullopt;
    return Facts{q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt64(),
                 q.getColumn(3).getString()};
}

std::string id_text(std::int64_t id) { return "#" + std::to_string(id); }

} // namespace

std::vector<DuplicateCandidate> duplicate_candidates(SQLite::Database& db, std::int64_t incident_id, double threshold)
{
    try {
        SQLite::Statement q(db, k_candidates_sql);
        q.bind(1, incident_id);
        std::vector<DuplicateCandidate> out;
        std::optional<Report> self;
        while (q.executeStep()) {
            if (!self)
                self = report_from(q, 8);
            const Report other = report_from(q, 4);
            const auto similarity = core::compare_reports(self->view(), other.view());
            if (similarity.score < threshold)
                continue;
            out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getString(),
                           q.getColumn(3).getString(), similarity});
        }
        std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
            return std::tie(y.similarity.score, x.id) < std::tie(x.similarity.score, y.id);
        });
        return out;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot read the duplicate candidates of incident " + std::to_string(incident_id) + ": " +
                           e.what());
    }
}

std::vector<int> duplicate_candidate_counts(SQLite::Database& db, std::span<const std::int64_t> ids, double threshold)
{
    try {
        SQLite::Statement q(db, k_candidates_sql);
        std::vector<int> counts;
        counts.reserve(ids.size());
        for (const auto id : ids) {
            q.reset();
            q.bind(1, id);
            int n = 0;
            std::optional<Report> self;
            while (q.executeStep()) {
                if (!self)
                    self = report_from(q, 8);
                if (core::compare_reports(self->view(), report_from(q, 4).view()).score >= threshold)
                    ++n;
            }
            counts.push_back(n);
        }
        return counts;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot count duplicate candidates: ") + e.what());
    }
}

std::vector<DuplicateGroup> duplicate_groups(SQLite::Database& db, const std::optional<std::string>& site_code,
                                             double threshold)
{
    try {
        std::int64_t site_id = 0;
        if (site_code) {
            SQLite::Statement s(db, "SELECT id FROM site WHERE code = ?");
            s.bind(1, *site_code);
            if (!s.executeStep())
                throw InvalidInput("no site has the code '" + *site_code + "'");
            site_id = s.getColumn(0).getInt64();
        }
        // Each pair once: `a` awaits triage; `b` too (then only with a lower id) or is
        // verified, needs information etc.
        SQLite::Statement q(
            db, "SELECT a.id, b.id, a.description, a.children, a.women, a.men, b.description, b.children, b.women, "
                "b.men FROM incident a " +
                    k_pair_join +
                    "WHERE a.status IN ('new', 'in_review', 'needs_info') AND " +
                    (site_code ? std::string("a.site_id = ?") : std::string("a.site_id IS NOT NULL")) +
                    " AND NOT (b.status IN ('new', 'in_review', 'needs_info') AND b.id < a.id)");
        if (site_code)
            q.bind(1, site_id);
        std::unordered_map<std::int64_t, Report> reports;
        auto report = [&](std::int64_t id, int first) -> const Report& {
            auto it = reports.find(id);
            if (it == reports.end())
                it = reports.emplace(id, report_from(q, first)).first;
            return it->second;
        };
        // Union-find over the ids of the pairs that score.
        std::unordered_map<std::int64_t, std::int64_t> parent;
        std::unordered_map<std::int64_t, double> best; // by root
        auto find = [&](std::int64_t x) {
            parent.try_emplace(x, x);
            std::int64_t root = x;
            while (parent[root] != root)
                root = parent[root];
            while (parent[x] != root) {
                const std::int64_t up = parent[x];
                parent[x] = root;
                x = up;
            }
            return root;
        };
        while (q.executeStep()) {
            const std::int64_t a = q.getColumn(0).getInt64(), b = q.getColumn(1).getInt64();
            const double score = core::compare_reports(report(a, 2).view(), report(b, 6).view()).score;
            if (score < threshold)
                continue;
            const auto ra = find(a), rb = find(b);
            const double top = std::max({score, best[ra], best[rb]});
            if (ra != rb)
                parent[rb] = ra;
            best[ra] = top;
        }
        reports.clear();

        std::map<std::int64_t, std::vector<std::int64_t>> members; // by root
        for (const auto& [id, up] : parent)
            members[find(id)].push_back(id);
        std::vector<DuplicateGroup> groups;
        SQLite::Statement where(db, "SELECT s.code, i.risk_area FROM incident i JOIN site s ON s.id = i.site_id "
                                    "WHERE i.id = ?");
        for (auto& [root, ids] : members) {
            DuplicateGroup g;
            std::vector<std::pair<std::int64_t, Facts>> facts;
            for (auto id : ids)
                if (auto f = read_facts(db, id))
                    facts.emplace_back(id, std::move(*f));
            std::sort(facts.begin(), facts.end(), kept_before);
            for (const auto& f : facts)
                g.ids.push_back(f.first);
            g.best_score = best[root];
            where.reset();
            where.bind(1, g.ids.front());
            if (where.executeStep()) {
                g.site_code = where.getColumn(0).getString();
                g.risk_area = where.getColumn(1).getString();
            }
            groups.push_back(std::move(g));
        }
        std::sort(groups.begin(), groups.end(), [](const auto& x, const auto& y) {
            return std::tie(x.site_code, x.risk_area, x.ids.front()) < std::tie(y.site_code, y.risk_area, y.ids.front());
        });
        return groups;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot list the duplicate groups: ") + e.what());
    }
}

std::int64_t default_kept_incident(SQLite::Database& db, std::span<const std::int64_t> ids)
{
    try {
        std::vector<std::pair<std::int64_t, Facts>> facts;
        for (auto id : ids)
            if (auto f = read_facts(db, id); f && f->status != "rejected")
                facts.emplace_back(id, std::move(*f));
        if (facts.empty())
            return 0;
        return std::min_element(facts.begin(), facts.end(), kept_before)->first;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot read the incidents to merge: ") + e.what());
    }
}

std::string duplicate_reason(std::int64_t kept_id) { return "duplicate of " + id_text(kept_id); }

std::vector<IncidentStatusUndo> merge_incidents(Database& db, std::int64_t keep_id,
                                                std::span<const std::int64_t> duplicate_ids, const std::string& actor,
                                                const MergeOptions& options)
{
    if (actor.find_first_not_of(" \t") == std::string::npos)
        throw InvalidInput("a merge needs the name of who decides it");
    if (duplicate_ids.empty())
        throw InvalidInput("a merge needs at least one duplicate of incident " + id_text(keep_id));
    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        const auto kept = read_facts(sql, keep_id);
        if (!kept)
            throw InvalidInput("no incident has the id " + std::to_string(keep_id));
        if (kept->status == "rejected")
            throw InvalidInput("incident " + id_text(keep_id) +
                               " is rejected: nothing can be merged into it (keep another incident)");
        std::string reason = duplicate_reason(keep_id);
        if (const auto first = options.note.find_first_not_of(" \t\r\n"); first != std::string::npos)
            reason += ": " + options.note.substr(first, options.note.find_last_not_of(" \t\r\n") - first + 1);

        std::vector<IncidentStatusUndo> undo;
        std::set<std::int64_t> seen;
        std::string merged_json;
        for (const auto id : duplicate_ids) {
            if (id == keep_id)
                throw InvalidInput("incident " + id_text(keep_id) + " cannot be merged into itself");
            if (!seen.insert(id).second)
                continue;
            const auto dup = read_facts(sql, id);
            if (!dup)
                throw InvalidInput("no incident has the id " + std::to_string(id));
            if (!options.allow_other_place && (dup->site_id != kept->site_id || dup->risk_area != kept->risk_area))
                throw InvalidInput("incident " + id_text(id) + " is not at the same site and in the same risk area as " +
                                   id_text(keep_id) + ": correct its site or risk area first, or force the merge");
            const auto from = core::incident_status_from_code(dup->status);
            if (!from)
                throw StorageError("incident " + id_text(id) + " has an unknown status '" + dup->status + "'");
            if (*from == I::Verified)
                throw InvalidInput("incident " + id_text(id) + " is verified and cannot be rejected as a duplicate: "
                                   "merge " + id_text(keep_id) + " into it instead");
            if (*from == I::Rejected)
                throw InvalidInput("incident " + id_text(id) + " is already rejected");
            // A new or needs-information incident is reviewed first, as triage decisions are.
            if (*from != I::InReview)
                apply_incident_status_change(db, {id, I::InReview, {}, actor});
            apply_incident_status_change(db, {id, I::Rejected, reason, actor});
            undo.push_back({id, I::Rejected, *from, actor});
            merged_json += (merged_json.empty() ? "" : ",") + std::to_string(id);
        }
        db.audit(actor, "incident", keep_id, "merge", {},
                 "{\"duplicates\":[" + merged_json + "],\"reason\":" + core::json_string(reason) + "}");
        tx.commit();
        return undo;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot merge into incident " + id_text(keep_id) + ": " + e.what());
    }
}

} // namespace mwangaza::store
