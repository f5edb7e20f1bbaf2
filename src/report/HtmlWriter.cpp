#include "report/Writers.hpp"

#include "core/Error.hpp"
#include "core/I18n.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace mwangaza::report {

namespace {

using core::format;

std::string escape(const std::string& text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\n': out += "<br>"; break;
        default: out += c;
        }
    }
    return out;
}

std::string css_colour(const Colour& c)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", int(std::lround(c.r * 255)), int(std::lround(c.g * 255)),
                  int(std::lround(c.b * 255)));
    return buf;
}

std::string number(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

constexpr const char* k_style = R"(
@page { size: A4; margin: 18mm 19mm 20mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans", "Source Sans 3", "Liberation Sans", "DejaVu Sans", sans-serif; color: #212629;
       font-size: 10pt; line-height: 1.35; margin: 0 auto; max-width: 200mm; padding: 0 0 2em; }
header.band { background: #174a4d; color: #fff; padding: 1.4em 1.6em 1.2em; }
header.band .kicker { color: #b3d9d6; font-weight: bold; font-size: 8.5pt; letter-spacing: .04em; }
header.band h1 { margin: .1em 0 0; font-size: 24pt; }
header.band .subtitle { font-size: 11.5pt; color: #ebf5f5; }
dl.facts { display: grid; grid-template-columns: 1fr 1fr; gap: .5em 2em; margin: 1.2em 0; padding-bottom: 1em;
           border-bottom: 1px solid #c7d1d4; }
dl.facts div dt { font-size: 7.5pt; font-weight: bold; color: #666e75; text-transform: none; }
dl.facts div dd { margin: 0; }
h2 { color: #174a4d; font-size: 13pt; border-bottom: 1.5px solid #174a4d; padding-bottom: 2px; margin: 1.4em 0 .5em;
     break-after: avoid; }
.figures { display: flex; gap: 8px; margin: 1em 0; }
.figure { flex: 1; background: #e3eded; border-left: 3px solid #174a4d; padding: 6px 9px; }
.figure.alert { border-left-color: #a61c1c; }
.figure .value { font-size: 19pt; font-weight: bold; color: #174a4d; }
.figure.alert .value { color: #a61c1c; }
.figure .label { font-weight: bold; font-size: 8pt; }
.figure .detail { font-size: 7pt; color: #666e75; }
table { width: 100%; border-collapse: collapse; font-size: 8.5pt; margin: .3em 0 .2em; }
thead { display: table-header-group; }
th { background: #174a4d; color: #fff; text-align: left; padding: 3px 4px; font-size: 8pt; }
td { padding: 3px 4px; vertical-align: top; }
tr { break-inside: avoid; }
tbody tr:nth-child(even) { background: #f6f8f8; }
tr.alert td { color: #a61c1c; }
tr.subtotal td { font-weight: bold; border-top: 1px solid #212629; }
.right { text-align: right; } .center { text-align: center; }
p.note, .caption { color: #666e75; font-style: italic; font-size: 8pt; }
.chart { display: flex; gap: 1em; align-items: flex-start; }
.legend { list-style: none; padding: 0; font-size: 7.5pt; }
.legend span { display: inline-block; width: 8px; height: 8px; margin-right: 4px; }
footer { margin-top: 2em; border-top: 1px solid #c7d1d4; color: #666e75; font-size: 7.5pt; padding-top: .5em; }
)";

class HtmlBuilder {
public:
    explicit HtmlBuilder(const Document& doc) : m_doc(doc) {}

    std::string build()
    {
        m_out << "<!DOCTYPE html>\n<html lang=\"" << escape(m_doc.language) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
              << "<title>" << escape(m_doc.title + " \u2013 " + m_doc.subtitle) << "</title>\n<style>" << k_style
              << "</style>\n</head>\n<body>\n<header class=\"band\"><div class=\"kicker\">" << escape(m_doc.kicker)
              << "</div><h1>" << escape(m_doc.title) << "</h1><div class=\"subtitle\">" << escape(m_doc.subtitle)
              << "</div></header>\n<dl class=\"facts\">\n";
        for (const auto& [label, value] : m_doc.facts)
            m_out << "<div><dt>" << escape(label) << "</dt><dd>" << escape(value) << "</dd></div>\n";
        m_out << "</dl>\n";
        for (const auto& block : m_doc.blocks)
            std::visit([this](const auto& b) { write(b); }, block);
        m_out << "<footer><p>" << escape(m_doc.credit) << "</p><p>" << escape(m_doc.footer) << "</p></footer>\n"
              << "</body>\n</html>\n";
        return m_out.str();
    }

private:
    void write(const Heading& h) { m_out << "<h2>" << escape(h.text) << "</h2>\n"; }

    void write(const Paragraph& p)
    {
        m_out << (p.note ? "<p class=\"note\">" : "<p>") << escape(p.text) << "</p>\n";
    }

    void write(const KeyFigures& k)
    {
        m_out << "<div class=\"figures\">\n";
        for (const auto& f : k.figures)
            m_out << "<div class=\"figure" << (f.alert ? " alert" : "") << "\"><div class=\"value\">" << escape(f.value)
                  << "</div><div class=\"label\">" << escape(f.label) << "</div><div class=\"detail\">"
                  << escape(f.detail) << "</div></div>\n";
        m_out << "</div>\n";
    }

    static const char* align_class(Column::Align a)
    {
        return a == Column::Align::Right ? " class=\"right\"" : a == Column::Align::Center ? " class=\"center\"" : "";
    }

    void write(const Table& t)
    {
        if (t.rows.empty()) {
            write(Paragraph{t.empty_text, true});
            return;
        }
        const double total = t.total_weight();
        m_out << "<table>\n<colgroup>";
        for (const auto& c : t.columns)
            m_out << "<col style=\"width:" << number(100 * c.weight / total) << "%\">";
        m_out << "</colgroup>\n<thead><tr>";
        for (const auto& c : t.columns)
            m_out << "<th" << align_class(c.align) << ">" << escape(c.header) << "</th>";
        m_out << "</tr></thead>\n<tbody>\n";
        for (const auto& r : t.rows) {
            m_out << "<tr" << (r.alert ? " class=\"alert\"" : r.subtotal ? " class=\"subtotal\"" : "") << ">";
            for (std::size_t c = 0; c < t.columns.size(); ++c)
                m_out << "<td" << align_class(t.columns[c].align) << ">"
                      << escape(c < r.cells.size() ? r.cells[c] : std::string()) << "</td>";
            m_out << "</tr>\n";
        }
        m_out << "</tbody>\n</table>\n";
        if (!t.caption.empty())
            m_out << "<div class=\"caption\">" << escape(t.caption) << "</div>\n";
    }

    void write(const BarChart& chart)
    {
        const double max_total = chart.max_total();
        if (max_total <= 0) {
            write(Paragraph{chart.empty_text, true});
            return;
        }
        const double w = 420, h = 200, left = 30, plot_h = 160, base = 170;
        const double slot = (w - left) / double(chart.values.size());
        m_out << "<p><strong>" << escape(chart.title) << "</strong></p>\n<div class=\"chart\">\n<svg width=\"" << w
              << "\" height=\"" << h << "\" viewBox=\"0 0 " << w << " " << h << "\" role=\"img\" aria-label=\""
              << escape(chart.title) << "\" font-family=\"Noto Sans, DejaVu Sans, sans-serif\" font-size=\"9\">\n";
        double step = 1;
        for (double s : {1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 500.0, 1000.0})
            if (max_total / s <= 5) {
                step = s;
                break;
            }
        const double axis_max = std::ceil(max_total / step) * step;
        for (double v = 0; v <= axis_max + 0.5; v += step) {
            const double y = base - plot_h * v / axis_max;
            m_out << "<line x1=\"" << left << "\" x2=\"" << w << "\" y1=\"" << number(y) << "\" y2=\"" << number(y)
                  << "\" stroke=\"" << (v == 0 ? "#666e75" : "#c7d1d4") << "\" stroke-width=\"0.6\"/>"
                  << "<text x=\"" << left - 4 << "\" y=\"" << number(y + 3) << "\" text-anchor=\"end\" fill=\"#666e75\">"
                  << int(v) << "</text>\n";
        }
        for (std::size_t i = 0; i < chart.values.size(); ++i) {
            const double x = left + slot * double(i) + slot * 0.21;
            double y = base, sum = 0;
            for (std::size_t s = 0; s < chart.values[i].size(); ++s) {
                const double bh = plot_h * chart.values[i][s] / axis_max;
                if (bh > 0)
                    m_out << "<rect x=\"" << number(x) << "\" y=\"" << number(y - bh) << "\" width=\""
                          << number(slot * 0.58) << "\" height=\"" << number(bh) << "\" fill=\""
                          << css_colour(chart.colours[s]) << "\"><title>" << escape(chart.series[s]) << ": "
                          << chart.values[i][s] << "</title></rect>\n";
                y -= bh;
                sum += chart.values[i][s];
            }
            const double cx = left + slot * (double(i) + 0.5);
            if (sum > 0)
                m_out << "<text x=\"" << number(cx) << "\" y=\"" << number(y - 3)
                      << "\" text-anchor=\"middle\" font-weight=\"bold\">" << int(sum) << "</text>";
            if (i < chart.x_labels.size())
                m_out << "<text x=\"" << number(cx) << "\" y=\"" << base + 13 << "\" text-anchor=\"middle\" fill=\"#666e75\">"
                      << escape(chart.x_labels[i]) << "</text>\n";
        }
        m_out << "</svg>\n<ul class=\"legend\">\n";
        for (std::size_t s = chart.series.size(); s-- > 0;)
            m_out << "<li><span style=\"background:" << css_colour(chart.colours[s]) << "\"></span>"
                  << escape(chart.series[s]) << "</li>\n";
        m_out << "</ul>\n</div>\n";
    }

    const Document& m_doc;
    std::ostringstream m_out;
};

} // namespace

std::string html_text(const Document& doc)
{
    return HtmlBuilder(doc).build();
}

void write_html(const Document& doc, const std::filesystem::path& file)
{
    std::ofstream out(file, std::ios::binary);
    out << html_text(doc);
    out.close();
    if (!out)
        throw Error(format(core::tr("cannot write %1"), {file.string()}));
}

} // namespace mwangaza::report
