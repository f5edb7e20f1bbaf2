// Map frames at 1M incidents (issue 4): loads the incidents layer of a programme, then
// times 1920x1080 frames of the renderer (the same draw_document the workbench canvas,
// `map render` and the reports use) for a full-extent view and for a sequence of pans and
// zooms such as a person makes. Prints one "name value" line per figure.
//
//   map_frame_bench DB [--frames-png DIR]
#include "app/MapLayers.hpp"
#include "geo/MapRenderer.hpp"

#include <cairo.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
namespace geo = mwangaza::geo;
namespace app = mwangaza::app;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this thread: what a frame costs when the machine is shared with other work.
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

long rss_kib() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    return 0;
}

void save_png(const geo::RenderedFrame& frame, const std::string& file) {
    cairo_surface_t* s = cairo_image_surface_create_for_data(const_cast<unsigned char*>(frame.pixels.data()),
                                                             CAIRO_FORMAT_ARGB32, frame.view.width, frame.view.height,
                                                             frame.stride);
    cairo_surface_write_to_png(s, file.c_str());
    cairo_surface_destroy(s);
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: map_frame_bench DB [--frames-png DIR]\n";
        return 2;
    }
    const std::string db = argv[1];
    const std::string png_dir = argc >= 4 && std::string(argv[2]) == "--frames-png" ? argv[3] : "";
    try {
        const long rss_before = rss_kib();
        auto start = Clock::now();
        const auto incidents = app::IncidentsLayer::load(db);
        const double load_ms = ms_since(start);
        const long rss_after = rss_kib();
        start = Clock::now();
        const auto sites = app::load_sites_layer(db);
        const double sites_ms = ms_since(start);

        geo::MapDocument doc = app::default_map_document(db); // the layers as a new map has them
        for (auto& entry : doc) {
            if (entry.source.uri == "builtin:incidents")
                entry.layer = incidents;
            if (entry.source.uri == "builtin:sites")
                entry.layer = sites;
        }
        std::printf("incidents %zu\n", incidents->size());
        std::printf("load_ms %.0f\n", load_ms);
        std::printf("sites_load_ms %.1f\n", sites_ms);
        std::printf("layer_bytes %zu\n", incidents->memory_bytes());
        std::printf("layer_rss_kib %ld\n", rss_after - rss_before);

        const std::atomic<bool> never{false};
        // Full extent: every incident in the frame.
        const auto full = geo::Viewport::fit(incidents->extent(), 1920, 1080);
        std::vector<double> full_ms, full_cpu;
        for (int i = 0; i < 7; ++i) {
            start = Clock::now();
            const double cpu0 = thread_cpu_ms();
            const auto frame = geo::render_frame(doc, full, never);
            full_ms.push_back(ms_since(start));
            full_cpu.push_back(thread_cpu_ms() - cpu0);
            if (i == 0 && !png_dir.empty())
                save_png(frame, png_dir + "/full.png");
        }
        std::sort(full_ms.begin(), full_ms.end());
        std::printf("full_render_ms_median %.1f\n", full_ms[full_ms.size() / 2]);
        std::printf("full_render_ms_max %.1f\n", full_ms.back());
        std::sort(full_cpu.begin(), full_cpu.end());
        std::printf("full_render_cpu_ms_median %.1f\n", full_cpu[full_cpu.size() / 2]);

        // A session: zoom in on the densest site in steps, pan around it, zoom out again,
        // pan across the whole programme.
        const auto plan = incidents->plan(full, never);
        std::size_t densest = 0;
        for (std::size_t i = 0; i < plan.clusters.size(); ++i)
            if (plan.clusters[i].count > plan.clusters[densest].count)
                densest = i;
        const double fx = plan.clusters.empty() ? 960 : plan.clusters[densest].px;
        const double fy = plan.clusters.empty() ? 540 : plan.clusters[densest].py;
        std::vector<geo::Viewport> views;
        geo::Viewport v = full;
        for (int i = 0; i < 14; ++i)
            views.push_back(v = v.zoomed(1.6, fx, fy));
        views.push_back(v = v.panned(-(v.width / 2.0 - fx), -(v.height / 2.0 - fy)));
        for (int i = 0; i < 20; ++i)
            views.push_back(v = v.panned(i % 10 < 5 ? 140 : -140, i % 4 < 2 ? 60 : -60));
        for (int i = 0; i < 10; ++i)
            views.push_back(v = v.zoomed(1 / 1.6));
        for (int i = 0; i < 30; ++i)
            views.push_back(v = v.panned(i < 15 ? 120 : -120, i % 2 ? 40 : -40));
        for (int i = 0; i < 4; ++i)
            views.push_back(v = v.zoomed(1 / 1.6));
        for (int i = 0; i < 20; ++i)
            views.push_back(v = v.panned(i < 10 ? 90 : -90, 0));
        std::vector<double> frame_ms, frame_cpu;
        std::size_t worst = 0, clustered = 0;
        for (std::size_t i = 0; i < views.size(); ++i) {
            start = Clock::now();
            const double cpu0 = thread_cpu_ms();
            const auto frame = geo::render_frame(doc, views[i], never);
            frame_ms.push_back(ms_since(start));
            frame_cpu.push_back(thread_cpu_ms() - cpu0);
            if (frame_ms.back() > frame_ms[worst])
                worst = i;
            clustered += incidents->plan(views[i], never).clustered;
            if (!png_dir.empty() && (i == 6 || i == 13 || i == 30))
                save_png(frame, png_dir + "/frame-" + std::to_string(i) + ".png");
        }
        std::vector<double> sorted = frame_ms;
        std::sort(sorted.begin(), sorted.end());
        std::printf("frames %zu\n", sorted.size());
        std::printf("frames_clustered %zu\n", clustered);
        std::printf("frame_ms_median %.1f\n", sorted[sorted.size() / 2]);
        std::printf("frame_ms_p95 %.1f\n", sorted[sorted.size() * 95 / 100]);
        std::printf("frame_ms_max %.1f\n", sorted.back());
        std::sort(frame_cpu.begin(), frame_cpu.end());
        std::printf("frame_cpu_ms_median %.1f\n", frame_cpu[frame_cpu.size() / 2]);
        std::printf("frame_cpu_ms_max %.1f\n", frame_cpu.back());
        std::printf("frame_cpu_ms_over_33 %zu\n", static_cast<std::size_t>(std::count_if(
                                                        frame_cpu.begin(), frame_cpu.end(), [](double t) { return t > 33; })));
        std::printf("frame_worst_resolution_m %.1f\n", views[worst].resolution);
        // Where the time of the full render and of the slowest frame goes, layer by layer.
        for (const auto& [label, view] : {std::pair{"full", full}, std::pair{"worst", views[worst]}}) {
            for (const auto& entry : doc) {
                geo::MapDocument one{entry};
                std::vector<double> t;
                for (int i = 0; i < 5; ++i) {
                    start = Clock::now();
                    geo::render_frame(one, view, never);
                    t.push_back(ms_since(start));
                }
                std::sort(t.begin(), t.end());
                std::printf("%s_layer_%s_ms %.1f\n", label, entry.source.uri.substr(8).c_str(), t[2]);
            }
            std::vector<double> plan_ms;
            for (int i = 0; i < 5; ++i) {
                start = Clock::now();
                const auto p = incidents->plan(view, never);
                plan_ms.push_back(ms_since(start));
            }
            std::sort(plan_ms.begin(), plan_ms.end());
            std::printf("%s_incidents_plan_ms %.1f (of the incidents layer: finding and counting them)\n", label,
                        plan_ms[2]);
            std::vector<double> t;
            for (int i = 0; i < 5; ++i) {
                start = Clock::now();
                geo::render_frame({}, view, never);
                t.push_back(ms_since(start));
            }
            std::sort(t.begin(), t.end());
            std::printf("%s_empty_frame_ms %.1f\n", label, t[2]);
        }
        std::printf("frame_ms_over_33 %zu\n",
                    static_cast<std::size_t>(std::count_if(sorted.begin(), sorted.end(), [](double t) { return t > 33; })));
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "map_frame_bench: " << e.what() << '\n';
        return 1;
    }
}
