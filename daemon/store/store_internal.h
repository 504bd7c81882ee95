// Shared by the store's implementation files; not part of its interface.
#pragma once

#include <exception>
#include <string>
#include <string_view>

#include "rules/status.h"

namespace vigil::store {

// Runs `f`, turning any SQLite or standard exception into a Status that says
// what was being done.
template <typename F>
auto Guard(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const std::exception& e) {
    return Status::Io("store: " + std::string(what) + ": " + e.what());
  }
}

}  // namespace vigil::store
