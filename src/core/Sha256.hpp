#pragma once
// SHA-256 (FIPS 180-4), for the fingerprints of imported files, of mapped rows and of
// action evidence files. On x86 processors with the SHA extensions the blocks are hashed
// by those instructions (about five times faster: a million-row import hashes its file
// and every row).
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace mwangaza::core {

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view text) { update(text.data(), text.size()); }
    // Lowercase hex of the digest; the object must not be updated afterwards.
    std::string hex();
    // The same, written over `out` (whose memory is reused).
    void hex(std::string& out);

private:
    void block(const unsigned char* p);
    void blocks(const unsigned char* p, std::size_t count); // `count` blocks of 64 bytes
    std::uint32_t m_h[8];
    unsigned char m_buffer[64];
    std::size_t m_used = 0;
    std::uint64_t m_length = 0;
};

std::string sha256_hex(std::string_view text);
// Throws InvalidInput when the file cannot be read.
std::string file_sha256_hex(const std::filesystem::path& file);

} // namespace mwangaza::core
