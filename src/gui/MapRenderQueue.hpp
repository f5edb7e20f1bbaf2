#pragma once
// The map page's render thread. Frames are drawn off the UI thread from a copy of the
// map document (the layers are immutable and shared, so the copy is cheap); the image
// comes back through a callback the UI thread receives with CallAfter. A newer request
// cancels the frame being drawn (its atomic flag) and replaces a queued one, so the
// thread always works on the latest view.
#include "geo/MapLayer.hpp"

#include <wx/image.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace mwangaza::gui {

// A rendered frame, opaque (drawn over the map's paper colour), ready for a wxBitmap.
struct MapImage {
    wxImage image;
    geo::Viewport view;
    std::uint64_t request = 0; // the request it answers
    double render_ms = 0;
};

// Draws the document (geo::draw_document: visible layers bottom first, each with its
// opacity) into a width x height image over the map's paper colour; nullopt when `cancel`
// stopped it.
std::optional<wxImage> render_map_image(const geo::MapDocument& doc, const geo::Viewport& view,
                                        const std::atomic<bool>& cancel);

class MapRenderQueue {
public:
    // Runs on the render thread with each finished (not cancelled) frame.
    using Done = std::function<void(std::shared_ptr<MapImage>)>;

    MapRenderQueue();
    ~MapRenderQueue(); // cancels the running frame, drops a queued one, joins
    MapRenderQueue(const MapRenderQueue&) = delete;
    MapRenderQueue& operator=(const MapRenderQueue&) = delete;

    // Asks for a frame; returns the request's number (increasing).
    std::uint64_t request(geo::MapDocument doc, const geo::Viewport& view, Done done);

    // True while a frame is queued or being drawn.
    bool busy() const;

private:
    struct Job {
        std::uint64_t id = 0;
        geo::MapDocument doc;
        geo::Viewport view;
        Done done;
    };
    void run();

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Job> m_pending;
    std::shared_ptr<std::atomic<bool>> m_running_cancel; // of the frame being drawn
    bool m_running = false;
    bool m_stop = false;
    std::uint64_t m_next_id = 0;
    std::thread m_thread;
};

} // namespace mwangaza::gui
