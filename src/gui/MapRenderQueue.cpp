#include "gui/MapRenderQueue.hpp"

#include "geo/MapRenderer.hpp"

#include <cstring>
#include <chrono>

namespace mwangaza::gui {

std::optional<wxImage> render_map_image(const geo::MapDocument& doc, const geo::Viewport& view,
                                        const std::atomic<bool>& cancel)
{
    if (view.width <= 0 || view.height <= 0)
        return std::nullopt;
    // The renderer `map render` and the reports use, on the map's paper colour.
    const geo::RenderedFrame frame = geo::render_frame(doc, view, cancel);
    if (!frame.complete || cancel)
        return std::nullopt;

    // Premultiplied ARGB32 (native-endian words), opaque over the paper: to RGB.
    wxImage image(view.width, view.height, false);
    unsigned char* out = image.GetData();
    for (int y = 0; y < view.height; ++y) {
        const auto* row = reinterpret_cast<const std::uint32_t*>(frame.pixels.data() + std::ptrdiff_t(y) * frame.stride);
        for (int x = 0; x < view.width; ++x) {
            const std::uint32_t p = row[x];
            *out++ = static_cast<unsigned char>((p >> 16) & 0xff);
            *out++ = static_cast<unsigned char>((p >> 8) & 0xff);
            *out++ = static_cast<unsigned char>(p & 0xff);
        }
    }
    return image;
}

MapRenderQueue::MapRenderQueue() : m_thread([this] { run(); }) {}

MapRenderQueue::~MapRenderQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
        m_pending.reset();
        if (m_running_cancel)
            *m_running_cancel = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

std::uint64_t MapRenderQueue::request(geo::MapDocument doc, const geo::Viewport& view, Done done)
{
    std::uint64_t id = 0;
    {
        std::lock_guard lock(m_mutex);
        id = ++m_next_id;
        m_pending = Job{id, std::move(doc), view, std::move(done)};
        if (m_running_cancel)
            *m_running_cancel = true; // the frame being drawn is out of date
    }
    m_wake.notify_one();
    return id;
}

bool MapRenderQueue::busy() const
{
    std::lock_guard lock(m_mutex);
    return m_running || m_pending.has_value();
}

void MapRenderQueue::run()
{
    for (;;) {
        Job job;
        std::shared_ptr<std::atomic<bool>> cancel;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || m_pending.has_value(); });
            if (m_stop)
                return;
            job = std::move(*m_pending);
            m_pending.reset();
            cancel = std::make_shared<std::atomic<bool>>(false);
            m_running_cancel = cancel;
            m_running = true;
        }
        const auto start = std::chrono::steady_clock::now();
        std::optional<wxImage> image;
        try {
            image = render_map_image(job.doc, job.view, *cancel);
        } catch (...) {
            image.reset(); // a layer that fails draws nothing; the next request tries again
        }
        if (image && !*cancel) {
            auto frame = std::make_shared<MapImage>();
            frame->image = std::move(*image);
            frame->view = job.view;
            frame->request = job.id;
            frame->render_ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            job.done(std::move(frame));
        }
        job.doc.clear(); // releases the layers here, not under the lock
        std::lock_guard lock(m_mutex);
        m_running_cancel.reset();
        m_running = false;
    }
}

} // namespace mwangaza::gui
