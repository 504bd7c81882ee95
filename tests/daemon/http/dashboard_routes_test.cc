#include "daemon/http/dashboard_routes.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <string>

#include "daemon/http/dashboard_assets.h"

namespace vigil::http {
namespace {

std::string HeaderOf(const Response& r, std::string_view name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

Response Get(const Router& router, std::string path, std::string if_none_match = "") {
  Request r;
  r.method = "GET";
  r.path = std::move(path);
  if (!if_none_match.empty()) r.headers["if-none-match"] = if_none_match;
  return router.Dispatch(r);
}

Router DashboardRouter() {
  Router router;
  AddDashboardRoutes(router);
  return router;
}

std::string IndexHtml() {
  for (const DashboardAsset& a : DashboardAssets()) {
    if (a.name == "index.html") return std::string(a.bytes);
  }
  return "";
}

// The type a browser must be told for each kind of file the page uses; a
// module script served with another type does not run.
std::string ExpectedType(std::string_view name) {
  if (name.ends_with(".html")) return "text/html; charset=utf-8";
  if (name.ends_with(".js")) return "text/javascript; charset=utf-8";
  if (name.ends_with(".css")) return "text/css; charset=utf-8";
  if (name.ends_with(".svg")) return "image/svg+xml";
  return "?";
}

TEST(DashboardRoutes, ServesEveryEmbeddedAssetWithItsTypeWithoutAToken) {
  Router router = DashboardRouter();
  ASSERT_GE(DashboardAssets().size(), 4u);
  for (const DashboardAsset& asset : DashboardAssets()) {
    Response r = Get(router, "/assets/" + std::string(asset.name));
    EXPECT_EQ(r.status, 200) << asset.name;
    EXPECT_EQ(r.content_type, ExpectedType(asset.name)) << asset.name;
    EXPECT_EQ(r.body, asset.bytes) << asset.name;
    EXPECT_EQ(HeaderOf(r, "ETag"), asset.etag) << asset.name;
    EXPECT_FALSE(r.body.empty()) << asset.name;
  }
}

TEST(DashboardRoutes, RootIsTheIndexPage) {
  Router router = DashboardRouter();
  Response r = Get(router, "/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, IndexHtml());
  EXPECT_NE(r.body.find("id=\"signin\""), std::string::npos);
}

TEST(DashboardRoutes, UnknownAssetIs404AndTheRouterKeepsOtherPathsUnknown) {
  Router router = DashboardRouter();
  EXPECT_EQ(Get(router, "/assets/nope.js").status, 404);
  EXPECT_EQ(Get(router, "/assets/../index.html").status, 404);
  EXPECT_EQ(Get(router, "/assets/vendor/app.js").status, 404);
  EXPECT_EQ(Get(router, "/index.html").status, 404);
  Request post;
  post.method = "POST";
  post.path = "/";
  EXPECT_EQ(router.Dispatch(post).status, 405);
}

TEST(DashboardRoutes, EveryAnswerCarriesTheContentSecurityPolicy) {
  Router router = DashboardRouter();
  for (const char* path : {"/", "/assets/app.js", "/assets/style.css", "/assets/nope.js"}) {
    Response r = Get(router, path);
    std::string csp = HeaderOf(r, "Content-Security-Policy");
    EXPECT_EQ(csp, kDashboardContentSecurityPolicy) << path;
    EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
    EXPECT_EQ(HeaderOf(r, "X-Content-Type-Options"), "nosniff") << path;
  }
}

TEST(DashboardRoutes, AMatchingETagGives304WithoutABody) {
  Router router = DashboardRouter();
  Response first = Get(router, "/assets/app.js");
  std::string etag = HeaderOf(first, "ETag");
  ASSERT_FALSE(etag.empty());
  Response again = Get(router, "/assets/app.js", etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(HeaderOf(again, "ETag"), etag);
  EXPECT_EQ(Get(router, "/assets/app.js", "\"other\", " + etag).status, 304);
  EXPECT_EQ(Get(router, "/assets/app.js", "W/" + etag).status, 304);
  EXPECT_EQ(Get(router, "/assets/app.js", "\"other\"").status, 200);
}

TEST(DashboardRoutes, ETagsDifferBetweenFiles) {
  std::set<std::string_view> tags;
  for (const DashboardAsset& a : DashboardAssets()) tags.insert(a.etag);
  EXPECT_EQ(tags.size(), DashboardAssets().size());
}

TEST(DashboardRoutes, RoutesArePublicAndRunOnTheLoop) {
  Router router = DashboardRouter();
  ASSERT_EQ(router.routes().size(), 2u);
  for (const Router::Route& route : router.routes()) {
    EXPECT_TRUE(route.public_route) << route.pattern;
    EXPECT_EQ(route.runs, Runs::kOnLoop) << route.pattern;
  }
}

// The policy forbids inline script and style: the page must need neither,
// and every file it names must be embedded.
TEST(DashboardPage, HasNoInlineScriptOrStyleAndNamesOnlyEmbeddedFiles) {
  const std::string html = IndexHtml();
  ASSERT_FALSE(html.empty());
  std::smatch m;
  const std::regex script(R"(<script\b([^>]*)>([\s\S]*?)</script>)");
  int scripts = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), script); it != std::sregex_iterator(); ++it) {
    ++scripts;
    EXPECT_NE((*it)[1].str().find("src=\"/assets/"), std::string::npos) << (*it)[0].str();
    EXPECT_TRUE((*it)[2].str().empty()) << "inline script: " << (*it)[0].str();
  }
  EXPECT_GE(scripts, 1);
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(<style\b)"))) << "inline <style>";
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\sstyle\s*=)"))) << "style attribute";
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(\son[a-z]+\s*=)"))) << "inline event handler";
  EXPECT_FALSE(std::regex_search(html, std::regex(R"(https?://)"))) << "an external URL";

  std::set<std::string> embedded;
  for (const DashboardAsset& a : DashboardAssets()) embedded.insert(std::string(a.name));
  const std::regex ref(R"((?:src|href)="/assets/([^"]+)\")");
  int refs = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), ref); it != std::sregex_iterator(); ++it) {
    ++refs;
    EXPECT_TRUE(embedded.count((*it)[1].str())) << (*it)[1].str();
  }
  EXPECT_GE(refs, 3);
}

// Module imports ("./api.js") resolve against /assets/: each must be embedded.
TEST(DashboardPage, EveryModuleImportIsEmbedded) {
  std::set<std::string> embedded;
  for (const DashboardAsset& a : DashboardAssets()) embedded.insert(std::string(a.name));
  const std::regex import(R"(from\s+'\./([^']+)')");
  int imports = 0;
  for (const DashboardAsset& a : DashboardAssets()) {
    if (!a.name.ends_with(".js")) continue;
    std::string text(a.bytes);
    // The SVG namespace is a name, not an address anything fetches.
    text = std::regex_replace(text, std::regex("http://www\\.w3\\.org/2000/svg"), "SVG_NS");
    EXPECT_EQ(text.find("http://"), std::string::npos) << a.name;
    EXPECT_EQ(text.find("https://"), std::string::npos) << a.name;
    EXPECT_EQ(text.find("innerHTML"), std::string::npos) << a.name << ": build nodes, never markup from data";
    for (auto it = std::sregex_iterator(text.begin(), text.end(), import); it != std::sregex_iterator(); ++it) {
      ++imports;
      EXPECT_TRUE(embedded.count((*it)[1].str())) << a.name << " imports " << (*it)[1].str();
    }
  }
  EXPECT_GE(imports, 5);
}

}  // namespace
}  // namespace vigil::http
