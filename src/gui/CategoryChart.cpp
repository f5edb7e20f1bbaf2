#include "gui/CategoryChart.hpp"

#include "gui/Format.hpp"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace mwangaza::gui {

namespace {

// A "nice" axis step (1, 2 or 5 times a power of ten) giving about `ticks` gridlines.
double nice_step(double max_value, int ticks)
{
    if (max_value <= 0)
        return 1;
    const double raw = max_value / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * magnitude)
            return std::max(1.0, m * magnitude);
    return std::max(1.0, 10 * magnitude);
}

} // namespace

CategoryChart::CategoryChart(wxWindow* parent, wxWindowID id)
    : wxWindow(parent, id, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE)
{
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &CategoryChart::on_paint, this);
}

void CategoryChart::set_bars(std::vector<Bar> bars)
{
    m_bars = std::move(bars);
    Refresh();
}

wxSize CategoryChart::DoGetBestClientSize() const
{
    return FromDIP(wxSize(480, 260));
}

void CategoryChart::on_paint(wxPaintEvent&)
{
    wxAutoBufferedPaintDC dc(this);
    const wxColour background = GetParent()->GetBackgroundColour();
    dc.SetBackground(wxBrush(background));
    dc.Clear();

    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    const wxSize size = GetClientSize();
    if (!gc || size.x < 50 || size.y < 50) {
        if (m_paint_listener)
            m_paint_listener();
        return;
    }

    const wxFont font = GetFont();
    const wxColour text = wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT);
    const wxColour muted = text.ChangeLightness(160);
    const wxColour grid = background.ChangeLightness(92);

    std::int64_t max_value = 0;
    for (const auto& bar : m_bars)
        max_value = std::max(max_value, bar.value);

    if (m_bars.empty() || max_value == 0) {
        gc->SetFont(font, muted);
        const wxString message = _("No verified incidents yet");
        double w = 0, h = 0;
        gc->GetTextExtent(message, &w, &h);
        gc->DrawText(message, (size.x - w) / 2, (size.y - h) / 2);
        if (m_paint_listener)
            m_paint_listener();
        return;
    }

    gc->SetFont(font, text);
    double label_width = 0, text_height = 0;
    for (const auto& bar : m_bars) {
        double w = 0, h = 0;
        gc->GetTextExtent(bar.label, &w, &h);
        label_width = std::max(label_width, w);
        text_height = std::max(text_height, h);
    }
    double value_width = 0;
    {
        double h = 0;
        gc->GetTextExtent(format_count(max_value), &value_width, &h);
    }

    const double pad = FromDIP(12);
    const double left = pad + label_width + FromDIP(14);
    const double right = size.x - pad - value_width - FromDIP(10);
    const double top = FromDIP(6);
    const double axis_height = text_height + FromDIP(10);
    const double bottom = size.y - axis_height;
    if (right <= left + 20 || bottom <= top + 20) {
        if (m_paint_listener)
            m_paint_listener();
        return;
    }

    const double step = nice_step(double(max_value), 5);
    const double axis_max = std::ceil(double(max_value) / step) * step;
    const double scale = (right - left) / axis_max;

    // Vertical gridlines with their values along the bottom.
    gc->SetFont(font.Smaller(), muted);
    for (double v = 0; v <= axis_max + 0.5; v += step) {
        const double x = std::round(left + v * scale) + 0.5;
        gc->SetPen(wxPen(v == 0 ? muted : grid, 1));
        gc->StrokeLine(x, top, x, bottom);
        const wxString tick = format_count(std::int64_t(v));
        double w = 0, h = 0;
        gc->GetTextExtent(tick, &w, &h);
        gc->DrawText(tick, x - w / 2, bottom + FromDIP(4));
    }

    const double slot = (bottom - top) / double(m_bars.size());
    const double bar_height = std::min(slot * 0.64, double(FromDIP(34)));
    for (std::size_t i = 0; i < m_bars.size(); ++i) {
        const auto& bar = m_bars[i];
        const double centre = top + slot * (double(i) + 0.5);

        gc->SetFont(font, text);
        double w = 0, h = 0;
        gc->GetTextExtent(bar.label, &w, &h);
        gc->DrawText(bar.label, left - FromDIP(10) - w, centre - h / 2);

        const double length = std::max(bar.value > 0 ? 2.0 : 0.0, double(bar.value) * scale);
        if (length > 0) {
            gc->SetPen(*wxTRANSPARENT_PEN);
            gc->SetBrush(wxBrush(bar.colour));
            gc->DrawRoundedRectangle(left, centre - bar_height / 2, length, bar_height, std::min(3.0, length / 2));
        }

        const wxString value = format_count(bar.value);
        wxFont bold = font;
        bold.MakeBold();
        gc->SetFont(bold, text);
        gc->GetTextExtent(value, &w, &h);
        gc->DrawText(value, left + length + FromDIP(6), centre - h / 2);
    }

    if (m_paint_listener)
        m_paint_listener();
}

} // namespace mwangaza::gui
