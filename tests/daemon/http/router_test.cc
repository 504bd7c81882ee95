#include "daemon/http/router.h"

#include <gtest/gtest.h>

namespace vigil::http {
namespace {

Router MakeRouter() {
  Router router;
  auto echo = [](const Request& r) { return JsonResponse("\"" + r.method + " " + r.path + "\""); };
  router.Add({.method = "GET", .pattern = "/healthz", .roles = {}, .public_route = true, .handler = echo});
  router.Add({.method = "GET", .pattern = "/api/v1/alerts", .roles = {Role::kDsmb, Role::kPhysician}, .handler = echo});
  router.Add({.method = "POST",
              .pattern = "/api/v1/alerts/{id}/ack",
              .roles = {Role::kPhysician},
              .runs = Runs::kOnLoop,
              .handler = [](const Request& r) { return JsonResponse("\"" + r.params.at("id") + "\""); }});
  return router;
}

Request Make(std::string method, std::string path, std::optional<Role> role) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  if (role) r.caller = Caller{.token_name = "t", .role = *role};
  return r;
}

struct Case {
  const char* what;
  const char* method;
  const char* path;
  std::optional<Role> role;
  int status;
};

// clang-format off
const Case kCases[] = {
  {"public route without a token",        "GET",  "/healthz",               std::nullopt,     200},
  {"unknown path",                        "GET",  "/nope",                  Role::kAdmin,     404},
  {"known path, other method",            "POST", "/api/v1/alerts",         Role::kAdmin,     405},
  {"no token",                            "GET",  "/api/v1/alerts",         std::nullopt,     401},
  {"allowed role",                        "GET",  "/api/v1/alerts",         Role::kDsmb,      200},
  {"role not in the matrix",              "GET",  "/api/v1/alerts",         Role::kFeed,      403},
  {"admin may call everything",           "POST", "/api/v1/alerts/7/ack",   Role::kAdmin,     200},
  {"dsmb may not acknowledge",            "POST", "/api/v1/alerts/7/ack",   Role::kDsmb,      403},
  {"physician acknowledges",              "POST", "/api/v1/alerts/7/ack",   Role::kPhysician, 200},
  {"a parameter segment must not be empty","POST","/api/v1/alerts//ack",    Role::kAdmin,     404},
};
// clang-format on

TEST(Router, AnswersEachCaseWithItsStatus) {
  Router router = MakeRouter();
  for (const Case& c : kCases) {
    Request r = Make(c.method, c.path, c.role);
    EXPECT_EQ(router.Dispatch(r).status, c.status) << c.what;
  }
}

TEST(Router, BindsParametersAndNamesRoutesByPattern) {
  Router router = MakeRouter();
  Request r = Make("POST", "/api/v1/alerts/ALERT-42/ack", Role::kPhysician);
  EXPECT_EQ(router.Dispatch(r).body, "\"ALERT-42\"");
  EXPECT_EQ(router.RouteName(r), "POST /api/v1/alerts/{id}/ack");
  EXPECT_EQ(router.RouteName(Make("GET", "/x/y", std::nullopt)), "unmatched");
}

TEST(Router, MethodNotAllowedListsTheAllowedMethods) {
  Router router = MakeRouter();
  Request r = Make("DELETE", "/api/v1/alerts/1/ack", Role::kAdmin);
  Response resp = router.Dispatch(r);
  ASSERT_EQ(resp.status, 405);
  ASSERT_EQ(resp.headers.size(), 1u);
  EXPECT_EQ(resp.headers[0].first, "Allow");
  EXPECT_EQ(resp.headers[0].second, "POST");
}

TEST(Router, UnauthenticatedAnswerAsksForABearerToken) {
  Router router = MakeRouter();
  Request r = Make("GET", "/api/v1/alerts", std::nullopt);
  Response resp = router.Dispatch(r);
  ASSERT_EQ(resp.status, 401);
  EXPECT_NE(resp.body.find("bearer token"), std::string::npos);
  EXPECT_EQ(resp.headers.at(0).second, "Bearer");
}

TEST(Roles, RoundTripAndRejectUnknownNames) {
  for (Role role : {Role::kDsmb, Role::kPhysician, Role::kFeed, Role::kAdmin}) {
    EXPECT_EQ(ParseRole(RoleName(role)), role);
  }
  EXPECT_FALSE(ParseRole("root"));
  EXPECT_FALSE(ParseRole("Admin"));
}

TEST(ErrorResponse, KeepsTheJsonValidWhatEverTheMessageQuotes) {
  Response r = ErrorResponse(400, std::string("bad byte \xff here"));
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("bad byte"), std::string::npos);
  EXPECT_EQ(r.body.find('\xff'), std::string::npos);
}

}  // namespace
}  // namespace vigil::http
