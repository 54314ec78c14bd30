#pragma once
// SHA-256 (FIPS 180-4) of byte strings and files, for the checksums in manifests.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace icsim::io {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t n);
  std::array<std::uint8_t, 32> finish();
  std::string hex();  ///< finish() as 64 lower-case hex digits

 private:
  void block(const std::uint8_t* p);
  std::array<std::uint32_t, 8> h_;
  std::array<std::uint8_t, 64> buf_{};
  std::size_t used_ = 0;
  std::uint64_t bits_ = 0;
};

std::string sha256_hex(std::string_view data);
/// Throws std::runtime_error if the file cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace icsim::io
