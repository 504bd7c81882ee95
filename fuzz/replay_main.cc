// fuzz_replay CORPUS_ROOT REGRESSIONS_ROOT: every file of <root>/<target>/
// given once to that target's entry point, without libFuzzer, so that the
// ordinary build runs the seeds and every input that once crashed. A crash
// or sanitizer report fails the process; otherwise it prints the count per
// target and exits 0. A target with no file at all is an error: its corpus
// has gone missing.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#define VIGIL_FUZZ_TARGET(name) extern "C" int VigilFuzz_##name(const std::uint8_t* data, std::size_t size);
#include "fuzz_targets.inc"
#undef VIGIL_FUZZ_TARGET

namespace {

struct Target {
  const char* name;
  int (*run)(const std::uint8_t*, std::size_t);
};

const Target kTargets[] = {
#define VIGIL_FUZZ_TARGET(name) {#name, &VigilFuzz_##name},
#include "fuzz_targets.inc"
#undef VIGIL_FUZZ_TARGET
};

std::vector<std::filesystem::path> FilesUnder(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) out.push_back(entry.path());
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: fuzz_replay ROOT...  (each ROOT holds one folder per target)\n";
    return 2;
  }
  int status = 0;
  for (const Target& target : kTargets) {
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
      for (const auto& path : FilesUnder(std::filesystem::path(argv[i]) / target.name)) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
          std::cerr << "cannot read " << path << "\n";
          status = 1;
          continue;
        }
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        target.run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        ++count;
      }
    }
    std::cout << target.name << ": " << count << " inputs\n";
    if (count == 0) {
      std::cerr << target.name << ": no corpus file found\n";
      status = 1;
    }
  }
  return status;
}
