// Random numbers and measurement arithmetic for the trial simulation, the
// same on every machine.
//
// The engine is std::mt19937_64, whose output sequence for a given seed the
// C++ standard fixes. The standard's distributions (uniform_int_distribution,
// normal_distribution, ...) are not fixed: each library implements them its
// own way, so the same seed gives different trials with libstdc++ and libc++.
// The few transforms the simulation needs are therefore written here on top
// of the engine's raw 64-bit output, and measurement values are computed in
// integer fixed point (no libm call, no floating-point rounding that a fused
// multiply-add could change), so a seed means one trial everywhere.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace vigil::simulation {

class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}

  // A seed for an independent stream `stream` of `seed` (SplitMix64 mixing),
  // so that each subject has streams of its own and adding a draw to one
  // subject changes no other.
  static std::uint64_t StreamSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t substream);

  std::uint64_t Next() { return engine_(); }
  // A uniform integer in [lo, hi] (inclusive), by rejection: no modulo bias.
  int Between(int lo, int hi);
  // A triangular integer on [lo, hi]: the rounded mean of two uniform draws,
  // peaked at the middle of the window.
  int Peaked(int lo, int hi);
  // True with probability `permille` / 1000.
  bool Chance(int permille);
  // True with probability `per_million` / 1000000.
  bool ChanceMillionth(int per_million);
  // Standard normal, approximated by the Irwin-Hall sum of twelve uniforms
  // minus six, in Q32 fixed point (value * 2^32); always within [-6, 6].
  std::int64_t NormalQ32();

 private:
  std::mt19937_64 engine_;
};

// A measurement in fixed point: the value times 10^4 (four decimals, more
// than any lab reports).
using Scaled = std::int64_t;
inline constexpr Scaled kScale = 10000;

// A decimal constant as Scaled, always evaluated by the compiler (consteval),
// so that no run-time floating point enters a value.
consteval Scaled ToScaled(double x) { return static_cast<Scaled>(x * 10000.0 + (x >= 0 ? 0.5 : -0.5)); }

// v * permille / 1000, rounded toward zero.
constexpr Scaled TimesPermille(Scaled v, std::int64_t permille) { return v * permille / 1000; }

// mean + sd * z with z standard normal.
Scaled Normal(Random& rng, Scaled mean, Scaled sd);
// median * e^(sigma * z), z standard normal, sigma = sigma_permille / 1000: a
// right-skewed, always positive value (e^x by its fourth-order Taylor
// polynomial, positive for every x).
Scaled Skewed(Random& rng, Scaled median, int sigma_permille);
// A uniform value in [lo, hi] at 10^-4 resolution.
Scaled UniformScaled(Random& rng, Scaled lo, Scaled hi);

// The value with `decimals` (0-4) decimals, rounded half away from zero.
std::string FormatScaled(Scaled v, int decimals);
// The value rounded to `decimals`, still as Scaled.
Scaled RoundScaled(Scaled v, int decimals);

}  // namespace vigil::simulation
