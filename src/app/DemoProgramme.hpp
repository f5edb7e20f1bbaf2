#pragma once
// The demo programme: a deterministic generator (fixed seed) writing a complete
// programme of raw records that reproduces every figure of domain.md "Demo programme".
#include "app/Progress.hpp"

#include <cstdint>
#include <filesystem>

namespace mwangaza::app {

struct DemoOptions {
    int scale = 1;      // multiplies sites and incidents (500 gives about a million incidents)
    bool force = false; // replace an existing file
};

struct DemoSummary {
    std::int64_t sites = 0;
    std::int64_t incidents = 0; // all statuses
    std::int64_t actions = 0;   // all statuses, drafts included
    std::int64_t workshops = 0;
    std::int64_t stakeholders = 0;
};

// Writes the demo database at `path`. The file is built beside the target and renamed
// into place only when complete: on error or cancel, nothing is left at `path` (an
// existing file is kept unless the new one is complete and `force` is set).
// Throws InvalidInput (bad scale, file exists without force), StorageError, Cancelled.
DemoSummary create_demo(const std::filesystem::path& path, const DemoOptions& options, Progress& progress);

} // namespace mwangaza::app
