// A non-owning reference to a callable, for one copy of a loop to serve every caller's callback.
// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace fahras::detail {

template <class Signature>
class function_ref;

/// Calls the callable it was made from, which must outlive it, through one indirect call.
template <class R, class... Args>
class function_ref<R(Args...)> {
 public:
  template <class F, std::enable_if_t<!std::is_same_v<std::decay_t<F>, function_ref> &&
                                          std::is_invocable_r_v<R, F&, Args...>,
                                      int> = 0>
  function_ref(F&& f) noexcept  // implicit: callers pass their lambdas as they are
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* object, Args... args) -> R {
          return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
        }) {}

  R operator()(Args... args) const { return call_(object_, std::forward<Args>(args)...); }

 private:
  void* object_;
  R (*call_)(void*, Args...);
};

/// The per-token callback `f` as the per-token loops (tokenizer::for_each, the analyzer's) take
/// it. Natively `f` itself: each caller gets its own copy of the loop, which runs up to 16% fewer
/// instructions a token than one loop for all (callgrind, bench_analyze). In WebAssembly, where
/// code size counts more, a function_ref: one loop for every caller, about 4.2 KB less gzipped
/// fahras.wasm than a copy per caller's lambda.
template <class Signature, class F>
decltype(auto) per_token_callback(F& f) {
#ifdef __EMSCRIPTEN__
  return function_ref<Signature>(f);
#else
  return (f);
#endif
}

}  // namespace fahras::detail
