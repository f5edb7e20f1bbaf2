#pragma once
// The map renderer: draws a MapDocument (layers bottom first, each with its opacity and
// style) with cairo. The same drawing (draw_document) fills the workbench canvas's
// frames, the PNG and PDF of `mwangaza-cli map render` and the maps of reports, so what is
// printed is what the screen shows. No wx here.
#include "geo/MapLayer.hpp"
#include "geo/Viewport.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

typedef struct _cairo cairo_t;
typedef struct _PangoLayout PangoLayout;

namespace mwangaza::geo {

struct RenderedFrame {
    Viewport view;
    int stride = 0;                    // bytes per row
    std::vector<std::uint8_t> pixels;  // cairo ARGB32, premultiplied, native endian, view.height rows
    bool complete = true;              // false when `cancel` stopped the drawing
};

// Draws the document into a new buffer of view.width x view.height pixels on `background`
// (0xRRGGBBAA). Returns early, with complete = false, when `cancel` becomes true.
RenderedFrame render_frame(const MapDocument& doc, const Viewport& view, const std::atomic<bool>& cancel,
                           std::uint32_t background = 0xf4f1eaff);

// The frame outputs: the document, a scale bar and the credit line of the layers shown.
// Written to a temporary file beside `out` that replaces it once complete: a failed or
// cancelled output leaves `out` as it was. Throw GeoError naming the file when it cannot
// be written. Return false, writing nothing, when `cancel` became true while drawing.
bool render_png(const MapDocument& doc, const Viewport& view, const std::filesystem::path& out,
                const std::atomic<bool>& cancel);
// Vector PDF; the page is the frame's size in points.
bool render_pdf(const MapDocument& doc, const Viewport& view, const std::filesystem::path& out,
                const std::atomic<bool>& cancel);
// The same, never cancelled.
void render_png(const MapDocument& doc, const Viewport& view, const std::filesystem::path& out);
void render_pdf(const MapDocument& doc, const Viewport& view, const std::filesystem::path& out);

// Draws the visible entries bottom first, each with its opacity and style, into `cr`,
// whose user space is the frame's pixels. What all outputs use; reports draw with it too.
void draw_document(cairo_t* cr, const MapDocument& doc, const Viewport& view, const std::atomic<bool>& cancel);

// What lies under pixel (px, py): hits of the top visible layer first, nearest first within
// a layer.
std::vector<IdentifyHit> identify(const MapDocument& doc, const Viewport& view, double px, double py,
                                  double tolerance_px = 6);

// The decorations the frame outputs draw over the document; the GUI canvas draws them too.
void draw_scale_bar(cairo_t* cr, const Viewport& view);
// "Map data: IPIS, Natural Earth" for the visible layers that carry a credit; empty: none.
std::string credit_line(const MapDocument& doc);
void draw_credit(cairo_t* cr, const Viewport& view, const std::string& credit);

// Helpers shared by layers: colours are 0xRRGGBBAA.
void set_source_rgba(cairo_t* cr, std::uint32_t rgba);
// Adds the outline of a point symbol of `size` pixels centred on (x, y) to the path.
void symbol_path(cairo_t* cr, PointSymbol symbol, double x, double y, double size);
// A laid-out text with a white halo, top-left at (x, y): for layers that draw many labels
// with one layout.
void draw_halo_layout(cairo_t* cr, PangoLayout* layout, double x, double y, std::uint32_t colour = 0x202020ff,
                      double halo_px = 3);
// A text with a white halo, top-left at (x, y), in the renderer's sans-serif at `size_px`.
void draw_halo_text(cairo_t* cr, const std::string& text, double x, double y, double size_px = 11,
                    std::uint32_t colour = 0x202020ff);

} // namespace mwangaza::geo
