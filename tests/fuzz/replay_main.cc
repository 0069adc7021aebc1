// Runs a libFuzzer-style target without libFuzzer: every file in the corpus
// folders given, then a fixed number of seeded mutations of each (byte
// flips, insertions, truncations, splices), so the same inputs run on every
// `make test`. A target signals a broken property by aborting.
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// The input being run, written to stderr (and fuzz-crash.bin) if the
// target aborts, so the failure can be reproduced and added to the corpus.
const std::string* g_current = nullptr;

void OnAbort(int) {
  if (g_current) {
    const char msg[] = "\nproperty broken by this input (also in fuzz-crash.bin):\n";
    (void)!write(2, msg, sizeof msg - 1);
    (void)!write(2, g_current->data(), g_current->size());
    std::FILE* f = std::fopen("fuzz-crash.bin", "wb");
    if (f) {
      std::fwrite(g_current->data(), 1, g_current->size(), f);
      std::fclose(f);
    }
  }
  std::signal(SIGABRT, SIG_DFL);
  std::abort();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> corpus;
  for (int i = 1; i < argc; ++i) {
    for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      corpus.push_back(buffer.str());
    }
  }
  if (corpus.empty()) {
    std::fprintf(stderr, "no corpus files found\n");
    return 1;
  }
  std::signal(SIGABRT, OnAbort);
  auto run = [](const std::string& input) {
    g_current = &input;
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
  };
  std::mt19937 rng(20261123);
  const char interesting[] = {'"',
                              ',',
                              '\n',
                              '\r',
                              '{',
                              '}',
                              '[',
                              ']',
                              ':',
                              '\\',
                              '\'',
                              '=',
                              0,
                              static_cast<char>(0xC3),
                              static_cast<char>(0xFF)};
  size_t runs = 0;
  for (const std::string& seed : corpus) {
    run(seed);
    ++runs;
    for (int m = 0; m < 2000; ++m) {
      std::string input = seed;
      const int edits = 1 + static_cast<int>(rng() % 4);
      for (int e = 0; e < edits; ++e) {
        const size_t pos = input.empty() ? 0 : rng() % (input.size() + 1);
        switch (rng() % 5) {
          case 0:
            if (!input.empty() && pos < input.size()) input[pos] = static_cast<char>(rng());
            break;
          case 1:
            input.insert(pos, 1, interesting[rng() % sizeof interesting]);
            break;
          case 2:
            input.resize(pos);
            break;
          case 3: {
            const std::string& other = corpus[rng() % corpus.size()];
            input.insert(pos, other.substr(0, other.size() / 2));
            break;
          }
          default:
            if (pos < input.size()) input.erase(pos, 1 + rng() % 8);
        }
      }
      run(input);
      ++runs;
    }
  }
  std::printf("%zu inputs, no property broken\n", runs);
  return 0;
}
