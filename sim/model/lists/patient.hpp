#pragma once
// One waiting patient: 10 bytes. Specialty and provider are implied by the queue holding it.
#include <cstdint>
#include <limits>

namespace icsim::model {

/// Days are stored as 16-bit values: referral days in [kMinDay, kMaxDay] (negative days are
/// clock starts before the simulated period), so runs are limited to kMaxDay days.
inline constexpr std::int32_t kMinDay = -32768;
inline constexpr std::int32_t kMaxDay = 32767;

struct Patient {
  static constexpr std::int32_t kNever = std::numeric_limits<std::int32_t>::max();
  static constexpr std::uint16_t kNoRemoval = 0xffff;

  std::uint16_t referral_code;  ///< clock start day + 32768
  std::uint16_t removal_after;  ///< days from referral to removal other than by treatment
  std::uint16_t home_place;     ///< index of the place the patient lives in
  std::uint16_t ordinal;        ///< k-th referral of (place, specialty, day): stream identity
  std::uint8_t bits;            ///< priority (2 bits) | quintile (3 bits) | transfers (3 bits)
  std::uint8_t declined_week;   ///< weeks after referral of the last declined move + 1 (0: none)

  [[nodiscard]] std::int32_t referral_day() const noexcept {
    return static_cast<std::int32_t>(referral_code) + kMinDay;
  }
  void set_referral_day(std::int32_t day) noexcept {
    referral_code = static_cast<std::uint16_t>(day - kMinDay);
  }
  /// Day the patient leaves the list other than by treatment (kNever if not within 65534 days).
  [[nodiscard]] std::int32_t removal_day() const noexcept {
    return removal_after == kNoRemoval ? kNever : referral_day() + removal_after;
  }
  /// Sets the removal day (>= the referral day, which must be set first).
  void set_removal_day(std::int64_t day) noexcept {
    const std::int64_t off = day - referral_day();
    removal_after = off >= kNoRemoval ? kNoRemoval : static_cast<std::uint16_t>(off);
  }
  [[nodiscard]] int priority() const noexcept { return bits & 0x3; }
  [[nodiscard]] int quintile() const noexcept { return (bits >> 2) & 0x7; }
  [[nodiscard]] int transfers() const noexcept { return bits >> 5; }
  void add_transfer() noexcept {
    if (transfers() < 7) bits = static_cast<std::uint8_t>(bits + (1 << 5));
  }
  static std::uint8_t pack(int priority, int quintile) noexcept {
    return static_cast<std::uint8_t>(priority | (quintile << 2));
  }
  /// A new waiting patient, built in one go (referral_day <= removal_day).
  static Patient make(std::int32_t referral_day, std::int64_t removal_day, std::uint16_t home_place,
                      std::uint16_t ordinal, int priority, int quintile) noexcept {
    const std::int64_t off = removal_day - referral_day;
    return Patient{static_cast<std::uint16_t>(referral_day - kMinDay),
                   off >= kNoRemoval ? kNoRemoval : static_cast<std::uint16_t>(off), home_place,
                   ordinal, pack(priority, quintile), 0};
  }
};
static_assert(sizeof(Patient) == 10, "a waiting patient must stay 10 bytes");

}  // namespace icsim::model
