// jointly: the one executable, and the one place that picks the
// implementations behind the interfaces: the database from the --db URL
// (SQLite or PostgreSQL), the MIP solver (CBC), the mail server (SMTP
// through libcurl), and which features the web site has, each given the
// services it uses. Everything else is in the libraries.
#include <malloc.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <thread>

#include "cli/cli.h"
#include "features/audit/audit_feature.h"
#include "features/consultation/consultation_feature.h"
#include "features/directory/directory_feature.h"
#include "features/governance/governance_feature.h"
#include "features/home/home_feature.h"
#include "features/inspection/inspection_feature.h"
#include "features/owners/owners_feature.h"
#include "features/people/people_feature.h"
#include "features/programme/programme_feature.h"
#include "features/tracker/tracker_feature.h"
#include "features/website/website_feature.h"
#include "features/welsh/welsh_feature.h"
#include "mail/smtp/smtp_mailer.h"
#include "planning/cbc/cbc_solver.h"
#include "store/postgres/postgres_database.h"
#include "store/sqlite/sqlite_database.h"

namespace {

// "sqlite:PATH" (creating PATH's folder if needed) or "postgresql://..." /
// "postgres://...".
jointly::StatusOr<std::unique_ptr<jointly::Database>> OpenDatabase(
    const std::string& url, const jointly::DatabaseOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    const std::filesystem::path file = url.substr(7);
    std::error_code ec;  // an unusable folder is reported by the open below
    if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
    return jointly::OpenSqliteDatabase(file.string(), options);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return jointly::OpenPostgresDatabase(url, options);
  }
  return jointly::InvalidArgument(
      "Database URL must start with sqlite: or postgresql:// (got \"" + url + "\")", "db-url");
}

// The use cases the features share, kept as long as the site.
struct Services {
  Services(jointly::Database& db, const jointly::Clock& clock,
           const jointly::PasswordHashParams& password_hash, jointly::Mailer& mailer)
      : directory(db, clock),
        people(db, clock, password_hash),
        decisions(db, clock),
        programme(db, clock, decisions),
        consultation(db, clock),
        governance(db, clock),
        inspections(db, clock, decisions, &mailer),
        home(db, clock, decisions),
        website(db, clock, consultation),
        tracker(db, clock),
        owners(db, clock, people, &mailer),
        trackers(db, clock),
        welsh(db, clock) {}
  jointly::DirectoryService directory;
  jointly::PeopleService people;
  jointly::JointDecisions decisions;  // before programme, which registers its kinds
  jointly::ProgrammeService programme;
  jointly::ConsultationService consultation;
  jointly::GovernanceService governance;
  jointly::InspectionService inspections;  // registers its kinds of joint decision
  jointly::HomeService home;
  jointly::PublicSite website;  // reads only what was released
  jointly::TrackerService tracker;
  jointly::OwnerService owners;
  jointly::QuarterlyTrackers trackers;
  jointly::WelshService welsh;  // Welsh versions, released with the English ones
};

// Runs the publication job (InspectionService::RunPublication) about every
// second while the site lives, so a report is published at its moment and
// embargoed copies go out when the embargo opens; what it could not do is
// said on stderr, once until it changes.
class PublicationTimer {
 public:
  PublicationTimer(std::shared_ptr<Services> services, std::string site_address)
      : services_(std::move(services)), site_address_(std::move(site_address)) {
    thread_ = std::thread([this] { Loop(); });
  }
  ~PublicationTimer() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }

 private:
  void Loop() {
    std::string said;
    std::unique_lock<std::mutex> lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; })) {
      lock.unlock();
      auto run = services_->inspections.RunPublication(site_address_);
      std::string words = run.ok() ? "" : run.status().message();
      if (run.ok()) {
        for (const auto& why : run->held) words += why + "\n";
      }
      words += Reminders();
      if (!words.empty() && words != said) {
        std::fprintf(stderr, "jointly: publication: %s\n", words.c_str());
      }
      said = words;
      lock.lock();
    }
  }

  // The owners' reminders, at start and then each minute: they fall due
  // by the day. What could not be sent, in words.
  std::string Reminders() {
    const auto now = std::chrono::steady_clock::now();
    if (reminded_ && now - *reminded_ < std::chrono::minutes(1)) return reminders_said_;
    reminded_ = now;
    auto run = services_->owners.RunReminders(site_address_);
    reminders_said_ = run.ok() ? "" : "reminders: " + run.status().message() + "\n";
    if (run.ok()) {
      for (const auto& why : run->held) reminders_said_ += "reminder: " + why + "\n";
    }
    return reminders_said_;
  }

  std::shared_ptr<Services> services_;
  std::string site_address_;
  std::optional<std::chrono::steady_clock::time_point> reminded_;
  std::string reminders_said_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

// `mailer` sends what the features send by e-mail (commissioning letters).
std::unique_ptr<jointly::web::Site> NewSite(jointly::web::WebConfig config, jointly::Database& db,
                                            const jointly::Clock& clock, jointly::Mailer& mailer) {
  using namespace jointly::web;
  auto services = std::make_shared<Services>(db, clock, config.password_hash, mailer);
  const std::string config_public_url = config.public_url;
  const std::string config_host = config.host;
  const int config_port = config.port;
  auto site = std::make_unique<Site>(std::move(config), db);
  site->Keep(services);
  auto people = std::make_unique<PeopleFeature>(services->people, services->directory);
  site->SetAuthenticator(*people);
  site->Add(std::move(people));
  site->Add(std::make_unique<HomeFeature>(services->home, services->inspections));
  site->Add(std::make_unique<DirectoryFeature>(services->directory));
  site->Add(std::make_unique<AuditFeature>(db));
  site->Add(std::make_unique<ProgrammeFeature>(services->programme, services->decisions,
                                               services->directory,
                                               std::make_unique<jointly::CbcSolver>()));
  site->Add(std::make_unique<ConsultationFeature>(services->consultation, services->programme,
                                                  services->directory, clock));
  site->Add(std::make_unique<GovernanceFeature>(services->governance, services->consultation,
                                                services->programme, services->directory, clock));
  site->Add(std::make_unique<InspectionFeature>(services->inspections, services->directory, clock));
  // What was published before the website kept released copies.
  if (auto backfilled = services->website.Backfill(); !backfilled.ok()) {
    std::fprintf(stderr, "jointly: the public website's copies: %s\n",
                 backfilled.message().c_str());
  }
  site->Add(std::make_unique<WebsiteFeature>(services->website));
  site->Add(std::make_unique<TrackerFeature>(services->tracker));
  site->Add(std::make_unique<OwnersFeature>(services->owners, services->trackers));
  site->Add(std::make_unique<WelshFeature>(services->welsh));
  const std::string address = config_public_url.empty()
                                  ? "http://" + config_host + ":" + std::to_string(config_port)
                                  : config_public_url;
  site->Keep(std::make_shared<PublicationTimer>(services, address));
  return site;
}

}  // namespace

int main(int argc, char** argv) {
  // Each request frees many small blocks (JSON, rows) and then allocates a
  // 4 KB buffer; with glibc's fast bins on, that allocation consolidates
  // them every time (7% of the CPU in bench/). Small blocks still go
  // through the per-thread cache.
  mallopt(M_MXFAST, 0);
  jointly::cli::Implementations implementations;
  implementations.open_database = OpenDatabase;
  implementations.new_mailer = [](const jointly::MailServer& server, const jointly::Clock& clock) {
    return jointly::NewSmtpMailer(server, clock);
  };
  implementations.new_site = NewSite;
  return jointly::cli::Main(argc, argv, implementations);
}
