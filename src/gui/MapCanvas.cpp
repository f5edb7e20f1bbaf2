#include "gui/MapCanvas.hpp"

#include "gui/Format.hpp"

#include <wx/app.h>
#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>

#include <algorithm>
#include <cmath>

namespace mwangaza::gui {

namespace {

// The finest and coarsest scales the canvas allows (metres of Web Mercator per pixel).
constexpr double k_min_resolution = 0.5;
constexpr double k_max_resolution = 40075016.686 / 256;

// What Home shows when no layer has an extent: the programme's region (the DRC and Rwanda).
geo::MapRect programme_region()
{
    return geo::MapRect::from_lonlat(12.0, -13.6, 31.5, 5.6);
}

geo::Viewport clamp_scale(geo::Viewport v)
{
    v.resolution = std::clamp(v.resolution, k_min_resolution, k_max_resolution);
    return v;
}

} // namespace

MapCanvas::MapCanvas(wxWindow* parent)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxWANTS_CHARS | wxFULL_REPAINT_ON_RESIZE),
      m_queue(std::make_unique<MapRenderQueue>()), m_alive(std::make_shared<bool>(true))
{
    SetName("map_canvas");
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinSize(FromDIP(wxSize(320, 240)));
    SetCursor(wxCursor(wxCURSOR_HAND));
    Bind(wxEVT_PAINT, &MapCanvas::on_paint, this);
    Bind(wxEVT_SIZE, &MapCanvas::on_size, this);
    Bind(wxEVT_LEFT_DOWN, &MapCanvas::on_mouse, this);
    Bind(wxEVT_LEFT_UP, &MapCanvas::on_mouse, this);
    Bind(wxEVT_MOTION, &MapCanvas::on_mouse, this);
    Bind(wxEVT_LEAVE_WINDOW, &MapCanvas::on_mouse, this);
    Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) { m_dragging = false; });
    Bind(wxEVT_MOUSEWHEEL, &MapCanvas::on_wheel, this);
    Bind(wxEVT_KEY_DOWN, &MapCanvas::on_key, this);
}

MapCanvas::~MapCanvas()
{
    *m_alive = false;
    m_queue.reset(); // joins the render thread while the canvas still exists
}

void MapCanvas::set_document(geo::MapDocument doc)
{
    m_doc = std::move(doc);
    request_frame();
}

void MapCanvas::set_view(const geo::Viewport& view)
{
    const wxSize size = GetClientSize();
    m_view = clamp_scale(view.resized(std::max(1, size.x), std::max(1, size.y)));
    m_view_set = true;
    view_changed();
}

void MapCanvas::zoom_to(const geo::MapRect& rect)
{
    const wxSize size = GetClientSize();
    set_view(geo::Viewport::fit(rect, std::max(1, size.x), std::max(1, size.y), 0.05, 20.0));
}

void MapCanvas::zoom_full()
{
    geo::MapRect extent;
    for (const auto& entry : m_doc)
        if (entry.visible && entry.layer && entry.layer->kind() != "basemap")
            extent.expand(entry.layer->extent());
    zoom_to(extent.empty() ? programme_region() : extent);
}

void MapCanvas::zoom_at(double factor, double px, double py)
{
    const geo::Viewport next = clamp_scale(m_view.zoomed(factor, px, py));
    if (next.resolution == m_view.resolution)
        return;
    // Keep the anchor under the cursor at the clamped scale too.
    m_view = m_view.zoomed(m_view.resolution / next.resolution, px, py);
    view_changed();
}

void MapCanvas::pan_by(double dx, double dy)
{
    m_view = m_view.panned(dx, dy);
    view_changed();
}

void MapCanvas::centre_on(geo::MapPoint p)
{
    geo::Viewport v = m_view;
    v.center_x = p.x;
    v.center_y = p.y;
    set_view(v);
}

void MapCanvas::set_highlight(std::optional<geo::MapPoint> point)
{
    m_highlight = point;
    Refresh(false);
}

void MapCanvas::set_legend(std::vector<LegendGroup> legend)
{
    m_legend = std::move(legend);
    Refresh(false);
}

void MapCanvas::set_credit(const wxString& credit)
{
    m_credit = credit;
    Refresh(false);
}

std::vector<geo::IdentifyHit> MapCanvas::identify_at(double px, double py) const
{
    std::vector<geo::IdentifyHit> hits;
    const double tolerance = FromDIP(6);
    for (auto it = m_doc.rbegin(); it != m_doc.rend(); ++it) {
        if (!it->visible || !it->layer)
            continue;
        try {
            auto found = it->layer->identify(m_view, px, py, tolerance);
            for (auto& hit : found) {
                if (!it->title.empty())
                    hit.layer = it->title;
                hits.push_back(std::move(hit));
            }
        } catch (const std::exception&) {
            // A layer whose file went away identifies nothing; the others still answer.
        }
    }
    return hits;
}

MapCanvas::ScaleBar MapCanvas::scale_bar() const
{
    ScaleBar bar;
    const double ground = m_view.ground_resolution();
    if (!(ground > 0))
        return bar;
    const double longest = ground * FromDIP(130);
    const double power = std::pow(10.0, std::floor(std::log10(longest)));
    double nice = power;
    for (double step : {5.0, 2.0, 1.0})
        if (step * power <= longest) {
            nice = step * power;
            break;
        }
    bar.metres = nice;
    bar.pixels = int(std::lround(nice / ground));
    if (nice >= 1000)
        bar.label = wxString::Format(_("%s km"), format_count(std::int64_t(std::lround(nice / 1000))));
    else if (nice >= 1)
        bar.label = wxString::Format(_("%s m"), format_count(std::int64_t(std::lround(nice))));
    else
        bar.label = wxString::Format(_("%s m"), wxString::FromDouble(nice, 1));
    return bar;
}

void MapCanvas::request_frame()
{
    if (!m_view_set || m_view.width <= 0 || m_view.height <= 0)
        return;
    if (m_doc.empty()) { // nothing to draw: the paper alone, no work for the render thread
        m_frame = wxBitmap();
        Refresh(false);
        return;
    }
    auto alive = m_alive;
    m_last_request = m_queue->request(m_doc, m_view, [this, alive](std::shared_ptr<MapImage> frame) {
        wxTheApp->CallAfter([this, alive, frame] {
            if (*alive)
                on_frame(frame);
        });
    });
}

void MapCanvas::on_frame(std::shared_ptr<MapImage> frame)
{
    // An older frame that finished after a newer request still beats a stale one.
    if (frame->request < m_frame_view_id)
        return;
    m_frame = wxBitmap(frame->image);
    m_frame_view = frame->view;
    m_frame_view_id = frame->request;
    m_last_render_ms = frame->render_ms;
    ++m_frames_shown;
    Refresh(false);
}

void MapCanvas::view_changed()
{
    request_frame();
    Refresh(false);
    if (m_on_view)
        m_on_view();
}

void MapCanvas::on_size(wxSizeEvent& event)
{
    event.Skip();
    const wxSize size = GetClientSize();
    if (size.x <= 0 || size.y <= 0)
        return;
    if (!m_view_set) {
        m_view.width = size.x;
        m_view.height = size.y;
        m_view_set = true;
        zoom_full();
        return;
    }
    if (size.x == m_view.width && size.y == m_view.height)
        return;
    m_view = m_view.resized(size.x, size.y);
    view_changed();
}

void MapCanvas::on_paint(wxPaintEvent&)
{
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(wxColour(0xf4, 0xf1, 0xea))); // the renderer's paper
    dc.Clear();
    if (m_frame.IsOk() && m_frame_view.resolution > 0) {
        // The frame's top-left corner in the current view, and its scale there.
        double x = 0, y = 0;
        m_view.to_pixel(m_frame_view.to_map(0, 0), x, y);
        const double scale = m_frame_view.resolution / m_view.resolution;
        if (std::abs(scale - 1.0) < 1e-9) {
            dc.DrawBitmap(m_frame, wxPoint(int(std::lround(x)), int(std::lround(y))));
        } else if (std::unique_ptr<wxGraphicsContext> gc{wxGraphicsContext::Create(dc)}) {
            gc->SetInterpolationQuality(wxINTERPOLATION_FAST);
            gc->DrawBitmap(m_frame, x, y, m_frame.GetWidth() * scale, m_frame.GetHeight() * scale);
        }
    }
    if (m_highlight) {
        double x = 0, y = 0;
        m_view.to_pixel(*m_highlight, x, y);
        const int r = FromDIP(11);
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.SetPen(wxPen(wxColour(255, 255, 255), FromDIP(5)));
        dc.DrawCircle(int(std::lround(x)), int(std::lround(y)), r);
        dc.SetPen(wxPen(wxColour(0xd6, 0x1f, 0x69), FromDIP(3)));
        dc.DrawCircle(int(std::lround(x)), int(std::lround(y)), r);
    }
    draw_scale_bar(dc);
    draw_legend(dc);
    draw_credit(dc);
}

void MapCanvas::draw_legend(wxDC& dc) const
{
    if (m_legend.empty())
        return;
    const wxFont normal = GetFont();
    const wxFont bold = normal.Bold();
    const int pad = FromDIP(8), gap = FromDIP(4), swatch = FromDIP(11);
    const int line = std::max(dc.GetTextExtent("Ag").y, swatch) + FromDIP(2);
    int width = 0, height = pad;
    for (const auto& group : m_legend) {
        dc.SetFont(bold);
        width = std::max(width, dc.GetTextExtent(group.title).x);
        dc.SetFont(normal);
        for (const auto& entry : group.entries)
            width = std::max(width, swatch + gap + dc.GetTextExtent(entry.first).x);
        height += line * int(1 + group.entries.size()) + gap;
    }
    height += pad - gap;
    width += 2 * pad;
    // Bottom right, above the credit line: the corner the programme's sites crowd least.
    const int right = GetClientSize().x - FromDIP(12);
    const int bottom = GetClientSize().y - dc.GetTextExtent("Ag").y - FromDIP(16);
    const wxRect box(right - width, std::max(FromDIP(12), bottom - height), width, height);
    dc.SetPen(wxPen(wxColour(0xc8, 0xc4, 0xbc)));
    dc.SetBrush(wxBrush(wxColour(255, 255, 255)));
    dc.DrawRoundedRectangle(box, FromDIP(3));
    dc.SetTextForeground(wxColour(40, 40, 40));
    int y = box.y + pad;
    for (const auto& group : m_legend) {
        dc.SetFont(bold);
        dc.DrawText(group.title, box.x + pad, y);
        y += line;
        dc.SetFont(normal);
        for (const auto& [label, colour] : group.entries) {
            dc.SetPen(wxPen(colour.ChangeLightness(70)));
            dc.SetBrush(wxBrush(colour));
            dc.DrawEllipse(box.x + pad, y + (line - swatch) / 2, swatch, swatch);
            dc.DrawText(label, box.x + pad + swatch + gap, y);
            y += line;
        }
        y += gap;
    }
}

void MapCanvas::draw_credit(wxDC& dc) const
{
    if (m_credit.empty())
        return;
    wxFont font = GetFont();
    font.SetFractionalPointSize(font.GetFractionalPointSize() * 0.85);
    dc.SetFont(font);
    const wxSize text = dc.GetTextExtent(m_credit);
    const int pad = FromDIP(3);
    const wxSize size = GetClientSize();
    const wxRect box(size.x - text.x - 2 * pad, size.y - text.y - 2 * pad, text.x + 2 * pad, text.y + 2 * pad);
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(wxColour(255, 255, 255)));
    dc.DrawRectangle(box);
    dc.SetTextForeground(wxColour(70, 70, 70));
    dc.DrawText(m_credit, box.x + pad, box.y + pad);
}

void MapCanvas::draw_scale_bar(wxDC& dc) const
{
    const ScaleBar bar = scale_bar();
    if (bar.pixels <= 0)
        return;
    dc.SetFont(GetFont());
    const wxSize text = dc.GetTextExtent(bar.label);
    const int pad = FromDIP(6);
    const int left = FromDIP(12);
    const int bottom = GetClientSize().y - FromDIP(12);
    const int tick = FromDIP(6);
    const wxRect box(left - pad, bottom - text.y - tick - 2 * pad, bar.pixels + 2 * pad + text.x / 2 + pad,
                     text.y + tick + 3 * pad);
    dc.SetPen(*wxTRANSPARENT_PEN);
    dc.SetBrush(wxBrush(wxColour(255, 255, 255)));
    dc.DrawRoundedRectangle(box, FromDIP(3));
    dc.SetPen(wxPen(wxColour(40, 40, 40), FromDIP(2)));
    const int y = bottom - pad;
    dc.DrawLine(left, y, left + bar.pixels, y);
    dc.DrawLine(left, y, left, y - tick);
    dc.DrawLine(left + bar.pixels, y, left + bar.pixels, y - tick);
    dc.SetTextForeground(wxColour(40, 40, 40));
    dc.DrawText(bar.label, left + bar.pixels / 2 - text.x / 2, y - tick - text.y - FromDIP(1));
}

void MapCanvas::on_mouse(wxMouseEvent& event)
{
    const wxPoint pos = event.GetPosition();
    if (event.LeftDown()) {
        SetFocus();
        m_dragging = true;
        m_moved = false;
        m_drag_start = m_drag_last = pos;
        if (!HasCapture())
            CaptureMouse();
        return;
    }
    if (event.Leaving()) {
        if (m_on_cursor && !m_dragging)
            m_on_cursor(std::nullopt);
        return;
    }
    if (event.Dragging() && m_dragging) {
        const wxPoint d = pos - m_drag_start;
        if (!m_moved && std::abs(d.x) + std::abs(d.y) >= FromDIP(4))
            m_moved = true;
        if (m_moved) {
            SetCursor(wxCursor(wxCURSOR_SIZING));
            pan_by(pos.x - m_drag_last.x, pos.y - m_drag_last.y);
            m_drag_last = pos;
        }
    }
    if (event.Moving() || event.Dragging()) {
        if (m_on_cursor)
            m_on_cursor(m_view.to_map(pos.x, pos.y));
        return;
    }
    if (event.LeftUp() && m_dragging) {
        m_dragging = false;
        if (HasCapture())
            ReleaseMouse();
        SetCursor(wxCursor(wxCURSOR_HAND));
        if (!m_moved && m_on_identify)
            m_on_identify(identify_at(pos.x, pos.y));
    }
}

void MapCanvas::on_wheel(wxMouseEvent& event)
{
    const int delta = event.GetWheelDelta() > 0 ? event.GetWheelDelta() : 120;
    const double steps = double(event.GetWheelRotation()) / delta;
    if (steps == 0)
        return;
    const wxPoint pos = event.GetPosition();
    zoom_at(std::pow(1.5, steps), pos.x, pos.y);
}

void MapCanvas::on_key(wxKeyEvent& event)
{
    const double step_x = m_view.width / 4.0, step_y = m_view.height / 4.0;
    switch (event.GetKeyCode()) {
    case '+':
    case '=':
    case WXK_NUMPAD_ADD:
        zoom_at(2.0, m_view.width / 2.0, m_view.height / 2.0);
        break;
    case '-':
    case WXK_NUMPAD_SUBTRACT:
        zoom_at(0.5, m_view.width / 2.0, m_view.height / 2.0);
        break;
    case WXK_LEFT: pan_by(step_x, 0); break;
    case WXK_RIGHT: pan_by(-step_x, 0); break;
    case WXK_UP: pan_by(0, step_y); break;
    case WXK_DOWN: pan_by(0, -step_y); break;
    case WXK_HOME:
    case WXK_NUMPAD_HOME:
        zoom_full();
        break;
    default:
        event.Skip();
    }
}

} // namespace mwangaza::gui
