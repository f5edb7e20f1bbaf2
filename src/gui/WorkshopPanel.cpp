#include "gui/WorkshopPanel.hpp"

#include "app/Progress.hpp"
#include "app/WorkshopPackExport.hpp"
#include "core/Error.hpp"
#include "gui/DialogButtons.hpp"
#include "gui/Format.hpp"
#include "gui/WorkshopRecordDialog.hpp"
#include "store/Database.hpp"
#include "store/WorkshopStore.hpp"

#include <wx/app.h>
#include <wx/button.h>
#include <wx/filedlg.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/settings.h>
#include <wx/textdlg.h>
#include <wx/utils.h>

#include <chrono>
#include <ctime>

namespace mwangaza::gui {

namespace {

std::string today()
{
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

std::string actor()
{
    std::string user = wxGetUserId().utf8_string();
    return user.empty() ? std::string("expert") : user;
}

// Progress from the export thread to the gauge, and its cancel flag.
class ExportProgress : public app::Progress {
public:
    ExportProgress(std::shared_ptr<std::atomic<bool>> cancel, std::shared_ptr<bool> alive, wxGauge* gauge)
        : m_cancel(std::move(cancel)), m_alive(std::move(alive)), m_gauge(gauge)
    {
    }
    void report(double fraction, const std::string&) override
    {
        const int value = int(fraction * 100);
        auto alive = m_alive;
        auto* gauge = m_gauge;
        wxTheApp->CallAfter([alive, gauge, value] {
            if (*alive)
                gauge->SetValue(value);
        });
    }
    bool cancelled() const override { return m_cancel->load(); }

private:
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<bool> m_alive;
    wxGauge* m_gauge;
};

} // namespace

WorkshopPanel::WorkshopPanel(wxWindow* parent) : wxPanel(parent, wxID_ANY), m_alive(std::make_shared<bool>(true))
{
    SetName("workshop_panel");
    auto* top = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY,
                                   _("Monthly CAP workshops per site: plan the next one, record it during the meeting, "
                                     "print the workshop pack in the site's language."));
    top->Add(intro, 0, wxALL, FromDIP(8));
    m_list = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLC_REPORT | wxLC_SINGLE_SEL);
    m_list->SetName("workshop_sites");
    m_list->AppendColumn(_("Site"), wxLIST_FORMAT_LEFT, FromDIP(100));
    m_list->AppendColumn(_("Name"), wxLIST_FORMAT_LEFT, FromDIP(170));
    m_list->AppendColumn(_("Last workshop"), wxLIST_FORMAT_LEFT, FromDIP(120));
    m_list->AppendColumn(_("Attendees"), wxLIST_FORMAT_RIGHT, FromDIP(80));
    m_list->AppendColumn(_("Actions issued"), wxLIST_FORMAT_RIGHT, FromDIP(100));
    m_list->AppendColumn(_("Next workshop"), wxLIST_FORMAT_LEFT, FromDIP(120));
    m_list->AppendColumn(_("Facilitator"), wxLIST_FORMAT_LEFT, FromDIP(150));
    top->Add(m_list, 1, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(8));

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_plan = new wxButton(this, wxID_ANY, _("Plan the next workshop..."));
    m_plan->SetName("workshop_plan");
    m_record = new wxButton(this, wxID_ANY, _("Record the workshop..."));
    m_record->SetName("workshop_record");
    m_export = new wxButton(this, wxID_ANY, _("Export the workshop pack..."));
    m_export->SetName("workshop_export");
    m_cancel = new wxButton(this, wxID_ANY, _("Cancel"));
    m_cancel->SetName("workshop_export_cancel");
    m_gauge = new wxGauge(this, wxID_ANY, 100, wxDefaultPosition, FromDIP(wxSize(140, -1)));
    for (wxWindow* w : {static_cast<wxWindow*>(m_plan), static_cast<wxWindow*>(m_record),
                        static_cast<wxWindow*>(m_export)})
        buttons->Add(w, 0, wxRIGHT, FromDIP(6));
    buttons->AddSpacer(FromDIP(12));
    buttons->Add(m_gauge, 0, wxALIGN_CENTER_VERTICAL | wxRIGHT, FromDIP(6));
    buttons->Add(m_cancel, 0);
    top->Add(buttons, 0, wxALL, FromDIP(8));
    m_status = new wxStaticText(this, wxID_ANY, wxString());
    m_status->SetName("workshop_status");
    top->Add(m_status, 0, wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(8));
    SetSizer(top);
    m_gauge->Hide();
    m_cancel->Hide();

    m_list->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { update_buttons(); });
    m_list->Bind(wxEVT_LIST_ITEM_ACTIVATED, [this](wxListEvent&) { on_record(); });
    m_plan->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_plan(); });
    m_record->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_record(); });
    m_export->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_export(); });
    m_cancel->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { on_cancel_export(); });
    update_buttons();
}

WorkshopPanel::~WorkshopPanel()
{
    *m_alive = false;
    if (m_export_cancel)
        *m_export_cancel = true;
    if (m_export_thread.joinable())
        m_export_thread.join();
}

void WorkshopPanel::attach(store::Database* db)
{
    m_db = db;
    m_stale = true;
    m_rows.clear();
    m_list->DeleteAllItems();
    if (IsShownOnScreen())
        activate();
    update_buttons();
}

void WorkshopPanel::activate()
{
    if (m_stale)
        reload();
}

void WorkshopPanel::reload()
{
    m_stale = false;
    const auto keep = selected_site();
    m_list->DeleteAllItems();
    m_rows.clear();
    if (!m_db)
        return;
    try {
        m_rows = store::list_site_workshops(*m_db, today());
    } catch (const Error& e) {
        show_message(from_utf8(e.what()), true);
        return;
    }
    m_list->Freeze();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const auto& s = m_rows[i];
        const long row = m_list->InsertItem(long(i), from_utf8(s.code));
        m_list->SetItem(row, 1, from_utf8(s.name));
        if (s.last) {
            m_list->SetItem(row, 2, from_utf8(s.last->held_on));
            m_list->SetItem(row, 3, wxString::Format("%lld", static_cast<long long>(s.last->attendees)));
            m_list->SetItem(row, 4, wxString::Format("%lld", static_cast<long long>(s.last->actions_issued)));
        }
        if (s.next)
            m_list->SetItem(row, 5, from_utf8(s.next->held_on));
        const auto& shown = s.next ? s.next : s.last;
        if (shown)
            m_list->SetItem(row, 6, from_utf8(shown->facilitator));
        if (!s.active)
            m_list->SetItemTextColour(row, wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    }
    m_list->Thaw();
    if (keep)
        select_site(*keep);
    update_buttons();
}

std::optional<std::string> WorkshopPanel::selected_site() const
{
    const long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || std::size_t(row) >= m_rows.size())
        return std::nullopt;
    return m_rows[std::size_t(row)].code;
}

void WorkshopPanel::select_site(const std::string& code)
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].code == code) {
            m_list->SetItemState(long(i), wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED,
                                 wxLIST_STATE_SELECTED | wxLIST_STATE_FOCUSED);
            m_list->EnsureVisible(long(i));
        }
    update_buttons();
}

std::optional<std::int64_t> WorkshopPanel::workshop_to_record() const
{
    const long row = m_list->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (row < 0 || std::size_t(row) >= m_rows.size())
        return std::nullopt;
    const auto& s = m_rows[std::size_t(row)];
    if (s.next)
        return s.next->id;
    if (s.last)
        return s.last->id;
    return std::nullopt;
}

void WorkshopPanel::update_buttons()
{
    const bool site = selected_site().has_value();
    m_plan->Enable(m_db && site);
    m_record->Enable(m_db && workshop_to_record().has_value());
    m_export->Enable(m_db && workshop_to_record().has_value() && !m_export_running);
}

void WorkshopPanel::show_message(const wxString& text, bool error)
{
    m_message = text;
    m_status->SetForegroundColour(error ? wxColour(176, 32, 32) : GetForegroundColour());
    m_status->SetLabel(text);
    Layout();
}

bool WorkshopPanel::plan(const std::string& day, const std::string& facilitator)
{
    const auto site = selected_site();
    if (!m_db || !site)
        return false;
    try {
        const auto id = store::plan_workshop(*m_db, {*site, day, facilitator, actor()});
        reload();
        show_message(wxString::Format(_("Workshop %lld planned at %s on %s."), static_cast<long long>(id),
                                      from_utf8(*site), from_utf8(day)),
                     false);
        return true;
    } catch (const Error& e) {
        show_message(from_utf8(e.what()), true);
        return false;
    }
}

void WorkshopPanel::on_plan()
{
    const wxString day = text_from_user(_("Day of the workshop (YYYY-MM-DD):"), _("Plan the next workshop"),
                                        from_utf8(today()), this);
    if (day.empty())
        return;
    const wxString facilitator = text_from_user(_("Facilitator:"), _("Plan the next workshop"), wxString(), this);
    plan(day.Strip(wxString::both).utf8_string(), facilitator.Strip(wxString::both).utf8_string());
}

void WorkshopPanel::on_record()
{
    const auto id = workshop_to_record();
    if (!m_db || !id)
        return;
    WorkshopRecordDialog dialog(this, *m_db, *id);
    if (dialog.ShowModal() != wxID_OK)
        return;
    const auto& r = dialog.result();
    reload();
    show_message(wxString::Format(_("Workshop recorded: %lld attendees, %lld actions issued, %lld progress updates."),
                                  static_cast<long long>(r.attendees), static_cast<long long>(r.issued),
                                  static_cast<long long>(r.progress_updates)),
                 false);
}

void WorkshopPanel::on_export()
{
    const auto id = workshop_to_record();
    if (!m_db || !id)
        return;
    const auto site = store::workshop_site(*m_db, *id);
    const std::string month = site.held_on.substr(0, 7);
    wxFileDialog dialog(this, _("Export the workshop pack"), wxString(),
                        from_utf8("workshop-pack-" + site.site_code + "-" + month + ".pdf"),
                        _("PDF document (*.pdf)|*.pdf|Web page (*.html)|*.html"), wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() != wxID_OK)
        return;
    std::filesystem::path file = dialog.GetPath().utf8_string();
    if (file.extension().empty())
        file += dialog.GetFilterIndex() == 1 ? ".html" : ".pdf";
    export_pack(file, month);
}

bool WorkshopPanel::export_pack(const std::filesystem::path& file, const std::string& month)
{
    const auto site = selected_site();
    if (!m_db || !site || m_export_running)
        return false;
    if (m_export_thread.joinable())
        m_export_thread.join();
    app::WorkshopPackRequest request;
    request.database = m_db->path();
    request.site_code = *site;
    request.month = month;
    request.out = file;
    m_export_cancel = std::make_shared<std::atomic<bool>>(false);
    m_export_running = true;
    m_gauge->SetValue(0);
    m_gauge->Show();
    m_cancel->Show();
    show_message(wxString::Format(_("Writing the workshop pack of %s, %s..."), from_utf8(*site), from_utf8(month)),
                 false);
    update_buttons();
    auto alive = m_alive;
    auto cancel = m_export_cancel;
    m_export_thread = std::thread([this, request, alive, cancel] {
        ExportProgress progress(cancel, alive, m_gauge);
        wxString message;
        bool error = false;
        try {
            const auto r = app::export_workshop_pack(request, progress);
            message = r.pages > 0 ? wxString::Format(_("Workshop pack written: %s (%d pages)."),
                                                     from_utf8(request.out.string()), r.pages)
                                  : wxString::Format(_("Workshop pack written: %s."), from_utf8(request.out.string()));
        } catch (const Cancelled&) {
            std::error_code ec;
            std::filesystem::remove(request.out, ec);
            message = _("The export was cancelled; nothing was written.");
        } catch (const std::exception& e) {
            message = from_utf8(e.what());
            error = true;
        }
        wxTheApp->CallAfter([this, alive, message, error] {
            if (!*alive)
                return;
            m_export_running = false;
            m_gauge->Hide();
            m_cancel->Hide();
            show_message(message, error);
            update_buttons();
        });
    });
    return true;
}

void WorkshopPanel::on_cancel_export()
{
    if (m_export_cancel)
        *m_export_cancel = true;
}

} // namespace mwangaza::gui
