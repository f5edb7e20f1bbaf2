#pragma once
// A report as writers see it: a title block, then headings, paragraphs, key figures,
// tables and bar charts, every text already in the report's language. The HTML and PDF
// writers lay it out; the models (WorkshopPack ...) fill it from store queries.
#include <algorithm>
#include <string>
#include <variant>
#include <vector>

namespace mwangaza::report {

struct Colour {
    double r = 0, g = 0, b = 0; // 0..1
};

struct Heading {
    std::string text;
};

struct Paragraph {
    std::string text;
    bool note = false; // smaller, grey
};

struct KeyFigure {
    std::string value; // "81 %"
    std::string label; // "implementation rate"
    std::string detail; // "17 of 21 issued actions"
    bool alert = false;
};

struct KeyFigures {
    std::vector<KeyFigure> figures;
};

struct Column {
    enum class Align { Left, Right, Center };
    std::string header;
    Align align = Align::Left;
    double weight = 1; // share of the width
};

struct Row {
    std::vector<std::string> cells;
    bool alert = false;    // drawn in the alert colour (overdue, red flag)
    bool subtotal = false; // bold, a rule above
};

struct Table {
    std::vector<Column> columns;
    std::vector<Row> rows;
    std::string empty_text; // shown instead of the table when there is no row
    std::string caption;    // under the table, small

    // The sum of the column weights: each column's share of the width is weight / this.
    double total_weight() const
    {
        double total = 0;
        for (const auto& c : columns)
            total += c.weight;
        return total;
    }
};

struct BarChart {
    std::string title;
    std::vector<std::string> series; // stacked, bottom first
    std::vector<Colour> colours;     // one per series
    std::vector<std::string> x_labels;
    std::vector<std::vector<double>> values; // [x][series]
    std::string empty_text;

    // The highest stacked bar (0 when there is nothing to draw).
    double max_total() const
    {
        double highest = 0;
        for (const auto& bar : values) {
            double total = 0;
            for (double v : bar)
                total += v;
            highest = std::max(highest, total);
        }
        return highest;
    }
};

using Block = std::variant<Heading, Paragraph, KeyFigures, Table, BarChart>;

struct Document {
    std::string language; // "en", "fr": HTML lang, number formats
    std::string kicker;   // above the title: the programme
    std::string title;
    std::string subtitle;
    std::vector<std::pair<std::string, std::string>> facts; // title block: label, value
    std::vector<Block> blocks;
    std::string footer;      // left of every page's footer
    std::string page_format; // "Page %1 of %2" translated
    std::string credit;      // small print at the end
};

} // namespace mwangaza::report
