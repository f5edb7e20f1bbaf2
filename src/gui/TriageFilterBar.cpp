#include "gui/TriageFilterBar.hpp"

#include "core/Taxonomy.hpp"
#include "gui/Format.hpp"
#include "gui/SiteListCtrl.hpp"

#include <wx/artprov.h>
#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/dateevt.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/timer.h>

#include <algorithm>

namespace mwangaza::gui {

namespace {

using I = core::IncidentStatus;

std::optional<std::string> iso_date(const wxDatePickerCtrl* picker)
{
    const wxDateTime value = picker->GetValue();
    if (!value.IsValid())
        return std::nullopt;
    return value.FormatISODate().utf8_string();
}

} // namespace

const std::vector<core::IncidentStatus>& TriageFilterBar::awaiting_statuses()
{
    static const std::vector<I> statuses{I::New, I::InReview, I::NeedsInfo};
    return statuses;
}

const std::vector<core::IncidentStatus>& TriageFilterBar::listed_statuses() const
{
    static const std::vector<I> every(core::all_incident_statuses().begin(), core::all_incident_statuses().end());
    return m_purpose == Purpose::Map ? every : awaiting_statuses();
}

TriageFilterBar::TriageFilterBar(wxWindow* parent, Purpose purpose) : wxPanel(parent, wxID_ANY), m_purpose(purpose)
{
    const std::string prefix = purpose == Purpose::Map ? "map_filter_" : "triage_";
    const auto name = [&](wxWindow* w, const char* what) { w->SetName(prefix + what); };
    SetName(prefix + "filters");
    // Three rows of label and control pairs, two pairs a row:
    //   Status  [....]          Site       [....]
    //   Category [....]         Risk area  [....]
    //   Observed from [..] to [..]   Words [..........] [Clear filters]
    const int gap = FromDIP(8);
    auto* grid = new wxFlexGridSizer(4, FromDIP(6), gap);
    auto label = [&](const wxString& text) {
        auto* l = new wxStaticText(this, wxID_ANY, text);
        grid->Add(l, 0, wxALIGN_CENTER_VERTICAL | wxALIGN_RIGHT | wxLEFT, grid->GetItemCount() % 4 ? gap : 0);
    };

    label(_("Status"));
    m_status = new wxChoice(this, wxID_ANY);
    name(m_status, "status");
    m_status->Append(purpose == Purpose::Map ? _("All statuses") : _("Awaiting triage"));
    for (auto s : listed_statuses())
        m_status->Append(incident_status_label(std::string(core::status_code(s))));
    m_status->SetSelection(0);
    grid->Add(m_status, 0, wxALIGN_CENTER_VERTICAL | wxEXPAND);

    label(_("Site"));
    m_site = new wxButton(this, wxID_ANY, _("All sites"), wxDefaultPosition, wxDefaultSize, wxBU_LEFT);
    name(m_site, "site");
    m_site->SetBitmap(wxArtProvider::GetBitmapBundle(wxART_FIND, wxART_MENU));
    m_site->SetToolTip(_("Choose a site by typing part of its code or name; the site list on the left also sets it"));
    grid->Add(m_site, 0, wxALIGN_CENTER_VERTICAL | wxEXPAND);

    label(_("Category"));
    m_category = new wxChoice(this, wxID_ANY);
    name(m_category, "category");
    m_category->Append(_("All categories"));
    m_category_codes.push_back({});
    for (const auto& c : core::risk_categories()) {
        m_category->Append(risk_category_label(std::string(c.code)));
        m_category_codes.emplace_back(c.code);
    }
    m_category->SetSelection(0);
    grid->Add(m_category, 0, wxALIGN_CENTER_VERTICAL | wxEXPAND);

    label(_("Risk area"));
    m_area = new wxChoice(this, wxID_ANY);
    name(m_area, "area");
    fill_areas({});
    grid->Add(m_area, 0, wxALIGN_CENTER_VERTICAL | wxEXPAND);

    label(_("Observed from"));
    const long date_style = wxDP_DROPDOWN | wxDP_SHOWCENTURY | wxDP_ALLOWNONE;
    auto* dates = new wxBoxSizer(wxHORIZONTAL);
    m_from = new wxDatePickerCtrl(this, wxID_ANY, wxDefaultDateTime, wxDefaultPosition, wxDefaultSize, date_style);
    name(m_from, "from");
    m_from->SetToolTip(_("Observed on or after this date; empty for any date"));
    dates->Add(m_from, 1, wxALIGN_CENTER_VERTICAL);
    dates->Add(new wxStaticText(this, wxID_ANY, _("to")), 0, wxALIGN_CENTER_VERTICAL | wxLEFT | wxRIGHT, gap);
    m_to = new wxDatePickerCtrl(this, wxID_ANY, wxDefaultDateTime, wxDefaultPosition, wxDefaultSize, date_style);
    name(m_to, "to");
    m_to->SetToolTip(_("Observed on or before this date; empty for any date"));
    dates->Add(m_to, 1, wxALIGN_CENTER_VERTICAL);
    grid->Add(dates, 0, wxALIGN_CENTER_VERTICAL | wxEXPAND);
    // The generic GTK picker starts on today even when given no date.
    m_from->SetValue(wxDefaultDateTime);
    m_to->SetValue(wxDefaultDateTime);

    label(_("Words"));
    auto* words = new wxBoxSizer(wxHORIZONTAL);
    m_text = new wxSearchCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxTE_PROCESS_ENTER);
    name(m_text, "text");
    m_text->SetDescriptiveText(_("Words in the description"));
    m_text->ShowCancelButton(true);
    words->Add(m_text, 1, wxALIGN_CENTER_VERTICAL);
    m_clear = new wxButton(this, wxID_ANY, _("Clear filters"));
    name(m_clear, "clear");
    words->Add(m_clear, 0, wxALIGN_CENTER_VERTICAL | wxLEFT, gap);
    grid->Add(words, 0, wxALIGN_CENTER_VERTICAL | wxEXPAND);

    grid->AddGrowableCol(1, 2);
    grid->AddGrowableCol(3, 3);
    SetSizer(grid);

    m_text_timer = new wxTimer(this);
    Bind(wxEVT_TIMER, [this](wxTimerEvent&) { changed(); }, m_text_timer->GetId());
    m_status->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { changed(); });
    m_category->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
        const int a = m_area->GetSelection();
        fill_areas(a > 0 ? m_area_codes[std::size_t(a)] : std::string());
        changed();
    });
    m_area->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) { changed(); });
    m_from->Bind(wxEVT_DATE_CHANGED, [this](wxDateEvent&) { changed(); });
    m_to->Bind(wxEVT_DATE_CHANGED, [this](wxDateEvent&) { changed(); });
    m_site->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (!m_site_picker)
            return;
        if (auto chosen = m_site_picker(m_site_code)) {
            set_site(chosen->code, {}, {}, chosen->code.empty() ? _("All sites") : chosen->label);
            changed();
        }
    });
    m_text->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { m_text_timer->StartOnce(250); });
    m_text->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
        changed();
        if (m_enter)
            m_enter();
    });
    m_text->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
        m_text->Clear();
        changed();
    });
    m_clear->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        clear();
        changed();
    });
}

TriageFilterBar::~TriageFilterBar()
{
    m_text_timer->Stop();
}

void TriageFilterBar::fill_areas(const std::string& select)
{
    const int c = m_category->GetSelection();
    const std::string category = c > 0 ? m_category_codes[std::size_t(c)] : std::string();
    m_area->Clear();
    m_area_codes.clear();
    m_area->Append(category.empty() ? _("All risk areas")
                                    : wxString::Format(_("All areas of %s"), risk_category_label(category)));
    m_area_codes.push_back({});
    int selection = 0;
    for (const auto& a : core::risk_areas()) {
        if (!category.empty() && a.category != category)
            continue;
        if (a.code == select)
            selection = int(m_area_codes.size());
        m_area->Append(risk_area_label(std::string(a.code)));
        m_area_codes.emplace_back(a.code);
    }
    m_area->SetSelection(selection);
}

void TriageFilterBar::set_site(std::string code, std::string province, std::string country, wxString label)
{
    m_site_code = std::move(code);
    m_province = std::move(province);
    m_country = std::move(country);
    m_site->SetLabel(label);
    m_site->SetToolTip(label);
    Layout();
}

void TriageFilterBar::changed()
{
    m_text_timer->Stop();
    if (m_changed)
        m_changed();
}

store::IncidentQuery TriageFilterBar::query() const
{
    store::IncidentQuery q;
    const int status = m_status->GetSelection();
    if (status > 0)
        q.statuses = {listed_statuses()[std::size_t(status - 1)]};
    else if (m_purpose == Purpose::Triage)
        q.statuses = awaiting_statuses();
    if (!m_site_code.empty())
        q.site_code = m_site_code;
    if (!m_province.empty())
        q.province = m_province;
    if (!m_country.empty())
        q.country = m_country;
    if (const int c = m_category->GetSelection(); c > 0)
        q.category = m_category_codes[std::size_t(c)];
    if (const int a = m_area->GetSelection(); a > 0)
        q.areas = {m_area_codes[std::size_t(a)]};
    q.from = iso_date(m_from);
    q.to = iso_date(m_to);
    q.text = m_text->GetValue().utf8_string();
    return q;
}

int TriageFilterBar::status_choice() const
{
    return std::max(0, m_status->GetSelection());
}

bool TriageFilterBar::narrows() const
{
    auto q = query();
    q.statuses.clear();
    return q.restricts();
}

void TriageFilterBar::set_filters(int status_choice, const std::string& area, const wxString& text)
{
    m_status->SetSelection(std::clamp(status_choice, 0, int(m_status->GetCount()) - 1));
    if (const auto* a = core::find_risk_area(area)) {
        // The area's own category, so that the area is listed.
        const auto it = std::find(m_category_codes.begin(), m_category_codes.end(), std::string(a->category));
        if (m_category->GetSelection() > 0)
            m_category->SetSelection(int(it - m_category_codes.begin()));
    }
    fill_areas(area);
    m_text->ChangeValue(text);
    m_text_timer->Stop();
}

void TriageFilterBar::set_scope(const Scope& scope)
{
    switch (scope.kind) {
    case Scope::Kind::All: set_site({}, {}, {}, _("All sites")); break;
    case Scope::Kind::Country:
        set_site({}, {}, scope.country, wxString::Format(_("Country: %s"), country_label(scope.country)));
        break;
    case Scope::Kind::Province:
        set_site({}, scope.province, scope.country,
                 wxString::Format(_("Province: %s, %s"), from_utf8(scope.province), country_label(scope.country)));
        break;
    case Scope::Kind::Site:
        set_site(scope.site_code, {}, {},
                 from_utf8(scope.site_code) + wxString::FromUTF8(" \u2014 ") + from_utf8(scope.site_name));
        break;
    }
}

void TriageFilterBar::clear()
{
    m_status->SetSelection(0);
    m_category->SetSelection(0);
    fill_areas({});
    m_from->SetValue(wxDefaultDateTime);
    m_to->SetValue(wxDefaultDateTime);
    m_text->ChangeValue(wxString());
    set_site({}, {}, {}, _("All sites"));
    m_text_timer->Stop();
}

} // namespace mwangaza::gui
