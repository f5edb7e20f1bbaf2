#include "store/IncidentStatusChange.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "store/Database.hpp"
#include "store/RiskAssessmentStore.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace mwangaza::store {

namespace {

// Writes one change inside the caller's transaction.
core::IncidentStatus apply(Database& db, const IncidentStatusChange& change)
{
    if (change.actor.find_first_not_of(" \t") == std::string::npos)
        throw InvalidInput("a status change needs the name of who decides it");
    auto& sql = db.sql();
    try {
        SQLite::Statement read(sql, "SELECT status FROM incident WHERE id = ?");
        read.bind(1, change.incident_id);
        if (!read.executeStep())
            throw InvalidInput("no incident has the id " + std::to_string(change.incident_id));
        const std::string before = read.getColumn(0).getString();
        const auto from = core::incident_status_from_code(before);
        if (!from)
            throw StorageError("incident " + std::to_string(change.incident_id) + " has an unknown status '" +
                               before + "'");
        try {
            core::check_transition(*from, change.to, change.reason);
        } catch (const IllegalTransition& e) {
            throw IllegalTransition("incident " + std::to_string(change.incident_id) + ": " + e.what());
        }

        const std::string now = utc_now();
        const std::string after(core::status_code(change.to));
        SQLite::Statement update(sql, "UPDATE incident SET status = ?, updated_at = ? WHERE id = ?");
        update.bind(1, after);
        update.bind(2, now);
        update.bind(3, change.incident_id);
        update.exec();
        // A verified incident feeds the open risk of its site and area (created if needed).
        if (change.to == core::IncidentStatus::Verified)
            attach_verified_incident(db, change.incident_id, change.actor);

        SQLite::Statement history(sql, "INSERT INTO incident_status_history(incident_id, from_status, to_status, "
                                       "reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)");
        history.bind(1, change.incident_id);
        history.bind(2, before);
        history.bind(3, after);
        if (change.reason.empty())
            history.bind(4);
        else
            history.bind(4, change.reason);
        history.bind(5, change.actor);
        history.bind(6, now);
        history.exec();

        std::string after_json = "{\"status\":" + core::json_string(after);
        if (!change.reason.empty())
            after_json += ",\"reason\":" + core::json_string(change.reason);
        after_json += "}";
        db.audit(change.actor, "incident", change.incident_id, "status",
                 "{\"status\":" + core::json_string(before) + "}", after_json);
        return *from;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot change the status of incident " + std::to_string(change.incident_id) + ": " +
                           e.what());
    }
}

} // namespace

core::IncidentStatus apply_incident_status_change(Database& db, const IncidentStatusChange& change)
{
    return apply(db, change);
}

core::IncidentStatus change_incident_status(Database& db, const IncidentStatusChange& change)
{
    return change_incident_statuses(db, std::span<const IncidentStatusChange>(&change, 1)).front();
}

std::vector<core::IncidentStatus> change_incident_statuses(Database& db, std::span<const IncidentStatusChange> changes)
{
    try {
        SQLite::Transaction tx(db.sql(), SQLite::TransactionBehavior::IMMEDIATE);
        std::vector<core::IncidentStatus> before;
        before.reserve(changes.size());
        for (const auto& change : changes)
            before.push_back(apply(db, change));
        tx.commit();
        return before;
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot change incident statuses: ") + e.what());
    }
}

void undo_incident_statuses(Database& db, std::span<const IncidentStatusUndo> undos)
{
    auto& sql = db.sql();
    try {
        SQLite::Transaction tx(sql, SQLite::TransactionBehavior::IMMEDIATE);
        for (const auto& undo : undos) {
            if (undo.actor.find_first_not_of(" \t") == std::string::npos)
                throw InvalidInput("an undo needs the name of who does it");
            const std::string id = std::to_string(undo.incident_id);
            SQLite::Statement read(sql, "SELECT status FROM incident WHERE id = ?");
            read.bind(1, undo.incident_id);
            if (!read.executeStep())
                throw InvalidInput("no incident has the id " + id);
            const std::string current = read.getColumn(0).getString();
            const std::string expected(core::status_code(undo.expected));
            if (current != expected)
                throw InvalidInput("incident " + id + " is now '" + current + "', not '" + expected +
                                   "': someone changed it since; nothing is undone");
            const std::string now = utc_now();
            const std::string restore(core::status_code(undo.restore));
            SQLite::Statement update(sql, "UPDATE incident SET status = ?, updated_at = ? WHERE id = ?");
            update.bind(1, restore);
            update.bind(2, now);
            update.bind(3, undo.incident_id);
            update.exec();
            if (undo.expected == core::IncidentStatus::Verified)
                detach_unverified_incident(db, undo.incident_id, undo.actor);
            SQLite::Statement history(sql, "INSERT INTO incident_status_history(incident_id, from_status, to_status, "
                                           "reason, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?)");
            history.bind(1, undo.incident_id);
            history.bind(2, current);
            history.bind(3, restore);
            history.bind(4, k_undo_reason);
            history.bind(5, undo.actor);
            history.bind(6, now);
            history.exec();
            db.audit(undo.actor, "incident", undo.incident_id, "status_undo",
                     "{\"status\":" + core::json_string(current) + "}",
                     "{\"status\":" + core::json_string(restore) + ",\"reason\":" + core::json_string(k_undo_reason) +
                         "}");
        }
        tx.commit();
    } catch (const SQLite::Exception& e) {
        throw StorageError(std::string("cannot undo the status change: ") + e.what());
    }
}

} // namespace mwangaza::store
