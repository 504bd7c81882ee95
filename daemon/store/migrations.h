// The schema, as numbered migrations applied in order, each in its own
// transaction. A migration, once released, is never edited: a change to the
// schema is a new migration at the end of the list.
#pragma once

#include <span>
#include <string_view>

namespace vigil::store {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> Migrations();

}  // namespace vigil::store
