// Reading the trial configuration: parse (JSON with comments), read into the
// typed structs, validate cross-references. Every error comes back, each with
// its JSON path, so an operator fixes a file in one pass.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "config/json_reader.h"
#include "rules/status.h"

namespace vigil::config {

// Fills `out` and returns every problem found; `out` is usable only when the
// list is empty.
std::vector<ConfigError> ParseConfig(std::string_view text, Config& out);

// Reads and parses a file. On failure the Status message lists every error,
// one per line, prefixed by the file name.
Result<Config> LoadConfigFile(const std::string& path);

// Parses configuration text; `source` names it in error messages.
Result<Config> ParseConfigText(std::string_view text, const std::string& source);

// Reads a configuration file's text.
Result<std::string> ReadConfigText(const std::string& path);

// The bundled example trial (config/example/escc2l.json), built in.
std::string_view ExampleConfigText();
Result<Config> LoadExampleConfig();

}  // namespace vigil::config
