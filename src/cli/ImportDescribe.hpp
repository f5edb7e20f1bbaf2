#pragma once
// Parts of `mwangaza-cli import` for programs that drive it (the workbench runs the
// intake helper as a child process):
// - `--describe`: what the import would see in a file, without reading it all: its
//   columns, row count, first rows, every recogniser's score and the one chosen, and the
//   binding of incident fields to columns once a mapping profile is applied;
// - `--progress-json`: progress as one JSON object per line on stderr;
// - `--mapping-name NAME`: a mapping profile saved in the database.
// Runs in mwangaza-intake (links GDAL).
#include "app/ImportProfile.hpp"
#include "app/Progress.hpp"
#include "cli/TerminalProgress.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

namespace mwangaza::store {
class Database;
}

namespace mwangaza::cli {

struct DescribeRequest {
    std::filesystem::path file;
    std::string profile = "auto"; // auto, kobo, odk, generic
    std::optional<app::MappingProfile> mapping;
    std::size_t preview_rows = 20;
};

// Prints the description (JSON or text). Returns 0, or 2 when the file cannot be read or
// the profile does not fit it (the JSON then holds "error" and, when the file could be
// read, its description with the recogniser's own binding).
int describe_import(const DescribeRequest& request, bool json, std::ostream& out, std::ostream& err,
                    const std::string& lang);

// The profile saved under `name`; throws InvalidInput when there is none.
app::MappingProfile mapping_profile_from_database(store::Database& db, const std::string& name);

// Progress lines on `err`: {"progress": 0.42, "stage": "Reading the file"}, one per
// change of a whole percent or of stage. Ctrl-C (SIGINT) cancels, as on a terminal.
class JsonLinesProgress : public app::Progress {
public:
    explicit JsonLinesProgress(std::ostream& err) : m_err(err), m_interrupt(false) {}
    void report(double fraction, const std::string& stage) override;
    bool cancelled() const override { return m_interrupt.cancelled(); }

private:
    std::ostream& m_err;
    TerminalProgress m_interrupt; // shows nothing; owns the SIGINT handler
    int m_last = -1;
    std::string m_stage;
};

} // namespace mwangaza::cli
