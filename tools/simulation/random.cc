#include "tools/simulation/random.h"

#include <algorithm>
#include <limits>

namespace vigil::simulation {
namespace {

std::uint64_t SplitMix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

constexpr std::int64_t kQ32 = std::int64_t{1} << 32;

// GCC's and Clang's 128-bit integer: exact products of Q32 operands.
__extension__ typedef __int128 Int128;

// (a * b) >> 32 for Q32 operands, floor rounding.
std::int64_t MulQ32(std::int64_t a, std::int64_t b) {
  return static_cast<std::int64_t>((static_cast<Int128>(a) * b) >> 32);
}

constexpr std::int64_t kPow10[] = {1, 10, 100, 1000, 10000};

}  // namespace

std::uint64_t Random::StreamSeed(std::uint64_t seed, std::uint64_t stream, std::uint64_t substream) {
  return SplitMix64(SplitMix64(SplitMix64(seed) ^ stream) ^ (substream * 0xD1B54A32D192ED03ULL));
}

int Random::Between(int lo, int hi) {
  if (hi <= lo) return lo;
  const std::uint64_t range = static_cast<std::uint64_t>(static_cast<std::int64_t>(hi) - lo) + 1;
  // The largest multiple of `range` that fits; draws above it are redrawn.
  constexpr std::uint64_t kMax = std::numeric_limits<std::uint64_t>::max();
  const std::uint64_t limit = kMax - kMax % range;
  std::uint64_t x = engine_();
  while (x >= limit) x = engine_();
  return static_cast<int>(lo + static_cast<std::int64_t>(x % range));
}

int Random::Peaked(int lo, int hi) {
  if (hi <= lo) return lo;
  const int a = Between(lo, hi);
  const int b = Between(lo, hi);
  return (a + b + 1) / 2;
}

bool Random::Chance(int permille) {
  if (permille <= 0) return false;
  if (permille >= 1000) return true;
  return Between(0, 999) < permille;
}

bool Random::ChanceMillionth(int per_million) {
  if (per_million <= 0) return false;
  if (per_million >= 1000000) return true;
  return Between(0, 999999) < per_million;
}

std::int64_t Random::NormalQ32() {
  // Twelve uniforms on [0, 1) of 32 bits each: the sum has mean 6 and
  // variance 1.
  std::int64_t sum = 0;
  for (int i = 0; i < 12; ++i) sum += static_cast<std::int64_t>(engine_() >> 32);
  return sum - 6 * kQ32;
}

Scaled Normal(Random& rng, Scaled mean, Scaled sd) { return mean + MulQ32(sd, rng.NormalQ32()); }

Scaled Skewed(Random& rng, Scaled median, int sigma_permille) {
  const std::int64_t x = MulQ32(rng.NormalQ32(), sigma_permille * kQ32 / 1000);  // sigma * z, Q32
  // 1 + x + x^2/2 + x^3/6 + x^4/24: no real root, so always positive.
  const std::int64_t x2 = MulQ32(x, x);
  const std::int64_t x3 = MulQ32(x2, x);
  const std::int64_t x4 = MulQ32(x3, x);
  const std::int64_t e = kQ32 + x + x2 / 2 + x3 / 6 + x4 / 24;
  return std::max<Scaled>(1, MulQ32(median, e));
}

Scaled UniformScaled(Random& rng, Scaled lo, Scaled hi) {
  if (hi <= lo) return lo;
  const std::int64_t span = hi - lo;
  // Resolution of 1/1000 of the span is plenty and keeps Between in int.
  return lo + span * rng.Between(0, 1000) / 1000;
}

Scaled RoundScaled(Scaled v, int decimals) {
  decimals = std::clamp(decimals, 0, 4);
  const std::int64_t step = kPow10[4 - decimals];
  const std::int64_t a = v < 0 ? -v : v;
  const std::int64_t r = (a + step / 2) / step * step;
  return v < 0 ? -r : r;
}

std::string FormatScaled(Scaled v, int decimals) {
  decimals = std::clamp(decimals, 0, 4);
  const Scaled r = RoundScaled(v, decimals);
  const std::int64_t a = r < 0 ? -r : r;
  std::string out = r < 0 ? "-" : "";
  out += std::to_string(a / kScale);
  if (decimals > 0) {
    std::string frac = std::to_string(a % kScale + kScale).substr(1, static_cast<std::size_t>(decimals));
    out += '.';
    out += frac;
  }
  return out;
}

}  // namespace vigil::simulation
