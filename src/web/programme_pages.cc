// GOV.UK pages of programme planning.
#include "web/app.h"

namespace jointly::web {

void App::RegisterProgrammePages() {}

}  // namespace jointly::web
