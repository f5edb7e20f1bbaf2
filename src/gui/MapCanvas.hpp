#pragma once
// The map canvas: shows the last frame the render thread drew, shifted and scaled to the
// current view while it is dragged or zoomed (so panning never waits for a frame), and
// asks for a new frame after each change. Drag to pan, wheel to zoom about the cursor,
// + and - to zoom, arrows to pan, Home for the full extent; a click (no drag) identifies
// what is under the cursor. A scale bar sits in the bottom-left corner.
#include "geo/MapLayer.hpp"
#include "gui/MapRenderQueue.hpp"

#include <wx/bitmap.h>
#include <wx/window.h>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace mwangaza::gui {

class MapCanvas : public wxWindow {
public:
    explicit MapCanvas(wxWindow* parent);
    ~MapCanvas() override;

    // The layers drawn; asks for a frame.
    void set_document(geo::MapDocument doc);
    const geo::MapDocument& document() const { return m_doc; }

    // The view asked for (the frame on screen may still be an older one, shifted).
    const geo::Viewport& view() const { return m_view; }
    void set_view(const geo::Viewport& view);
    void zoom_to(const geo::MapRect& rect);
    // The visible layers' extent (the basemap left out), or the programme's region.
    void zoom_full();
    // Zoom by `factor` (> 1 zooms in) keeping the map point under pixel (px, py) there.
    void zoom_at(double factor, double px, double py);
    // Moves the content by (dx, dy) pixels, as a drag does.
    void pan_by(double dx, double dy);
    // Centres on a point without changing the scale.
    void centre_on(geo::MapPoint p);

    // A marker drawn over the map (the selected site), or none.
    void set_highlight(std::optional<geo::MapPoint> point);
    std::optional<geo::MapPoint> highlight() const { return m_highlight; }

    // The legend drawn in the bottom-right corner, above the credit line: titled groups of coloured swatches.
    struct LegendGroup {
        wxString title;
        std::vector<std::pair<wxString, wxColour>> entries;
    };
    void set_legend(std::vector<LegendGroup> legend);
    // The credit line in the bottom-right corner ("Map data: IPIS, Natural Earth").
    void set_credit(const wxString& credit);

    // Hits at pixel (px, py) of the current view, top layer first.
    std::vector<geo::IdentifyHit> identify_at(double px, double py) const;

    // The frame on screen: how many have been shown, and the view it was drawn for.
    std::uint64_t frames_shown() const { return m_frames_shown; }
    bool frame_current() const { return m_frame.IsOk() && m_frame_view_id == m_last_request; }
    const geo::Viewport& frame_view() const { return m_frame_view; }
    double last_render_ms() const { return m_last_render_ms; }

    // The scale bar's length in metres and its label ("50 km"), for the current view.
    struct ScaleBar {
        double metres = 0;
        int pixels = 0;
        wxString label;
    };
    ScaleBar scale_bar() const;

    // Listeners: the cursor's position (nullopt when it leaves), a click's hits, a view change.
    void set_cursor_listener(std::function<void(std::optional<geo::MapPoint>)> f) { m_on_cursor = std::move(f); }
    void set_identify_listener(std::function<void(const std::vector<geo::IdentifyHit>&)> f)
    {
        m_on_identify = std::move(f);
    }
    void set_view_listener(std::function<void()> f) { m_on_view = std::move(f); }

private:
    void request_frame();
    void on_frame(std::shared_ptr<MapImage> frame);
    void on_paint(wxPaintEvent&);
    void on_size(wxSizeEvent&);
    void on_mouse(wxMouseEvent&);
    void on_wheel(wxMouseEvent&);
    void on_key(wxKeyEvent&);
    void view_changed();
    void draw_scale_bar(wxDC& dc) const;
    void draw_legend(wxDC& dc) const;
    void draw_credit(wxDC& dc) const;

    geo::MapDocument m_doc;
    geo::Viewport m_view;
    bool m_view_set = false; // false until the first size or set_view

    std::unique_ptr<MapRenderQueue> m_queue;
    std::shared_ptr<bool> m_alive;
    std::uint64_t m_last_request = 0;
    wxBitmap m_frame;
    geo::Viewport m_frame_view;
    std::uint64_t m_frame_view_id = 0;
    std::uint64_t m_frames_shown = 0;
    double m_last_render_ms = 0;

    std::optional<geo::MapPoint> m_highlight;
    std::vector<LegendGroup> m_legend;
    wxString m_credit;

    bool m_dragging = false;
    bool m_moved = false;
    wxPoint m_drag_start;
    wxPoint m_drag_last;

    std::function<void(std::optional<geo::MapPoint>)> m_on_cursor;
    std::function<void(const std::vector<geo::IdentifyHit>&)> m_on_identify;
    std::function<void()> m_on_view;
};

} // namespace mwangaza::gui
