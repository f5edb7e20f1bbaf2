#include "report/Writers.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace mwangaza::report {

namespace {

using core::format;

// A4 in points, and the text frame.
constexpr double k_page_w = 595.276, k_page_h = 841.890;
constexpr double k_margin_x = 54, k_top = 54, k_bottom = 780;
constexpr double k_width = k_page_w - 2 * k_margin_x;

// One font stack for the whole document: Pango takes the first family installed.
constexpr const char* k_family = "Noto Sans, Source Sans 3, Liberation Sans, DejaVu Sans, sans-serif";

constexpr Colour k_ink{0.13, 0.15, 0.17};
constexpr Colour k_grey{0.40, 0.43, 0.46};
constexpr Colour k_accent{0.09, 0.29, 0.30};
constexpr Colour k_accent_light{0.89, 0.93, 0.93};
constexpr Colour k_zebra{0.965, 0.972, 0.972};
constexpr Colour k_alert{0.65, 0.11, 0.11};
constexpr Colour k_rule{0.78, 0.82, 0.83};

struct LayoutDeleter {
    void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

struct Font {
    double size = 9.5;
    bool bold = false;
    bool italic = false;
};

void set_colour(cairo_t* cr, const Colour& c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

class PdfPainter {
public:
    PdfPainter(cairo_surface_t* surface, const Document& doc, int total_pages)
        : m_doc(doc), m_total(total_pages), m_cr(cairo_create(surface)), m_ctx(pango_cairo_create_context(m_cr))
    {
        pango_cairo_context_set_resolution(m_ctx, 72); // font sizes in points, as the page
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(m_ctx, options);
        cairo_font_options_destroy(options);
    }
    ~PdfPainter()
    {
        g_object_unref(m_ctx);
        cairo_destroy(m_cr);
    }
    PdfPainter(const PdfPainter&) = delete;
    PdfPainter& operator=(const PdfPainter&) = delete;

    int paint()
    {
        begin_page();
        title_block();
        for (const auto& block : m_doc.blocks)
            std::visit([this](const auto& b) { draw(b); }, block);
        if (!m_doc.credit.empty()) {
            m_y += 10;
            auto l = layout(m_doc.credit, {7.5, false, true}, k_width);
            ensure(height(l.get()));
            show(l.get(), k_margin_x, m_y, k_grey);
            m_y += height(l.get());
        }
        end_page();
        if (cairo_status(m_cr) != CAIRO_STATUS_SUCCESS)
            throw Error(cairo_status_to_string(cairo_status(m_cr)));
        return m_page;
    }

private:
    Layout layout(const std::string& text, Font font, double width,
                  PangoAlignment align = PANGO_ALIGN_LEFT) const
    {
        Layout l(pango_layout_new(m_ctx));
        PangoFontDescription* desc = pango_font_description_from_string(k_family);
        pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
        pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_style(desc, font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
        pango_layout_set_font_description(l.get(), desc);
        pango_font_description_free(desc);
        if (width > 0) {
            pango_layout_set_width(l.get(), int(width * PANGO_SCALE));
            pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
        }
        pango_layout_set_alignment(l.get(), align);
        pango_layout_set_text(l.get(), text.c_str(), int(text.size()));
        return l;
    }

    static double height(PangoLayout* l)
    {
        int w = 0, h = 0;
        pango_layout_get_size(l, &w, &h);
        return double(h) / PANGO_SCALE;
    }
    static double width(PangoLayout* l)
    {
        int w = 0, h = 0;
        pango_layout_get_size(l, &w, &h);
        return double(w) / PANGO_SCALE;
    }

    void show(PangoLayout* l, double x, double y, const Colour& c)
    {
        set_colour(m_cr, c);
        cairo_move_to(m_cr, x, y);
        pango_cairo_show_layout(m_cr, l);
    }

    void rect(double x, double y, double w, double h, const Colour& c)
    {
        set_colour(m_cr, c);
        cairo_rectangle(m_cr, x, y, w, h);
        cairo_fill(m_cr);
    }

    void hline(double x0, double x1, double y, const Colour& c, double line = 0.6)
    {
        set_colour(m_cr, c);
        cairo_set_line_width(m_cr, line);
        cairo_move_to(m_cr, x0, y);
        cairo_line_to(m_cr, x1, y);
        cairo_stroke(m_cr);
    }

    void begin_page()
    {
        ++m_page;
        m_y = k_top;
        if (m_page > 1) {
            // A running head: the document and its subject.
            auto l = layout(m_doc.title + " \u00B7 " + m_doc.subtitle, {7.5, false, false}, k_width);
            show(l.get(), k_margin_x, 30, k_grey);
            hline(k_margin_x, k_margin_x + k_width, 44, k_rule);
        }
    }

    void end_page()
    {
        hline(k_margin_x, k_margin_x + k_width, k_bottom + 14, k_rule);
        auto left = layout(m_doc.footer, {7.5, false, false}, k_width * 0.75);
        show(left.get(), k_margin_x, k_bottom + 20, k_grey);
        auto right = layout(format(m_doc.page_format, {std::to_string(m_page), std::to_string(std::max(m_total, m_page))}),
                            {7.5, true, false}, k_width * 0.25, PANGO_ALIGN_RIGHT);
        show(right.get(), k_margin_x + k_width * 0.75, k_bottom + 20, k_grey);
        cairo_show_page(m_cr);
    }

    // Starts a new page unless `h` points fit under the cursor.
    bool ensure(double h)
    {
        if (m_y + h <= k_bottom)
            return false;
        end_page();
        begin_page();
        return true;
    }

    void title_block()
    {
        const double band_h = 118;
        rect(0, 0, k_page_w, band_h, k_accent);
        auto kicker = layout(m_doc.kicker, {8.5, true, false}, k_width);
        show(kicker.get(), k_margin_x, 30, {0.70, 0.85, 0.84});
        auto title = layout(m_doc.title, {24, true, false}, k_width);
        show(title.get(), k_margin_x, 44, {1, 1, 1});
        auto subtitle = layout(m_doc.subtitle, {11.5, false, false}, k_width);
        show(subtitle.get(), k_margin_x, 44 + height(title.get()) + 2, {0.92, 0.96, 0.96});
        m_y = band_h + 18;

        // The facts in two columns of label / value pairs.
        const double col_w = k_width / 2;
        double row_y = m_y;
        for (std::size_t i = 0; i < m_doc.facts.size(); i += 2) {
            double row_h = 0;
            for (std::size_t j = i; j < std::min(i + 2, m_doc.facts.size()); ++j) {
                const double x = k_margin_x + double(j - i) * col_w;
                auto label = layout(m_doc.facts[j].first, {7.5, true, false}, col_w - 12);
                auto value = layout(m_doc.facts[j].second, {10, false, false}, col_w - 12);
                show(label.get(), x, row_y, k_grey);
                show(value.get(), x, row_y + height(label.get()), k_ink);
                row_h = std::max(row_h, height(label.get()) + height(value.get()));
            }
            row_y += row_h + 6;
        }
        m_y = row_y + 4;
        hline(k_margin_x, k_margin_x + k_width, m_y, k_rule);
        m_y += 12;
    }

    void draw(const Heading& h)
    {
        auto l = layout(h.text, {13, true, false}, k_width);
        const double hh = height(l.get());
        if (m_y > k_top + 1)
            m_y += 10;
        ensure(hh + 70); // keep a heading with what follows
        show(l.get(), k_margin_x, m_y, k_accent);
        m_y += hh + 2;
        hline(k_margin_x, k_margin_x + k_width, m_y, k_accent, 1.0);
        m_y += 7;
    }

    void draw(const Paragraph& p)
    {
        auto l = layout(p.text, p.note ? Font{8, false, true} : Font{9.5, false, false}, k_width);
        const double h = height(l.get());
        ensure(h);
        show(l.get(), k_margin_x, m_y, p.note ? k_grey : k_ink);
        m_y += h + 6;
    }

    void draw(const KeyFigures& k)
    {
        if (k.figures.empty())
            return;
        const double gap = 8;
        const double n = double(k.figures.size());
        const double w = (k_width - gap * (n - 1)) / n;
        std::vector<Layout> values, labels, details;
        double box_h = 0;
        for (const auto& f : k.figures) {
            values.push_back(layout(f.value, {19, true, false}, w - 14));
            labels.push_back(layout(f.label, {8, true, false}, w - 14));
            details.push_back(layout(f.detail, {7, false, false}, w - 14));
            box_h = std::max(box_h, height(values.back().get()) + height(labels.back().get()) +
                                        (f.detail.empty() ? 0 : height(details.back().get())) + 16);
        }
        ensure(box_h);
        for (std::size_t i = 0; i < k.figures.size(); ++i) {
            const double x = k_margin_x + double(i) * (w + gap);
            rect(x, m_y, w, box_h, k_accent_light);
            rect(x, m_y, 3, box_h, k.figures[i].alert ? k_alert : k_accent);
            double y = m_y + 6;
            show(values[i].get(), x + 9, y, k.figures[i].alert ? k_alert : k_accent);
            y += height(values[i].get());
            show(labels[i].get(), x + 9, y, k_ink);
            y += height(labels[i].get());
            if (!k.figures[i].detail.empty())
                show(details[i].get(), x + 9, y, k_grey);
        }
        m_y += box_h + 8;
    }

    void draw(const Table& t)
    {
        if (t.rows.empty()) {
            draw(Paragraph{t.empty_text, true});
            return;
        }
        const double total_weight = t.total_weight();
        std::vector<double> xs, ws;
        double x = k_margin_x;
        for (const auto& c : t.columns) {
            xs.push_back(x);
            ws.push_back(k_width * c.weight / total_weight);
            x += ws.back();
        }
        constexpr double pad_x = 4, pad_y = 3.2;
        auto align_of = [](Column::Align a) {
            return a == Column::Align::Right ? PANGO_ALIGN_RIGHT
                   : a == Column::Align::Center ? PANGO_ALIGN_CENTER
                                                : PANGO_ALIGN_LEFT;
        };
        auto cells = [&](const std::vector<std::string>& texts, Font font) {
            std::vector<Layout> out;
            double h = 0;
            for (std::size_t c = 0; c < t.columns.size(); ++c) {
                out.push_back(layout(c < texts.size() ? texts[c] : std::string(), font, ws[c] - 2 * pad_x,
                                     align_of(t.columns[c].align)));
                h = std::max(h, height(out.back().get()));
            }
            return std::pair(std::move(out), h + 2 * pad_y);
        };
        std::vector<std::string> header_texts;
        for (const auto& c : t.columns)
            header_texts.push_back(c.header);
        auto header = cells(header_texts, {8, true, false});
        auto draw_header = [&]() {
            rect(k_margin_x, m_y, k_width, header.second, k_accent);
            for (std::size_t c = 0; c < header.first.size(); ++c)
                show(header.first[c].get(), xs[c] + pad_x, m_y + pad_y, {1, 1, 1});
            m_y += header.second;
        };
        // The header and at least the first row stay together.
        auto first = cells(t.rows.front().cells, {8.5, t.rows.front().subtotal, false});
        ensure(header.second + first.second);
        draw_header();
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            const Row& row = t.rows[r];
            auto body = r == 0 ? std::move(first) : cells(row.cells, {8.5, row.subtotal, false});
            if (ensure(body.second))
                draw_header();
            if (r % 2 == 1 && !row.subtotal)
                rect(k_margin_x, m_y, k_width, body.second, k_zebra);
            if (row.subtotal)
                hline(k_margin_x, k_margin_x + k_width, m_y, k_ink, 0.8);
            for (std::size_t c = 0; c < body.first.size(); ++c)
                show(body.first[c].get(), xs[c] + pad_x, m_y + pad_y, row.alert ? k_alert : k_ink);
            m_y += body.second;
        }
        hline(k_margin_x, k_margin_x + k_width, m_y, k_rule);
        m_y += 4;
        if (!t.caption.empty()) {
            auto l = layout(t.caption, {7.5, false, true}, k_width);
            ensure(height(l.get()));
            show(l.get(), k_margin_x, m_y, k_grey);
            m_y += height(l.get());
        }
        m_y += 8;
    }

    void draw(const BarChart& chart)
    {
        const double max_total = chart.max_total();
        if (max_total <= 0) {
            draw(Paragraph{chart.empty_text, true});
            return;
        }
        const double chart_h = 170;
        ensure(chart_h + 10);
        auto title = layout(chart.title, {9.5, true, false}, k_width);
        show(title.get(), k_margin_x, m_y, k_ink);
        const double top = m_y + height(title.get()) + 8;

        // Gridlines on a "nice" step.
        double step = 1;
        for (double s : {1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0, 1000.0})
            if (max_total / s <= 5) {
                step = s;
                break;
            }
        const double axis_max = std::ceil(max_total / step) * step;
        const double legend_w = 150;
        const double plot_x = k_margin_x + 26, plot_w = k_width - 26 - legend_w - 12;
        const double plot_h = chart_h - 56;
        const double base = top + plot_h;
        for (double v = 0; v <= axis_max + 0.5; v += step) {
            const double y = base - plot_h * v / axis_max;
            hline(plot_x, plot_x + plot_w, y, v == 0 ? k_grey : k_rule, v == 0 ? 0.8 : 0.4);
            auto l = layout(std::to_string(int(v)), {7, false, false}, 22, PANGO_ALIGN_RIGHT);
            show(l.get(), plot_x - 26, y - height(l.get()) / 2, k_grey);
        }
        const double n = double(chart.values.size());
        const double slot = plot_w / n;
        const double bar_w = slot * 0.58;
        for (std::size_t i = 0; i < chart.values.size(); ++i) {
            const double x = plot_x + slot * double(i) + (slot - bar_w) / 2;
            double y = base, total = 0;
            for (std::size_t s = 0; s < chart.values[i].size(); ++s) {
                const double h = plot_h * chart.values[i][s] / axis_max;
                if (h > 0)
                    rect(x, y - h, bar_w, h, chart.colours[s]);
                y -= h;
                total += chart.values[i][s];
            }
            if (total > 0) {
                auto l = layout(std::to_string(int(total)), {7.5, true, false}, slot, PANGO_ALIGN_CENTER);
                show(l.get(), plot_x + slot * double(i), y - height(l.get()) - 1, k_ink);
            }
            if (i < chart.x_labels.size()) {
                auto l = layout(chart.x_labels[i], {7.5, false, false}, slot, PANGO_ALIGN_CENTER);
                show(l.get(), plot_x + slot * double(i), base + 4, k_grey);
            }
        }
        // Legend, right of the plot.
        double ly = top;
        const double lx = plot_x + plot_w + 14;
        for (std::size_t s = chart.series.size(); s-- > 0;) {
            rect(lx, ly + 2, 8, 8, chart.colours[s]);
            auto l = layout(chart.series[s], {7.5, false, false}, legend_w - 14);
            show(l.get(), lx + 12, ly, k_ink);
            ly += std::max(12.0, height(l.get()) + 2);
        }
        m_y = std::max(base + 22, ly) + 6;
    }

    const Document& m_doc;
    int m_total;
    cairo_t* m_cr;
    PangoContext* m_ctx;
    int m_page = 0;
    double m_y = 0;
};

} // namespace

int write_pdf(const Document& doc, const std::filesystem::path& file)
{
    // First pass to count the pages ("Page 1 of N"), then the file.
    int pages = 0;
    {
        cairo_surface_t* recording = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr);
        try {
            pages = PdfPainter(recording, doc, 0).paint();
        } catch (...) {
            cairo_surface_destroy(recording);
            throw;
        }
        cairo_surface_destroy(recording);
    }
    cairo_surface_t* surface = cairo_pdf_surface_create(file.string().c_str(), k_page_w, k_page_h);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(surface);
        throw Error(format(core::tr("cannot write %1"), {file.string()}));
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, (doc.title + " \u2013 " + doc.subtitle).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Mwangaza");
    int written = 0;
    try {
        written = PdfPainter(surface, doc, pages).paint();
    } catch (...) {
        cairo_surface_destroy(surface);
        throw;
    }
    cairo_surface_finish(surface);
    const auto status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS)
        throw Error(format(core::tr("cannot write %1: %2"), {file.string(), cairo_status_to_string(status)}));
    return written;
}

} // namespace mwangaza::report
