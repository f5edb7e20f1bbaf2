#pragma once
// Writers of a report::Document: a self-contained HTML page (print styles for A4, the
// chart as inline SVG) and an A4 PDF drawn with cairo and Pango (title block, tables
// whose header repeats after a page break, page numbers, the chart as vectors).
#include "report/Document.hpp"

#include <filesystem>
#include <string>

namespace mwangaza::report {

std::string html_text(const Document& doc);

// Both throw mwangaza::Error naming the file when it cannot be written.
void write_html(const Document& doc, const std::filesystem::path& file);
// Returns the number of pages.
int write_pdf(const Document& doc, const std::filesystem::path& file);

} // namespace mwangaza::report
