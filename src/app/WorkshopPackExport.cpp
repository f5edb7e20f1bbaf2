#include "app/WorkshopPackExport.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"
#include "report/WorkshopPack.hpp"
#include "report/Writers.hpp"
#include "store/Database.hpp"
#include "store/WorkshopPackQuery.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>

namespace mwangaza::app {

namespace {

using core::format;
using core::tr;

std::string today()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

void check_cancel(Progress& progress)
{
    if (progress.cancelled())
        throw Cancelled();
}

} // namespace

WorkshopPackResult export_workshop_pack(const WorkshopPackRequest& request, Progress& progress)
{
    std::string ext = request.out.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext != ".pdf" && ext != ".html" && ext != ".htm")
        throw InvalidInput(format(tr("the workshop pack is written to a .pdf or .html file, not '%1'"),
                                  {request.out.string()}));
    if (request.lang && !core::is_supported_language(*request.lang))
        throw InvalidInput(format(tr("unsupported language '%1' (en or fr)"), {*request.lang}));

    progress.report(0.05, tr("Reading the site's records"));
    auto db = store::Database::open(request.database, store::Database::Mode::OpenExisting);
    const auto data = store::query_workshop_pack(db.sql(), request.site_code, request.month);
    check_cancel(progress);

    WorkshopPackResult result;
    result.lang = request.lang ? *request.lang : report::site_language(data.site.country);
    result.incidents = data.incidents_total;
    result.drafts = std::int64_t(data.drafts.size());
    for (const auto& s : data.open_by_stakeholder) {
        result.open_actions += s.open;
        result.overdue_actions += s.overdue;
    }
    result.actions_issued = data.actions_issued;
    result.actions_progressing = data.actions_progressing;
    if (data.workshop)
        result.workshop_on = data.workshop->held_on;

    progress.report(0.4, tr("Laying out the workshop pack"));
    const auto doc = report::workshop_pack_document(data, result.lang, db.setting("name", "Mwangaza"), today());
    check_cancel(progress);
    if (ext == ".pdf")
        result.pages = report::write_pdf(doc, request.out);
    else
        report::write_html(doc, request.out);
    progress.report(1.0, tr("Workshop pack written"));
    return result;
}

} // namespace mwangaza::app
