// A non-owning reference to a callable: one copy of a loop serves every caller's callback.
// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

namespace fahras::detail {

template <class Signature>
class function_ref;

/// Calls the callable it was made from, which must outlive it, through one indirect call. The
/// per-token loops take their callback as this rather than as a template parameter: each
/// caller's lambda used to get its own copy of the tokenizer (about 0.5-1 KB of wasm each).
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

}  // namespace fahras::detail
