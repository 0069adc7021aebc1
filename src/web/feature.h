// A feature of the site (people, directory, programme, consultation,
// governance, ...): it owns its routes, API and pages, and the use cases
// they call. apps/ constructs each feature with the services it needs and
// adds it to the Site, which calls Register() once.
#pragma once

#include <string>

#include "web/site.h"

namespace jointly::web {

class Feature {
 public:
  virtual ~Feature() = default;
  Feature() = default;
  Feature(const Feature&) = delete;
  Feature& operator=(const Feature&) = delete;

  // Registers the feature's routes on `site`. Called once, by Site::Add().
  void RegisterOn(Site& site) {
    site_ = &site;
    Register();
  }

 protected:
  using Surface = Site::Surface;
  using Handler = Site::Handler;
  using Work = Site::Work;

  virtual void Register() = 0;

  Site& site() const { return *site_; }
  const WebConfig& config() const { return site_->config(); }
  void Route(const std::string& method, const std::string& pattern, Surface surface,
             Permission permission, Handler handler, Work work = Work::kMayBlock,
             Site::ShortWhen short_when = {}) {
    site_->Route(method, pattern, surface, permission, std::move(handler), work,
                 std::move(short_when));
  }
  void Fail(const Request& req, Response& res, Surface surface, const RequestContext& ctx,
            const Status& status) {
    site_->Fail(req, res, surface, ctx, status);
  }
  std::string PublicBase(const Request& req) const { return site_->PublicBase(req); }
  // A handler that calls one of the feature's own member functions.
  template <typename D>
  Handler By(void (D::*handler)(const Request&, Response&, RequestContext&)) {
    D* self = static_cast<D*>(this);
    return [self, handler](const Request& req, Response& res, RequestContext& ctx) {
      (self->*handler)(req, res, ctx);
    };
  }
  template <typename T>
  void RegisterRecordApi(const RecordApi<T>& spec) {
    site_->RegisterRecordApi(spec);
  }

 private:
  Site* site_ = nullptr;
};

}  // namespace jointly::web
