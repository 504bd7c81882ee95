// Delivers what the outbox holds for the log channel, oldest first, marking
// each row delivered after the line is written: at least once, after a crash
// too (a row written but not marked is written again).
#pragma once

#include <string>

#include "daemon/store/store.h"

namespace vigil {

Result<int> DrainLogChannel(store::Store& store, const std::string& now);

}  // namespace vigil
