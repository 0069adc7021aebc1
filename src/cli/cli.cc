#include "cli/cli.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include "core/clock.h"
#include "core/text.h"
#include "domain/csv.h"
#include "service/audit_trail.h"
#include "service/calendar_service.h"
#include "service/demo.h"
#include "service/directory_service.h"
#include "service/inspection_service.h"
#include "service/owner_service.h"
#include "service/people_service.h"
#include "service/programme_service.h"
#include "service/scale_data.h"
#include "service/tracker_service.h"
#include "store/counting_database.h"
#include "store/migrate.h"
#include "store/release_watch.h"

namespace jointly::cli {
namespace {

web::Site* g_app = nullptr;

void OnSignal(int) {
  if (g_app) g_app->Stop();
}

int Fail(const Status& s) {
  std::cerr << "jointly: " << s.message();
  for (const auto& e : s.field_errors()) std::cerr << "\n  " << e.field << ": " << e.message;
  std::cerr << "\n";
  return 1;
}

// The govuk-frontend assets: given, or found beside the working directory
// or the binary (build/<type>/jointly -> ../../node_modules).
std::string FindAssets(const std::string& given) {
  namespace fs = std::filesystem;
  if (!given.empty()) return given;
  const fs::path rel = "node_modules/govuk-frontend/dist/govuk";
  if (fs::exists(rel / "govuk-frontend.min.css")) return fs::absolute(rel).string();
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (fs::path dir = exe.parent_path(); !dir.empty() && dir != dir.root_path();
         dir = dir.parent_path()) {
      if (fs::exists(dir / rel / "govuk-frontend.min.css")) return (dir / rel).string();
    }
  }
  return {};
}

StatusOr<std::unique_ptr<Database>> OpenAndMigrate(const Implementations& implementations,
                                                   const std::string& url, int pool) {
  ASSIGN_OR_RETURN(std::unique_ptr<Database> db,
                   implementations.open_database(url, DatabaseOptions{pool}));
  RETURN_IF_ERROR(Migrate(*db, SystemClock()));
  DirectoryService directory(*db, SystemClock());
  RETURN_IF_ERROR(directory.LoadReferenceData());
  JointDecisions decisions(*db, SystemClock());
  ProgrammeService programme(*db, SystemClock(), decisions);
  RETURN_IF_ERROR(programme.LoadReferenceData());
  return db;
}

// SQLite is served by one server at a time (rule single-instance): `serve`
// holds an exclusive lock on a file next to the database for as long as it
// runs, and a second `serve` on the same file refuses to start. Other
// commands (audit verify, backup, user ...) do not take it. Returns the
// lock's descriptor (-1 for PostgreSQL, which several servers share).
StatusOr<int> HoldSqliteServeLock(const std::string& db_url) {
  if (db_url.rfind("sqlite:", 0) != 0) return -1;
  const std::string path = db_url.substr(7) + ".serve-lock";
  const int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return Unavailable("Cannot open " + path + ": " + std::strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    close(fd);
    if (error != EWOULDBLOCK)
      return Unavailable("Cannot lock " + path + ": " + std::strerror(error));
    return FailedPrecondition(
        "Another jointly server is already serving " + db_url.substr(7) +
            ". A SQLite database is served by one server at a time: stop the other one first, "
            "or use PostgreSQL to run several servers on one database (see docs/deploy.md)",
        "single-instance");
  }
  return fd;
}

std::optional<int64_t> InspectorateId(Database& db, const std::string& code) {
  DirectoryService directory(db, SystemClock());
  auto all = directory.Inspectorates(SystemCaller());
  if (!all.ok()) return std::nullopt;
  for (const auto& i : *all) {
    if (i.code == code || i.short_name == code) return i.id;
  }
  return std::nullopt;
}

// The demo (service/demo.h), once, and the one-time passwords of the
// people it made.
Status LoadAndPrintDemo(Database& db, PeopleService& people) {
  ASSIGN_OR_RETURN(auto created, jointly::LoadDemo(db, people));
  if (!created.empty()) {
    std::printf(
        "\nDemo: the 2017-18 joint programme, the joint inspection of hate crime and\n"
        "the published one of modern slavery are loaded. Each CJ inspectorate's\n"
        "Development Group representative can sign in to score and agree the\n"
        "programme; the inspections' lead inspectors and senior overseers can sign\n"
        "in to run them:\n");
    for (const auto& [email, password] : created) {
      std::printf("  %-36s one-time password: %s\n", email.c_str(), password.c_str());
    }
  }
  return OkStatus();
}

void AddMailOptions(CLI::App& command, std::string& smtp_url, std::string& mail_from) {
  command.add_option("--smtp-url", smtp_url,
                     "Mail server, smtp://host:port (STARTTLS when offered) or "
                     "smtps://host:port; user:password@ before the host if it needs them. "
                     "Without it, nothing is sent by e-mail");
  command.add_option("--mail-from", mail_from,
                     "Address e-mail is sent from, such as jointly@example.gov.uk (needed with "
                     "--smtp-url)");
}

// The Mailer --smtp-url and --mail-from ask for: an UnconfiguredMailer
// without --smtp-url.
StatusOr<std::unique_ptr<Mailer>> NewMailer(const Implementations& implementations,
                                            const std::string& smtp_url,
                                            const std::string& mail_from) {
  if (smtp_url.empty()) {
    if (!mail_from.empty()) {
      return InvalidArgument("--mail-from needs --smtp-url, the server to send through",
                             "mail-server");
    }
    return std::unique_ptr<Mailer>(new UnconfiguredMailer());
  }
  return implementations.new_mailer(MailServer{smtp_url, mail_from}, SystemClock());
}

struct MailTestArgs {
  CLI::App* command = nullptr;
  std::string smtp_url;
  std::string mail_from;
  std::vector<std::string> to;
};

void AddMailTestCommand(CLI::App& app, MailTestArgs& a) {
  auto* mail = app.add_subcommand("mail", "E-mail")->require_subcommand(1);
  a.command = mail->add_subcommand("test", "Send a test message through the mail server");
  AddMailOptions(*a.command, a.smtp_url, a.mail_from);
  a.command->add_option("--to", a.to, "Who to send it to (repeatable)")->required();
}

// `mail test`: sends a short message through the server, to check it.
int SendTestMail(const Implementations& implementations, const MailTestArgs& a) {
  if (a.smtp_url.empty()) {
    return Fail(InvalidArgument("Give the server to send through with --smtp-url", "mail-server"));
  }
  auto mailer = NewMailer(implementations, a.smtp_url, a.mail_from);
  if (!mailer.ok()) return Fail(mailer.status());
  const std::string server = MailServerForDisplay(a.smtp_url);
  MailMessage message;
  message.from.name = "Jointly";
  for (const auto& address : a.to) message.to.push_back({"", address});
  message.subject = "Jointly can send e-mail";
  message.body = "This is a test message from Jointly.\n\nIt was sent through " + server +
                 " from " + a.mail_from +
                 ", so letters and notices sent by e-mail will reach people this way.\n";
  if (Status s = (*mailer)->Send(message); !s.ok()) return Fail(s);
  std::printf("Sent a test message to %zu recipient%s through %s.\n", a.to.size(),
              a.to.size() == 1 ? "" : "s", server.c_str());
  return 0;
}

// What `serve` is asked for on the command line.
struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  int threads = 16;
  int queue = 1024;
  std::string assets;
  int db_pool = 0;  // 0: sized for the workers (DatabasePool)
  bool bench = false;
  bool count_transactions = false;
  bool secure = false;
  std::string trusted_proxy;
  bool demo = false;
  std::string public_url;
  std::string smtp_url;
  std::string mail_from;
};

// The connections `serve` keeps. On PostgreSQL every worker may hold one
// at once, and so may the publication timer and the optimiser: with fewer,
// workers queue for a connection and a few answers wait hundreds of
// milliseconds (measured: p99 620 ms at 16 connections with 8, 11 ms with
// 16). On SQLite each worker has a reader of its own and the pool serves
// writes, which take turns anyway.
int DatabasePool(const ServeOptions& o, const std::string& url) {
  if (o.db_pool > 0) return o.db_pool;
  return url.starts_with("postgres") ? o.threads + 2 : 8;
}

void AddServeOptions(CLI::App& serve, ServeOptions& o) {
  serve.add_option("--host", o.host, "Address to listen on")->capture_default_str();
  serve.add_option("--port", o.port, "Port (0: any free port)")
      ->capture_default_str()
      ->check(CLI::Range(0, 65535));
  serve
      .add_option("--threads", o.threads,
                  "Worker threads for handlers (connections are held apart from them)")
      ->capture_default_str()
      ->check(CLI::Range(2, 1024));
  serve
      .add_option("--queue", o.queue,
                  "Requests that may wait for a worker thread; more are answered 503 (busy)")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve
      .add_option("--db-pool", o.db_pool,
                  "Database connections (default: on PostgreSQL one for each worker thread and "
                  "two for the server's own jobs; on SQLite 8, as each worker reads on its own)")
      ->check(CLI::Range(1, 256));
  serve.add_option("--assets", o.assets, "govuk-frontend dist/govuk folder (found automatically)");
  serve.add_flag("--bench-endpoints", o.bench,
                 "Also serve /bench/fixed, a fixed 2 KB JSON body, and /bench/slow?ms=N, the same "
                 "after N milliseconds");
  serve.add_flag("--count-transactions", o.count_transactions,
                 "For tests: say in a response header how many database transactions each "
                 "request opened");
  serve.add_flag("--secure-cookies", o.secure, "Mark cookies Secure (when behind HTTPS)");
  serve
      .add_option("--public-url", o.public_url,
                  "Where people reach the site, such as https://jointly.example.gov.uk: links "
                  "in documents use it, and changes from browsers must come from it (default: "
                  "http://HOST:PORT)")
      ->check([](const std::string& url) -> std::string {
        const bool scheme = url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
        const size_t host = url.find("://") + 3;
        const std::string_view rest =
            scheme ? std::string_view(url).substr(host) : std::string_view();
        const bool plain = !rest.empty() && rest[0] != '/' &&
                           rest.find_first_of("?#@ \t\r\n\\") == std::string_view::npos &&
                           IsValidUtf8(rest);
        return scheme && plain ? std::string()
                               : "give the site's address as https://host (or http://host:port)";
      });
  serve.add_option("--trusted-proxy", o.trusted_proxy,
                   "Address of a reverse proxy in front: its X-Real-IP header names the client");
  serve.add_flag("--demo", o.demo,
                 "Load the 2017-18 programme and a representative per CJ inspectorate, once");
  AddMailOptions(serve, o.smtp_url, o.mail_from);
}

// Serves until a signal stops the site; the first administrator's one-time
// password is printed if one was made.
int Serve(const ServeOptions& o, Database& db, PeopleService& people, const std::string& db_url,
          const Implementations& implementations) {
  auto first = people.EnsureFirstAdministrator();
  if (!first.ok()) return Fail(first.status());
  if (o.demo) {
    if (Status s = LoadAndPrintDemo(db, people); !s.ok()) return Fail(s);
  }
  web::WebConfig config;
  config.host = o.host;
  config.port = o.port;
  config.threads = o.threads;
  config.max_queue = static_cast<size_t>(o.queue);
  config.assets_dir = FindAssets(o.assets);
  config.bench_endpoints = o.bench;
  config.secure_cookies = o.secure;
  config.public_url = o.public_url;
  config.trusted_proxy = o.trusted_proxy;
  if (config.assets_dir.empty()) {
    std::cerr
        << "jointly: warning: govuk-frontend not found (run npm ci); pages will be unstyled\n";
  }
  auto mailer = NewMailer(implementations, o.smtp_url, o.mail_from);
  if (!mailer.ok()) return Fail(mailer.status());
  // Public pages are answered from their renderings until something is
  // released or withdrawn through `watched`.
  ReleaseWatchingDatabase watched(db);
  config.released_generation = &ReleasedGeneration;
  // Only for tests: counts each request's transactions (see
  // docs/architecture.md); without the flag the server uses `watched`.
  std::optional<CountingDatabase> counted;
  if (o.count_transactions) {
    counted.emplace(watched);
    config.transactions_on_this_thread = &CountingDatabase::OnThisThread;
  }
  std::unique_ptr<web::Site> site = implementations.new_site(
      config, counted ? static_cast<Database&>(*counted) : watched, SystemClock(), **mailer);
  auto bound = site->Bind();
  if (!bound.ok()) return Fail(bound.status());
  std::printf("Jointly is serving on http://%s:%d\n", o.host.c_str(), *bound);
  if (o.smtp_url.empty()) {
    std::printf("E-mail is not configured: nothing is sent by e-mail (see serve --smtp-url).\n");
  } else {
    std::printf("E-mail is sent through %s from %s.\n", MailServerForDisplay(o.smtp_url).c_str(),
                o.mail_from.c_str());
  }
  if (first->has_value()) {
    std::printf(
        "\nFirst administrator created. Sign in with:\n  email:    %s\n  password: %s\n"
        "This password works once: you will be asked to choose your own.\n\n",
        (*first)->user.email.c_str(), (*first)->one_time_password.c_str());
  } else {
    std::printf(
        "Sign in with your account. An administrator can reset a password with:\n"
        "  build/release/jointly --db %s user reset-password EMAIL\n",
        db_url.c_str());
  }
  std::fflush(stdout);
  g_app = site.get();
  signal(SIGINT, OnSignal);
  signal(SIGTERM, OnSignal);
  signal(SIGPIPE, SIG_IGN);
  site->Run();
  g_app = nullptr;
  return 0;
}

int ImportHolidays(Database& db, const std::string& holidays_file) {
  const Caller system = SystemCaller();
  std::ifstream in(holidays_file, std::ios::binary);
  if (!in) return Fail(InvalidArgument("Cannot read " + holidays_file, "file"));
  const std::string csv((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CalendarService calendar(db, SystemClock());
  auto imported = calendar.ImportHolidaysCsv(system, csv);
  if (!imported.ok()) return Fail(imported.status());
  std::string years;
  for (int y : imported->years) years += (years.empty() ? "" : ", ") + std::to_string(y);
  std::printf("Loaded %d bank holidays for %s; they replace those years' shipped holidays.\n",
              imported->holidays, years.c_str());
  return 0;
}

int ListHolidays(Database& db, std::optional<int> holidays_year) {
  const Caller system = SystemCaller();
  CalendarService calendar(db, SystemClock());
  auto listed = calendar.Holidays(system, holidays_year);
  if (!listed.ok()) return Fail(listed.status());
  if (listed->empty()) {
    std::printf(
        "No bank holidays are known for %d; add them with: jointly holidays import "
        "FILE.csv\n",
        holidays_year.value_or(0));
    return 1;
  }
  for (const auto& h : *listed) {
    std::printf("%s  %-28s %-8s %s\n", h.holiday.date.ToIso().c_str(),
                h.holiday.date.ToLong().c_str(), h.loaded ? "loaded" : "shipped",
                h.holiday.name.c_str());
  }
  return 0;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct PeakLeaveArgs {
  CLI::App* command = nullptr;
  std::string file;
  std::optional<int> year;
};

void AddPeakLeaveCommands(CLI::App& app, PeakLeaveArgs& a) {
  a.command = app.add_subcommand("peak-leave", "Peak leave periods of those inspected")
                  ->require_subcommand(1);
  a.command
      ->add_subcommand("import",
                       "Load a CSV of periods (name,first_day,last_day); each year in it "
                       "replaces that year's periods")
      ->add_option("file", a.file, "The CSV file")
      ->required();
  a.command->add_subcommand("list", "List the periods in force")
      ->add_option("--year", a.year, "Only periods starting in this year")
      ->check(CLI::Range(1900, 9999));
  a.command->add_subcommand("export", "Write the periods in force as CSV, to edit and import")
      ->add_option("--year", a.year, "Only periods starting in this year")
      ->check(CLI::Range(1900, 9999));
}

// `peak-leave import|list|export`.
int RunPeakLeave(Database& db, const PeakLeaveArgs& a) {
  const std::string& import_file = a.file;
  const std::optional<int> year = a.year;
  const bool list = a.command->get_subcommand("list")->parsed();
  const bool export_csv = a.command->get_subcommand("export")->parsed();
  const Caller system = SystemCaller();
  CalendarService calendar(db, SystemClock());
  if (!import_file.empty()) {
    const auto csv = ReadFile(import_file);
    if (!csv) return Fail(InvalidArgument("Cannot read " + import_file, "file"));
    auto imported = calendar.ImportPeakLeaveCsv(system, *csv);
    if (!imported.ok()) return Fail(imported.status());
    std::string years;
    for (int y : imported->years) years += (years.empty() ? "" : ", ") + std::to_string(y);
    std::printf("Loaded %d peak leave periods for %s; they replace those years' periods.\n",
                imported->periods, years.c_str());
    return 0;
  }
  auto listed = calendar.PeakLeavePeriods(system, year);
  if (!listed.ok()) return Fail(listed.status());
  if (export_csv) {
    std::vector<PeakLeavePeriod> periods;
    for (const auto& p : *listed) periods.push_back(p.period);
    std::fputs(PeakLeaveToCsv(periods).c_str(), stdout);
    return 0;
  }
  if (list && listed->empty()) {
    std::printf("No peak leave periods are known for %d.\n", year.value_or(0));
    return 1;
  }
  for (const auto& p : *listed) {
    std::printf("%s  %s  %-8s %s\n", p.period.first_day.ToIso().c_str(),
                p.period.last_day.ToIso().c_str(), p.loaded ? "loaded" : "shipped",
                p.period.name.c_str());
  }
  return 0;
}

}  // namespace

// `audit verify`: checks the whole chain, and that it still holds the entry
// `expect_head` (SEQ:HASH) if given. Exit status 0 if intact.
int VerifyAudit(Database& db, const std::string& expect_head) {
  const Caller system = SystemCaller();
  std::optional<AuditAnchor> expected;
  if (!expect_head.empty()) {
    expected = ParseAuditAnchor(expect_head);
    if (!expected) {
      std::cerr << "jointly: --expect-head takes SEQ:HASH as `jointly audit head` prints it\n";
      return 2;
    }
  }
  auto v = VerifyAuditTrail(db, system, expected);
  if (!v.ok()) return Fail(v.status());
  if (v->ok) {
    std::printf(
        "The audit trail is intact: %lld entries checked%s.\n", static_cast<long long>(v->checked),
        expected
            ? (", and it holds entry " + std::to_string(expected->seq) + " as expected").c_str()
            : "");
    return 0;
  }
  std::printf("The audit trail is broken at entry %lld: %s\n",
              static_cast<long long>(v->first_broken_seq.value_or(0)), v->reason.c_str());
  return 1;
}

// `user list`: one line a user.
int ListUsers(PeopleService& people) {
  const Caller system = SystemCaller();
  auto users = people.Users(system);
  if (!users.ok()) return Fail(users.status());
  for (const auto& u : *users) {
    std::string role_ids;
    for (Role r : u.roles) role_ids += (role_ids.empty() ? "" : ",") + std::string(RoleId(r));
    std::printf("%-6lld %-40s %-30s %-8s %s\n", static_cast<long long>(u.id), u.email.c_str(),
                u.name.c_str(), u.active ? "active" : "disabled", role_ids.c_str());
  }
  return 0;
}

namespace {

struct UserArgs {
  CLI::App* command = nullptr;
  CLI::App* add = nullptr;
  CLI::App* disable = nullptr;
  CLI::App* reset = nullptr;
  std::string email, name, inspectorate;
  std::vector<std::string> roles;
};

void AddUserCommands(CLI::App& app, UserArgs& a) {
  a.command = app.add_subcommand("user", "Manage users")->require_subcommand(1);
  a.add = a.command->add_subcommand("add", "Add a user; prints their one-time password");
  a.add->add_option("--email", a.email, "Email address")->required();
  a.add->add_option("--name", a.name, "Full name")->required();
  a.add
      ->add_option("--role", a.roles,
                   "Role (repeatable): administrator, secretariat, chief_inspector, "
                   "hm_inspector, dg_representative, lead_inspector, inspector, read_only")
      ->required();
  a.add->add_option("--inspectorate", a.inspectorate, "Inspectorate code, such as HMIPRISONS");
  a.command->add_subcommand("list", "List users");
  a.disable = a.command->add_subcommand("disable", "Disable a user and end their sessions");
  a.disable->add_option("email", a.email, "Email address")->required();
  a.reset = a.command->add_subcommand("reset-password", "Give a user a new one-time password");
  a.reset->add_option("email", a.email, "Email address")->required();
}

// `user add`: prints the new user's one-time password.
int AddUser(Database& db, PeopleService& people, const UserArgs& a) {
  User u;
  u.email = a.email;
  u.name = a.name;
  for (const auto& r : a.roles) {
    auto role = ParseRole(r);
    if (!role) return Fail(InvalidArgument("\"" + r + "\" is not a role", "one-of"));
    u.roles.push_back(*role);
  }
  if (!a.inspectorate.empty()) {
    u.inspectorate_id = InspectorateId(db, a.inspectorate);
    if (!u.inspectorate_id)
      return Fail(InvalidArgument("No inspectorate has the code " + a.inspectorate,
                                  "unknown-inspectorate"));
  }
  auto created = people.CreateUser(SystemCaller(), u);
  if (!created.ok()) return Fail(created.status());
  std::printf("Added %s <%s>\nOne-time password: %s\n", created->user.name.c_str(),
              created->user.email.c_str(), created->one_time_password.c_str());
  return 0;
}

// `user add|list|disable|reset-password`.
int RunUser(Database& db, PeopleService& people, const UserArgs& a) {
  const Caller system = SystemCaller();
  if (a.add->parsed()) return AddUser(db, people, a);
  if (a.command->get_subcommand("list")->parsed()) return ListUsers(people);
  if (a.disable->parsed()) {
    auto disabled = people.DisableUser(system, a.email);
    if (!disabled.ok()) return Fail(disabled.status());
    std::printf("Disabled %s\n", disabled->email.c_str());
    return 0;
  }
  auto password = people.ResetPassword(system, a.email);
  if (!password.ok()) return Fail(password.status());
  std::printf("New one-time password for %s: %s\n", a.email.c_str(), password->c_str());
  return 0;
}

struct AuditArgs {
  CLI::App* command = nullptr;
  CLI::App* verify = nullptr;
  std::string expect_head;
};

void AddAuditCommands(CLI::App& app, AuditArgs& a) {
  a.command = app.add_subcommand("audit", "The audit trail")->require_subcommand(1);
  a.verify =
      a.command->add_subcommand("verify", "Check that no audit entry was changed or deleted");
  a.verify->add_option("--expect-head", a.expect_head,
                       "SEQ:HASH as `audit head` printed it earlier: also fail if the log "
                       "no longer reaches that entry or it has changed");
  a.command->add_subcommand("head",
                            "Print the newest entry's SEQ:HASH, to keep outside the database and "
                            "check later with audit verify --expect-head");
}

// `audit verify|head`.
int RunAudit(Database& db, const AuditArgs& a) {
  if (a.verify->parsed()) return VerifyAudit(db, a.expect_head);
  auto head = AuditTrailHead(db, SystemCaller());
  if (!head.ok()) return Fail(head.status());
  std::printf("%s\n", FormatAuditAnchor(*head).c_str());
  return 0;
}

struct BodiesArgs {
  CLI::App* command = nullptr;
  CLI::App* indicators = nullptr;
  std::string file;
};

void AddBodiesCommands(CLI::App& app, BodiesArgs& a) {
  a.command = app.add_subcommand("bodies", "Data about inspected bodies, to choose sites from")
                  ->require_subcommand(1);
  a.indicators = a.command->add_subcommand(
      "import-indicators",
      "Load a CSV of indicators (body_code,performance,performance_measure,size,size_measure); "
      "a body's replace what it had");
  a.indicators->add_option("file", a.file, "The CSV file")->required();
  a.command
      ->add_subcommand("import-inspections",
                       "Load a CSV of single-inspectorate inspections "
                       "(body_code,inspectorate,date,title), to count the inspection burden")
      ->add_option("file", a.file, "The CSV file")
      ->required();
}

// `bodies import-indicators|import-inspections FILE`, all or nothing.
int RunBodies(Database& db, const BodiesArgs& a) {
  const auto csv = ReadFile(a.file);
  if (!csv) return Fail(InvalidArgument("Cannot read " + a.file, "file"));
  DirectoryService directory(db, SystemClock());
  const bool indicators = a.indicators->parsed();
  auto imported = indicators ? directory.ImportIndicatorsCsv(SystemCaller(), *csv)
                             : directory.ImportPastInspectionsCsv(SystemCaller(), *csv);
  if (!imported.ok()) return Fail(imported.status());
  std::printf("%s: %d added, %d changed, %d unchanged.\n",
              indicators ? "Indicators" : "Inspections", imported->created, imported->updated,
              imported->unchanged);
  return 0;
}

struct TrackerArgs {
  CLI::App* command = nullptr;
  std::string file;
};

void AddTrackerCommands(CLI::App& app, TrackerArgs& a) {
  a.command = app.add_subcommand("tracker", "The recommendations tracker")->require_subcommand(1);
  a.command
      ->add_subcommand("import",
                       "Put recommendations of single-inspectorate reports on the tracker from a "
                       "CSV (inspectorate,report,published_on,number,kind,owner,text,measure,"
                       "target,findings), all or nothing")
      ->add_option("file", a.file, "The CSV file")
      ->required();
}

// `tracker import FILE`, all or nothing.
int RunTracker(Database& db, const TrackerArgs& a) {
  const auto csv = ReadFile(a.file);
  if (!csv) return Fail(InvalidArgument("Cannot read " + a.file, "file"));
  TrackerService tracker(db, SystemClock());
  auto imported = tracker.ImportCsv(SystemCaller(), *csv);
  if (!imported.ok()) return Fail(imported.status());
  std::printf("%lld put on the tracker.\n", static_cast<long long>(*imported));
  return 0;
}

struct BackupArgs {
  CLI::App* command = nullptr;
  std::string file;
};

void AddBackupCommand(CLI::App& app, BackupArgs& a) {
  a.command = app.add_subcommand("backup", "Copy the database consistently while the server runs");
  a.command->add_option("file", a.file, "Where to write the copy")->required();
}

// `backup FILE`.
int RunBackup(Database& db, const BackupArgs& a) {
  Status s = db.Backup(a.file);
  if (!s.ok()) return Fail(s);
  std::printf("Backed up to %s\n", a.file.c_str());
  return 0;
}

struct PublishArgs {
  CLI::App* command = nullptr;
  std::string site = "http://127.0.0.1:8080";
  std::string smtp_url;
  std::string mail_from;
};

void AddPublishCommand(CLI::App& app, PublishArgs& a) {
  a.command = app.add_subcommand(
      "publish",
      "Run the publication job once: send the embargoed copies due and publish each report "
      "whose time has come (the server runs it every second)");
  a.command->add_option("--site", a.site, "The site's address, for the embargoed copies' links")
      ->capture_default_str();
  AddMailOptions(*a.command, a.smtp_url, a.mail_from);
}

// `publish`: what the publication job does now, said in words.
int RunPublish(Database& db, const Implementations& implementations, const PublishArgs& a) {
  auto mailer = NewMailer(implementations, a.smtp_url, a.mail_from);
  if (!mailer.ok()) return Fail(mailer.status());
  JointDecisions decisions(db, SystemClock());
  InspectionService inspections(db, SystemClock(), decisions, mailer->get());
  auto run = inspections.RunPublication(a.site);
  if (!run.ok()) return Fail(run.status());
  for (int64_t id : run->embargoes_sent) {
    std::printf("Sent the embargoed copies of the report of inspection %lld.\n",
                static_cast<long long>(id));
  }
  for (int64_t id : run->published) {
    std::printf("Published the report of inspection %lld.\n", static_cast<long long>(id));
  }
  for (const auto& why : run->held) std::printf("%s\n", why.c_str());
  if (run->published.empty() && run->embargoes_sent.empty() && run->held.empty()) {
    std::printf("Nothing is due for publication.\n");
  }
  return 0;
}

struct RemindArgs {
  CLI::App* command = nullptr;
  std::string site = "http://127.0.0.1:8080";
  std::string smtp_url;
  std::string mail_from;
  std::string as_on;
};

void AddRemindCommand(CLI::App& app, RemindArgs& a) {
  a.command = app.add_subcommand(
      "remind",
      "E-mail the owners of recommendations the reminders due today, each once (the server "
      "runs it every minute)");
  a.command->add_option("--site", a.site, "The site's address, for the reminders' links")
      ->capture_default_str();
  a.command->add_option("--as-on", a.as_on,
                        "Run as on this day (YYYY-MM-DD), as a server running then would have");
  AddMailOptions(*a.command, a.smtp_url, a.mail_from);
}

// `remind`: the reminders sent, and what could not be, in words.
int RunRemind(Database& db, PeopleService& people, const Implementations& implementations,
              const RemindArgs& a) {
  auto mailer = NewMailer(implementations, a.smtp_url, a.mail_from);
  if (!mailer.ok()) return Fail(mailer.status());
  ReplayClock as_on(SystemClock().NowMicros());
  if (!a.as_on.empty()) {
    const auto day = Date::Parse(a.as_on);
    if (!day) return Fail(InvalidArgument("--as-on must be a real date, YYYY-MM-DD", "date"));
    as_on.Set(day->days().time_since_epoch().count() * 86400LL * 1000000 + 12LL * 3600 * 1000000);
  }
  OwnerService owners(db, as_on, people, mailer->get());
  auto run = owners.RunReminders(a.site);
  if (!run.ok()) return Fail(run.status());
  std::printf("Sent %d reminder%s.\n", run->sent, run->sent == 1 ? "" : "s");
  for (const auto& why : run->held) std::printf("Not sent: %s\n", why.c_str());
  return 0;
}

struct HolidaysArgs {
  CLI::App* command = nullptr;
  CLI::App* import = nullptr;
  std::string file;
  std::optional<int> year;
};

void AddHolidaysCommands(CLI::App& app, HolidaysArgs& a) {
  a.command =
      app.add_subcommand("holidays", "Bank holidays in England and Wales")->require_subcommand(1);
  a.import = a.command->add_subcommand(
      "import", "Load a CSV of bank holidays (date,name); each year in it replaces that year");
  a.import->add_option("file", a.file, "The CSV file")->required();
  a.command->add_subcommand("list", "List the bank holidays in force")
      ->add_option("--year", a.year, "Only this calendar year")
      ->check(CLI::Range(1900, 9999));
}

// `holidays import|list`.
int RunHolidays(Database& db, const HolidaysArgs& a) {
  if (a.import->parsed()) return ImportHolidays(db, a.file);
  return ListHolidays(db, a.year);
}

struct DemoArgs {
  CLI::App* command = nullptr;
  int64_t scale_years = 0;
  ScaleOptions scale;
  CLI::Option* bodies = nullptr;
  CLI::Option* proposals = nullptr;
  CLI::Option* audit_entries = nullptr;
  CLI::Option* reports = nullptr;
};

void AddDemoCommand(CLI::App& app, DemoArgs& a) {
  a.command = app.add_subcommand(
      "demo", "Load the demo programme and, with --scale, years of made-up data for benchmarks");
  a.command
      ->add_option("--scale", a.scale_years,
                   "Years of data to add: 10,000 bodies, 500 scored proposals, 100,000 "
                   "audit entries and 50 published reports a year")
      ->check(CLI::Range(0, 100));
  a.bodies = a.command->add_option("--bodies", a.scale.bodies, "Bodies to add instead");
  a.proposals = a.command->add_option("--proposals", a.scale.proposals, "Proposals to add instead");
  a.audit_entries = a.command->add_option("--audit-entries", a.scale.audit_entries,
                                          "Grow the audit trail to this many entries instead");
  a.reports = a.command->add_option(
      "--reports", a.scale.reports,
      "Published joint reports (20 recommendations each) to add to the public website instead");
}

// `demo [--scale N]`: the demo programme, then made-up data for benchmarks.
int RunDemo(Database& db, PeopleService& people, const DemoArgs& a) {
  if (Status s = LoadAndPrintDemo(db, people); !s.ok()) return Fail(s);
  ScaleOptions scale = a.scale;
  const ScaleOptions years = ScaleForYears(a.scale_years);
  if (a.bodies->count() == 0) scale.bodies = years.bodies;
  if (a.proposals->count() == 0) scale.proposals = years.proposals;
  if (a.audit_entries->count() == 0) scale.audit_entries = years.audit_entries;
  if (a.reports->count() == 0) scale.reports = years.reports;
  Status s = AddScaleData(
      db, scale, [](const std::string& done) { std::fprintf(stderr, "  %s\n", done.c_str()); });
  if (!s.ok()) return Fail(s);
  std::printf(
      "Added %lld bodies, %lld proposals and %lld published reports; the audit trail has at "
      "least %lld entries.\n",
      static_cast<long long>(scale.bodies), static_cast<long long>(scale.proposals),
      static_cast<long long>(scale.reports), static_cast<long long>(scale.audit_entries));
  return 0;
}

// `serve`, holding the SQLite file's serve lock while it runs.
int RunServe(const ServeOptions& o, Database& db, PeopleService& people, const std::string& db_url,
             const Implementations& implementations) {
  auto lock = HoldSqliteServeLock(db_url);
  if (!lock.ok()) return Fail(lock.status());
  const int served = Serve(o, db, people, db_url, implementations);
  if (*lock >= 0) close(*lock);
  return served;
}

}  // namespace

int Main(int argc, char** argv, const Implementations& implementations) {
  CLI::App app{"Jointly: the criminal justice joint inspection programme, end to end"};
  app.require_subcommand(1);
  app.fallthrough();  // --db may come before or after the subcommand
  std::string db_url = "sqlite:var/jointly.db";
  app.add_option("--db", db_url, "Database: sqlite:PATH or postgresql://...")
      ->capture_default_str();

  auto* serve = app.add_subcommand(
      "serve", "Migrate the database, load reference data and serve the web application");
  ServeOptions serve_options;
  AddServeOptions(*serve, serve_options);
  UserArgs user;
  AddUserCommands(app, user);
  AuditArgs audit;
  AddAuditCommands(app, audit);
  BackupArgs backup;
  AddBackupCommand(app, backup);
  HolidaysArgs holidays;
  AddHolidaysCommands(app, holidays);
  PeakLeaveArgs peak;
  AddPeakLeaveCommands(app, peak);
  BodiesArgs bodies;
  AddBodiesCommands(app, bodies);
  TrackerArgs tracker;
  AddTrackerCommands(app, tracker);
  MailTestArgs mail_test;
  AddMailTestCommand(app, mail_test);
  PublishArgs publish;
  AddPublishCommand(app, publish);
  RemindArgs remind;
  AddRemindCommand(app, remind);
  app.add_subcommand("migrate", "Apply database migrations and load reference data, then exit");
  DemoArgs demo;
  AddDemoCommand(app, demo);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  // Needs no database.
  if (mail_test.command->parsed()) return SendTestMail(implementations, mail_test);

  auto opened = OpenAndMigrate(implementations, db_url,
                               serve->parsed() ? DatabasePool(serve_options, db_url) : 1);
  if (!opened.ok()) return Fail(opened.status());
  Database& db = **opened;
  PeopleService people(db, SystemClock());

  if (serve->parsed()) return RunServe(serve_options, db, people, db_url, implementations);
  if (demo.command->parsed()) return RunDemo(db, people, demo);
  if (user.command->parsed()) return RunUser(db, people, user);
  if (audit.command->parsed()) return RunAudit(db, audit);
  if (backup.command->parsed()) return RunBackup(db, backup);
  if (holidays.command->parsed()) return RunHolidays(db, holidays);
  if (peak.command->parsed()) return RunPeakLeave(db, peak);
  if (bodies.command->parsed()) return RunBodies(db, bodies);
  if (tracker.command->parsed()) return RunTracker(db, tracker);
  if (publish.command->parsed()) return RunPublish(db, implementations, publish);
  if (remind.command->parsed()) return RunRemind(db, people, implementations, remind);
  return 0;  // migrate: done above
}

}  // namespace jointly::cli
