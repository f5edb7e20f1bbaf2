#include "geo/MapRenderer.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <memory>

namespace mwangaza::geo {

namespace {

struct SurfaceDeleter {
    void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct ContextDeleter {
    void operator()(cairo_t* c) const { cairo_destroy(c); }
};
using SurfacePtr = std::unique_ptr<cairo_surface_t, SurfaceDeleter>;
using ContextPtr = std::unique_ptr<cairo_t, ContextDeleter>;

void check_view(const Viewport& view) {
    if (view.width <= 0 || view.height <= 0 || view.width > 20000 || view.height > 20000 || !(view.resolution > 0))
        throw InvalidInput(core::format(core::tr("The map frame %1 x %2 pixels is not a size that can be drawn."),
                                        {std::to_string(view.width), std::to_string(view.height)}));
}

void paint_background(cairo_t* cr, std::uint32_t background) {
    cairo_save(cr);
    cairo_set_operator(cr, CAIRO_OPERATOR_SOURCE);
    set_source_rgba(cr, background);
    cairo_paint(cr);
    cairo_restore(cr);
}

// The frame outputs: background, layers, scale bar, credit.
void draw_frame(cairo_t* cr, const MapDocument& doc, const Viewport& view, const std::atomic<bool>& cancel) {
    paint_background(cr, 0xf4f1eaff);
    draw_document(cr, doc, view, cancel);
    draw_scale_bar(cr, view);
    draw_credit(cr, view, credit_line(doc));
}

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string nice_distance(double metres) {
    char buffer[32];
    if (metres >= 1000)
        std::snprintf(buffer, sizeof buffer, "%g km", metres / 1000);
    else
        std::snprintf(buffer, sizeof buffer, "%g m", metres);
    return buffer;
}

} // namespace

void set_source_rgba(cairo_t* cr, std::uint32_t rgba) {
    cairo_set_source_rgba(cr, ((rgba >> 24) & 0xff) / 255.0, ((rgba >> 16) & 0xff) / 255.0,
                          ((rgba >> 8) & 0xff) / 255.0, (rgba & 0xff) / 255.0);
}

void symbol_path(cairo_t* cr, PointSymbol symbol, double x, double y, double size) {
    const double r = size / 2;
    switch (symbol) {
    case PointSymbol::Circle:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        break;
    case PointSymbol::Square:
        cairo_rectangle(cr, x - r, y - r, size, size);
        break;
    case PointSymbol::Triangle:
        cairo_move_to(cr, x, y - r * 1.15);
        cairo_line_to(cr, x + r * 1.1, y + r * 0.8);
        cairo_line_to(cr, x - r * 1.1, y + r * 0.8);
        cairo_close_path(cr);
        break;
    case PointSymbol::Diamond:
        cairo_move_to(cr, x, y - r * 1.2);
        cairo_line_to(cr, x + r * 1.2, y);
        cairo_line_to(cr, x, y + r * 1.2);
        cairo_line_to(cr, x - r * 1.2, y);
        cairo_close_path(cr);
        break;
    case PointSymbol::Cross: {
        const double t = std::max(1.0, size / 5);
        cairo_rectangle(cr, x - r, y - t, size, 2 * t);
        cairo_rectangle(cr, x - t, y - r, 2 * t, r - t);
        cairo_rectangle(cr, x - t, y + t, 2 * t, r - t);
        break;
    }
    }
}

void draw_halo_text(cairo_t* cr, const std::string& text, double x, double y, double size_px, std::uint32_t colour) {
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, "Sans");
    pango_font_description_set_absolute_size(font, size_px * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    draw_halo_layout(cr, layout, x, y, colour, std::max(2.5, size_px / 4));
    g_object_unref(layout);
}

void draw_halo_layout(cairo_t* cr, PangoLayout* layout, double x, double y, std::uint32_t colour, double halo_px) {
    cairo_save(cr);
    cairo_move_to(cr, x, y);
    pango_cairo_layout_path(cr, layout);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_width(cr, halo_px);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
    cairo_stroke(cr);
    cairo_move_to(cr, x, y);
    set_source_rgba(cr, colour);
    pango_cairo_show_layout(cr, layout);
    cairo_restore(cr);
}

void draw_document(cairo_t* cr, const MapDocument& doc, const Viewport& view, const std::atomic<bool>& cancel) {
    cairo_save(cr);
    cairo_rectangle(cr, 0, 0, view.width, view.height);
    cairo_clip(cr);
    const MapRect frame = view.extent();
    for (const LayerEntry& entry : doc) {
        if (cancel.load(std::memory_order_relaxed))
            break;
        if (!entry.visible || !entry.layer || entry.opacity <= 0)
            continue;
        const MapRect extent = entry.layer->extent();
        if (!extent.empty() && !extent.intersects(frame) && entry.layer->kind() != "basemap")
            continue;
        const double opacity = std::clamp(entry.opacity, 0.0, 1.0);
        cairo_save(cr);
        if (opacity < 1.0)
            cairo_push_group(cr);
        entry.layer->draw(cr, view, entry.style, cancel);
        if (opacity < 1.0) {
            cairo_pop_group_to_source(cr);
            cairo_paint_with_alpha(cr, opacity);
        }
        cairo_restore(cr);
    }
    cairo_restore(cr);
}

RenderedFrame render_frame(const MapDocument& doc, const Viewport& view, const std::atomic<bool>& cancel,
                           std::uint32_t background) {
    check_view(view);
    RenderedFrame frame;
    frame.view = view;
    frame.stride = cairo_format_stride_for_width(CAIRO_FORMAT_ARGB32, view.width);
    frame.pixels.assign(static_cast<std::size_t>(frame.stride) * static_cast<std::size_t>(view.height), 0);
    SurfacePtr surface(cairo_image_surface_create_for_data(frame.pixels.data(), CAIRO_FORMAT_ARGB32, view.width,
                                                           view.height, frame.stride));
    ContextPtr cr(cairo_create(surface.get()));
    paint_background(cr.get(), background);
    draw_document(cr.get(), doc, view, cancel);
    cairo_surface_flush(surface.get());
    frame.complete = !cancel.load();
    return frame;
}

namespace {

// A file written beside its destination and moved onto it once complete; removed when
// the output fails or is cancelled.
class PartFile {
public:
    explicit PartFile(std::filesystem::path out) : m_out(std::move(out)), m_part(m_out)
    {
        m_part += ".part";
    }
    ~PartFile()
    {
        std::error_code ec;
        if (!m_done)
            std::filesystem::remove(m_part, ec);
    }
    PartFile(const PartFile&) = delete;
    PartFile& operator=(const PartFile&) = delete;
    const std::filesystem::path& path() const { return m_part; }
    void commit()
    {
        std::error_code ec;
        std::filesystem::rename(m_part, m_out, ec);
        if (ec)
            throw GeoError(core::format(core::tr("Could not write %1: %2"), {m_out.string(), ec.message()}));
        m_done = true;
    }

private:
    std::filesystem::path m_out, m_part;
    bool m_done = false;
};

} // namespace

bool render_png(const MapDocument& doc, const Viewport& view, const std::filesystem::path& out,
                const std::atomic<bool>& cancel) {
    check_view(view);
    SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, view.width, view.height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw GeoError(core::format(core::tr("Could not create the image for %1: %2"),
                                    {out.string(), cairo_status_to_string(cairo_surface_status(surface.get()))}));
    {
        ContextPtr cr(cairo_create(surface.get()));
        draw_frame(cr.get(), doc, view, cancel);
    }
    if (cancel)
        return false;
    PartFile part(out);
    const cairo_status_t status = cairo_surface_write_to_png(surface.get(), part.path().string().c_str());
    if (status != CAIRO_STATUS_SUCCESS)
        throw GeoError(core::format(core::tr("Could not write the map image %1: %2"),
                                    {out.string(), cairo_status_to_string(status)}));
    part.commit();
    return true;
}

bool render_pdf(const MapDocument& doc, const Viewport& view, const std::filesystem::path& out,
                const std::atomic<bool>& cancel) {
    check_view(view);
    PartFile part(out);
    // One pixel of the frame is one point of the page.
    SurfacePtr surface(cairo_pdf_surface_create(part.path().string().c_str(), view.width, view.height));
    if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
        throw GeoError(core::format(core::tr("Could not write the map PDF %1: %2"),
                                    {out.string(), cairo_status_to_string(cairo_surface_status(surface.get()))}));
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Mwangaza");
    {
        ContextPtr cr(cairo_create(surface.get()));
        draw_frame(cr.get(), doc, view, cancel);
        cairo_show_page(cr.get());
    }
    cairo_surface_finish(surface.get());
    const cairo_status_t status = cairo_surface_status(surface.get());
    if (status != CAIRO_STATUS_SUCCESS)
        throw GeoError(core::format(core::tr("Could not write the map PDF %1: %2"),
                                    {out.string(), cairo_status_to_string(status)}));
    if (cancel)
        return false;
    surface.reset(); // the file closed before it is moved
    part.commit();
    return true;
}

void render_png(const MapDocument& doc, const Viewport& view, const std::filesystem::path& out) {
    const std::atomic<bool> never{false};
    render_png(doc, view, out, never);
}

void render_pdf(const MapDocument& doc, const Viewport& view, const std::filesystem::path& out) {
    const std::atomic<bool> never{false};
    render_pdf(doc, view, out, never);
}

std::vector<IdentifyHit> identify(const MapDocument& doc, const Viewport& view, double px, double py,
                                  double tolerance_px) {
    std::vector<IdentifyHit> hits;
    for (auto it = doc.rbegin(); it != doc.rend(); ++it) {
        if (!it->visible || !it->layer || it->opacity <= 0)
            continue;
        std::vector<IdentifyHit> found = it->layer->identify(view, px, py, tolerance_px);
        std::stable_sort(found.begin(), found.end(),
                         [](const IdentifyHit& a, const IdentifyHit& b) { return a.distance_px < b.distance_px; });
        for (IdentifyHit& hit : found) {
            if (!it->title.empty())
                hit.layer = it->title;
            hits.push_back(std::move(hit));
        }
    }
    return hits;
}

void draw_scale_bar(cairo_t* cr, const Viewport& view) {
    const double ground = view.ground_resolution();
    if (!(ground > 0) || view.width < 120)
        return;
    // The longest 1, 2 or 5 x 10^n metres that fits in about a sixth of the frame.
    const double target = std::clamp(view.width / 6.0, 60.0, 200.0) * ground;
    const double magnitude = std::pow(10.0, std::floor(std::log10(target)));
    double metres = magnitude;
    for (double step : {2.0, 5.0, 10.0})
        if (step * magnitude <= target)
            metres = step * magnitude;
    const double length = metres / ground;
    const double x = 12, y = view.height - 24.0, bar_h = 5;
    cairo_save(cr);
    cairo_set_source_rgba(cr, 1, 1, 1, 0.75);
    cairo_rectangle(cr, x - 6, y - 20, length + 12 + 48, 32);
    cairo_fill(cr);
    // Two halves, black and white, in a black frame.
    cairo_set_line_width(cr, 1);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_rectangle(cr, x, y, length / 2, bar_h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x + length / 2, y, length / 2, bar_h);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    cairo_rectangle(cr, std::round(x) + 0.5, std::round(y) + 0.5, std::round(length), bar_h);
    cairo_stroke(cr);
    cairo_restore(cr);
    draw_halo_text(cr, "0", x - 3, y - 16, 10);
    draw_halo_text(cr, nice_distance(metres), x + length - 8, y - 16, 10);
}

std::string credit_line(const MapDocument& doc) {
    bool ipis = false, natural_earth = false;
    for (const LayerEntry& entry : doc) {
        if (!entry.visible || !entry.layer)
            continue;
        const std::string uri = lower(entry.source.uri);
        if (uri == "builtin:basemap" || entry.layer->kind() == "basemap" || uri.find("natural") != std::string::npos ||
            uri.find("world-atlas") != std::string::npos)
            natural_earth = true;
        if (uri.find("ipis") != std::string::npos)
            ipis = true;
    }
    std::string sources;
    if (ipis)
        sources = "IPIS";
    if (natural_earth)
        sources += sources.empty() ? "Natural Earth" : ", Natural Earth";
    if (sources.empty())
        return {};
    return core::format(core::tr("Map data: %1"), {sources});
}

void draw_credit(cairo_t* cr, const Viewport& view, const std::string& credit) {
    if (credit.empty())
        return;
    PangoLayout* layout = pango_cairo_create_layout(cr);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, "Sans");
    pango_font_description_set_absolute_size(font, 10 * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_text(layout, credit.c_str(), static_cast<int>(credit.size()));
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout, &w, &h);
    g_object_unref(layout);
    draw_halo_text(cr, credit, view.width - w - 8.0, view.height - h - 6.0, 10, 0x404040ff);
}

} // namespace mwangaza::geo
