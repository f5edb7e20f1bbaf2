#include "store/ActionStore.hpp"

#include "core/Error.hpp"
#include "core/Json.hpp"
#include "core/Kpi.hpp"
#include "core/Sha256.hpp"
#include "store/Database.hpp"
#include "store/WriteScope.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace mwangaza::store {

namespace {

bool blank(const std::string& s)
{
    return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string today()
{
    return utc_now().substr(0, 10);
}

std::string date_or_today(const std::string& on, const char* field)
{
    if (on.empty())
        return today();
    if (!core::is_iso_date(on))
        throw InvalidInput(std::string(field) + ": '" + on + "' is not a date (YYYY-MM-DD)");
    return on;
}

void need_actor(const std::string& actor, const char* what)
{
    if (blank(actor))
        throw InvalidInput(std::string(what) + " needs the name of who records it");
}

void bind_text_or_null(SQLite::Statement& q, int index, const std::string& text)
{
    if (text.empty())
        q.bind(index);
    else
        q.bind(index, text);
}

void bind_id_or_null(SQLite::Statement& q, int index, const std::optional<std::int64_t>& id)
{
    if (id)
        q.bind(index, *id);
    else
        q.bind(index);
}

void check_stakeholder(SQLite::Database& sql, std::int64_t id, const char* field)
{
    SQLite::Statement q(sql, "SELECT 1 FROM stakeholder WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep())
        throw InvalidInput(std::string(field) + ": no stakeholder has the id " + std::to_string(id));
}

void check_workshop(SQLite::Database& sql, const std::optional<std::int64_t>& id, std::int64_t site_id)
{
    if (!id)
        return;
    SQLite::Statement q(sql, "SELECT site_id FROM workshop WHERE id = ?");
    q.bind(1, *id);
    if (!q.executeStep())
        throw InvalidInput("workshop: no workshop has the id " + std::to_string(*id));
    if (q.getColumn(0).getInt64() != site_id)
        throw InvalidInput("workshop " + std::to_string(*id) + " was held at another site than the action's");
}

struct Current {
    core::ActionStatus status;
    std::string code;
    std::int64_t site_id;
};

Current read_current(SQLite::Database& sql, std::int64_t action_id)
{
    SQLite::Statement q(sql, "SELECT status, site_id FROM corrective_action WHERE id = ?");
    q.bind(1, action_id);
    if (!q.executeStep())
        throw InvalidInput("no action has the id " + std::to_string(action_id));
    const std::string code = q.getColumn(0).getString();
    const auto status = core::action_status_from_code(code);
    if (!status)
        throw StorageError("action " + std::to_string(action_id) + " has an unknown status '" + code + "'");
    return {*status, code, q.getColumn(1).getInt64()};
}

std::int64_t insert_progress(SQLite::Database& sql, std::int64_t action_id, const std::optional<std::int64_t>& workshop,
                             const std::string& on, const std::string& from, const std::string& to,
                             const std::string& note, const std::string& actor)
{
    SQLite::Statement q(sql, "INSERT INTO action_progress(action_id, workshop_id, recorded_on, from_status, to_status, "
                             "note, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    q.bind(1, action_id);
    bind_id_or_null(q, 2, workshop);
    q.bind(3, on);
    q.bind(4, from);
    q.bind(5, to);
    q.bind(6, note);
    q.bind(7, actor);
    q.exec();
    return sql.getLastInsertRowid();
}

void check_evidence(const EvidenceFile& file)
{
    if (blank(file.file_name) || file.file_name.find_first_of("/\\") != std::string::npos)
        throw InvalidInput("evidence file name '" + file.file_name + "' must be a plain file name");
    if (std::int64_t(file.content.size()) > k_max_evidence_bytes)
        throw InvalidInput("evidence file '" + file.file_name + "' is " + std::to_string(file.content.size()) +
                           " bytes; at most " + std::to_string(k_max_evidence_bytes) +
                           " bytes (10 MB) are kept in the programme database");
}

std::string lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

} // namespace

std::int64_t draft_action(Database& db, const ActionDraft& draft)
{
    if (blank(draft.title))
        throw InvalidInput("title: an action needs a title");
    need_actor(draft.actor, "drafting an action");
    if (draft.priority != "low" && draft.priority != "medium" && draft.priority != "high")
        throw InvalidInput("priority: '" + draft.priority + "' is not low, medium or high");
    if (!draft.due_on.empty() && !core::is_iso_date(draft.due_on))
        throw InvalidInput("due date: '" + draft.due_on + "' is not a date (YYYY-MM-DD)");
    auto& sql = db.sql();
    try {
        WriteScope scope(sql);
        SQLite::Statement risk(sql, "SELECT site_id FROM risk WHERE id = ?");
        risk.bind(1, draft.risk_id);
        if (!risk.executeStep())
            throw InvalidInput("risk: no risk has the id " + std::to_string(draft.risk_id));
        const std::int64_t site_id = risk.getColumn(0).getInt64();
        if (draft.responsible_id)
            check_stakeholder(sql, *draft.responsible_id, "responsible");
        std::vector<std::int64_t> supporters;
        for (auto id : draft.supporter_ids) {
            check_stakeholder(sql, id, "supporter");
            if (id != draft.responsible_id && std::find(supporters.begin(), supporters.end(), id) == supporters.end())
                supporters.push_back(id);
        }

        const std::string now = utc_now();
        SQLite::Statement insert(sql, "INSERT INTO corrective_action(risk_id, site_id, title, description, "
                                      "responsible_id, due_on, priority, status, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)");
        insert.bind(1, draft.risk_id);
        insert.bind(2, site_id);
        insert.bind(3, draft.title);
        insert.bind(4, draft.description);
        bind_id_or_null(insert, 5, draft.responsible_id);
        bind_text_or_null(insert, 6, draft.due_on);
        insert.bind(7, draft.priority);
        insert.bind(8, now);
        insert.bind(9, now);
        insert.exec();
        const std::int64_t id = sql.getLastInsertRowid();

        SQLite::Statement support(sql, "INSERT INTO action_supporter(action_id, stakeholder_id) VALUES (?, ?)");
        std::string supporters_json;
        for (auto s : supporters) {
            support.reset();
            support.bind(1, id);
            support.bind(2, s);
            support.exec();
            supporters_json += (supporters_json.empty() ? "" : ",") + std::to_string(s);
        }
        std::string after = "{\"risk_id\":" + std::to_string(draft.risk_id) +
                            ",\"title\":" + core::json_string(draft.title) +
                            ",\"responsible_id\":" +
                            (draft.responsible_id ? std::to_string(*draft.responsible_id) : std::string("null")) +
                            ",\"supporters\":[" + supporters_json + "]" +
                            ",\"due_on\":" + (draft.due_on.empty() ? "null" : core::json_string(draft.due_on)) +
                            ",\"priority\":" + core::json_string(draft.priority) + ",\"status\":\"draft\"}";
        db.audit(draft.actor, "corrective_action", id, "draft", "", after);
        scope.commit();
        return id;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot draft the action '" + draft.title + "': " + e.what());
    }
}

core::ActionStatus change_action_status(Database& db, const ActionStatusChange& change)
{
    need_actor(change.actor, "a status change");
    const std::string on = date_or_today(change.on, "date");
    const std::string id = std::to_string(change.action_id);
    auto& sql = db.sql();
    try {
        WriteScope scope(sql);
        const Current current = read_current(sql, change.action_id);
        try {
            core::check_transition(current.status, change.to, change.reason);
        } catch (const IllegalTransition& e) {
            throw IllegalTransition("action " + id + ": " + e.what());
        }
        check_workshop(sql, change.workshop_id, current.site_id);
        const std::string to(core::status_code(change.to));
        const std::string now = utc_now();
        const bool issuing = change.to == core::ActionStatus::Issued;
        SQLite::Statement update(sql, issuing ? "UPDATE corrective_action SET status = ?, status_reason = ?, "
                                                "updated_at = ?, issued_on = ?, issued_workshop_id = ? WHERE id = ?"
                                              : "UPDATE corrective_action SET status = ?, status_reason = ?, "
                                                "updated_at = ? WHERE id = ?");
        update.bind(1, to);
        bind_text_or_null(update, 2, change.reason);
        update.bind(3, now);
        if (issuing) {
            update.bind(4, on);
            bind_id_or_null(update, 5, change.workshop_id);
            update.bind(6, change.action_id);
        } else {
            update.bind(4, change.action_id);
        }
        update.exec();

        std::string note = change.reason;
        if (!blank(change.note))
            note = note.empty() ? change.note : note + " - " + change.note;
        insert_progress(sql, change.action_id, change.workshop_id, on, current.code, to, note, change.actor);

        std::string after = "{\"status\":" + core::json_string(to);
        if (!change.reason.empty())
            after += ",\"reason\":" + core::json_string(change.reason);
        if (issuing) {
            after += ",\"issued_on\":" + core::json_string(on);
            if (change.workshop_id)
                after += ",\"issued_workshop_id\":" + std::to_string(*change.workshop_id);
        }
        after += "}";
        db.audit(change.actor, "corrective_action", change.action_id, "status",
                 "{\"status\":" + core::json_string(current.code) + "}", after);
        scope.commit();
        return current.status;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot change the status of action " + id + ": " + e.what());
    }
}

std::string media_type_for(const std::string& file_name)
{
    const auto dot = file_name.rfind('.');
    const std::string ext = dot == std::string::npos ? std::string() : lower(file_name.substr(dot + 1));
    static const std::pair<const char*, const char*> types[] = {
        {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"}, {"png", "image/png"},     {"gif", "image/gif"},
        {"webp", "image/webp"}, {"heic", "image/heic"}, {"pdf", "application/pdf"}, {"txt", "text/plain"},
        {"csv", "text/csv"},   {"doc", "application/msword"},
        {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
        {"odt", "application/vnd.oasis.opendocument.text"}, {"mp3", "audio/mpeg"}, {"m4a", "audio/mp4"},
        {"ogg", "audio/ogg"}, {"opus", "audio/ogg"}};
    for (const auto& [e, type] : types)
        if (ext == e)
            return type;
    return "application/octet-stream";
}

EvidenceFile read_evidence_file(const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw InvalidInput("evidence file '" + file.string() + "' does not exist or is not a file");
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        throw InvalidInput("evidence file '" + file.string() + "' cannot be read: " + ec.message());
    if (std::int64_t(size) > k_max_evidence_bytes)
        throw InvalidInput("evidence file '" + file.string() + "' is " + std::to_string(size) + " bytes; at most " +
                           std::to_string(k_max_evidence_bytes) +
                           " bytes (10 MB) are kept in the programme database: reduce the photo or scan first");
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw InvalidInput("evidence file '" + file.string() + "' cannot be opened");
    std::ostringstream bytes;
    bytes << in.rdbuf();
    EvidenceFile e;
    e.file_name = file.filename().string();
    e.media_type = media_type_for(e.file_name);
    e.content = std::move(bytes).str();
    return e;
}

std::int64_t add_action_progress(Database& db, const ProgressUpdate& update)
{
    if (blank(update.note))
        throw InvalidInput("note: a progress update needs a note");
    need_actor(update.actor, "a progress update");
    const std::string on = date_or_today(update.on, "date");
    for (const auto& e : update.evidence)
        check_evidence(e);
    const std::string id = std::to_string(update.action_id);
    auto& sql = db.sql();
    try {
        WriteScope scope(sql);
        const Current current = read_current(sql, update.action_id);
        if (current.status != core::ActionStatus::Issued && current.status != core::ActionStatus::InProgress)
            throw InvalidInput("action " + id + " is '" + current.code +
                               "': only issued actions and actions in progress take progress updates");
        check_workshop(sql, update.workshop_id, current.site_id);
        const std::int64_t progress_id = insert_progress(sql, update.action_id, update.workshop_id, on, current.code,
                                                         current.code, update.note, update.actor);
        SQLite::Statement evidence(sql, "INSERT INTO action_evidence(progress_id, file_name, media_type, size, sha256, "
                                        "content) VALUES (?, ?, ?, ?, ?, ?)");
        std::string files_json;
        for (const auto& e : update.evidence) {
            const std::string sha = core::sha256_hex(e.content);
            evidence.reset();
            evidence.bind(1, progress_id);
            evidence.bind(2, e.file_name);
            evidence.bind(3, e.media_type.empty() ? media_type_for(e.file_name) : e.media_type);
            evidence.bind(4, std::int64_t(e.content.size()));
            evidence.bind(5, sha);
            evidence.bind(6, e.content.data(), int(e.content.size()));
            evidence.exec();
            files_json += std::string(files_json.empty() ? "" : ",") + "{\"file_name\":" +
                          core::json_string(e.file_name) + ",\"sha256\":" + core::json_string(sha) + "}";
        }
        SQLite::Statement touch(sql, "UPDATE corrective_action SET updated_at = ? WHERE id = ?");
        touch.bind(1, utc_now());
        touch.bind(2, update.action_id);
        touch.exec();
        db.audit(update.actor, "corrective_action", update.action_id, "progress", "",
                 "{\"progress_id\":" + std::to_string(progress_id) + ",\"note\":" + core::json_string(update.note) +
                     ",\"recorded_on\":" + core::json_string(on) + ",\"evidence\":[" + files_json + "]}");
        scope.commit();
        return progress_id;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot record progress on action " + id + ": " + e.what());
    }
}

std::optional<std::int64_t> suggest_responsible(Database& db, std::int64_t risk_id, const std::string& type)
{
    try {
        SQLite::Statement q(db.sql(), "SELECT st.id FROM risk r JOIN stakeholder_site x ON x.site_id = r.site_id "
                                      "JOIN stakeholder st ON st.id = x.stakeholder_id "
                                      "WHERE r.id = ? AND st.type = ? ORDER BY st.name, st.id LIMIT 1");
        q.bind(1, risk_id);
        q.bind(2, type);
        if (q.executeStep())
            return q.getColumn(0).getInt64();
        return std::nullopt;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot read the stakeholders of risk " + std::to_string(risk_id) + ": " + e.what());
    }
}

std::string risk_area_of(Database& db, std::int64_t risk_id)
{
    try {
        SQLite::Statement q(db.sql(), "SELECT risk_area FROM risk WHERE id = ?");
        q.bind(1, risk_id);
        if (!q.executeStep())
            throw InvalidInput("risk: no risk has the id " + std::to_string(risk_id));
        return q.getColumn(0).getString();
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot read risk " + std::to_string(risk_id) + ": " + e.what());
    }
}

ActionDetail read_action(Database& db, std::int64_t action_id)
{
    auto& sql = db.sql();
    const std::string id = std::to_string(action_id);
    try {
        SQLite::Statement q(sql, R"SQL(
SELECT a.id, a.risk_id, a.site_id, s.code, s.name, r.risk_area, r.title, a.title, a.description,
       a.responsible_id, coalesce(st.name, ''), a.issued_workshop_id, coalesce(a.issued_on, ''),
       coalesce(a.due_on, ''), a.priority, a.status, coalesce(a.status_reason, ''), a.created_at, a.updated_at
FROM corrective_action a
JOIN site s ON s.id = a.site_id
LEFT JOIN risk r ON r.id = a.risk_id
LEFT JOIN stakeholder st ON st.id = a.responsible_id
WHERE a.id = ?)SQL");
        q.bind(1, action_id);
        if (!q.executeStep())
            throw InvalidInput("no action has the id " + id);
        ActionDetail a;
        a.id = q.getColumn(0).getInt64();
        a.risk_id = q.getColumn(1).getInt64();
        a.site_id = q.getColumn(2).getInt64();
        a.site_code = q.getColumn(3).getString();
        a.site_name = q.getColumn(4).getString();
        a.risk_area = q.getColumn(5).getString();
        a.risk_title = q.getColumn(6).getString();
        a.title = q.getColumn(7).getString();
        a.description = q.getColumn(8).getString();
        if (!q.getColumn(9).isNull())
            a.responsible_id = q.getColumn(9).getInt64();
        a.responsible_name = q.getColumn(10).getString();
        if (!q.getColumn(11).isNull())
            a.issued_workshop_id = q.getColumn(11).getInt64();
        a.issued_on = q.getColumn(12).getString();
        a.due_on = q.getColumn(13).getString();
        a.priority = q.getColumn(14).getString();
        const std::string status = q.getColumn(15).getString();
        a.status = core::action_status_from_code(status).value_or(core::ActionStatus::Draft);
        a.status_reason = q.getColumn(16).getString();
        a.created_at = q.getColumn(17).getString();
        a.updated_at = q.getColumn(18).getString();

        SQLite::Statement sup(sql, "SELECT st.id, st.name FROM action_supporter x JOIN stakeholder st ON "
                                   "st.id = x.stakeholder_id WHERE x.action_id = ? ORDER BY st.name");
        sup.bind(1, action_id);
        while (sup.executeStep()) {
            a.supporter_ids.push_back(sup.getColumn(0).getInt64());
            a.supporter_names.push_back(sup.getColumn(1).getString());
        }

        SQLite::Statement h(sql, "SELECT id, recorded_on, coalesce(from_status, ''), to_status, note, "
                                 "coalesce(evidence, ''), recorded_by, workshop_id FROM action_progress "
                                 "WHERE action_id = ? ORDER BY recorded_on, id");
        h.bind(1, action_id);
        while (h.executeStep()) {
            ActionHistoryEntry e;
            e.id = h.getColumn(0).getInt64();
            e.recorded_on = h.getColumn(1).getString();
            e.from_status = h.getColumn(2).getString();
            e.to_status = h.getColumn(3).getString();
            e.note = h.getColumn(4).getString();
            e.evidence_text = h.getColumn(5).getString();
            e.recorded_by = h.getColumn(6).getString();
            if (!h.getColumn(7).isNull())
                e.workshop_id = h.getColumn(7).getInt64();
            a.history.push_back(std::move(e));
        }
        SQLite::Statement ev(sql, "SELECT e.progress_id, e.id, e.file_name, e.media_type, e.size, e.sha256 "
                                  "FROM action_evidence e JOIN action_progress p ON p.id = e.progress_id "
                                  "WHERE p.action_id = ? ORDER BY e.id");
        ev.bind(1, action_id);
        while (ev.executeStep()) {
            const std::int64_t progress = ev.getColumn(0).getInt64();
            auto entry = std::find_if(a.history.begin(), a.history.end(),
                                      [&](const ActionHistoryEntry& e) { return e.id == progress; });
            if (entry == a.history.end())
                continue;
            entry->evidence.push_back({ev.getColumn(1).getInt64(), ev.getColumn(2).getString(),
                                       ev.getColumn(3).getString(), ev.getColumn(4).getInt64(),
                                       ev.getColumn(5).getString()});
        }
        return a;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot read action " + id + ": " + e.what());
    }
}

EvidenceFile read_evidence(Database& db, std::int64_t evidence_id)
{
    try {
        SQLite::Statement q(db.sql(), "SELECT file_name, media_type, content FROM action_evidence WHERE id = ?");
        q.bind(1, evidence_id);
        if (!q.executeStep())
            throw InvalidInput("no evidence file has the id " + std::to_string(evidence_id));
        EvidenceFile e;
        e.file_name = q.getColumn(0).getString();
        e.media_type = q.getColumn(1).getString();
        const auto blob = q.getColumn(2);
        e.content.assign(static_cast<const char*>(blob.getBlob()), std::size_t(blob.getBytes()));
        return e;
    } catch (const SQLite::Exception& e) {
        throw StorageError("cannot read evidence file " + std::to_string(evidence_id) + ": " + e.what());
    }
}

} // namespace mwangaza::store
