#include "gui/DashboardPanel.hpp"

#include "core/Taxonomy.hpp"
#include "gui/CategoryChart.hpp"
#include "gui/Format.hpp"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <algorithm>
#include <memory>

namespace mwangaza::gui {

namespace {

// A white rounded card on the dashboard background, with an optional accent on its left.
class CardPanel : public wxPanel {
public:
    CardPanel(wxWindow* parent, const wxColour& accent) : wxPanel(parent), m_accent(accent)
    {
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOW));
        Bind(wxEVT_PAINT, [this](wxPaintEvent&) { paint(); });
        Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
            Refresh();
            e.Skip();
        });
    }

private:
    void paint()
    {
        wxAutoBufferedPaintDC dc(this);
        dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
        dc.Clear();
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
        if (!gc)
            return;
        const wxSize size = GetClientSize();
        const double radius = FromDIP(6);
        gc->SetPen(wxPen(GetParent()->GetBackgroundColour().ChangeLightness(85), 1));
        gc->SetBrush(wxBrush(GetBackgroundColour()));
        gc->DrawRoundedRectangle(0.5, 0.5, size.x - 1.0, size.y - 1.0, radius);
        if (m_accent.IsOk()) {
            gc->SetPen(*wxTRANSPARENT_PEN);
            gc->SetBrush(wxBrush(m_accent));
            gc->DrawRoundedRectangle(1, FromDIP(10), FromDIP(4), size.y - 2.0 * FromDIP(10), 2);
        }
    }

    wxColour m_accent;
};

const wxColour k_blue(0x2b, 0x6c, 0xb0);
const wxColour k_teal(0x1f, 0x8a, 0x7a);
const wxColour k_orange(0xd9, 0x7b, 0x1e);
const wxColour k_red(0xc0, 0x39, 0x2b);
const wxColour k_grey(0x7f, 0x8c, 0x8d);

// One colour per risk category, in taxonomy order.
wxColour category_colour(const std::string& code)
{
    static const std::map<std::string, wxColour> colours{
        {"human_rights", wxColour(0xc0, 0x39, 0x2b)},    {"security", wxColour(0x8e, 0x44, 0xad)},
        {"working_conditions", wxColour(0xd9, 0x7b, 0x1e)}, {"community", wxColour(0x2b, 0x6c, 0xb0)},
        {"legality", wxColour(0x5d, 0x6d, 0x7e)},          {"traceability", wxColour(0x16, 0xa0, 0x85)},
        {"environment", wxColour(0x3e, 0x8e, 0x41)},
    };
    auto it = colours.find(code);
    return it == colours.end() ? k_grey : it->second;
}

} // namespace

DashboardPanel::DashboardPanel(wxWindow* parent)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL)
{
    SetName("dashboard");
    SetScrollRate(0, FromDIP(12));
    SetBackgroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_BTNFACE));

    auto* outer = new wxBoxSizer(wxVERTICAL);
    const int gap = FromDIP(12);

    m_title = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_title->SetName("dashboard_title");
    m_title->SetFont(GetFont().Scaled(1.5f).Bold());
    m_scope = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, wxST_ELLIPSIZE_END);
    m_scope->SetName("dashboard_scope");
    m_scope->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(150));
    outer->Add(m_title, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(16));
    outer->AddSpacer(FromDIP(4));
    outer->Add(m_scope, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(16));
    outer->AddSpacer(gap);

    auto* grid = new wxGridSizer(3, gap, gap);
    add_card(grid, "sites", _("Sites"), k_blue);
    add_card(grid, "incidents_verified", _("Verified incidents"), k_blue);
    add_card(grid, "risk_areas", _("Risk areas covered"), k_blue);
    add_card(grid, "child_labour", _("Child labour incidents"), k_red);
    add_card(grid, "actions_issued", _("Actions issued"), k_teal);
    add_card(grid, "actions_progressing", _("In progress or implemented"), k_teal);
    add_card(grid, "implementation_rate", _("Implementation rate"), k_teal);
    add_card(grid, "workshops", _("Workshops"), k_orange);
    add_card(grid, "awaiting_triage", _("Awaiting triage"), k_orange);
    outer->Add(grid, 0, wxEXPAND | wxLEFT | wxRIGHT, FromDIP(16));
    outer->AddSpacer(gap);

    auto* chart_card = new CardPanel(this, wxColour());
    auto* chart_sizer = new wxBoxSizer(wxVERTICAL);
    auto* chart_title = new wxStaticText(chart_card, wxID_ANY, wxString());
    chart_title->SetName("chart_title");
    chart_title->SetFont(GetFont().Bold());
    chart_title->SetLabel(_("Verified incidents by risk category"));
    m_chart = new CategoryChart(chart_card);
    m_chart->SetName("category_chart");
    m_chart->SetBackgroundColour(chart_card->GetBackgroundColour());
    chart_sizer->Add(chart_title, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(14));
    chart_sizer->Add(m_chart, 1, wxEXPAND | wxALL, FromDIP(8));
    chart_card->SetSizer(chart_sizer);
    outer->Add(chart_card, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(16));

    SetSizer(outer);
    FitInside();
}

void DashboardPanel::add_card(wxSizer* grid, const std::string& key, const wxString& caption, const wxColour& accent)
{
    auto* card = new CardPanel(this, accent);
    card->SetName("kpi_card_" + key);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    const wxColour muted = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT).ChangeLightness(150);

    auto* caption_label = new wxStaticText(card, wxID_ANY, wxString());
    caption_label->SetName("kpi_caption_" + key);
    caption_label->SetForegroundColour(muted);
    caption_label->SetLabel(caption);
    auto* value = new wxStaticText(card, wxID_ANY, wxString::FromUTF8("\u2014"));
    value->SetName("kpi_" + key);
    value->SetFont(GetFont().Scaled(1.9f).Bold());
    auto* detail = new wxStaticText(card, wxID_ANY, " ");
    detail->SetName("kpi_detail_" + key);
    detail->SetForegroundColour(muted);
    detail->SetFont(GetFont().Smaller());

    const int inset = FromDIP(18);
    sizer->AddSpacer(FromDIP(14));
    sizer->Add(caption_label, 0, wxLEFT | wxRIGHT, inset);
    sizer->AddSpacer(FromDIP(4));
    sizer->Add(value, 0, wxLEFT | wxRIGHT, inset);
    sizer->AddSpacer(FromDIP(4));
    sizer->Add(detail, 0, wxEXPAND | wxLEFT | wxRIGHT, inset);
    sizer->AddSpacer(FromDIP(14));
    card->SetSizer(sizer);
    grid->Add(card, 1, wxEXPAND);
    m_cards[key] = Card{card, value, detail, wxString(), 0};
    card->Bind(wxEVT_SIZE, [this, key](wxSizeEvent& event) {
        event.Skip();
        wrap_detail(m_cards.at(key));
    });
}

void DashboardPanel::wrap_detail(Card& card)
{
    const int width = card.panel->GetClientSize().x - 2 * FromDIP(18);
    if (width < FromDIP(40) || width == card.wrapped_width)
        return;
    card.wrapped_width = width;
    card.detail->SetLabel(card.detail_text.empty() ? wxString(" ") : card.detail_text);
    card.detail->Wrap(width);
    // A second line makes the row taller.
    CallAfter([this] {
        Layout();
        FitInside();
    });
}

void DashboardPanel::set_card(const std::string& key, const wxString& value, const wxString& detail)
{
    auto& card = m_cards.at(key);
    card.value->SetLabel(value);
    card.detail_text = detail;
    card.wrapped_width = 0;
    wrap_detail(card);
}

void DashboardPanel::show_figures(const core::KpiFigures& f, const wxString& title, const wxString& scope)
{
    Freeze();
    m_title->SetLabel(title);
    m_scope->SetLabel(scope);

    set_card("sites", format_count(f.sites_active) + " / " + format_count(f.sites_total),
             _("Active / all"));
    set_card("incidents_verified", format_count(f.incidents_verified), _("Only verified incidents count"));
    const auto areas_total = std::int64_t(core::risk_areas().size());
    set_card("risk_areas", format_count(f.risk_areas_covered) + " / " + format_count(areas_total),
             _("Risk areas with a verified incident"));
    set_card("child_labour", format_count(f.child_labour_incidents),
             wxString::Format(_("of which %s worst forms (WFCL)"), format_count(f.wfcl_incidents)));
    set_card("actions_issued", format_count(f.actions_issued),
             wxString::Format(_("%s on child labour"), format_count(f.child_labour_actions_issued)));
    set_card("actions_progressing", format_count(f.actions_progressing),
             wxString::Format(_("%s on child labour"), format_count(f.child_labour_actions_progressing)));
    if (f.actions_issued > 0)
        set_card("implementation_rate", format_percent(core::percent(f.actions_progressing, f.actions_issued)),
                 _("(In progress + implemented) / issued"));
    else
        set_card("implementation_rate", wxString::FromUTF8("\u2014"), _("No action issued yet"));
    set_card("workshops", format_count(f.workshops), _("Monthly CAP workshops held"));
    set_card("awaiting_triage", format_count(f.incidents_awaiting_triage), _("New, in review or needing information"));

    std::vector<CategoryChart::Bar> bars;
    for (const auto& category : core::risk_categories()) {
        const std::string code(category.code);
        auto it = f.verified_by_category.find(code);
        bars.push_back({risk_category_label(code), it == f.verified_by_category.end() ? 0 : it->second,
                        category_colour(code)});
    }
    std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
    m_chart->set_bars(std::move(bars));

    Layout();
    FitInside();
    Thaw();
}

} // namespace mwangaza::gui
