// Welsh versions of a published report, terms of reference or consultation
// about bodies in Wales: the page staff enter one on
// (/welsh-versions/<kind>/<id>) and /api/v1/welsh-versions. The public
// Welsh pages are the website's (features/website), from released copies.
#pragma once

#include "service/welsh_service.h"
#include "web/feature.h"

namespace jointly::web {

class WelshFeature final : public Feature {
 public:
  explicit WelshFeature(WelshService& welsh) : welsh_(welsh) {}

 private:
  void Register() override {
    RegisterPages();
    RegisterApi();
    DocumentApi();
  }
  void RegisterPages();
  void RegisterApi();
  void DocumentApi();
  void EditPage(const Request& req, Response& res, RequestContext& ctx);

  WelshService& welsh_;
};

}  // namespace jointly::web
