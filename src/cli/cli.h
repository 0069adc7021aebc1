// The jointly command line: serve, user administration, audit check and
// backup. Parses arguments, opens the database the URL names, migrates it,
// and runs one subcommand.
#pragma once

namespace jointly::cli {

// Returns the process exit code: 0 success, 1 failure, 2 bad arguments.
int Main(int argc, char** argv);

}  // namespace jointly::cli
