// jointly: the one executable. Choosing implementations happens in the CLI
// from the --db URL; everything else is in the libraries.
#include <malloc.h>

#include "cli/cli.h"

int main(int argc, char** argv) {
  // Each request frees many small blocks (JSON, rows) and then allocates a
  // 4 KB buffer; with glibc's fast bins on, that allocation consolidates
  // them every time (7% of the CPU in bench/). Small blocks still go
  // through the per-thread cache.
  mallopt(M_MXFAST, 0);
  return jointly::cli::Main(argc, argv);
}
