// Portable pseudo-random numbers for the corpus generator: same seed, same bytes, any machine.
// SPDX-License-Identifier: MIT
#pragma once

// Why not <random>: std::*_distribution output is implementation-defined, and std::exp/std::log
// may differ in the last bit between C libraries. Everything here uses integer arithmetic or
// IEEE-754 + - * / (correctly rounded everywhere), std::frexp/std::ldexp (exact) and nothing else.
// The CMake target compiles this with -ffp-contract=off so no fused multiply-add changes a bit.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fahras::bench {

/// splitmix64 (Vigna): used to seed xoshiro and as a stateless 64-bit mixer.
inline std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// A pure function of its argument: the same input always gives the same 64 well-mixed bits.
inline std::uint64_t mix64(std::uint64_t x) {
  std::uint64_t state = x;
  return splitmix64(state);
}

/// xoshiro256** (Blackman & Vigna), seeded through splitmix64.
class rng {
 public:
  explicit rng(std::uint64_t seed) {
    for (auto& word : s_) word = splitmix64(seed);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform integer in [0, n) for n < 2^32 (multiply-shift; bias below 2^-32, irrelevant here).
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }

  /// Uniform integer in [lo, hi].
  std::uint32_t between(std::uint32_t lo, std::uint32_t hi) { return lo + below(hi - lo + 1); }

  /// True with probability per_mille / 1000.
  bool chance(std::uint32_t per_mille) { return below(1000) < per_mille; }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

// --- exp and log from basic operations -------------------------------------------------------

constexpr double ln2_hi = 6.93147180369123816490e-01;  // fdlibm split of ln 2
constexpr double ln2_lo = 1.90821492927058770002e-10;

/// e^x to about 1 ulp; only + - * / and ldexp, so the result is the same on every machine.
inline double det_exp(double x) {
  if (x > 709.0) return HUGE_VAL;
  if (x < -745.0) return 0.0;
  const double kd = std::floor(x * 1.4426950408889634 + 0.5);  // floor is exact
  const int k = static_cast<int>(kd);
  const double r = (x - kd * ln2_hi) - kd * ln2_lo;  // |r| <= 0.35
  double p = 1.0;  // Taylor series to degree 14 in Horner form: error < 1e-18 for |r| <= 0.35
  for (int n = 14; n >= 1; --n) p = 1.0 + p * r / n;
  return std::ldexp(p, k);
}

/// Natural logarithm of x > 0 to about 1 ulp, with the same guarantee as det_exp.
inline double det_log(double x) {
  int e = 0;
  double m = std::frexp(x, &e);  // x = m * 2^e, m in [0.5, 1), exact
  if (m < 0.70710678118654752) {
    m *= 2.0;
    --e;
  }
  const double f = (m - 1.0) / (m + 1.0);  // |f| <= 0.172
  const double f2 = f * f;
  double series = 0.0;  // atanh series: log(m) = 2 (f + f^3/3 + ... + f^23/23)
  for (int n = 23; n >= 3; n -= 2) series = (series + 1.0 / n) * f2;
  const double log_m = 2.0 * f * (1.0 + series);
  return e * ln2_hi + (log_m + e * ln2_lo);
}

inline double det_pow(double x, double y) { return det_exp(y * det_log(x)); }

/// Zipf sampler over ranks lo..hi with P(k) proportional to k^-s (s > 0, s != 1), in constant
/// expected time without any table: rejection-inversion (Hörmann & Derflinger 1996), as in
/// Apache Commons RNG's RejectionInversionZipfSampler, generalized from 1..n to lo..hi (which
/// gives Zipf-Mandelbrot (rank + shift)^-s by sampling shift+1..shift+n). hi can be billions.
class zipf_sampler {
 public:
  zipf_sampler(std::uint64_t lo, std::uint64_t hi, double s)
      : lo_(static_cast<double>(lo)), hi_(static_cast<double>(hi)), s_(s) {
    h_integral_lo_ = h_integral(lo_ + 0.5) - h(lo_);
    h_integral_hi_ = h_integral(hi_ + 0.5);
    squeeze_ = (lo_ + 1.0) - h_integral_inverse(h_integral(lo_ + 1.5) - h(lo_ + 1.0));
  }

  std::uint64_t operator()(rng& random) const {
    for (;;) {
      const double u = h_integral_hi_ + random.uniform() * (h_integral_lo_ - h_integral_hi_);
      const double x = h_integral_inverse(u);
      double k = std::floor(x + 0.5);
      if (k < lo_) k = lo_;
      if (k > hi_) k = hi_;
      // Accept k when u falls in the part of k's interval whose area equals h(k).
      if (k - x <= squeeze_ || u >= h_integral(k + 0.5) - h(k)) {
        return static_cast<std::uint64_t>(k);
      }
    }
  }

  /// Approximately sum of k^-s over lo..hi (the integral the sampler inverts).
  double mass() const { return h_integral_hi_ - h_integral(lo_ - 0.5); }

  double h(double x) const { return det_exp(-s_ * det_log(x)); }

 private:
  // Integral of h: (x^(1-s) - 1) / (1 - s).
  double h_integral(double x) const {
    return (det_exp((1.0 - s_) * det_log(x)) - 1.0) / (1.0 - s_);
  }
  double h_integral_inverse(double y) const {
    const double base = 1.0 + y * (1.0 - s_);
    if (base <= 0.0) return 1e300;  // rounding at the far end: the caller clamps to hi
    return det_exp(det_log(base) / (1.0 - s_));
  }

  double lo_, hi_, s_;
  double h_integral_lo_ = 0, h_integral_hi_ = 0, squeeze_ = 0;
};

/// Word frequencies as measured in large corpora: Zipf with exponent about 1 up to a few
/// thousand ranks, then a steeper tail (Ferrer i Cancho & Solé 2001, "Two regimes in the
/// frequency of words"). A single exponent near 1 over millions of ranks puts far too many
/// tokens in the tail and makes almost every other word new. Ranks count from 1; `shift`
/// flattens the very head (Zipf-Mandelbrot). The density is continuous at the kink.
class two_regime_zipf {
 public:
  two_regime_zipf(std::uint64_t shift, std::uint64_t kink, double head_exponent,
                  std::uint64_t ranks, double tail_exponent)
      : shift_(shift),
        head_(shift + 1, shift + kink, head_exponent),
        tail_(shift + kink + 1, shift + ranks, tail_exponent) {
    const double at_kink = static_cast<double>(shift + kink);
    const double head_density = head_.h(at_kink) / head_.mass();
    const double tail_density = tail_.h(at_kink) / tail_.mass();
    head_probability_ = tail_density / (head_density + tail_density);
  }

  std::uint64_t operator()(rng& random) const {
    const zipf_sampler& part = random.uniform() < head_probability_ ? head_ : tail_;
    return part(random) - shift_;
  }

  double head_probability() const { return head_probability_; }

 private:
  std::uint64_t shift_;
  zipf_sampler head_, tail_;
  double head_probability_ = 1;
};

/// Picks an index with probability proportional to integer weights (exact integer arithmetic).
class weighted_choice {
 public:
  weighted_choice() = default;
  explicit weighted_choice(const std::vector<std::uint32_t>& weights) {
    std::uint32_t total = 0;
    for (const std::uint32_t w : weights) cumulative_.push_back(total += w);
  }

  std::size_t operator()(rng& random) const {
    const std::uint32_t x = random.below(cumulative_.back());
    std::size_t lo = 0, hi = cumulative_.size() - 1;
    while (lo < hi) {  // first index whose cumulative weight exceeds x
      const std::size_t mid = (lo + hi) / 2;
      if (cumulative_[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

 private:
  std::vector<std::uint32_t> cumulative_;
};

}  // namespace fahras::bench
