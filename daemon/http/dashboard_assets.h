// The dashboard's files (web/), compiled into the daemon at build time by
// cmake/EmbedWeb.cmake: the page works offline and the daemon reads no file
// to serve it. The table is generated; its order is the files' names.
#pragma once

#include <span>
#include <string_view>

namespace vigil::http {

struct DashboardAsset {
  std::string_view name;          // the file's name in web/: "app.js"
  std::string_view content_type;  // from the extension: "text/javascript; charset=utf-8"
  std::string_view etag;          // quoted, from the file's SHA-256: "\"3f2a...\""
  std::string_view bytes;
};

std::span<const DashboardAsset> DashboardAssets();

}  // namespace vigil::http
