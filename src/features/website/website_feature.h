// The public joint website: business plans, the framework, open
// consultations, "you said, we did", search across everything released,
// Atom feeds per section, the sitemap, and the accessibility statement and
// privacy notice. Every page reads the released store only, through
// PublicSite (rule public-reads-released-only).
#pragma once

#include "service/public_site.h"
#include "web/feature.h"

namespace jointly::web {

class WebsiteFeature final : public Feature {
 public:
  explicit WebsiteFeature(PublicSite& site) : site_(site) {}

 private:
  void Register() override {
    RegisterPages();
    RegisterFeeds();
  }
  void RegisterPages();
  void RegisterFeeds();
  void RegisterReports();
  void RegisterTrackers();
  void SearchPage(const Request& req, Response& res, RequestContext& ctx);
  void WelshPage(const Request& req, Response& res, RequestContext& ctx);

  PublicSite& site_;
};

}  // namespace jointly::web
