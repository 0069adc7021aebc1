// The jointly command line: serve, user administration, audit check,
// backup, bank holidays, peak leave periods and an e-mail check. Parses
// arguments, opens the database the URL names, migrates it, and runs one
// subcommand.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "core/clock.h"
#include "core/status.h"
#include "mail/mailer.h"
#include "store/database.h"
#include "web/site.h"

namespace jointly::cli {

// The implementations behind the interfaces, chosen by apps/.
struct Implementations {
  // The database a --db URL names. InvalidArgument for a URL no
  // implementation takes; Unavailable if it cannot be opened.
  std::function<StatusOr<std::unique_ptr<Database>>(const std::string& url,
                                                    const DatabaseOptions& options)>
      open_database;
  // The Mailer sending through `server` (serve --smtp-url, --mail-from).
  // InvalidArgument (rule "mail-server") for a server it cannot use.
  std::function<StatusOr<std::unique_ptr<Mailer>>(const MailServer& server, const Clock& clock)>
      new_mailer;
  // The web site serving `db`, with its features (and their solver), which
  // send e-mail through `mailer` (an UnconfiguredMailer without
  // --smtp-url). `mailer` outlives the site.
  std::function<std::unique_ptr<web::Site>(web::WebConfig config, Database& db, const Clock& clock,
                                           Mailer& mailer)>
      new_site;
};

// Returns the process exit code: 0 success, 1 failure, 2 bad arguments.
int Main(int argc, char** argv, const Implementations& implementations);

}  // namespace jointly::cli
