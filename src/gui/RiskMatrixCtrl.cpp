#include "gui/RiskMatrixCtrl.hpp"

#include <wx/dcbuffer.h>
#include <wx/settings.h>

namespace mwangaza::gui {

wxColour risk_level_colour(core::RiskLevel level)
{
    switch (level) {
    case core::RiskLevel::Low: return wxColour(0x8f, 0xc9, 0x7a);
    case core::RiskLevel::Medium: return wxColour(0xf3, 0xd2, 0x5b);
    case core::RiskLevel::High: return wxColour(0xec, 0x8a, 0x3f);
    case core::RiskLevel::VeryHigh: return wxColour(0xc6, 0x32, 0x2b);
    }
    return *wxLIGHT_GREY;
}

RiskMatrixCtrl::RiskMatrixCtrl(wxWindow* parent)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxFULL_REPAINT_ON_RESIZE)
{
    SetName("risk_matrix");
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &RiskMatrixCtrl::on_paint, this);
    Bind(wxEVT_LEFT_DOWN, &RiskMatrixCtrl::on_click, this);
    Bind(wxEVT_LEFT_DCLICK, &RiskMatrixCtrl::on_double_click, this);
    Bind(wxEVT_KEY_DOWN, &RiskMatrixCtrl::on_key, this);
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& e) { Refresh(); e.Skip(); });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) { Refresh(); e.Skip(); });
}

wxSize RiskMatrixCtrl::DoGetBestClientSize() const
{
    return FromDIP(wxSize(520, 270));
}

void RiskMatrixCtrl::set_matrix(const core::RiskMatrix& matrix)
{
    m_matrix = matrix;
    Refresh();
}

void RiskMatrixCtrl::select(std::optional<std::pair<int, int>> cell)
{
    if (cell && (cell->first < 1 || cell->first > 5 || cell->second < 1 || cell->second > 5))
        cell.reset();
    m_selection = cell;
    Refresh();
}

void RiskMatrixCtrl::layout_metrics(int& left, int& top, int& cell_w, int& cell_h) const
{
    const wxSize size = GetClientSize();
    left = FromDIP(110);
    top = FromDIP(4);
    const int bottom = FromDIP(56);
    cell_w = std::max(FromDIP(20), (size.x - left - FromDIP(4)) / 5);
    cell_h = std::max(FromDIP(14), (size.y - top - bottom) / 5);
}

wxRect RiskMatrixCtrl::cell_rect(int severity, int likelihood) const
{
    int left, top, w, h;
    layout_metrics(left, top, w, h);
    return wxRect(left + (likelihood - 1) * w, top + (5 - severity) * h, w, h);
}

std::optional<std::pair<int, int>> RiskMatrixCtrl::hit(const wxPoint& p) const
{
    for (int s = 1; s <= 5; ++s)
        for (int l = 1; l <= 5; ++l)
            if (cell_rect(s, l).Contains(p))
                return std::pair{s, l};
    return std::nullopt;
}

void RiskMatrixCtrl::on_paint(wxPaintEvent&)
{
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    dc.SetFont(GetFont());
    dc.SetTextForeground(text);
    int left, top, w, h;
    layout_metrics(left, top, w, h);
    for (int s = 5; s >= 1; --s) {
        const wxRect row = cell_rect(s, 1);
        const wxString label = wxString::Format("%d %s", s, wxGetTranslation(core::severity_label(s)));
        const wxSize ext = dc.GetTextExtent(label);
        dc.DrawText(label, left - ext.x - FromDIP(6), row.y + (row.height - ext.y) / 2);
    }
    wxFont small = GetFont();
    small.SetFractionalPointSize(small.GetFractionalPointSize() * 0.9);
    dc.SetFont(small);
    for (int l = 1; l <= 5; ++l) {
        const wxRect col = cell_rect(1, l);
        const wxString number = wxString::Format("%d", l);
        const wxString label = wxGetTranslation(core::likelihood_label(l));
        wxString label_lines = label;
        if (dc.GetTextExtent(label).x > col.width - FromDIP(2))
            label_lines.Replace(" ", "\n", false); // "Almost certain" on two lines
        const wxSize n = dc.GetTextExtent(number);
        dc.DrawText(number, col.x + (col.width - n.x) / 2, col.GetBottom() + FromDIP(3));
        dc.DrawLabel(label_lines, wxRect(col.x, col.GetBottom() + FromDIP(3) + n.y, col.width, 3 * n.y),
                     wxALIGN_CENTER_HORIZONTAL | wxALIGN_TOP);
    }
    for (int s = 1; s <= 5; ++s)
        for (int l = 1; l <= 5; ++l) {
            const wxRect r = cell_rect(s, l);
            wxColour fill = *wxLIGHT_GREY;
            wxString label;
            if (m_matrix) {
                const auto level = m_matrix->level(s, l);
                fill = risk_level_colour(level);
                label = wxGetTranslation(core::risk_level_label(level));
            }
            dc.SetPen(wxPen(wxColour(255, 255, 255), FromDIP(2)));
            dc.SetBrush(wxBrush(fill));
            dc.DrawRectangle(r);
            const wxSize e = dc.GetTextExtent(label);
            dc.SetTextForeground(m_matrix && m_matrix->level(s, l) == core::RiskLevel::VeryHigh ? *wxWHITE
                                                                                               : wxColour(30, 30, 30));
            if (e.x < r.width - 4)
                dc.DrawText(label, r.x + (r.width - e.x) / 2, r.y + (r.height - e.y) / 2);
        }
    if (m_selection) {
        const wxRect r = cell_rect(m_selection->first, m_selection->second).Deflate(FromDIP(1));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.SetPen(wxPen(HasFocus() ? wxColour(20, 60, 160) : wxColour(40, 40, 40), FromDIP(4)));
        dc.DrawRectangle(r);
    } else if (HasFocus()) {
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.SetPen(wxPen(wxColour(20, 60, 160), 1, wxPENSTYLE_DOT));
        dc.DrawRectangle(wxRect(cell_rect(5, 1).GetTopLeft(), cell_rect(1, 5).GetBottomRight()));
    }
}

void RiskMatrixCtrl::on_click(wxMouseEvent& e)
{
    SetFocus();
    if (auto cell = hit(e.GetPosition())) {
        select(cell);
        if (m_changed)
            m_changed();
    }
}

void RiskMatrixCtrl::on_double_click(wxMouseEvent& e)
{
    on_click(e);
    if (m_selection && m_activated)
        m_activated();
}

void RiskMatrixCtrl::on_key(wxKeyEvent& e)
{
    auto cell = m_selection.value_or(std::pair{3, 3});
    switch (e.GetKeyCode()) {
    case WXK_UP: cell.first = std::min(5, cell.first + 1); break;
    case WXK_DOWN: cell.first = std::max(1, cell.first - 1); break;
    case WXK_LEFT: cell.second = std::max(1, cell.second - 1); break;
    case WXK_RIGHT: cell.second = std::min(5, cell.second + 1); break;
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
        if (m_selection && m_activated)
            m_activated();
        return;
    default: e.Skip(); return;
    }
    select(cell);
    if (m_changed)
        m_changed();
}

} // namespace mwangaza::gui
