#pragma once
// SHA-256 lives in core (the store fingerprints evidence files with it too); the import
// code keeps its names.
#include "core/Sha256.hpp"

namespace mwangaza::app {

using core::file_sha256_hex;
using core::Sha256;
using core::sha256_hex;

} // namespace mwangaza::app
