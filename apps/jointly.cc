// jointly: the one executable. Choosing implementations happens in the CLI
// from the --db URL; everything else is in the libraries.
#include "cli/cli.h"

int main(int argc, char** argv) { return jointly::cli::Main(argc, argv); }
